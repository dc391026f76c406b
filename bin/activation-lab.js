#!/usr/bin/env node
// Headless experiments from the command line:
//   npx activation-lab <saturation|dying-relu|born-dead|train> [options]
// Tables on stdout (or --json), a progress bar on stderr when it is a terminal.
import { readFileSync } from 'node:fs';

import { loadLab, runBornDead, runLesson, runLessons, runTrainingExperiment, EXPERIMENTS, LESSON_IDS } from '../web/lib/node.js';
import { GCN_EXPERIMENT, runGcnExperiment } from '../web/lib/graph-experiment.js';
import { formatBornDead, formatGcn, formatLessons, formatTrain, formatTrainingExperiment } from './format.js';

const USAGE = `usage: activation-lab <experiment> [options]
       activation-lab lessons [--json]      every lesson: { id, claim, holds, measured }
       activation-lab lesson <id> [--json]  one lesson (ids: ${LESSON_IDS.join(', ')})

experiments:
  saturation   deep sigmoid net (standard init) vs tanh/xavier vs relu/he:
               per-layer mean activation, saturation and gradient norms
  dying-relu   relu with a learning-rate spike vs leaky_relu, prelu, rrelu, elu
               from the same seed: dead fraction per layer and final accuracy
  born-dead    probability that a ReLU net is dead at initialisation, depth x width,
               for he and rai initialisation
  train        any network: --config '<json>' or --config file.json, --dataset NAME
  gcn          graph convolution on Zachary's karate club, one labelled member per
               faction: identity vs tanh, sigmoid, relu, leaky_relu between layers
               (--config '<json>' overrides the GCN config, e.g. {"layer":"chebyshev"})

options:
  --json             print JSON instead of tables
  --seed N           seed of network and data (default: the preset's)
  --steps N          training steps (saturation, train, gcn)
  --every N          steps between reports (train; default 100)
  --dataset NAME     dataset for train (default circle); --n N, --noise X
  --trials N         Monte Carlo trials per cell (born-dead; default 500)
  --progress         draw the progress bar even when stderr is not a terminal
  --help             this text`;

const FLAGS = {
  json: 'boolean', progress: 'boolean', help: 'boolean',
  seed: 'integer', steps: 'integer', every: 'integer', trials: 'integer', n: 'integer',
  noise: 'number', dataset: 'string', config: 'string',
};

export function parseArgs(argv) {
  const [experiment, ...args] = argv;
  const options = {};
  // `lesson <id>`: the one positional argument.
  let rest = args;
  if (experiment === 'lesson') {
    if (args[0] === undefined || args[0].startsWith('--')) throw new RangeError(`lesson needs an id; allowed: ${LESSON_IDS.join(', ')}`);
    options.id = args[0];
    rest = args.slice(1);
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new RangeError(`unexpected argument ${JSON.stringify(arg)}; options start with --`);
    const name = arg.slice(2);
    const kind = FLAGS[name];
    if (!kind) throw new RangeError(`unknown option --${name}; allowed: ${Object.keys(FLAGS).map((f) => `--${f}`).join(', ')}`);
    if (kind === 'boolean') { options[name] = true; continue; }
    const value = rest[++i];
    if (value === undefined) throw new RangeError(`--${name} needs a value`);
    if (kind === 'string') { options[name] = value; continue; }
    const num = Number(value);
    if (!Number.isFinite(num) || (kind === 'integer' && !Number.isInteger(num)) || num < 0) {
      throw new RangeError(`--${name} must be a non-negative ${kind}; got ${JSON.stringify(value)}`);
    }
    options[name] = num;
  }
  return { experiment, options };
}

function progressBar(enabled) {
  if (!enabled) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((width * done) / total);
    process.stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}%`);
    if (done >= total) process.stderr.write('\n');
  };
}

function readConfig(text) {
  if (text === undefined) return { inputs: 2, hidden: [8, 8], activation: 'relu' };
  const source = text.trim().startsWith('{') ? text : readFileSync(text, 'utf8');
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new TypeError(`--config must be JSON or a JSON file: ${e.message}`);
  }
}

function runTrain(lab, o, onProgress) {
  const config = readConfig(o.config);
  if (o.seed !== undefined) config.seed = o.seed;
  const data = lab.dataset(o.dataset ?? 'circle', { n: o.n ?? 500, noise: o.noise ?? 0.1, seed: o.seed ?? 1 });
  const net = lab.createNetwork(config);
  try {
    net.setData(data);
    const steps = o.steps ?? 1000;
    const every = Math.max(1, o.every ?? 100);
    const history = [net.train(0)];
    for (let done = 0; done < steps;) {
      const n = Math.min(every, steps - done);
      history.push(net.train(n));
      done += n;
      onProgress?.(done, steps);
      if (history.at(-1).diverged) break;
    }
    return { id: 'train', config: net.config, history, final: history.at(-1) };
  } finally {
    net.delete();
  }
}

export async function main(argv, out = process.stdout) {
  const { experiment, options: o } = parseArgs(argv);
  if (o.help || experiment === undefined || experiment === '--help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const known = ['saturation', 'dying-relu', 'born-dead', 'train', 'gcn', 'lessons', 'lesson'];
  if (!known.includes(experiment)) throw new RangeError(`unknown experiment ${JSON.stringify(experiment)}; allowed: ${known.join(', ')}`);
  const lab = await loadLab();
  const onProgress = progressBar(o.progress || process.stderr.isTTY);
  let result;
  let text;
  if (experiment === 'lessons' || experiment === 'lesson') {
    // One row per lesson, { id, claim, holds, measured }: the chart series stay in the library.
    const rows = experiment === 'lesson' ? [runLesson(lab, o.id)] : runLessons(lab, { onProgress: onProgress && ((d, t) => onProgress(d, t)) });
    result = rows.map(({ id, claim, holds, measured }) => ({ id, claim, holds, measured }));
    if (experiment === 'lesson') result = result[0];
    text = formatLessons(rows);
  } else if (experiment === 'born-dead') {
    const preset = { ...EXPERIMENTS['born-dead'], ...(o.trials ? { trials: o.trials } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) };
    result = runBornDead(lab, preset, { onProgress });
    text = formatBornDead(result, preset);
  } else if (experiment === 'gcn') {
    const overrides = o.config === undefined ? {} : readConfig(o.config);
    if (o.seed !== undefined) overrides.seed = o.seed;
    result = runGcnExperiment(lab, GCN_EXPERIMENT, { onProgress, overrides, steps: o.steps ?? GCN_EXPERIMENT.steps });
    text = formatGcn(result);
  } else if (experiment === 'train') {
    result = runTrain(lab, o, onProgress);
    text = formatTrain(result);
  } else {
    const base = EXPERIMENTS[experiment];
    const preset = { ...base };
    if (o.steps !== undefined) {
      if (base.schedule) throw new RangeError('--steps is fixed by the dying-relu schedule (warm-up, spike, recovery)');
      preset.steps = o.steps;
    }
    const overrides = o.seed !== undefined ? { seed: o.seed } : {};
    result = runTrainingExperiment(lab, preset, { onProgress, overrides });
    text = formatTrainingExperiment(result);
  }
  out.write(o.json ? `${JSON.stringify(result, null, 1)}\n` : text);
  return 0;
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop());
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    // exitCode, not exit(): a piped stdout is written asynchronously, and
    // process.exit() would cut a long --json output short.
    (code) => { process.exitCode = code; },
    (error) => {
      process.stderr.write(`activation-lab: ${error.message}\n`);
      process.exitCode = error instanceof RangeError || error instanceof TypeError ? 2 : 1;
    },
  );
}
