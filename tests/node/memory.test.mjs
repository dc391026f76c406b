// Memory: long runs keep the WebAssembly heap flat, JS wrappers free their C++
// objects, errors leak nothing, and networks that were never delete()d are
// freed by the FinalizationRegistry safety net (checked in a child process
// with --expose-gc). Figures and allowed growth: docs/reliability.md.
//
// The heap is measured as lab.module.HEAP8.buffer.byteLength: wasm memory
// only grows (in steps of at least 20 %) and never shrinks, so a leak shows as
// growth once the free space is used up. To make small leaks visible, the
// free space is first filled with "ballast" blocks (tightHeap): what is left
// is one growth step, so a leak of more than headroom / cycles bytes per
// cycle (a few hundred bytes here) grows the heap and fails the test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const CYCLES = Number(process.env.ALAB_MEMORY_CYCLES ?? 10000);
const LONG_RUN_STEPS = 1_000_000;

const heapBytes = (M) => M.HEAP8.buffer.byteLength;
const MiB = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/**
 * Fills the free heap with 64 KiB ballast blocks until the heap grows once,
 * so that the next leak must grow it again. Returns { headroom, release }.
 */
function tightHeap(M) {
  const blocks = [];
  const start = heapBytes(M);
  while (heapBytes(M) === start) blocks.push(M._malloc(1 << 16));
  M._free(blocks.pop());
  return { headroom: heapBytes(M) - start, release: () => blocks.forEach((p) => M._free(p)) };
}

test(`${CYCLES} create/train/delete cycles keep the heap and the handle count flat`, async () => {
  const lab = await getLab();
  const M = lab.module;
  const data = lab.dataset('circle', { n: 200, noise: 0.1, seed: 1 });
  const probe = new Float32Array([0.5, -0.5]);
  const cycle = (i) => {
    const net = lab.createNetwork({ inputs: 2, hidden: [8, 8], activation: i % 2 ? 'relu' : 'prelu', optimizer: i % 3 ? 'sgd' : 'adam', seed: i });
    net.setData(data);
    const report = net.train(5);
    assert.ok(Number.isFinite(report.trainLoss));
    net.predict(probe);
    if (i % 10 === 0) lab.loadNetwork(net.toJSON()).delete();
    // errors must not leak either: a refused call, and it must really be refused
    if (i % 10 === 5) assert.throws(() => net.train(-1), (e) => e instanceof RangeError && /^steps must be an integer in \[0, 1000000\]; got -1$/.test(e.message));
    net.delete();
  };
  for (let i = 0; i < 200; i++) cycle(i);   // warm-up: allocator pools, Embind caches
  const handles = M.count_emval_handles();
  const ballast = tightHeap(M);
  for (let i = 0; i < 50; i++) cycle(i);    // the working set after tightening
  const before = heapBytes(M);
  const t0 = performance.now();
  for (let i = 0; i < CYCLES; i++) cycle(i);
  const seconds = (performance.now() - t0) / 1000;
  const after = heapBytes(M);
  ballast.release();
  console.log(`memory: ${CYCLES} create/train/delete cycles in ${seconds.toFixed(1)} s; heap ${MiB(before)} -> ${MiB(after)} `
    + `(headroom ${MiB(ballast.headroom)}: a leak above ${Math.round(ballast.headroom / CYCLES)} B/cycle would show); `
    + `Embind handles ${handles} -> ${M.count_emval_handles()}`);
  assert.equal(after, before, 'the heap did not grow over the cycles');
  assert.equal(M.count_emval_handles(), handles, 'no Embind value handle leaked');
});

test('10,000 failing calls leak neither heap nor handles', async () => {
  const lab = await getLab();
  const M = lab.module;
  const net = lab.createNetwork({ inputs: 2, hidden: [4] });
  const x = new Float32Array(3);
  const failing = [
    () => lab.forward('not-an-activation-with-a-long-name', x, { alpha: 0.1 }),
    () => lab.forward('leaky_relu', x, { alpha: 5 }),
    () => lab.createNetwork({ inputs: 2, hidden: [4, 0], activation: 'relu' }),
    () => lab.loadNetwork('{"format":"activation-lab/network","version":1,"config":{"inputs":2},"step":0,"weights":[1,2]}'),
    () => lab.dataset('circle', { n: 3 }),
    () => net.train(5),
    () => net.predict(x),
    () => net.predictGrid(0, 1, 0, 1, 1e6),
    () => net.setData({ x, y: new Float32Array(2) }),
  ];
  const run = (n) => { for (let i = 0; i < n; i++) assert.throws(failing[i % failing.length]); };
  run(900);
  const handles = M.count_emval_handles();
  const ballast = tightHeap(M);
  run(90);
  const before = heapBytes(M);
  run(10000);
  const after = heapBytes(M);
  ballast.release();
  net.delete();
  console.log(`memory: 10000 failing calls: heap ${MiB(before)} -> ${MiB(after)}, Embind handles ${handles} -> ${M.count_emval_handles()}`);
  assert.equal(after, before);
  assert.equal(M.count_emval_handles(), handles);
});

test(`a ${LONG_RUN_STEPS.toLocaleString('en')}-step training run keeps the heap flat and the loss finite`, async () => {
  const lab = await getLab();
  const M = lab.module;
  const net = lab.createNetwork({ inputs: 2, hidden: [3], activation: 'tanh', batchSize: 4, learningRate: 0.05, seed: 2 });
  net.setData(lab.dataset('xor', { n: 40, seed: 3 }));
  net.train(1000, { report: false });
  const ballast = tightHeap(M);
  net.train(1000);
  const before = heapBytes(M);
  const t0 = performance.now();
  const chunk = 100_000;
  for (let done = 0; done < LONG_RUN_STEPS - 2000; done += chunk) {
    const r = net.train(Math.min(chunk, LONG_RUN_STEPS - 2000 - done), { report: false });
    assert.ok(Number.isFinite(r.batchLoss), `batch loss at step ${r.step}`);
  }
  const report = net.train(0);
  const seconds = (performance.now() - t0) / 1000;
  const after = heapBytes(M);
  ballast.release();
  console.log(`memory: ${report.step} training steps (${seconds.toFixed(1)} s): heap ${MiB(before)} -> ${MiB(after)}, train loss ${report.trainLoss.toFixed(4)}`);
  assert.equal(report.step, LONG_RUN_STEPS);
  assert.equal(report.diverged, false);
  assert.ok(Number.isFinite(report.trainLoss));
  assert.equal(after, before);
  net.delete();
});

test('delete() frees at once, twice is harmless, and Symbol.dispose (`using`) deletes', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2 });
  net.delete();
  net.delete();
  assert.throws(() => net.train(1), /this network was deleted/);
  const disposable = lab.createNetwork({ inputs: 2 });
  const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
  assert.equal(typeof disposable[dispose], 'function');
  disposable[dispose]();   // what `using net = lab.createNetwork(...)` calls at the end of the block
  assert.throws(() => disposable.step, /deleted/);
  const buf = lab.createBuffer(4);
  buf.delete();
  assert.throws(() => buf.view(), Error);
});

// Child process: needs --expose-gc to force collections.
const FINALIZER_CHILD = `
import { loadLab } from 'activation-lab';
const lab = await loadLab();
const M = lab.module;
const settle = async () => { for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); } };
// Each network holds about 3.5 MiB: parameters, gradients, Adam state, snapshots.
const config = { inputs: 64, hidden: [256, 256, 256], optimizer: 'adam', batchSize: 1 };
const make = () => { lab.createNetwork(config); };   // never deleted
make(); await settle();
const start = M.HEAP8.buffer.byteLength;
for (let round = 0; round < 20; round++) {
  for (let i = 0; i < 20; i++) make();
  await settle();
}
console.log(JSON.stringify({ start, end: M.HEAP8.buffer.byteLength, forgotten: 400 }));
`;

test('networks that were never delete()d are freed by the FinalizationRegistry after GC', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', FINALIZER_CHILD], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(child.status, 0, child.stderr);
  const { start, end, forgotten } = JSON.parse(child.stdout.trim().split('\n').pop());
  console.log(`memory: ${forgotten} forgotten networks (~3.5 MiB each): heap ${MiB(start)} -> ${MiB(end)}`);
  // Without the finalizer they would need about 1.4 GiB, over the 1 GiB cap.
  // With it, the heap holds at most about two rounds of 20 (~140 MiB) before
  // a collection runs the callbacks.
  assert.ok(end - start < 160 * 2 ** 20, `heap grew by ${MiB(end - start)}`);
});

// Child process (--expose-gc): the C++ handles behind prepared kernels
// (cpp/api/kernel_handle.h, ~40 B each with malloc's header; lab.kernel()
// makes two, f and f'). lab.kernel() objects have no delete(): a
// FinalizationRegistry frees their handles; lab.forward() frees its own at once.
const KERNEL_HANDLE_CHILD = `
import { loadLab } from 'activation-lab';
const lab = await loadLab();
const M = lab.module;
const settle = async () => { for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); } };
const x = new Float32Array(8);
lab.kernel('leaky_relu', { alpha: 0.5 }); lab.forward('relu', x); await settle();
const start = M.HEAP8.buffer.byteLength;
for (let round = 0; round < 20; round++) {
  for (let i = 0; i < 20000; i++) lab.kernel('leaky_relu', { alpha: 0.5 });   // never freed by hand
  await settle();
}
const afterKernels = M.HEAP8.buffer.byteLength;
for (let i = 0; i < 400000; i++) lab.forward('relu', x);
console.log(JSON.stringify({ start, afterKernels, end: M.HEAP8.buffer.byteLength }));
`;

test('prepared kernels free their C++ handles: lab.kernel() objects after GC, lab.forward() at once', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', KERNEL_HANDLE_CHILD], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(child.status, 0, child.stderr);
  const { start, afterKernels, end } = JSON.parse(child.stdout.trim().split('\n').pop());
  console.log(`memory: 400000 forgotten prepared kernels, then 400000 lab.forward calls: heap ${MiB(start)} -> ${MiB(afterKernels)} -> ${MiB(end)}`);
  // Kept, the handles would take about 30 MiB (kernels) and 15 MiB (lab.forward).
  assert.ok(afterKernels - start < 4 * 2 ** 20, `forgotten kernels grew the heap by ${MiB(afterKernels - start)}`);
  assert.equal(end, afterKernels, 'lab.forward left no handle behind');
});
