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
