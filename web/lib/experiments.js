// The guided experiments, as data and runners shared by the Node command line
// and the page. Each preset was chosen by measurement (see docs/experiments.md):
// it shows its effect reliably from its seed. Runners take a Lab and plain
// options and return plain data; they know nothing of terminals or pages.
import { describe, plainFields, requireKnownKeys, requirePlainObject } from './validate.js';

/** A deep sigmoid network with standard initialisation vs tanh + xavier vs
 * relu + he on the 2-D circle, same data and seed. The sigmoid net's top layer
 * drifts towards 0 and its gradient vanishes through depth (σ' <= 1/4), but no
 * unit saturates at this scale: saturatedFraction stays 0. Glorot & Bengio's
 * saturation itself is the 'saturation' lesson (web/lib/lessons.js, Shapeset). */
export const SATURATION = Object.freeze({
  id: 'saturation',
  dataset: { name: 'circle', options: { n: 1000, noise: 0.1, seed: 1 } },
  network: { inputs: 2, hidden: [32, 32, 32, 32], learningRate: 0.3, batchSize: 10, seed: 1 },
  variants: [
    { activation: 'sigmoid', init: 'standard' },
    { activation: 'tanh', init: 'xavier' },
    { activation: 'relu', init: 'he' },
  ],
  steps: 2000,
  reportEvery: 100,
});

/** Dying ReLU: a learning-rate spike kills ReLU units for good; the leaky,
 * parametric, randomized and exponential variants from the same seed survive it. */
export const DYING_RELU = Object.freeze({
  id: 'dying-relu',
  dataset: { name: 'circle', options: { n: 1000, noise: 0.1, seed: 1 } },
  network: { inputs: 2, hidden: [8, 8, 8], init: 'he', learningRate: 0.03, batchSize: 10, clip: 1, seed: 1 },
  variants: [
    { activation: 'relu' },
    { activation: 'leaky_relu' },
    { activation: 'prelu' },
    { activation: 'rrelu' },
    { activation: 'elu' },
  ],
  // [steps, learning rate] phases: warm up, spike, recover.
  schedule: [[300, 0.03], [20, 5], [1000, 0.03]],
  reportEvery: 20,
});

/** Born dead (Lu et al. 2019): probability that a ReLU net with 1-D input has a
 * constant output at initialisation, by depth and width, for he and rai. */
export const BORN_DEAD = Object.freeze({
  id: 'born-dead',
  depths: [1, 2, 5, 10, 20, 50],
  widths: [2, 3, 4, 5, 10],
  inits: ['he', 'rai'],
  trials: 500,
  seed: 1,
});

export const EXPERIMENTS = Object.freeze({ saturation: SATURATION, 'dying-relu': DYING_RELU, 'born-dead': BORN_DEAD });

function schedulePhases(preset) {
  return preset.schedule ?? [[preset.steps, preset.network.learningRate]];
}

// ---- checks of presets and options from callers (a report interval of 0 would loop for ever) ----

/** An integer count of steps in [min, 1e6], named `field`. */
export function requireSteps(value, field, min = 0) {
  if (typeof value !== 'number') throw new TypeError(`${field} must be a number; got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > 1e6) throw new RangeError(`${field} must be an integer in [${min}, 1000000]; got ${value}`);
  return value;
}

export function requireArray(value, field, what = 'an array') {
  if (!Array.isArray(value)) throw new TypeError(`${field} must be ${what}; got ${describe(value)}`);
  return value;
}

/** The options of a runner: known keys only, onProgress a function when given. */
export function readRunOptions(options, allowed) {
  const o = plainFields(options, 'options', { optional: true });
  requireKnownKeys(o, 'options', allowed);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`options.onProgress must be a function; got ${describe(o.onProgress)}`);
  }
  return o;
}

function checkTrainingPreset(preset) {
  requirePlainObject(preset, 'preset');
  requirePlainObject(preset.dataset, 'preset.dataset');
  requirePlainObject(preset.network, 'preset.network');
  requireArray(preset.variants, 'preset.variants', 'an array of network configs');
  if (preset.schedule === undefined) requireSteps(preset.steps, 'preset.steps');
  else {
    requireArray(preset.schedule, 'preset.schedule', 'an array of [steps, learning rate] pairs');
    preset.schedule.forEach((phase, i) => {
      if (!Array.isArray(phase) || phase.length !== 2) throw new TypeError(`preset.schedule[${i}] must be a pair [steps, learning rate]; got ${describe(phase)}`);
      requireSteps(phase[0], `preset.schedule[${i}][0]`);
    });
  }
  requireSteps(preset.reportEvery, 'preset.reportEvery', 1);
}

/**
 * Trains every variant of a preset ('saturation' or 'dying-relu') and returns
 * { id, variants: [{ activation, init, history: [report...], final }] }.
 * onProgress(done, total) is called after every report.
 */
export function runTrainingExperiment(lab, preset, options) {
  checkTrainingPreset(preset);
  const { onProgress, overrides: given } = readRunOptions(options, ['onProgress', 'overrides']);
  const overrides = requirePlainObject(given, 'options.overrides', { optional: true });
  const data = lab.dataset(preset.dataset.name, preset.dataset.options);
  const phases = schedulePhases(preset);
  const totalSteps = phases.reduce((s, [n]) => s + n, 0);
  const total = preset.variants.length * totalSteps;
  let done = 0;
  const variants = preset.variants.map((variant) => {
    const config = { ...preset.network, ...variant, ...overrides };
    const net = lab.createNetwork(config);
    try {
      net.setData(data);
      const history = [net.train(0)];
      for (const [steps, lr] of phases) {
        net.setLearningRate(lr);
        for (let left = steps; left > 0;) {
          const n = Math.min(preset.reportEvery, left);
          const report = net.train(n);
          history.push(report);
          left -= n;
          done += n;
          onProgress?.(done, total);
        }
      }
      return { activation: config.activation, init: config.init, history, final: history.at(-1) };
    } finally {
      net.delete();
    }
  });
  return { id: preset.id, dataset: preset.dataset, network: preset.network, variants };
}

/** The born-dead table: { rows: [{ init, depth, width, probability, dead, trials }] }. */
export function runBornDead(lab, preset = BORN_DEAD, options) {
  requirePlainObject(preset, 'preset');
  for (const key of ['inits', 'depths', 'widths']) requireArray(preset[key], `preset.${key}`);
  const { onProgress } = readRunOptions(options, ['onProgress']);
  const rows = [];
  const total = preset.inits.length * preset.depths.length * preset.widths.length;
  for (const init of preset.inits) {
    for (const depth of preset.depths) {
      for (const width of preset.widths) {
        const r = lab.bornDead({ width, depth, init, trials: preset.trials, seed: preset.seed });
        rows.push({ init, depth, width, ...r });
        onProgress?.(rows.length, total);
      }
    }
  }
  return { id: preset.id, rows };
}
