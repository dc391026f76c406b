// The trainer through the JS library: config validation, data, training,
// prediction, weights and JSON, determinism, and bit identity with native.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const throwsLike = (fn, type, pattern) =>
  assert.throws(fn, (e) => e instanceof type && pattern.test(e.message), `expected ${type.name} ${pattern}`);

test('createNetwork validates every field with named errors, and the lab keeps working', async () => {
  const lab = await getLab();
  const cases = [
    [undefined, TypeError, /config must be a plain object; got undefined/],
    [{}, TypeError, /inputs must be an integer in \[1, 1024\]/],
    [{ inputs: 0 }, RangeError, /inputs must be an integer in \[1, 1024\].*got 0/],
    [{ inputs: 2, hidden: [4, 0] }, RangeError, /hidden\[1\] must be an integer in \[1, 1024\]; got 0/],
    [{ inputs: 2, hidden: 'big' }, TypeError, /hidden/],
    [{ inputs: 2, activation: 'relux' }, RangeError, /activation must be one of identity, .*got "relux"/],
    [{ inputs: 2, hidden: [3, 3], activation: ['relu'] }, RangeError, /activation/],
    [{ inputs: 2, learningRate: NaN }, RangeError, /learningRate .*got NaN/],
    [{ inputs: 2, learningRate: -1 }, RangeError, /learningRate .*got -1/],
    [{ inputs: 2, batchSize: 1e9 }, RangeError, /batchSize/],
    [{ inputs: 2, output: 'softmax', classes: 1 }, RangeError, /classes/],
    [{ inputs: 2, init: 'glorot' }, RangeError, /init/],
    [{ inputs: 2, optimizer: 'rmsprop' }, RangeError, /optimizer/],
    [{ inputs: 2, seed: -3 }, RangeError, /seed/],
    [{ inputs: 2, activation: 'leaky_relu', activationParams: { alpha: 2 } }, RangeError, /alpha/],
    [{ inputs: 2, learningrate: 0.1 }, RangeError, /unknown field "learningrate"; allowed: inputs, hidden/],
    [{ inputs: 2, hidden: [2], seed: 10n }, TypeError, /BigInt/],
  ];
  for (const [config, type, pattern] of cases) {
    throwsLike(() => lab.createNetwork(config), type, pattern);
  }
  const cyclic = { inputs: 2 };
  cyclic.self = cyclic;
  throwsLike(() => lab.createNetwork(cyclic), TypeError, /cyclic/);
  const net = lab.createNetwork({ inputs: 2 });
  assert.equal(net.config.hidden.length, 2);
  net.delete();
});

test('initGain scales the initial weights (1 keeps them bit for bit) and is validated; shapeset images load', async () => {
  const lab = await getLab();
  const base = { inputs: 3, hidden: [4], seed: 5 };
  const w1 = (() => { const n = lab.createNetwork(base); const w = n.getWeights(); n.delete(); return w; })();
  const g1 = lab.createNetwork({ ...base, initGain: 1 });
  const g6 = lab.createNetwork({ ...base, initGain: 6 });
  assert.deepEqual(g1.getWeights(), w1);
  assert.deepEqual(g6.getWeights(), w1.map((v) => Math.fround(v * 6)));
  assert.equal(g6.config.initGain, 6);
  g1.delete();
  g6.delete();
  assert.throws(() => lab.createNetwork({ ...base, initGain: 101 }), /initGain must be a finite number in \[0, 100\]; got 101/);
  const d = lab.dataset('shapeset', { n: 90, size: 12, seed: 3 });
  assert.deepEqual([d.inputs, d.classes, d.x.length, d.testX.length], [144, 9, 45 * 144, 45 * 144]);
  assert.ok(d.x.every((v) => v >= 0 && v <= 1));
  assert.deepEqual(lab.dataset('shapeset', { n: 90, size: 12, seed: 3 }).x, d.x);
  assert.throws(() => lab.dataset('shapeset', { n: 90, size: 40 }), /options.size must be an integer in \[8, 32\]; got 40/);
  assert.throws(() => lab.dataset('shapeset', { n: 20000 }), /n must be at most 15625 for shapeset at size 32/);
  // The paper's network fits the caps: 1024 inputs, 4 x 1000 sigmoid units, 9 classes.
  const big = lab.createNetwork({ inputs: 1024, hidden: [1000, 1000, 1000, 1000], activation: 'sigmoid', init: 'standard', output: 'softmax', classes: 9 });
  assert.equal(big.getWeights().length, 1025 * 1000 + 3 * 1001 * 1000 + 1001 * 9);
  big.delete();
});

test('a network trains on a dataset and reports per-layer diagnostics', async () => {
  const lab = await getLab();
  const data = lab.dataset('circle', { n: 400, noise: 0.1, seed: 2 });
  assert.equal(data.x.length, 2 * data.y.length);
  const net = lab.createNetwork({ inputs: 2, hidden: [8, 8], activation: 'tanh', learningRate: 0.03, seed: 3 });
  net.setData(data);
  const report = net.train(1500, { report: true });
  assert.equal(report.step, 1500);
  assert.ok(report.testAccuracy >= 0.9, `circle, tanh 8-8, 1500 steps: test accuracy ${report.testAccuracy}`);
  assert.equal(report.layers.length, 2);
  for (const l of report.layers) {
    for (const k of ['preMean', 'preStd', 'actMean', 'actStd', 'saturatedFraction', 'inactiveFraction', 'deadFraction', 'meanAbsDerivative', 'gradNorm']) {
      assert.equal(typeof l[k], 'number', k);
      assert.ok(Number.isFinite(l[k]), k);
    }
    assert.equal(l.histogram.counts.length, 30);
    const [p2, p50, p98] = l.actPercentiles;
    assert.ok(-1 <= p2 && p2 <= p50 && p50 <= p98 && p98 <= 1, `tanh percentiles ${l.actPercentiles}`);
    assert.equal(l.inactiveFraction, 0, 'tanh is never exactly flat');
  }
  const grid = net.predictGrid(-6, 6, -6, 6, 50);
  assert.equal(grid.length, 2500);
  assert.ok(grid.every((p) => p >= 0 && p <= 1));
  // The centre of the circle and the far corner get different classes.
  assert.notEqual(grid[25 * 50 + 25] > 0.5, grid[0] > 0.5);
  const e = net.evaluate();
  assert.ok(Math.abs(e.testAccuracy - report.testAccuracy) < 1e-12);
  net.delete();
});

test('the same seed gives identical reports; another seed does not', async () => {
  const lab = await getLab();
  const run = (seed) => {
    const net = lab.createNetwork({ inputs: 2, hidden: [6, 5], activation: ['rrelu', 'prelu'], optimizer: 'adam', learningRate: 0.01, seed });
    net.setData(lab.dataset('spiral', { n: 300, noise: 0.2, seed: 5 }));
    const reports = [net.train(50), net.train(50)];
    net.delete();
    return JSON.stringify(reports);
  };
  assert.equal(run(4), run(4));
  assert.notEqual(run(4), run(5));
});

test('train with report: false returns the compact result and trains exactly like a reporting run', async () => {
  const lab = await getLab();
  const data = lab.dataset('xor', { n: 200, seed: 4 });
  const make = () => {
    const net = lab.createNetwork({ inputs: 2, hidden: [6], activation: 'tanh', seed: 2 });
    net.setData(data);
    return net;
  };
  const quiet = make();
  const loud = make();
  const compact = quiet.train(30, { report: false });
  const full = loud.train(30, { report: true });
  assert.deepEqual(Object.keys(compact).sort(), ['batchLoss', 'diverged', 'divergedAtStep', 'learningRate', 'step']);
  assert.equal(compact.step, 30);
  assert.equal(compact.batchLoss, full.batchLoss);
  assert.equal(compact.diverged, false);
  assert.equal(compact.divergedAtStep, null);
  assert.deepEqual(quiet.getWeights(), loud.getWeights());
  assert.throws(() => quiet.train(-2, { report: false }), (e) => e instanceof RangeError && /steps/.test(e.message));
  quiet.delete();
  loud.delete();
});

test('wasm training equals the native build bit for bit after 500 steps', async () => {
  const lab = await getLab();
  const check = (fixture, source) => {
    const d = fixture.dataset;
    const data = lab.dataset(d.name, { n: d.n, noise: d.noise, seed: d.seed, trainFraction: d.trainFraction });
    const net = lab.createNetwork(fixture.config);
    net.setData(data);
    const bits = new DataView(new ArrayBuffer(8));
    for (let step = 0; step < fixture.steps; step++) {
      const { batchLoss } = net.train(1, { report: false });
      bits.setFloat64(0, batchLoss);
      const hex = bits.getBigUint64(0).toString(16).padStart(16, '0');
      assert.equal(hex, fixture.lossBits[step], `${source}: loss of step ${step + 1}`);
    }
    const bytes = new Uint8Array(net.getWeights().buffer);
    let hash = 2166136261;
    for (const b of bytes) hash = Math.imul(hash ^ b, 16777619) >>> 0;
    assert.equal(hash.toString(16).padStart(8, '0'), fixture.weightsFnv1a, `${source}: final weights`);
    net.delete();
  };
  check(JSON.parse(readFileSync(new URL('../fixtures/training.json', import.meta.url), 'utf8')), 'committed fixture');
  const tool = new URL('../../build/native/train_fixture', import.meta.url);
  assert.ok(existsSync(tool), 'npm test builds build/native/train_fixture first');
  check(JSON.parse(execFileSync(tool.pathname).toString()), 'fresh native run');
});

test('setData, train, predict and predictGrid reject bad input by name', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [4] });
  throwsLike(() => net.train(10), RangeError, /train needs data first/);
  const data = lab.dataset('xor', { n: 100, seed: 1 });
  throwsLike(() => net.setData({ x: Array.from(data.x), y: data.y }), TypeError, /data.x must be a Float32Array/);
  throwsLike(() => net.setData({ x: data.x, y: data.y.subarray(1) }), RangeError, /data.x.length must be y.length × inputs/);
  throwsLike(() => net.setData({ x: data.x, y: data.y, inputs: 3 }), RangeError, /data.inputs/);
  throwsLike(() => net.setData({ x: data.x, y: data.y, extra: 1 }), RangeError, /unknown field "extra"/);
  const badX = data.x.slice();
  badX[7] = NaN;
  throwsLike(() => net.setData({ x: badX, y: data.y }), RangeError, /x\[7\].*NaN/);
  const badY = data.y.slice();
  badY[0] = 3;
  throwsLike(() => net.setData({ x: data.x, y: badY }), RangeError, /y\[0\]/);
  net.setData(data);
  throwsLike(() => net.train(-1), RangeError, /steps must be an integer in \[0, 1000000\]; got -1/);
  throwsLike(() => net.train(2.5), RangeError, /steps .*got 2.5/);
  throwsLike(() => net.train('10'), TypeError, /steps must be a number/);
  throwsLike(() => net.train(1, { reprot: true }), RangeError, /unknown field "reprot"/);
  throwsLike(() => net.predict(new Float32Array(3)), RangeError, /x.length must be a multiple of the network's inputs \(2\)/);
  throwsLike(() => net.predictGrid(1, 0, 0, 1, 10), RangeError, /xMin must be < xMax/);
  throwsLike(() => net.predictGrid(0, 1, 0, 1, 1e4), RangeError, /resolution must be an integer in \[2, 400\]/);
  throwsLike(() => net.predictGrid(0, 1, 0, NaN, 10), RangeError, /yMax .*NaN/);
  throwsLike(() => net.setLearningRate(Infinity), RangeError, /learningRate .*Infinity/);
  throwsLike(() => net.setWeights(new Float32Array(2)), RangeError, /weights/);
  assert.equal(net.train(5).step, 5);
  net.delete();
  throwsLike(() => net.train(1), Error, /this network was deleted/);
  net.delete();  // twice is fine
});

test('weights, layout and toJSON/loadNetwork round-trip exactly', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [5, 3], activation: ['prelu', 'elu'], seed: 8 });
  const data = lab.dataset('moons', { n: 200, seed: 3 });
  net.setData(data);
  net.train(100);
  const layout = net.layout;
  assert.deepEqual(layout.map((t) => t.name), ['hidden0.weight', 'hidden0.bias', 'hidden0.alpha', 'hidden1.weight', 'hidden1.bias', 'output.weight', 'output.bias']);
  const last = layout.at(-1);
  assert.equal(net.getWeights().length, last.offset + last.shape.reduce((a, b) => a * b, 1));
  const view = net.weightsView();
  assert.deepEqual(Array.from(view), Array.from(net.getWeights()));
  const copy = lab.loadNetwork(JSON.stringify(net));
  assert.deepEqual(copy.getWeights(), net.getWeights());
  assert.equal(copy.step, 100);
  assert.deepEqual(copy.config, net.config);
  assert.deepEqual(copy.predict(data.testX), net.predict(data.testX), 'a loaded network predicts identically');
  throwsLike(() => lab.loadNetwork('{"format": 1'), RangeError, /network JSON/);
  throwsLike(() => lab.loadNetwork(42), TypeError, /json must be the object or string from net.toJSON\(\)/);
  const tampered = net.toJSON();
  tampered.weights[0] = 'x';
  throwsLike(() => lab.loadNetwork(tampered), TypeError, /weights\[0\] must be a number; got "x"/);
  net.delete();
  copy.delete();
});

test('reports cross as objects with the native report\'s keys, order and values (no JSON text)', async () => {
  const lab = await getLab();
  const tool = new URL('../../build/native/report_fixture', import.meta.url);
  assert.ok(existsSync(tool), 'npm test builds build/native/report_fixture first');
  const fixture = JSON.parse(execFileSync(tool.pathname).toString());
  const d = fixture.dataset;
  const net = lab.createNetwork(fixture.config);
  net.setData(lab.dataset(d.name, { n: d.n, noise: d.noise, seed: d.seed, trainFraction: d.trainFraction }));
  const reports = fixture.calls.map((steps) => net.train(steps));
  assert.ok(fixture.reports.some((r) => r.events.length > 0) && fixture.reports[0].layers[0].alpha, 'the fixture has events and alpha');
  // JSON.stringify of both: same keys in the same order, same numbers.
  assert.equal(JSON.stringify(reports), JSON.stringify(fixture.reports));
  assert.deepStrictEqual(reports, fixture.reports);
  // The raw binding returns objects, not text.
  const raw = lab.module.createNetwork({ inputs: 2 });
  try {
    raw.setData(new Float32Array([0, 0, 1, 1]), new Float32Array([0, 1]), 2, new Float32Array(0), new Float32Array(0));
    for (const value of [raw.train(1, true), raw.evaluate(), raw.layout(), raw.config(), lab.module.bornDead({ trials: 10 })]) {
      assert.equal(typeof value, 'object', `a binding result is ${typeof value}`);
    }
  } finally {
    raw.delete();
  }
  net.delete();
});

test('a diverged report has null, never NaN or "NaN", for the losses it cannot compute', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [16, 16], activation: 'relu', output: 'linear', learningRate: 100, seed: 1 });
  net.setData(lab.dataset('plane', { n: 200, seed: 1 }));
  const r = net.train(200);
  const numbers = [];
  const visit = (v) => (v && typeof v === 'object' ? Object.values(v).forEach(visit) : numbers.push(v));
  visit(r);
  assert.ok(numbers.every((v) => v === null || typeof v !== 'number' || Number.isFinite(v)), 'no non-finite number in the report');
  assert.ok(numbers.every((v) => v !== 'NaN' && v !== 'Infinity'), 'no non-finite string in the report');
  net.delete();
});

test('divergence stops training, keeps finite weights and is cleared by a new learning rate', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [16, 16], activation: 'relu', output: 'linear', learningRate: 100, seed: 1 });
  net.setData(lab.dataset('plane', { n: 200, seed: 1 }));
  const r = net.train(200);
  assert.equal(r.diverged, true);
  assert.equal(typeof r.divergedAtStep, 'number');
  assert.ok(Array.from(net.getWeights()).every(Number.isFinite));
  net.setLearningRate(0.001);
  assert.equal(net.train(1).diverged, false);
  net.delete();
});

test('born-dead: 2^-N for one zero-bias layer, rising with depth and falling with width', async () => {
  const lab = await getLab();
  const p = (o) => lab.bornDead({ trials: 4000, seed: 3, init: 'he', ...o }).probability;
  // Closed forms for one input x in [-1, 1] and zero biases. Depth 1: unit i
  // computes relu(w_i x), alive on one side of 0, so the output is never
  // constant: P = 0. Depth 2: layer-1 output is x·w⁺ (x > 0) or |x|·w⁻ (x < 0)
  // with disjoint supports, so a layer-2 unit j is dead iff W_j·w⁺ ≤ 0 and
  // W_j·w⁻ ≤ 0: independent halves, 1/4 each when both signs occur among the N
  // w_i (probability 1 − 2^(1−N)), 1/2 when they all share a sign. The net is
  // dead iff all N layer-2 units are: P = (1 − 2^(1−N)) 4^−N + 2^(1−N) 2^−N.
  for (const N of [1, 2, 3]) {
    assert.equal(p({ width: N, depth: 1, biasInit: 0 }), 0);
    const closed = (1 - 2 ** (1 - N)) * 4 ** -N + 2 ** (1 - N) * 2 ** -N;
    const estimate = p({ width: N, depth: 2, biasInit: 0 });
    const sigma = Math.sqrt((closed * (1 - closed)) / 4000);
    assert.ok(Math.abs(estimate - closed) < 4 * sigma, `width ${N}, depth 2: ${estimate} vs ${closed}`);
  }
  assert.ok(p({ width: 3, depth: 20 }) > p({ width: 3, depth: 2 }));
  assert.ok(p({ width: 10, depth: 10 }) < p({ width: 2, depth: 10 }));
  assert.throws(() => lab.bornDead({ width: 0 }), /options.width must be an integer in \[1, 256\]/);
});
