// Turns page settings into what the training worker needs: the dataset
// request, one network config per run and the training schedule. Pure
// functions shared by the page, the embed page and the custom element.
import { REGRESSION, layerActivations } from './state.js';

/** Steps per report (fixed, so a run's report history is the same on every replay). */
export const REPORT_EVERY = 10;

/** Training steps per second for each speed ('max' = as fast as the worker can). */
export const SPEED_STEPS = { slow: 60, normal: 300, fast: 1500, max: Infinity };

/** The dataset request for lab.dataset(). */
export function dataRequest(state) {
  return { name: state.dataset, n: state.n, noise: state.noise, seed: state.seed, trainFraction: state.trainShare, classes: state.classes, size: state.size };
}

/** The head that fits a dataset when the chosen one does not (softmax needs spiral_k, regression needs linear/tanh). */
export function fittingOutput(state) {
  if (REGRESSION.has(state.dataset)) return state.output === 'tanh' || state.output === 'linear' ? state.output : 'linear';
  if (state.dataset === 'spiral_k' || state.dataset === 'shapeset') return 'softmax';
  return state.output === 'sigmoid' || state.output === 'tanh' ? state.output : 'sigmoid';
}

/**
 * Page settings that are network config fields, by their two names: the URL's
 * short one and lab.createNetwork's (the one place that pairs them). The
 * fields networkConfig derives (activation, output, classes) are not here.
 */
export const CONFIG_FIELD_OF_SETTING = Object.freeze({
  hidden: 'hidden', init: 'init', initGain: 'initGain', biasInit: 'biasInit', opt: 'optimizer', lr: 'learningRate',
  batch: 'batchSize', l2: 'l2', clip: 'clip', seed: 'seed',
});

// The fields copied as they are, in the config's order (after the derived ones).
const PLAIN_SETTINGS = ['biasInit', 'opt', 'lr', 'batch', 'l2', 'clip', 'seed'];

/** The page settings a network config (a library preset's `network`) sets, for the fields it defines. */
export function settingsOfNetwork(network) {
  const out = {};
  for (const [setting, field] of Object.entries(CONFIG_FIELD_OF_SETTING)) {
    if (network[field] !== undefined) out[setting] = Array.isArray(network[field]) ? [...network[field]] : network[field];
  }
  return out;
}

/** The network config for lab.createNetwork(); `override` replaces activation and/or init (compare runs). */
export function networkConfig(state, inputs, override = {}) {
  const activation = override.act ? state.hidden.map(() => override.act) : layerActivations(state);
  const output = fittingOutput(state);
  const field = CONFIG_FIELD_OF_SETTING;
  const config = {
    inputs,
    [field.hidden]: [...state.hidden],
    activation: activation.length ? activation : state.act,
    output,
    // Shapeset-3x2 has 9 classes whatever the classes setting (spiral_k's) says.
    classes: output !== 'softmax' ? 2 : state.dataset === 'shapeset' ? 9 : state.classes,
    [field.init]: override.init ?? state.init,
    [field.initGain]: state.initGain ?? 1,
  };
  for (const setting of PLAIN_SETTINGS) config[field[setting]] = state[setting];
  return config;
}

/** The schedule the worker follows: stop step, scheduled spike, pace. */
export function schedule(state) {
  return {
    reportEvery: REPORT_EVERY,
    maxSteps: state.maxSteps,
    spike: state.spikeAt > 0 ? { at: state.spikeAt, lr: state.spikeLr, steps: state.spikeSteps } : null,
    stepsPerSecond: SPEED_STEPS[state.speed] ?? SPEED_STEPS.normal,
    manualSpike: { lr: state.spikeLr, steps: state.spikeSteps },
  };
}

/** A full worker setup: one run for the trainer, or one per compare entry. */
export function workerSetup(state, { compare = false } = {}) {
  const runs = compare
    ? state.runs.map((r, i) => ({ key: `run${i}`, override: r }))
    : [{ key: 'main', override: {} }];
  return { mode: compare ? 'compare' : 'train', data: dataRequest(state), runs, schedule: schedule(state), stateForConfig: pickConfigState(state) };
}

// Only the fields networkConfig reads travel to the worker.
function pickConfigState(state) {
  const { hidden, act, acts, dataset, output, classes, init, initGain, biasInit, opt, lr, batch, l2, clip, seed } = state;
  return { hidden, act, acts, dataset, output, classes, init, initGain, biasInit, opt, lr, batch, l2, clip, seed };
}
