// The `gcn` experiment as data, shared by the command line and the page:
// semi-supervised node classification on Zachary's karate club with one
// labelled member per faction (Mr. Hi, node 0; the officer, node 33), the same
// stack of graph convolutions and seed for every activation.
//
// The identity variant is the point of comparison: with no nonlinearity the
// stack Â·(Â·(Â·X·W₁)·W₂)·W₃ is one linear map of Â³X, so depth adds only
// smoothing (a fixed polynomial filter), never a new decision boundary.

import { readRunOptions, requireArray, requireSteps } from './experiments.js';
import { requirePlainObject } from './validate.js';

export const GCN_EXPERIMENT = Object.freeze({
  id: 'gcn',
  graph: 'karate',
  labelled: Object.freeze([0, 33]),
  config: Object.freeze({ layer: 'gcn', hidden: Object.freeze([16, 16]), optimizer: 'adam', learningRate: 0.01, weightDecay: 5e-4, seed: 1 }),
  activations: Object.freeze(['identity', 'tanh', 'sigmoid', 'relu', 'leaky_relu']),
  steps: 200,
  every: 20,
});

/**
 * Runs every activation of the preset: { id, graph, labelled, variants: [{ activation, config,
 * history: [report], final, predictions: [n] }] }. `overrides` are merged into the config.
 */
export function runGcnExperiment(lab, preset = GCN_EXPERIMENT, options) {
  requirePlainObject(preset, 'preset');
  requireArray(preset.activations, 'preset.activations');
  requireArray(preset.labelled, 'preset.labelled');
  requireSteps(preset.every, 'preset.every', 1);
  const o = readRunOptions(options, ['onProgress', 'overrides', 'steps']);
  const { onProgress } = o;
  const overrides = requirePlainObject(o.overrides, 'options.overrides', { optional: true });
  const steps = o.steps === undefined ? requireSteps(preset.steps, 'preset.steps') : requireSteps(o.steps, 'options.steps');
  const graph = lab.graph(preset.graph);
  const variants = [];
  const total = preset.activations.length * steps;
  let done = 0;
  for (const activation of preset.activations) {
    const config = { ...preset.config, ...overrides, activation };
    const model = lab.createGcn(config);
    try {
      model.setGraph(graph, { labelled: [...preset.labelled] });
      const history = [model.evaluate()];
      for (let s = 0; s < steps;) {
        const n = Math.min(preset.every, steps - s);
        history.push(model.train(n));
        s += n;
        done += n;
        onProgress?.(done, total);
        if (history.at(-1).diverged) break;
      }
      variants.push({ activation, config: model.config, history, final: history.at(-1), predictions: Array.from(model.predictions()) });
    } finally {
      model.delete();
    }
  }
  return { id: preset.id, graph: preset.graph, nodes: graph.nodes, labelled: [...preset.labelled], variants };
}
