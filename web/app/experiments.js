// The guided experiments of the page. The measured presets live in the
// library (web/lib/experiments.js, shared with the command line); this file
// turns each into page settings (so the URL replays it), the variants a
// learner tries next from the same seed, and the compare-mode line-up.
// Text lives in i18n/strings.js.
import { activationLabel } from '../lib/catalogue.js';
import { BORN_DEAD as BD, DYING_RELU as DR, SATURATION as SAT } from '../lib/experiments.js';
import { settingsOfNetwork } from './run-setup.js';

// Settings shared by the trainer presets; the preset fills in the rest.
function trainerSettings(preset, exp) {
  const net = preset.network;
  const first = preset.variants[0];
  return {
    view: 'train', exp,
    dataset: preset.dataset.name, n: preset.dataset.options.n, noise: preset.dataset.options.noise, trainShare: 0.5,
    act: first.activation, acts: [], output: 'sigmoid', biasInit: 0, opt: 'sgd', l2: 0, clip: 0,
    ...settingsOfNetwork(net),
    init: first.init ?? net.init ?? 'xavier',
  };
}

function label(activation, init) {
  const inits = { standard: 'standard', xavier: 'Xavier', he: 'He' };
  return init ? `${activationLabel(activation)} + ${inits[init] ?? init}` : activationLabel(activation);
}

// Dying ReLU's schedule is [warm-up, spike, recovery] phases: [[steps, lr], ...].
const [[warmSteps], [spikeSteps, spikeLr], [recoverSteps]] = DR.schedule;

export const SATURATION = {
  id: 'saturation',
  titleKey: 'exp.saturation.title',
  paragraphs: ['exp.saturation.p1', 'exp.saturation.p2', 'exp.saturation.p3'],
  settings: { ...trainerSettings(SAT, 'saturation'), maxSteps: SAT.steps, spikeAt: 0 },
  variants: SAT.variants.map((v) => ({ labelKey: label(v.activation, v.init), settings: { act: v.activation, init: v.init } })),
  compare: SAT.variants.map((v) => ({ act: v.activation, init: v.init })),
  headline: 'actMean',
};

export const DYING_RELU = {
  id: 'dying-relu',
  titleKey: 'exp.dying.title',
  paragraphs: ['exp.dying.p1', 'exp.dying.p2', 'exp.dying.p3'],
  settings: { ...trainerSettings(DR, 'dying-relu'), maxSteps: warmSteps + spikeSteps + recoverSteps, spikeAt: warmSteps, spikeLr, spikeSteps },
  variants: DR.variants.map((v) => ({ labelKey: label(v.activation), settings: { act: v.activation } })),
  // compare mode holds at most four networks: ReLU and the seed's three cures
  compare: DR.variants.slice(0, 4).map((v) => ({ act: v.activation, init: DR.network.init })),
  headline: 'dead',
};

export const BORN_DEAD = {
  id: 'born-dead',
  titleKey: 'exp.borndead.title',
  paragraphs: ['exp.borndead.p1', 'exp.borndead.p2'],
  settings: { view: 'borndead', exp: 'born-dead', bdInit: BD.inits[0], bdTrials: BD.trials },
  variants: BD.inits.map((init) => ({ labelKey: init === 'rai' ? 'RAI' : 'He', settings: { bdInit: init } })),
  compare: null,
};

export const EXPERIMENTS = { saturation: SATURATION, 'dying-relu': DYING_RELU, 'born-dead': BORN_DEAD };

/** Born-dead table axes: the library preset's, with a few more depths for a smoother map. */
export const BORN_DEAD_DEPTHS = [...new Set([...BD.depths, 3, 8, 15, 30])].sort((a, b) => a - b);
export const BORN_DEAD_WIDTHS = [...new Set([...BD.widths, 6, 8])].sort((a, b) => a - b);
export const BORN_DEAD_SEED = BD.seed;
