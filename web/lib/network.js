// The JS face of one trained network (C++ nn::Network behind Embind).
// Validates argument types here; the C++ API validates values and ranges.
// The C++ object lives in the WebAssembly heap: call delete() when done (or
// use `using net = lab.createNetwork(...)`); a FinalizationRegistry frees
// networks that were forgotten, as a safety net only.
import { networkFile } from './network-file.js';
import { unpackReport } from './report-unpack.js';
import { WasmObject } from './wasm-object.js';
import { schemaOf } from './schema.js';
import { describe, plainConfig, readReportOption, requireFloat32Array, requireKnownKeys, plainFields, requireLive, requireNumber, requirePlainObject } from './validate.js';

const HISTOGRAM_BINS = 30;   // kHistogramBins in cpp/nn/report.h
const DATA_FIELDS = ['x', 'y', 'inputs', 'testX', 'testY', 'classes', 'name'];

export class Network extends WasmObject {
  #layout;
  #trainOptions;   // lab.schema.train

  /** @internal Use lab.createNetwork(config) or lab.loadNetwork(json). */
  constructor(module, handle) {
    super(module, handle, 'this network was deleted (net.delete()); create a new one with lab.createNetwork()');
    this.#trainOptions = schemaOf(module).train;
  }

  /**
   * Training (and optional test) data: { x, y, inputs, testX?, testY? } with
   * Float32Arrays, x row-major (n × inputs). lab.dataset() output fits as is.
   */
  setData(dataArgument) {
    const handle = this.live();
    const data = plainFields(dataArgument, 'data');
    requireKnownKeys(data, 'data', DATA_FIELDS);
    requireFloat32Array(data.x, 'data.x');
    requireFloat32Array(data.y, 'data.y');
    const inputs = data.inputs ?? handle.inputs();
    requireNumber(inputs, 'data.inputs');
    const testX = data.testX ?? new Float32Array(0);
    const testY = data.testY ?? new Float32Array(0);
    requireFloat32Array(testX, 'data.testX');
    requireFloat32Array(testY, 'data.testY');
    this.checkedResult(handle.setData(data.x, data.y, inputs, testX, testY));
  }

  /**
   * Runs `steps` mini-batch updates. With { report: true } (the default)
   * returns the report: { step, learningRate, trainLoss, testLoss,
   * trainAccuracy, testAccuracy, diverged, layers: [...], gradNormRatio, events };
   * with { report: false } only { step, learningRate, batchLoss, diverged,
   * divergedAtStep } (cheaper: no evaluation, no diagnostics).
   */
  train(steps, options) {
    const handle = this.live();
    requireNumber(steps, 'steps');
    const report = readReportOption(options, this.#trainOptions);
    if (!report) {
      // The hot path of long runs: no report is built, five numbers come back.
      const [step, batchLoss, diverged, divergedAtStep, learningRate] = this.checkedResult(handle.trainCompact(steps));
      return {
        step,
        learningRate,
        batchLoss: Number.isNaN(batchLoss) ? null : batchLoss,
        diverged: diverged === 1,
        divergedAtStep: divergedAtStep < 0 ? null : divergedAtStep,
      };
    }
    return unpackReport(this.checkedResult(handle.train(steps, true)));
  }

  /** Loss and accuracy on the whole training and test sets (evaluation mode). */
  evaluate() {
    return this.checkedResult(this.live().evaluate());
  }

  /** Head outputs for x (n × inputs, row-major): a Float32Array (n × outputs). */
  predict(x) {
    const handle = this.live();
    requireFloat32Array(x, 'x');
    return this.checkedResult(handle.predict(x));
  }

  /**
   * Outputs on a resolution × resolution grid of a 2-input network, row-major;
   * row 0 is y = yMin, column 0 is x = xMin (softmax: `classes` values per point).
   */
  predictGrid(xMin, xMax, yMin, yMax, resolution) {
    const handle = this.live();
    [['xMin', xMin], ['xMax', xMax], ['yMin', yMin], ['yMax', yMax], ['resolution', resolution]]
      .forEach(([field, v]) => requireNumber(v, field));
    return this.checkedResult(handle.predictGrid(xMin, xMax, yMin, yMax, resolution));
  }

  /**
   * Every hidden unit's activation f(z) (evaluation mode) on the predictGrid
   * grid: one Float32Array of (hidden units) × resolution² values ordered
   * [hidden layer][unit][row][column], row 0 at y = yMin. Unit u of layer l
   * starts at (hidden[0] + … + hidden[l-1] + u) · resolution².
   */
  unitGrid(xMin, xMax, yMin, yMax, resolution) {
    const handle = this.live();
    [['xMin', xMin], ['xMax', xMax], ['yMin', yMin], ['yMax', yMax], ['resolution', resolution]]
      .forEach(([field, v]) => requireNumber(v, field));
    return this.checkedResult(handle.unitGrid(xMin, xMax, yMin, yMax, resolution));
  }

  /**
   * Per hidden unit over the diagnostics set (the first 1000 training samples,
   * evaluation mode): { active, inactive, saturated } shares (Float32Arrays,
   * one value per unit, [layer][unit] order, summing to 1 per unit) and
   * `histogram`, 30 pre-activation counts per unit over [-6, 6) (the report's bins).
   */
  unitStats() {
    const raw = this.checkedResult(this.live().unitStats());
    const stride = 3 + HISTOGRAM_BINS;
    const units = raw.length / stride;
    const out = { active: new Float32Array(units), inactive: new Float32Array(units), saturated: new Float32Array(units),
      histogram: new Float32Array(units * HISTOGRAM_BINS), bins: HISTOGRAM_BINS };
    for (let u = 0; u < units; u++) {
      out.active[u] = raw[u * stride];
      out.inactive[u] = raw[u * stride + 1];
      out.saturated[u] = raw[u * stride + 2];
      out.histogram.set(raw.subarray(u * stride + 3, (u + 1) * stride), u * HISTOGRAM_BINS);
    }
    return out;
  }

  /**
   * The whole training state as bytes (a Uint8Array): parameters, optimizer
   * state, step, learning rate, position in the sample order, divergence
   * snapshot, dead-unit memory. restoreState() on a network built from the same
   * config and data continues bit for bit as this one would.
   */
  saveState() {
    return this.checkedResult(this.live().saveState());
  }

  /**
   * Restores saveState() bytes. { exact: true } (default) needs the same config
   * and data. { exact: false } is a fork: the hidden activations (and init,
   * l2, clip) may differ; weights, biases, step, order position and learning
   * rate are taken, the optimizer state when the parameter layouts agree.
   */
  restoreState(bytes, options) {
    const handle = this.live();
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`state must be a Uint8Array from net.saveState(); got ${describe(bytes)}`);
    requireLive(bytes, 'state', 'Uint8Array');
    const o = plainFields(options, 'options', { optional: true });
    requireKnownKeys(o, 'options', ['exact']);
    const exact = o.exact ?? true;
    if (typeof exact !== 'boolean') throw new TypeError(`options.exact must be a boolean; got ${describe(exact)}`);
    this.checkedResult(handle.restoreState(bytes, exact));
  }

  /** Changes the learning rate from the next step on (e.g. a spike); clears a divergence. */
  setLearningRate(lr) {
    const handle = this.live();
    requireNumber(lr, 'learningRate');
    this.checkedResult(handle.setLearningRate(lr));
  }

  get learningRate() {
    return this.live().learningRate();
  }

  /** Number of updates done so far. */
  get step() {
    return this.live().step();
  }

  /** A copy of the whole parameter block (layout: net.layout). */
  getWeights() {
    return this.live().weights();
  }

  /** Replaces the whole parameter block; resets the optimizer state. */
  setWeights(w) {
    const handle = this.live();
    requireFloat32Array(w, 'weights');
    this.checkedResult(handle.setWeights(w));
  }

  /**
   * A Float32Array over the parameter block itself, without a copy. It is
   * invalidated (length 0) by the next call that grows the heap: read it at once.
   */
  weightsView() {
    return this.live().weightsView();
  }

  /** [{ name, offset, shape }] of every tensor in the parameter block. */
  get layout() {
    this.#layout ??= Object.freeze(this.checkedResult(this.live().layout()));
    return this.#layout;
  }

  /** The full config, every field explicit. */
  get config() {
    return this.checkedResult(this.live().config());
  }

  /** { format, version, config, step, weights } — lab.loadNetwork() restores it exactly. */
  toJSON() {
    const handle = this.live();
    return networkFile(this.config, handle.step(), handle.weightsDecimal());
  }

  /** Back to the seed's initial weights, step 0, the config's learning rate. */
  reset() {
    this.checkedResult(this.live().reset());
  }


  /** @internal The config as the C++ API reads it (a plain-data snapshot; C++ validates every field). */
  static configObject(config) {
    requirePlainObject(config, 'config');
    return plainConfig(config, 'config');
  }
}
