// The Activation Lab library: a thin façade over the WebAssembly module.
// It validates what callers pass, converts it for the C++ API, and returns
// plain JS values. It knows nothing of any page; browser.js and node.js only
// differ in how they load the module.
import { checked } from './module-call.js';
import { catalogue } from './catalogue.js';
import * as graphLib from './graph.js';
import { LESSONS, runLesson, runLessons } from './lessons.js';
import { Network } from './network.js';
import { readNetworkFile } from './network-file.js';
import { schemaOf } from './schema.js';
import { describe, isPlainObject, plainConfig, plainOptions, requireFloat32Array, requirePlainObject, requireString, toConfigJson } from './validate.js';

export { Network };

export class Lab {
  #module;
  // The prepared-kernel exports themselves (see the constructor).
  #kernelExports;

  /** @param {object} module an instantiated Embind module (see browser.js / node.js) */
  constructor(module) {
    this.#module = module;
    // Written once by the build from this registry and its kernels (catalogue.js):
    // no instance re-measures the properties.
    /** The activation catalogue, in registry order: { name, label, formula, derivativeFormula, tex, variant, params, paramRanges, properties } (variant: the kernel's algorithm and unroll, e.g. "rr2_p5_div_u24"). */
    this.activations = catalogue();
    /**
     * The field tables of every config, from C++ (frozen): { network, train,
     * dataset (+ names), gcn, bornDead }, each { fields: [{ name, type,
     * default, doc, required?, min?, max?, maxExclusive?, values?, maxLength? }] }.
     */
    this.schema = schemaOf(module);
    /** True when the module was compiled with WebAssembly SIMD. */
    this.simd = module.simd();
    // Emscripten 3.1.6 exports each wasm function through a wrapper that
    // replaces itself (on the module object) with the function on its first
    // call. One call each that does nothing (a null handle, status 1) makes
    // the swap; keeping the functions themselves then spares every prepared
    // call the module's property lookup (~3 ns: it has hundreds of properties).
    module._alab_kernel_create(-1, 0, 0, 0, 0, 0, 0);
    module._alab_kernel_run(0, 0, 0, 0);
    module._alab_kernel_delete(0);
    this.#kernelExports = { create: module._alab_kernel_create, run: module._alab_kernel_run, delete: module._alab_kernel_delete };
  }

  /** The catalogue entry for `name`, or undefined. */
  activation(name) {
    return this.activations.find((a) => a.name === name);
  }

  /** f(x) for every element; returns a new Float32Array (x is untouched). */
  forward(name, x, params) {
    return this.#kernel('forward', name, x, params);
  }

  /** f'(x) for every element; returns a new Float32Array (x is untouched). */
  derivative(name, x, params) {
    return this.#kernel('derivative', name, x, params);
  }

  // The prepared kernel on the caller's array, copied through a heap buffer in
  // cache-sized chunks: each chunk is copied in, computed in place and copied
  // out while it is still in cache, so the copies cost little beside the
  // kernel. Same kernel, validation and messages as the by-name binding
  // (module.forward), which still serves arrays above the kernel's limit so
  // that its "x.length" error keeps its place among the checks.
  #kernel(kind, name, x, params) {
    requireString(name, 'name', 'an activation name');
    requireFloat32Array(x, 'x');
    requirePlainObject(params, 'params', { optional: true });
    const json = params === undefined || params === null ? null : plainConfig(params, 'params');
    const module = this.#module;
    if (x.length > module.maxKernelElements) return checked(module, module[kind](name, x, json));
    const p = checked(module, module.prepareKernel(name, json));
    const n = x.length;
    const out = new Float32Array(n);
    // rrelu in training mode draws its slopes by element index: one chunk.
    const chunk = p.training ? Math.max(n, 1) : CHUNK;
    const exports = this.#kernelExports;
    const handle = kernelHandle(exports, name, p, kind === 'derivative');
    let scratch = null;
    try {
      scratch = this.#scratchBuffer(chunk);
      const run = exports.run;
      const heap = module.HEAPF32;  // taken after the allocations: growth replaces it
      const offset = scratch.address >>> 2;
      for (let i = 0; i < n; i += chunk) {
        const m = Math.min(chunk, n - i);
        heap.set(m === n ? x : x.subarray(i, i + m), offset);
        const status = run(handle, scratch.address, scratch.address, m);
        if (status !== 0) throw refused(name, status);
        out.set(heap.subarray(offset, offset + m), i);
      }
    } finally {
      exports.delete(handle);
      if (scratch && scratch !== this.#scratch) scratch.raw.delete();
    }
    return out;
  }

  // The heap buffer of lab.forward/derivative: CHUNK floats, kept; a larger
  // request (rrelu in training mode) gets its own, freed after the call.
  #scratch = null;

  #scratchBuffer(n) {
    if (this.#scratch && this.#scratch.length >= n) return this.#scratch;
    const raw = checked(this.#module, this.#module.Float32Buffer.create(Math.max(n, CHUNK)));
    const buffer = { raw, address: raw.address(), length: raw.size() };
    if (n > CHUNK) return buffer;
    this.#scratch = buffer;
    return buffer;
  }

  /**
   * A Float32Array-backed buffer inside the WebAssembly heap, for repeated
   * calls without copies: `buf.view()` is a Float32Array over it (take it
   * again after any other lab call: heap growth detaches old views);
   * `buf.delete()` frees it.
   */
  createBuffer(length) {
    if (typeof length !== 'number') throw new TypeError(`length must be a number; got ${describe(length)}`);
    return new HeapBuffer(checked(this.#module, this.#module.Float32Buffer.create(length)));
  }

  /**
   * A kernel with its name and params validated once, for repeated calls on
   * heap buffers: `k.forwardInto(input, output)`, `k.derivativeInto(input, output)`.
   */
  kernel(name, params) {
    requireString(name, 'name', 'an activation name');
    requirePlainObject(params, 'params', { optional: true });
    const json = params === undefined || params === null ? null : plainConfig(params, 'params');
    const module = this.#module;
    const p = checked(module, module.prepareKernel(name, json));
    const exports = this.#kernelExports;
    const handles = { free: exports.delete, forward: kernelHandle(exports, name, p, false), derivative: 0 };
    try {
      handles.derivative = kernelHandle(exports, name, p, true);
    } catch (error) {
      exports.delete(handles.forward);
      throw error;
    }
    // Every call goes through the one run export (cpp/api/kernel_handle.h:
    // a monomorphic call site); the handle says which kernel.
    const run = exports.run;
    const into = (handle) => (input, output) => {
      const x = heapOf(input, 'input');
      const y = heapOf(output, 'output');
      if (y.length !== x.length) throw new RangeError(`output.length must be equal to input.length (${x.length}); got ${y.length}`);
      const status = run(handle, x.address, y.address, x.length);
      if (status !== 0) throw refused(name, status);
    };
    const kernel = Object.freeze({
      name,
      params: Object.freeze({ ...p }),
      forwardInto: into(handles.forward),
      derivativeInto: into(handles.derivative),
    });
    kernelHandles?.register(kernel, handles);
    return kernel;
  }

  /** f(input) into output, both from createBuffer and of equal length. */
  forwardInto(name, input, output, params) {
    this.#bufferKernel('forwardBuffer', name, input, output, params);
  }

  /** f'(input) into output, both from createBuffer and of equal length. */
  derivativeInto(name, input, output, params) {
    this.#bufferKernel('derivativeBuffer', name, input, output, params);
  }

  #bufferKernel(kind, name, input, output, params) {
    requireString(name, 'name', 'an activation name');
    const x = heapOf(input, 'input');
    const y = heapOf(output, 'output');
    requirePlainObject(params, 'params', { optional: true });
    const json = params === undefined || params === null ? null : plainConfig(params, 'params');
    checked(this.#module, this.#module[kind](name, x.raw, y.raw, json));
  }

  /** A new network from a config (see README: every field, its default and range). */
  createNetwork(config) {
    return new Network(this.#module, checked(this.#module, this.#module.createNetwork(Network.configObject(config))));
  }

  /** A network from net.toJSON() output (an object or its JSON text). */
  loadNetwork(json) {
    let text;
    if (typeof json === 'string') text = json;
    else if (isPlainObject(json)) text = toConfigJson(json, 'json', 8);
    else throw new TypeError(`json must be the object or string from net.toJSON(); got ${describe(json)}`);
    const { config, step, weights, floats } = readNetworkFile(text);
    return new Network(this.#module, checked(this.#module, this.#module.loadNetwork(config, step, weights, floats)));
  }

  /**
   * A generated dataset: { name, x, y, testX, testY, inputs, classes }
   * (Float32Arrays, row-major). Names: circle, xor, gauss, spiral, moons,
   * spiral_k, plane, sine, multi_gauss, shapeset (Glorot & Bengio's Shapeset-3x2:
   * size × size grey images, 9 classes). options: { n, noise, seed,
   * trainFraction, classes (spiral_k), size (shapeset: 8..32, default 32) }.
   */
  dataset(name, options) {
    requireString(name, 'name', 'a dataset name');
    return checked(this.#module, this.#module.dataset(name, plainOptions(options)));
  }

  /**
   * Monte Carlo estimate that a ReLU network with 1-D input is born dead
   * (constant output over 101 inputs in [-1, 1]):
   * { width, depth, init, biasInit, trials, seed } → { probability, dead, trials }.
   */
  bornDead(options) {
    return checked(this.#module, this.#module.bornDead(plainOptions(options)));
  }

  // ---- graph convolution (web/lib/graph.js) ----
  /** A named graph: karate, two_communities { n, pIn, pOut, seed }, ring { n }, grid { rows, cols }. */
  graph(name, options) {
    return graphLib.makeGraph(this.#module, name, options);
  }

  /** A node classifier of stacked graph convolutions (see docs/graph.md for the config). */
  createGcn(config) {
    return graphLib.createGcn(this.#module, config);
  }

  /** The graph Laplacian's eigenvalues and eigenvectors (n <= 400). */
  graphFourier(graph, options) {
    return graphLib.graphFourier(this.#module, graph, options);
  }

  /** A signal filtered by a spectral filter on the graph (n <= 400). */
  graphFilter(graph, signal, options) {
    return graphLib.graphFilter(this.#module, graph, signal, options);
  }
  // ---- end graph convolution ----

  // ---- lessons (web/lib/lessons.js) ----
  /** The seed's claims as lessons: [{ id, title: { en, zh }, claim: { en, zh }, effect, preset }]. */
  get lessons() {
    return LESSONS;
  }

  /** Runs lesson `id` from its seed: { id, claim, holds, measured, chart, ms }. */
  runLesson(id, options) {
    return runLesson(this, id, options);
  }

  /** Every lesson in order (onProgress(done, total, result) after each). */
  runLessons(options) {
    return runLessons(this, options);
  }

  /** The underlying Embind module, for benchmarks and tests. */
  get module() {
    return this.#module;
  }
}

// Floats per chunk of lab.forward/derivative (64 KiB: in L2 with room to spare).
const CHUNK = 1 << 14;

// The C++ handle of a prepared kernel, f or f' (cpp/api/kernel_handle.h),
// for the parameters prepareKernel validated. Zero would mean they did not
// survive the trip, a bug: reported like a refused call.
function kernelHandle(exports, name, p, derivative) {
  const handle = exports.create(p.id, derivative ? 1 : 0, p.alpha, p.lower, p.upper, p.training ? 1 : 0, p.seed);
  if (handle === 0) throw refused(name, 1);
  return handle;
}

function refused(name, status) {
  return new Error(`kernel ${name} refused its prepared arguments (status ${status})`);
}

// lab.kernel() objects have no delete(): their handles (a few dozen bytes)
// are freed once the object is collected.
const kernelHandles = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ free, forward, derivative }) => { free(forward); free(derivative); })
  : null;

// Buffers made by lab.createBuffer(): the Embind object, its heap address
// and length, kept in a private field where callers cannot forge them (a
// private field, not a WeakMap: the brand check and the load are what a
// prepared kernel's call pays on every buffer, a few ns instead of ~10).
let heapOf;

class HeapBuffer {
  #h;

  constructor(raw) {
    this.#h = { raw, address: raw.address(), length: raw.size(), deleted: false };
  }

  static {
    // The buffer's { raw, address, length }; throws naming `field` for
    // anything but a live buffer from lab.createBuffer().
    heapOf = (buffer, field) => {
      if (typeof buffer !== 'object' || buffer === null || !(#h in buffer)) {
        throw new TypeError(`${field} must be a buffer from lab.createBuffer(); got ${describe(buffer)}`);
      }
      const h = buffer.#h;
      if (h.deleted) throw new Error(`${field} was deleted (buffer.delete()); create a new one with lab.createBuffer()`);
      return h;
    };
  }

  /** Number of floats. */
  get length() {
    return heapOf(this, 'buffer').length;
  }

  size() {
    return this.length;
  }

  /** A Float32Array over the buffer (no copy); take it again after other lab calls. */
  view() {
    return heapOf(this, 'buffer').raw.view();
  }

  /** Frees the buffer; later use throws. Safe to call twice. */
  delete() {
    const h = typeof this === 'object' && this !== null && #h in this ? this.#h : null;
    if (!h || h.deleted) return;
    h.deleted = true;
    h.raw.delete();
  }
}
