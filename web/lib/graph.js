// The graph-convolution part of the library: named graphs, the graph Fourier
// basis, spectral filters, and GcnModel (semi-supervised node classification,
// C++ graph::GcnModel behind Embind). Validates argument types here; the C++
// API (cpp/api/graph_api.cpp) validates values and ranges and names the field.
//
// A graph is a plain object { nodes, edges, labels?, classNames?, ... }:
//   nodes   number of nodes (integer)
//   edges   Int32Array [u0, v0, u1, v1, ...] or an array of [u, v] pairs (undirected)
//   labels  Int32Array / array (n) of classes, -1 for unknown (needed for training)
// lab.graph(name) returns one with every field filled.
import { checked } from './module-call.js';
import { WasmObject } from './wasm-object.js';
import { schemaOf } from './schema.js';
import { describe, isTypedArray, plainFields, plainOptions, readReportOption, requireFloat32Array, requireKnownKeys, requireLive, requireNumber, requirePlainObject, requireString } from './validate.js';

const GRAPH_FIELDS = ['name', 'nodes', 'edges', 'labels', 'classes', 'classNames', 'comment', 'features', 'featureCount'];

/** An Int32Array from an Int32Array, an array of integers or an array of [u, v] pairs. */
function toInt32(value, field, { pairs = false } = {}) {
  if (!Array.isArray(value) && !isTypedArray(value)) {
    throw new TypeError(`${field} must be an Int32Array or an array${pairs ? ' of [u, v] pairs' : ''}; got ${describe(value)}`);
  }
  if (isTypedArray(value)) requireLive(value, field, 'Int32Array or array');
  if (value instanceof Int32Array) return value;
  const flat = pairs && Array.isArray(value) && Array.isArray(value[0]) ? value.flat() : Array.from(value);
  if (pairs && Array.isArray(value) && Array.isArray(value[0])) {
    value.forEach((p, i) => {
      if (!Array.isArray(p) || p.length !== 2) throw new TypeError(`${field}[${i}] must be a pair [u, v]; got ${describe(p)}`);
    });
  }
  flat.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new TypeError(`${field}[${i}] must be an integer; got ${describe(v)}`);
    }
  });
  return Int32Array.from(flat);
}

/** Checks a graph object and returns { nodes, edges: Int32Array, labels: Int32Array | null }. */
export function normaliseGraph(graphArgument, field = 'graph') {
  const graph = plainFields(graphArgument, field);
  requireKnownKeys(graph, field, GRAPH_FIELDS);
  if (typeof graph.nodes !== 'number') throw new TypeError(`${field}.nodes must be a number; got ${describe(graph.nodes)}`);
  const edges = toInt32(graph.edges, `${field}.edges`, { pairs: true });
  const labels = graph.labels === undefined || graph.labels === null ? null : toInt32(graph.labels, `${field}.labels`);
  return { nodes: graph.nodes, edges, labels, features: graph.features, featureCount: graph.featureCount };
}

/** lab.graph(name, options): karate, two_communities, ring, grid. */
export function makeGraph(module, name, options) {
  requireString(name, 'name', 'a graph name (karate, two_communities, ring, grid)');
  const g = checked(module, module.graph(name, plainOptions(options)));
  g.classes = g.classNames.length;
  return g;
}

/**
 * The Laplacian's eigen-decomposition (n <= 400): { eigenvalues (n, ascending),
 * eigenvectors (n · n, row k = unit eigenvector k), vector(k) }.
 */
export function graphFourier(module, graph, options) {
  const g = normaliseGraph(graph);
  const r = checked(module, module.graphFourier(g.nodes, g.edges, plainOptions(options)));
  const n = r.eigenvalues.length;
  r.vector = (k) => {
    requireNumber(k, 'k');
    if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`k must be an integer in [0, ${n - 1}]; got ${k}`);
    return r.eigenvectors.subarray(k * n, (k + 1) * n);
  };
  return r;
}

/**
 * A spectral filter of a signal on the graph (n <= 400). options.kind: heat
 * { t }, low_pass { keep }, chebyshev { coefficients }, heat_chebyshev { t, order }.
 * Returns { output, inputSpectrum, outputSpectrum, response, coefficients, lambdaMax }.
 */
export function graphFilter(module, graph, signal, options) {
  const g = normaliseGraph(graph);
  requireFloat32Array(signal, 'signal');
  return checked(module, module.graphFilter(g.nodes, g.edges, signal, plainOptions(options)));
}

export class GcnModel extends WasmObject {
  #layout;
  #nodes = 0;
  #trainOptions;   // lab.schema.train

  /** @internal Use lab.createGcn(config). */
  constructor(module, handle) {
    super(module, handle, 'this model was deleted (model.delete()); create a new one with lab.createGcn()');
    this.#trainOptions = schemaOf(module).train;
  }

  /**
   * The graph to learn on, with its labels, and which nodes' labels training
   * may see: setGraph(graph, { labelled: [0, 33] }). graph.features (Float32Array,
   * nodes × featureCount) is optional: one-hot node ids by default.
   * Re-initialises the parameters from the seed.
   */
  setGraph(graph, options) {
    const handle = this.live();
    const g = normaliseGraph(graph);
    const o = plainFields(options, 'options');
    requireKnownKeys(o, 'options', ['labelled']);
    if (o.labelled === undefined) throw new TypeError('options.labelled must list the node indices whose labels training may use; got undefined');
    const labelled = toInt32(o.labelled, 'options.labelled');
    if (!g.labels) throw new TypeError('graph.labels must be given (one class per node, -1 for unknown) to train on a graph');
    const features = g.features ?? new Float32Array(0);
    requireFloat32Array(features, 'graph.features');
    const featureCount = g.featureCount ?? 0;
    requireNumber(featureCount, 'graph.featureCount');
    this.checkedResult(handle.setGraph(g.nodes, g.edges, g.labels, labelled, features, featureCount));
    this.#nodes = g.nodes;
    this.#layout = undefined;
  }

  /**
   * `steps` full-batch updates; returns { step, learningRate, loss, accuracy,
   * trainAccuracy, testAccuracy, diverged, layers: [...] } (layers: per hidden
   * layer diagnostics, empty with { report: false }).
   */
  train(steps, options) {
    const handle = this.live();
    requireNumber(steps, 'steps');
    const report = readReportOption(options, this.#trainOptions);
    return this.checkedResult(handle.train(steps, report));
  }

  /** The report of the current parameters, without training. */
  evaluate() {
    return this.checkedResult(this.live().evaluate());
  }

  /** Class probabilities, Float32Array (nodes × classes). */
  predict() {
    return this.checkedResult(this.live().predict());
  }

  /** The predicted class of every node (first largest probability), Int32Array (nodes). */
  predictions() {
    const p = this.predict();
    const k = p.length / this.#nodes;
    const out = new Int32Array(this.#nodes);
    for (let i = 0; i < this.#nodes; i++) {
      let best = 0;
      for (let q = 1; q < k; q++) if (p[i * k + q] > p[i * k + best]) best = q;
      out[i] = best;
    }
    return out;
  }

  /** 2-D node embedding, Float32Array (nodes × 2): the last hidden layer (PCA when wider than 2). */
  embedding() {
    return this.checkedResult(this.live().embedding());
  }

  /** Activations of hidden layer `layer`, Float32Array (nodes × width). */
  hiddenOutput(layer) {
    requireNumber(layer, 'layer');
    return this.checkedResult(this.live().hiddenOutput(layer));
  }

  setLearningRate(lr) {
    requireNumber(lr, 'learningRate');
    this.checkedResult(this.live().setLearningRate(lr));
  }

  get learningRate() { return this.live().learningRate(); }
  get step() { return this.live().step(); }
  get config() { return this.checkedResult(this.live().config()); }

  /** [{ name, offset, shape }] of the parameter block (after setGraph). */
  get layout() {
    this.#layout ??= Object.freeze(this.checkedResult(this.live().layout()));
    return this.#layout;
  }

  getWeights() { return this.live().weights(); }

  setWeights(w) {
    requireFloat32Array(w, 'weights');
    this.checkedResult(this.live().setWeights(w));
  }

  /** Back to the seed's initial parameters, step 0. */
  reset() { this.checkedResult(this.live().reset()); }

  /** Frees the C++ model. Further calls throw. Safe to call twice. */
}

/** lab.createGcn(config). */
export function createGcn(module, config) {
  return new GcnModel(module, checked(module, module.createGcn(plainOptions(config, 'config'))));
}
