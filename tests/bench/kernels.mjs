// Kernel benchmark: forward and derivative of every activation in the
// registry (lab.activations), at each size, for every implementation:
//   simd     ours, WebAssembly SIMD       (a prepared lab.kernel() on heap buffers)
//   scalar   ours, same C++ without -msimd128 (loadLab({ simd: false }))
//   js       a plain JavaScript loop (js-activations.mjs)
//   tfWasm   TensorFlow.js wasm backend (XNNPACK), tfCpu: TF.js cpu backend
// plus the limits every kernel is measured against, on the same sizes:
//   copySet      Float32Array.prototype.set (JS engine's memcpy)
//   copyWasm     memory.copy inside WebAssembly
//   copyWasmLoop a v128 load/store loop in WebAssembly
//   copySlice    x.slice(): a new array of n floats, what any call returning one pays
//   callOverhead ours on 4 elements: the fixed cost of one lab call
// For the rectifier target (issue 15) the 1 Ki relu, leaky_relu and prelu
// forward rows and the copy are timed again in a process with one lab
// (kernels-one-lab.mjs: ns.simdOneLab, limits' ns.copySetOneLab, and oneLab).
// and, for BY_NAME (sigmoid), the call every user makes first: lab.forward(name, x)
// and lab.derivative(name, x) on a plain Float32Array, returning a new one
// (impl 'call', beside the prepared kernel's 'simd' in the same row).
// Derivative rows for TF.js time tf.grad of the activation (forward plus
// backward with dy = 1): TF.js has no "f'(x)" op.
import { createWasmCopy } from './wasm-copy.mjs';
import { createIssueLoop, OPS_PER_ITERATION } from './wasm-issue.mjs';
import { jsLoop } from './js-activations.mjs';
import { tfActivation } from './tfjs.mjs';
import { timeCases } from './timing.mjs';
import { measureOneLab, ONE_LAB_ACTIVATIONS, ONE_LAB_SIZE } from './kernels-one-lab.mjs';

export const KERNEL_IMPLEMENTATIONS = ['simd', 'scalar', 'js', 'tfWasm', 'tfCpu'];
export const LIMITS = ['copySet', 'copySlice', 'copyWasm', 'copyWasmLoop', 'callOverhead'];
export const BY_NAME = ['sigmoid'];

/** n values uniform in [-6, 6] from a fixed seed (both signs, the saturating tails, the middle). */
export function benchInput(n, seed = 12345) {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = (s / 2 ** 32) * 12 - 6;
  }
  return x;
}

/** Input and output buffers of one lab, for one size, filled with x. */
function labBuffers(lab, x) {
  const a = lab.createBuffer(x.length);
  const b = lab.createBuffer(x.length);
  a.view().set(x);
  return { a, b, delete() { a.delete(); b.delete(); } };
}

// The floor of any call that takes a plain Float32Array and gives its result
// in another: lab.forward's own path (web/lib/lab.js: the input copied into a
// heap buffer 16 Ki floats at a time, the kernel in place, the chunk copied
// out) into an output array made once and reused, without the call's
// validation, handle or new array. What lab.forward costs beyond this is the
// validation and the fresh result; what this costs beyond the prepared
// kernel is the two copies across the heap's edge.
function heapRoundTrip(lab, name, kind, x) {
  const m = lab.module;
  const p = m.prepareKernel(name, null);
  const handle = m._alab_kernel_create(p.id, kind === 'derivative' ? 1 : 0, p.alpha, p.lower, p.upper, p.training ? 1 : 0, p.seed);
  const chunk = 1 << 14;
  const scratch = m.Float32Buffer.create(chunk);
  const address = scratch.address();
  const out = new Float32Array(x.length);
  return {
    run() {
      const heap = m.HEAPF32;
      const offset = address >>> 2;
      for (let i = 0; i < x.length; i += chunk) {
        const n = Math.min(chunk, x.length - i);
        heap.set(x.subarray(i, i + n), offset);
        if (m._alab_kernel_run(handle, address, address, n) !== 0) throw new Error(`${name}: the kernel refused its arguments`);
        out.set(heap.subarray(offset, offset + n), i);
      }
    },
    delete() {
      m._alab_kernel_delete(handle);
      scratch.delete();
    },
  };
}

/**
 * @param {object} o
 * @param {import('../../web/lib/lab.js').Lab} o.lab      SIMD lab
 * @param {import('../../web/lib/lab.js').Lab} o.scalarLab lab without SIMD
 * @param {object|null} o.tfjs  loadTf() result, or null to skip TF.js
 * @param {number[]} o.sizes
 * @param {number} o.repetitions
 * @param {number} o.minSampleMs
 * @param {string[]} [o.names] activations to run (default: the whole registry)
 * @returns {Promise<{ rows: object[], limits: object[] }>} ns per call (median)
 */
export async function benchKernels({ lab, scalarLab, tfjs, sizes, repetitions, minSampleMs, names, log = () => {} }) {
  const activations = lab.activations.filter((a) => !names || names.includes(a.name));
  const cases = [];
  const cleanup = [];
  const rows = [];
  const limits = [];
  const tfGroups = tfjs
    ? { tfWasm: () => tfjs.use('wasm'), tfCpu: () => tfjs.use('cpu') }
    : {};

  for (const n of sizes) {
    const x = benchInput(n);
    const ours = { simd: labBuffers(lab, x), scalar: labBuffers(scalarLab, x) };
    cleanup.push(ours.simd, ours.scalar);
    const jsOut = new Float32Array(n);
    // Inputs for TF.js, one tensor per backend (a tensor used under another
    // backend would be moved on every call).
    const tfInput = {};
    for (const [impl, enter] of Object.entries(tfGroups)) {
      await enter();
      tfInput[impl] = tfjs.tf.tensor1d(x);
      cleanup.push(tfInput[impl]);
    }

    for (const a of activations) {
      for (const kind of ['forward', 'derivative']) {
        const row = { name: a.name, variant: a.variant, kind, n, ns: {} };
        rows.push(row);
        const key = (impl) => `${a.name}/${kind}/${n}/${impl}`;
        const into = kind === 'forward' ? 'forwardInto' : 'derivativeInto';
        for (const impl of ['simd', 'scalar']) {
          // A prepared kernel: name and params validated once, numbers-only calls.
          const kernel = (impl === 'simd' ? lab : scalarLab).kernel(a.name);
          const { a: inBuf, b: outBuf } = ours[impl];
          cases.push({ key: key(impl), group: 'lab', row, impl, fn: () => kernel[into](inBuf, outBuf) });
        }
        if (BY_NAME.includes(a.name)) {
          cases.push({ key: key('call'), group: 'lab', row, impl: 'call', fn: () => lab[kind](a.name, x) });
          const trip = heapRoundTrip(lab, a.name, kind, x);
          cleanup.push(trip);
          cases.push({ key: key('heapTrip'), group: 'lab', row, impl: 'heapTrip', fn: trip.run });
        }
        const loop = jsLoop(a.name, kind, a.params);
        if (loop) cases.push({ key: key('js'), group: 'lab', row, impl: 'js', fn: () => loop(x, jsOut) });
        const tfAct = tfjs && tfActivation(tfjs, a.name, a.params);
        if (tfAct) {
          row.tfComposite = tfAct.composite;
          const f = kind === 'forward' ? tfAct.fn : tfjs.tf.grad(tfAct.fn);
          for (const [impl, enter] of Object.entries(tfGroups)) {
            const input = tfInput[impl];
            cases.push({ key: key(impl), group: impl, enter, row, impl, fn: () => tfjs.tf.dispose(tfjs.tf.tidy(() => f(input))) });
          }
        }
      }
    }

    const limit = { n, ns: {} };
    limits.push(limit);
    const dst = new Float32Array(n);
    cases.push({ key: `copySet/${n}`, group: 'lab', row: limit, impl: 'copySet', fn: () => dst.set(x) });
    cases.push({ key: `copySlice/${n}`, group: 'lab', row: limit, impl: 'copySlice', fn: () => x.slice() });
    const wasmCopy = createWasmCopy(n);
    wasmCopy.src.set(x);
    cases.push({ key: `copyWasm/${n}`, group: 'lab', row: limit, impl: 'copyWasm', fn: wasmCopy.memoryCopy });
    if (n % 16 === 0) cases.push({ key: `copyWasmLoop/${n}`, group: 'lab', row: limit, impl: 'copyWasmLoop', fn: wasmCopy.simdLoop });
  }
  // The fixed cost of one call, measured on 4 elements: through the validating
  // by-name path (façade checks, Embind strings, params JSON) and through a
  // prepared kernel (one plain wasm export call).
  const tiny = labBuffers(lab, benchInput(4));
  cleanup.push(tiny);
  const overhead = { n: 4, ns: {} };
  cases.push({ key: 'callOverhead', group: 'lab', row: overhead, impl: 'callOverhead', fn: () => lab.forwardInto('relu', tiny.a, tiny.b) });
  const reluKernel = lab.kernel('relu');
  cases.push({ key: 'callOverheadModule', group: 'lab', row: overhead, impl: 'callOverheadModule', fn: () => reluKernel.forwardInto(tiny.a, tiny.b) });

  // The f32x4 issue rate (roofline): ns for ISSUE_ITERS iterations of the loop.
  const ISSUE_ITERS = 4096;
  const { issue } = createIssueLoop();
  const issueRow = { ns: {} };
  cases.push({ key: 'issue', group: 'lab', row: issueRow, impl: 'issue', fn: () => issue(ISSUE_ITERS) });

  // Group the cases so a TF.js backend switch happens once per group and round.
  const order = ['lab', 'tfWasm', 'tfCpu'];
  cases.sort((p, q) => order.indexOf(p.group) - order.indexOf(q.group));
  log(`kernels: ${cases.length} cases x ${repetitions} repetitions`);
  const timed = await timeCases(cases, { repetitions, minSampleMs, onProgress: (r, t) => log(`kernels: round ${r}/${t}`) });
  for (const c of cases) c.row.ns[c.impl] = timed.get(c.key).ns;
  for (const c of cleanup) (c.delete ?? c.dispose).call(c);

  // The rectifier target's rows once more, in a child process with one lab.
  const oneLabNames = ONE_LAB_ACTIVATIONS.filter((name) => activations.some((a) => a.name === name));
  let oneLab = null;
  if (oneLabNames.length && sizes.includes(ONE_LAB_SIZE)) {
    log(`kernels: ${oneLabNames.join(', ')} at ${ONE_LAB_SIZE} in a process with one lab`);
    oneLab = await measureOneLab({ names: oneLabNames, n: ONE_LAB_SIZE, rounds: 4 * repetitions + 1, minSampleMs });
    for (const name of oneLabNames) rows.find((r) => r.name === name && r.kind === 'forward' && r.n === ONE_LAB_SIZE).ns.simdOneLab = oneLab.ns[name];
    limits.find((l) => l.n === ONE_LAB_SIZE).ns.copySetOneLab = oneLab.copySet;
  }
  return { rows, limits, oneLab, callOverhead: overhead.ns, issueOpsPerNs: (OPS_PER_ITERATION * ISSUE_ITERS) / issueRow.ns.issue };
}
