// The command line's experiments: one table entry each, with its options, its
// help text and its runner. `run(lab, values, onProgress)` returns
//   { result, text, rows }
// result: the plain data (printed by --json), text: the tables (the default),
// rows: flat records of one kind each (printed by --csv, one line per row).
// The experiments themselves live in the library (web/lib); this file only
// maps flags onto them.
import { readFileSync } from 'node:fs';

import { EXPERIMENTS, LESSON_IDS, lessonDefinition, runBornDead, runLesson, runLessons, runTrainingExperiment } from '../web/lib/node.js';
import { GCN_EXPERIMENT, runGcnExperiment } from '../web/lib/graph-experiment.js';
import { shippedSchema } from '../web/lib/schema.js';
import { formatBornDead, formatGcn, formatLessons, formatTrain, formatTrainingExperiment } from './format.js';

// ---- option kinds: util.parseArgs reads strings; these check and convert ----
const integer = (min, max) => ({ type: 'string', value: 'N', read: (name, raw) => readNumber(name, raw, { min, max, integer: true }) });
const number = (min, max) => ({ type: 'string', value: 'X', read: (name, raw) => readNumber(name, raw, { min, max, integer: false }) });
const text = (value) => ({ type: 'string', value, read: (_name, raw) => raw });

// Decimal text only: Number() would also read "0x10", "0b11", " 5" and "".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function readNumber(name, raw, { min, max, integer: whole }) {
  const value = DECIMAL.test(raw) ? Number(raw) : NaN;
  const kind = whole ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max) {
    const range = min === 0 && max === Infinity ? (whole ? 'a non-negative integer' : 'a non-negative number') : `${kind} in [${min}, ${max}]`;
    throw new RangeError(`--${name} must be ${range}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

const SEED = { ...integer(0, 4294967295), help: "seed of the networks and data (default: the preset's)" };

function readConfig(source, flag = '--config') {
  let json = source;
  // JSON text starts with { (or [, which is JSON too, only not an object); anything else names a file
  if (!/^\s*[{[]/.test(source)) {
    try {
      json = readFileSync(source, 'utf8').replace(/^\ufeff/, '');   // a UTF-8 byte-order mark is not JSON
    } catch (error) {
      throw new TypeError(`${flag} must be JSON text or a JSON file; cannot read ${JSON.stringify(source)} (${error.code ?? error.message})`);
    }
  }
  let value;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new TypeError(`${flag} must be a JSON object: ${error.message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${flag} must be a JSON object; got ${Array.isArray(value) ? 'an array' : JSON.stringify(value).slice(0, 40)}`);
  }
  return value;
}

// ---- rows for --csv: one record per (network, report, layer) ----
const LAYER_FIELDS = ['preMean', 'preStd', 'actMean', 'actStd', 'actPercentiles', 'saturatedFraction', 'inactiveFraction', 'deadFraction', 'meanAbsDerivative', 'gradNorm'];

function layerRows(base, report, activationOf) {
  return report.layers.map((layer, i) => {
    const row = { ...base, step: report.step };
    for (const k of ['learningRate', 'loss', 'trainLoss', 'testLoss', 'accuracy', 'trainAccuracy', 'testAccuracy']) {
      if (k in report) row[k] = report[k];
    }
    row.diverged = report.diverged;
    row.layer = i + 1;
    row.layerActivation = activationOf(i);
    for (const k of LAYER_FIELDS) if (k in layer) row[k] = layer[k];
    return row;
  });
}

const perLayer = (activation) => (i) => (Array.isArray(activation) ? activation[i] : activation);

function trainingRows(result) {
  return result.variants.flatMap((v) => v.history.flatMap((r) =>
    layerRows({ activation: v.activation, init: v.init ?? '' }, r, perLayer(v.activation))));
}

// ---- the experiments ----
function runTrainingPreset(id) {
  return (lab, o, onProgress) => {
    const preset = { ...EXPERIMENTS[id] };
    if (o.steps !== undefined) preset.steps = o.steps;
    const overrides = o.seed !== undefined ? { seed: o.seed } : {};
    const result = runTrainingExperiment(lab, preset, { onProgress, overrides });
    return { result, text: formatTrainingExperiment(result), rows: trainingRows(result) };
  };
}

// What a network needs to fit a dataset: its inputs, and a softmax head for
// more than two classes or a linear one for regression (classes 0).
function fitTo(data) {
  const head = data.classes === 0 ? { output: 'linear' } : data.classes > 2 ? { output: 'softmax', classes: data.classes } : {};
  return { inputs: data.inputs, ...head };
}

// The dataset's errors named by the flags that chose it.
function readDataset(lab, name, options) {
  try {
    return lab.dataset(name, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RangeError(error.message.startsWith('name must be') ? error.message.replace(/^name/, '--dataset') : `--dataset ${name}: ${error.message}`);
  }
}

// Reports a train run keeps (each a few KB with its layers and histograms):
// 20000 take about 300 MB; a million would exhaust the heap after minutes.
const MAX_REPORTS = 20000;

function runTrain(lab, o, onProgress) {
  const steps = o.steps ?? 1000;
  const every = o.every ?? 100;
  if (Math.ceil(steps / every) > MAX_REPORTS) {
    throw new RangeError(`--every must be at least ${Math.ceil(steps / MAX_REPORTS)} for --steps ${steps} (at most ${MAX_REPORTS} reports); got ${every}`);
  }
  const given = o.config === undefined ? { hidden: [8, 8], activation: 'relu' } : readConfig(o.config);
  if (o.seed !== undefined) given.seed = o.seed;
  const name = o.dataset ?? 'circle';
  const data = readDataset(lab, name, { n: o.n ?? 500, noise: o.noise ?? 0.1, seed: o.seed ?? 1 });
  const net = lab.createNetwork({ ...fitTo(data), ...given });
  try {
    try {
      net.setData(data);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`--dataset ${name} does not fit --config: ${error.message}`);
      throw error;
    }
    const history = [net.train(0)];
    for (let done = 0; done < steps;) {
      const n = Math.min(every, steps - done);
      history.push(net.train(n));
      done += n;
      onProgress?.(done, steps);
      if (history.at(-1).diverged) break;
    }
    const result = { id: 'train', config: net.config, history, final: history.at(-1) };
    const rows = history.flatMap((r) => layerRows({}, r, perLayer(result.config.activation)));
    return { result, text: formatTrain(result), rows };
  } finally {
    net.delete();
  }
}

function runBornDeadTable(lab, o, onProgress) {
  const preset = { ...EXPERIMENTS['born-dead'] };
  if (o.trials !== undefined) preset.trials = o.trials;
  if (o.seed !== undefined) preset.seed = o.seed;
  const result = runBornDead(lab, preset, { onProgress });
  return { result, text: formatBornDead(result, preset), rows: result.rows };
}

function runGcn(lab, o, onProgress) {
  const overrides = o.config === undefined ? {} : readConfig(o.config);
  if (o.seed !== undefined) overrides.seed = o.seed;
  const result = runGcnExperiment(lab, GCN_EXPERIMENT, { onProgress, overrides, steps: o.steps ?? GCN_EXPERIMENT.steps });
  const rows = result.variants.flatMap((v) => v.history.flatMap((r) => layerRows({ activation: v.activation }, r, () => v.activation)));
  return { result, text: formatGcn(result), rows };
}

// ---- the seed's claims as lessons (web/lib/lessons.js): { id, claim, holds, measured } per lesson ----
function lessonOutput(results) {
  const plain = results.map(({ id, claim, holds, measured }) => ({ id, claim, holds, measured }));
  // --csv: one line per lesson, each measured number its own column
  const rows = plain.map(({ id, claim, holds, measured }) => ({ id, claim, holds,
    ...Object.fromEntries(Object.entries(measured).map(([k, v]) => [`measured.${k}`, v])) }));
  return { plain, rows, text: formatLessons(results) };
}

function runAllLessons(lab, _o, onProgress) {
  const { plain, rows, text } = lessonOutput(runLessons(lab, { onProgress: onProgress && ((done, total) => onProgress(done, total)) }));
  return { result: plain, text, rows };
}

function runOneLesson(lab, o, onProgress) {
  const { plain, rows, text } = lessonOutput([runLesson(lab, o.id)]);
  onProgress?.(1, 1);
  return { result: plain[0], text, rows };
}

// the library's RangeError names the allowed ids
const readLessonId = (raw) => lessonDefinition(raw).id;

/**
 * One entry per experiment. `options` are util.parseArgs options plus
 * `value` (the placeholder in the help), `help` and `read` (check + convert).
 */
export const COMMANDS = [
  {
    name: 'saturation',
    summary: 'deep sigmoid net (standard init) vs tanh/xavier vs relu/he',
    description: 'Circle data, 4 hidden layers of 32, learning rate 0.3: the sigmoid net\'s gradient vanishes\n'
      + 'through depth (sigma\' <= 1/4) with no unit saturated; Glorot & Bengio\'s saturation at the paper\'s\n'
      + 'scale is `activation-lab lesson saturation`. Per layer and report: mean activation, saturated,\n'
      + 'inactive and dead shares, weight-gradient norm.',
    options: { steps: { ...integer(0, 1e6), help: `training steps per network (default ${EXPERIMENTS.saturation.steps})` }, seed: SEED },
    example: 'activation-lab saturation --steps 1000 --csv > saturation.csv',
    run: runTrainingPreset('saturation'),
  },
  {
    name: 'dying-relu',
    summary: 'relu with a learning-rate spike vs leaky_relu, prelu, rrelu, elu',
    description: 'Same seed and data for every activation: 300 steps at 0.03, a spike of 20 steps at 5,\n'
      + '1000 steps at 0.03 (the schedule is fixed). Dead share per layer and final accuracy.',
    options: { seed: SEED },
    example: 'activation-lab dying-relu --json > dying-relu.json',
    run: runTrainingPreset('dying-relu'),
  },
  {
    name: 'born-dead',
    summary: 'P(a ReLU net is dead at initialisation), depth x width, he vs rai',
    description: 'Monte Carlo over 101 inputs in [-1, 1]: the share of freshly initialised ReLU nets\n'
      + 'whose output is constant, for depths 1..50 and widths 2..10 (Lu et al. 2019).',
    options: { trials: { ...integer(1, 100000), help: `Monte Carlo trials per cell (default ${EXPERIMENTS['born-dead'].trials})` }, seed: SEED },
    example: 'activation-lab born-dead --trials 2000 --csv',
    run: runBornDeadTable,
  },
  {
    name: 'train',
    summary: 'any network on any dataset, with a report every --every steps',
    description: 'Trains one network (every config field: README, "lab.createNetwork(config)").\n'
      + 'Default config: {"hidden":[8,8],"activation":"relu"}. Unless --config sets them, inputs and the head\n'
      + 'follow --dataset: softmax for more than two classes (spiral_k, shapeset), linear for regression.',
    options: {
      config: { ...text('JSON|FILE'), help: 'network config as JSON text or a JSON file' },
      dataset: { ...text('NAME'), help: shippedSchema().dataset.names.map((n) => (n === 'circle' ? 'circle (default)' : n)).join(', ') },
      n: { ...integer(4, 100000), help: 'number of samples (default 500)' },
      noise: { ...number(0, 1), help: 'noise of the data in [0, 1] (default 0.1)' },
      steps: { ...integer(0, 1e6), help: 'training steps (default 1000)' },
      every: { ...integer(1, 1e6), help: 'steps between reports (default 100)' },
      seed: SEED,
    },
    example: 'activation-lab train --config \'{"inputs":2,"hidden":[8,8],"activation":"elu"}\' --dataset spiral --steps 2000',
    run: runTrain,
  },
  {
    name: 'gcn',
    summary: "graph convolution on Zachary's karate club: identity vs tanh, sigmoid, relu, leaky_relu",
    description: 'Semi-supervised node classification from one labelled member per faction (docs/graph.md).',
    options: {
      config: { ...text('JSON|FILE'), help: 'overrides of the GCN config, e.g. {"layer":"chebyshev"}' },
      // a report every 20 steps for each of 5 activations: 100000 steps keep 25000 reports (~800 MB)
      steps: { ...integer(0, 1e5), help: `training steps per activation (default ${GCN_EXPERIMENT.steps})` },
      seed: SEED,
    },
    example: 'activation-lab gcn --config \'{"layer":"chebyshev","hidden":[8]}\'',
    run: runGcn,
  },
  {
    name: 'lessons',
    summary: "every lesson: the seed's claims measured, one row { id, claim, holds, measured } each",
    description: 'The twelve lessons of docs/lessons.md, each a seeded experiment with a verdict\n'
      + `(${LESSON_IDS.join(', ')}); about 30 s of CPU in all.`,
    options: {},
    example: 'activation-lab lessons --json > lessons.json',
    run: runAllLessons,
  },
  {
    name: 'lesson',
    summary: 'one lesson by id (activation-lab lesson saturation)',
    description: `Runs one lesson of docs/lessons.md and prints its verdict and measured numbers.\nids: ${LESSON_IDS.join(', ')}.`,
    positional: { name: 'id', read: readLessonId, missing: `lesson needs an id; allowed: ${LESSON_IDS.join(', ')}` },
    options: {},
    example: 'activation-lab lesson dying-relu --json',
    run: runOneLesson,
  },
];

/** Options every experiment takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', help: 'print the result as JSON' },
  csv: { type: 'boolean', help: 'print one CSV line per network, report and layer (born-dead: per cell)' },
  progress: { type: 'boolean', help: 'draw the progress bar even when stderr is not a terminal' },
  'no-progress': { type: 'boolean', help: 'never draw the progress bar' },
  help: { type: 'boolean', short: 'h', help: 'help for this experiment' },
};
