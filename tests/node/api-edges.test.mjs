// Edges of the public API found by using the package as a stranger would:
// values a caller can make by accident (JSON.parse of a file, an old view of
// the heap, an index out of range) must give an Error naming the field, the
// value and what is allowed, never a silently different result; and the lab
// keeps working afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const stillWorks = (lab) => assert.deepEqual(Array.from(lab.forward('relu', new Float32Array([-1, 2]))), [0, 2]);

test('an own "__proto__" key (as JSON.parse makes it) is an unknown field, not silently dropped', async () => {
  const lab = await getLab();
  const x = new Float32Array([-1, 1]);
  const unknown = (path) => new RegExp(`^(network JSON: )?${path.replace(/[.[\]]/g, '\\$&')}: unknown (field|parameter) "__proto__"`);
  // A config read from a file: its "__proto__" must not vanish (nor become the prototype C++ could read through).
  assert.throws(() => lab.createNetwork(JSON.parse('{"inputs":2,"__proto__":{"learningRate":5}}')), { name: 'RangeError', message: unknown('__proto__') });
  assert.throws(() => lab.forward('leaky_relu', x, JSON.parse('{"__proto__":{"alpha":0.5}}')), { name: 'RangeError', message: unknown('params.__proto__') });
  assert.throws(() => lab.kernel('leaky_relu', JSON.parse('{"__proto__":{"alpha":0.5}}')), { name: 'RangeError', message: unknown('params.__proto__') });
  assert.throws(() => lab.dataset('circle', JSON.parse('{"__proto__":{"n":50}}')), { name: 'RangeError', message: unknown('options.__proto__') });
  assert.throws(() => lab.bornDead(JSON.parse('{"__proto__":{"trials":7}}')), { name: 'RangeError', message: unknown('options.__proto__') });
  assert.throws(() => lab.createGcn(JSON.parse('{"__proto__":{"learningRate":7}}')), { name: 'RangeError', message: /__proto__: unknown field "__proto__"/ });
  assert.throws(() => lab.createNetwork(JSON.parse('{"inputs":2,"activation":"leaky_relu","activationParams":{"__proto__":{"alpha":0.5}}}')),
    { name: 'RangeError', message: /^activationParams\.__proto__/ });
  // lab.loadNetwork of the object says what it says of the same file as text.
  const net = lab.createNetwork({ inputs: 2, hidden: [3] });
  const text = JSON.stringify(net);
  net.delete();
  const edited = text.replace('{"config":{', '{"config":{"__proto__":{"learningRate":9},');
  assert.throws(() => lab.loadNetwork(edited), { name: 'RangeError', message: unknown('config.__proto__') });
  assert.throws(() => lab.loadNetwork(JSON.parse(edited)), { name: 'RangeError', message: unknown('config.__proto__') });
  // An own "__proto__" never becomes a prototype on the way.
  assert.equal(Object.prototype.learningRate, undefined);
  stillWorks(lab);
});

/** A Float32Array whose buffer is gone, as a view of the wasm heap is after the heap grows. */
function detached(Type = Float32Array, n = 8) {
  const a = new Type(n);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  assert.equal(a.length, 0);
  return a;
}

test('a detached typed array is named as such, not read as an empty array', async () => {
  const lab = await getLab();
  const gone = /must be a live .*; got a detached (Float32|Uint8|Int32)Array/;
  // An old buf.view() / net.weightsView() after heap growth reads as length 0: forward must not return [] for it.
  assert.throws(() => lab.forward('relu', detached()), { name: 'TypeError', message: new RegExp(`^x ${gone.source}`) });
  assert.throws(() => lab.derivative('relu', detached()), { name: 'TypeError', message: new RegExp(`^x ${gone.source}`) });
  assert.deepEqual(Array.from(lab.forward('relu', new Float32Array(0))), [], 'a genuinely empty array still works');
  const data = lab.dataset('circle', { n: 40 });
  const net = lab.createNetwork({ inputs: 2, hidden: [3] });
  try {
    assert.throws(() => net.setData({ ...data, x: detached() }), { name: 'TypeError', message: new RegExp(`^data\\.x ${gone.source}`) });
    assert.throws(() => net.setData({ ...data, testY: detached() }), { name: 'TypeError', message: new RegExp(`^data\\.testY ${gone.source}`) });
    net.setData(data);
    assert.throws(() => net.predict(detached()), { name: 'TypeError', message: new RegExp(`^x ${gone.source}`) });
    assert.throws(() => net.setWeights(detached()), { name: 'TypeError', message: new RegExp(`^weights ${gone.source}`) });
    assert.throws(() => net.restoreState(detached(Uint8Array)), { name: 'TypeError', message: new RegExp(`^state ${gone.source}`) });
    assert.equal(net.train(2).step, 2);
  } finally {
    net.delete();
  }
  const ring = lab.graph('ring', { n: 4 });
  assert.throws(() => lab.graphFilter(ring, detached()), { name: 'TypeError', message: new RegExp(`^signal ${gone.source}`) });
  assert.throws(() => lab.graphFourier({ nodes: 4, edges: detached(Int32Array) }), { name: 'TypeError', message: new RegExp(`^graph\\.edges ${gone.source}`) });
  stillWorks(lab);
});

test('graphFourier(...).vector(k) takes only an eigenvector index: out of range, fractional or not a number throws', async () => {
  const lab = await getLab();
  const fourier = lab.graphFourier(lab.graph('ring', { n: 4 }));
  for (const k of [-1, 4, 1.5, NaN, Infinity]) {
    assert.throws(() => fourier.vector(k), { name: 'RangeError', message: `k must be an integer in [0, 3]; got ${k}` });
  }
  for (const k of ['1', undefined, null, 1n]) {
    assert.throws(() => fourier.vector(k), { name: 'TypeError', message: /^k must be a number; got / });
  }
  assert.deepEqual(Array.from(fourier.vector(3)), Array.from(fourier.eigenvectors.subarray(12, 16)));
  assert.equal(fourier.vector(-0).length, 4);
  stillWorks(lab);
});

test('an array too long for the 1 MiB config cap is refused from its length, before any element is read (no multi-second stall)', async () => {
  const lab = await getLab();
  let reads = 0;
  const counted = (array) => new Proxy(array, { get(target, key) { if (typeof key === 'string' && /^\d+$/.test(key)) reads++; return target[key]; } });
  // new Array(1e8) costs nothing to make; copying it element by element took ~4 s before the cap threw.
  for (const [call, field] of [
    [() => lab.createNetwork({ inputs: 2, hidden: counted(new Array(1e8)) }), 'config'],
    [() => lab.forward('relu', new Float32Array(1), { alpha: counted(new Array(1e7)) }), 'params'],
    [() => lab.dataset('circle', { n: counted(new Array(6e5).fill(0)) }), 'options'],
  ]) {
    reads = 0;
    assert.throws(call, { name: 'RangeError', message: new RegExp(`^${field} \\(JSON length\\) must be at most 1 MiB of JSON; got at least \\d+$`) });
    assert.equal(reads, 0, `${field}: no element read`);
  }
  const t0 = performance.now();
  assert.throws(() => lab.createNetwork({ inputs: 2, hidden: new Float32Array(1e7) }), { name: 'RangeError', message: /^config \(JSON length\)/ });
  assert.ok(performance.now() - t0 < 1000, 'a 1e7-element typed array is refused at once (1.9 s before)');
  // An array that fits passes on to the field's own check (tests/node/caps.test.mjs checks the exact figure at the cap).
  assert.throws(() => lab.createNetwork({ inputs: 2, hidden: new Array(2 ** 18).fill(1) }), { message: /^hidden must be an array of at most 64 layer widths; got 262144 layers$/ });
  stillWorks(lab);
});

test('a getter that throws is named with its field (and a thrown non-Error becomes an Error); a DataView is not an array', async () => {
  const lab = await getLab();
  const x = new Float32Array([-1, 1]);
  assert.throws(() => lab.createNetwork({ inputs: 2, get hidden() { throw new Error('boom'); } }),
    (e) => e instanceof TypeError && e.message === 'config.hidden could not be read: its getter threw Error: boom' && e.cause?.message === 'boom');
  assert.throws(() => lab.forward('leaky_relu', x, { get alpha() { throw 5; } }),
    { name: 'TypeError', message: 'params.alpha could not be read: its getter threw 5' });
  const hidden = [4];
  Object.defineProperty(hidden, 1, { get() { throw new RangeError('late'); }, enumerable: true });
  assert.throws(() => lab.createNetwork({ inputs: 2, hidden }), { name: 'TypeError', message: 'config.hidden[1] could not be read: its getter threw RangeError: late' });
  assert.throws(() => lab.dataset('circle', { get n() { throw null; } }), { name: 'TypeError', message: 'options.n could not be read: its getter threw null' });
  // A DataView has no elements to read: it was taken as [] (a network without hidden layers).
  assert.throws(() => lab.createNetwork({ inputs: 2, hidden: new DataView(new ArrayBuffer(8)) }),
    { name: 'TypeError', message: 'config.hidden must be a plain object, array or value; got an object (DataView)' });
  // Getters that work are read once, as before.
  let reads = 0;
  const net = lab.createNetwork({ inputs: 2, get hidden() { reads++; return [3]; } });
  assert.deepEqual([net.config.hidden, reads], [[3], 1]);
  net.delete();
  stillWorks(lab);
});

test('restoreState takes null options as absent, as every other optional options argument does', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [3] });
  try {
    net.setData(lab.dataset('xor', { n: 40 }));
    const state = net.saveState();
    net.train(3);
    net.restoreState(state, null);
    assert.equal(net.step, 0);
    assert.equal(net.train(2, null).step, 2, 'as train(steps, null)');
    assert.throws(() => net.restoreState(state, 'exact'), { name: 'TypeError', message: 'options must be a plain object; got "exact"' });
  } finally {
    net.delete();
  }
});

test('a throwing getter on the objects JS reads itself (data, options, graphs) is named too, and each getter runs once', async () => {
  const lab = await getLab();
  // (a copy of `base` whose `name` is a getter that throws; spreading it would run the getter here)
  const boom = (name, base = {}) => Object.defineProperty({ ...base }, name, { get() { throw new Error('boom'); }, enumerable: true });
  const named = (path) => ({ name: 'TypeError', message: `${path} could not be read: its getter threw Error: boom` });
  const data = lab.dataset('circle', { n: 40 });
  const net = lab.createNetwork({ inputs: 2, hidden: [3] });
  try {
    assert.throws(() => net.setData(boom('x', data)), named('data.x'));
    assert.throws(() => net.setData(boom('testX', { x: data.x, y: data.y })), named('data.testX'));
    net.setData(data);
    assert.throws(() => net.train(1, boom('report')), named('options.report'));
    const state = net.saveState();
    assert.throws(() => net.restoreState(state, boom('exact')), named('options.exact'));
    let reads = 0;
    net.setData({ get x() { reads++; return data.x; }, y: data.y, inputs: 2 });
    assert.equal(reads, 1, 'data.x read once');
    assert.equal(net.train(1).step, 1);
  } finally {
    net.delete();
  }
  const karate = lab.graph('karate');
  assert.throws(() => lab.graphFourier(boom('edges', { nodes: 34 })), named('graph.edges'));
  const gcn = lab.createGcn({ hidden: [4] });
  try {
    assert.throws(() => gcn.setGraph(boom('features', karate), { labelled: [0, 33] }), named('graph.features'));
    assert.throws(() => gcn.setGraph(karate, boom('labelled')), named('options.labelled'));
    gcn.setGraph(karate, { labelled: [0, 33] });
    assert.equal(gcn.train(2).step, 2);
  } finally {
    gcn.delete();
  }
  await assert.rejects(async () => (await import('activation-lab')).loadLab(boom('simd')), named('options.simd'));
  stillWorks(lab);
});
