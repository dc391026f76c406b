// The guided experiments: each is a set of settings applied to the trainer
// (so the URL replays it), the variants a learner tries next from the same
// seed, and the compare-mode line-up. Text lives in i18n/strings.js.

export const SATURATION = {
  id: 'saturation',
  titleKey: 'exp.saturation.title',
  paragraphs: ['exp.saturation.p1', 'exp.saturation.p2', 'exp.saturation.p3'],
  settings: {
    view: 'train', exp: 'saturation', dataset: 'gauss', n: 400, noise: 0.1, trainShare: 0.5,
    hidden: [32, 32, 32, 32], act: 'sigmoid', acts: [], output: 'sigmoid', init: 'standard', biasInit: 0,
    opt: 'sgd', lr: 0.1, batch: 10, l2: 0, seed: 1, maxSteps: 2000, spikeAt: 0, speed: 'normal',
  },
  variants: [
    { labelKey: 'Tanh + Xavier', settings: { act: 'tanh', init: 'xavier' } },
    { labelKey: 'ReLU + He', settings: { act: 'relu', init: 'he' } },
    { labelKey: 'Sigmoid + standard', settings: { act: 'sigmoid', init: 'standard' } },
  ],
  compare: [{ act: 'sigmoid', init: 'standard' }, { act: 'tanh', init: 'xavier' }, { act: 'relu', init: 'he' }],
  // what the embed/custom element charts: the Glorot & Bengio figure
  headline: 'actMean',
};

export const DYING_RELU = {
  id: 'dying-relu',
  titleKey: 'exp.dying.title',
  paragraphs: ['exp.dying.p1', 'exp.dying.p2', 'exp.dying.p3'],
  settings: {
    view: 'train', exp: 'dying-relu', dataset: 'circle', n: 400, noise: 0.1, trainShare: 0.5,
    hidden: [8, 8, 8], act: 'relu', acts: [], output: 'sigmoid', init: 'he', biasInit: 0,
    opt: 'sgd', lr: 0.03, batch: 10, l2: 0, seed: 1, maxSteps: 1500, spikeAt: 300, spikeLr: 3, spikeSteps: 5, speed: 'normal',
  },
  variants: [
    { labelKey: 'Leaky ReLU', settings: { act: 'leaky_relu' } },
    { labelKey: 'PReLU', settings: { act: 'prelu' } },
    { labelKey: 'RReLU', settings: { act: 'rrelu' } },
    { labelKey: 'ELU', settings: { act: 'elu' } },
    { labelKey: 'ReLU', settings: { act: 'relu' } },
  ],
  compare: [{ act: 'relu', init: 'he' }, { act: 'leaky_relu', init: 'he' }, { act: 'prelu', init: 'he' }, { act: 'rrelu', init: 'he' }],
  headline: 'dead',
};

export const BORN_DEAD = {
  id: 'born-dead',
  titleKey: 'exp.borndead.title',
  paragraphs: ['exp.borndead.p1', 'exp.borndead.p2'],
  settings: { view: 'borndead', exp: 'born-dead', bdInit: 'he', bdTrials: 200 },
  variants: [
    { labelKey: 'He', settings: { bdInit: 'he' } },
    { labelKey: 'RAI', settings: { bdInit: 'rai' } },
  ],
  compare: null,
};

export const EXPERIMENTS = { saturation: SATURATION, 'dying-relu': DYING_RELU, 'born-dead': BORN_DEAD };

/** Born-dead table axes (Lu et al. 2019 sweep depth at small widths). */
export const BORN_DEAD_DEPTHS = [1, 2, 3, 5, 8, 10, 15, 20, 30, 40, 50];
export const BORN_DEAD_WIDTHS = [2, 3, 4, 5, 6, 8, 10];
