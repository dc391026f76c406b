// Per-unit views and checkpoints through the JS library: net.unitGrid against a
// double-precision forward pass and against predictGrid, net.unitStats against
// a double reference, and saveState / restoreState continuing bit for bit.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const throwsLike = (fn, type, pattern) =>
  assert.throws(fn, (e) => e instanceof type && pattern.test(e.message), `expected ${type.name} ${pattern}`);

const F64 = {
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
  leaky_relu: (z) => (z > 0 ? z : 0.01 * z),
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  elu: (z) => (z > 0 ? z : Math.expm1(z)),
};
const F64_PRIME = {
  tanh: (z) => 1 - Math.tanh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
  sigmoid: (z) => { const s = 1 / (1 + Math.exp(-z)); return s * (1 - s); },
};

// Hidden activations of one input point in double precision, from the weights.
function forward64(net, acts, point) {
  const w = net.getWeights();
  const layout = Object.fromEntries(net.layout.map((t) => [t.name, t]));
  let a = point;
  const out = [];
  acts.forEach((act, l) => {
    const W = layout[`hidden${l}.weight`];
    const b = layout[`hidden${l}.bias`];
    const [units, inputs] = W.shape;
    const z = Array.from({ length: units }, (_, j) => {
      let s = w[b.offset + j];
      for (let k = 0; k < inputs; k++) s += w[W.offset + j * inputs + k] * a[k];
      return s;
    });
    out.push(z);
    a = z.map(F64[act]);
  });
  return out;   // pre-activations per layer
}

function gridPoint(bounds, resolution, pixel) {
  const [xMin, xMax, yMin, yMax] = bounds;
  const r = Math.floor(pixel / resolution), c = pixel % resolution;
  const step = Math.fround(1 / (resolution - 1));
  return [Math.fround(xMin + (xMax - xMin) * Math.fround(c * step)), Math.fround(yMin + (yMax - yMin) * Math.fround(r * step))];
}

test('unitGrid: every unit\'s f(z) on the predictGrid grid, [layer][unit][row][column], within 2e-5 of a double forward pass', async () => {
  const lab = await getLab();
  const data = lab.dataset('xor', { n: 300, noise: 0.1, seed: 4 });
  const acts = ['tanh', 'relu', 'sigmoid'];
  const net = lab.createNetwork({ inputs: 2, hidden: [5, 4, 3], activation: acts, learningRate: 0.05, seed: 9 });
  net.setData(data);
  net.train(300, { report: false });
  const bounds = [-6, 5, -4, 7];   // not square: rows and columns cannot be swapped unnoticed
  const res = 23;
  const grid = net.unitGrid(...bounds, res);
  assert.ok(grid instanceof Float32Array);
  assert.equal(grid.length, (5 + 4 + 3) * res * res);
  let worst = 0;
  for (let p = 0; p < res * res; p++) {
    const z = forward64(net, acts, gridPoint(bounds, res, p));
    let unit = 0;
    z.forEach((layer, l) => layer.forEach((zj) => {
      const ref = F64[acts[l]](zj);
      const err = Math.abs(grid[unit * res * res + p] - ref) / (1 + Math.abs(ref));
      worst = Math.max(worst, err);
      unit++;
    }));
  }
  assert.ok(worst < 2e-5, `worst relative error ${worst}`);
  // The first unit of layer 0 at the corners: row 0 is y = yMin, column 0 is x = xMin.
  const wts = net.getWeights();
  const [w0, w1, b0] = [wts[0], wts[1], wts[net.layout[1].offset]];
  const corner = (x, y) => Math.tanh(w0 * x + w1 * y + b0);
  assert.ok(Math.abs(grid[res - 1] - corner(5, -4)) < 1e-5, 'row 0, last column is (xMax, yMin)');
  assert.ok(Math.abs(grid[(res - 1) * res] - corner(-6, 7)) < 1e-5, 'last row, column 0 is (xMin, yMax)');
  // The last hidden layer's images give predictGrid's output through the output unit.
  const out = net.predictGrid(...bounds, res);
  const ow = net.layout.find((t) => t.name === 'output.weight');
  const ob = net.layout.find((t) => t.name === 'output.bias');
  const first = (5 + 4) * res * res;
  let worstOut = 0;
  for (let p = 0; p < res * res; p++) {
    let s = wts[ob.offset];
    for (let j = 0; j < 3; j++) s += wts[ow.offset + j] * grid[first + j * res * res + p];
    worstOut = Math.max(worstOut, Math.abs(1 / (1 + Math.exp(-s)) - out[p]));
  }
  assert.ok(worstOut < 1e-5, `output through the last layer's images differs from predictGrid by ${worstOut}`);
  net.delete();
});

test('unitGrid validates its arguments by name and caps the image volume', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [4], activation: 'relu', seed: 1 });
  throwsLike(() => net.unitGrid(1, 0, 0, 1, 10), RangeError, /xMin must be < xMax/);
  throwsLike(() => net.unitGrid(0, 1, 0, NaN, 10), RangeError, /yMax .*NaN/);
  throwsLike(() => net.unitGrid(0, 1, 0, 1, 1), RangeError, /resolution must be an integer in \[2, 400\]/);
  throwsLike(() => net.unitGrid(0, 1, 0, 1, 2.5), RangeError, /resolution/);
  throwsLike(() => net.unitGrid(0, 1, 0, '1', 10), TypeError, /yMax/);
  assert.equal(net.unitGrid(0, 1, 0, 1, 400).length, 4 * 400 * 400);
  const wide = lab.createNetwork({ inputs: 2, hidden: [256, 256, 256], activation: 'relu', seed: 1 });
  throwsLike(() => wide.unitGrid(0, 1, 0, 1, 400), RangeError, /resolution must be at most 144 for 768 hidden units/);
  assert.equal(wide.unitGrid(0, 1, 0, 1, 144).length, 768 * 144 * 144);
  wide.delete();
  const three = lab.createNetwork({ inputs: 3, hidden: [2], seed: 1 });
  throwsLike(() => three.unitGrid(0, 1, 0, 1, 10), RangeError, /network.inputs must be 2 for unitGrid; got 3/);
  three.delete();
  const bare = lab.createNetwork({ inputs: 2, hidden: [], seed: 1 });
  assert.equal(bare.unitGrid(0, 1, 0, 1, 10).length, 0);
  bare.delete();
  net.delete();
  throwsLike(() => net.unitGrid(0, 1, 0, 1, 10), Error, /deleted/);
  assert.equal(lab.createNetwork({ inputs: 2, hidden: [1], seed: 2 }).unitGrid(-1, 1, -1, 1, 2).length, 4, 'the lab keeps working');
});

test('unitStats: per-unit active / inactive / saturated shares and histograms match a double reference; a killed unit is all inactive', async () => {
  const lab = await getLab();
  const data = lab.dataset('circle', { n: 1500, noise: 0.1, seed: 3 });
  const acts = ['relu', 'sigmoid'];
  const net = lab.createNetwork({ inputs: 2, hidden: [6, 4], activation: acts, seed: 5 });
  net.setData(data);
  net.train(200, { report: false });
  // Kill unit 2 of layer 0: a bias far below anything the weights can lift.
  const w = net.getWeights();
  w[net.layout[1].offset + 2] = -1000;
  net.setWeights(w);
  const s = net.unitStats();
  assert.equal(s.active.length, 10);
  assert.equal(s.histogram.length, 10 * 30);
  const n = Math.min(1000, data.y.length);   // the diagnostics set: the first min(1000, n) training samples
  assert.ok(n >= 700);
  const counts = Array.from({ length: 10 }, () => [0, 0, 0]);
  const hist = new Float64Array(300);
  const sigmoidScale = 0.05 * 0.25;   // 0.05 · max|f'| of sigmoid
  for (let i = 0; i < n; i++) {
    const z = forward64(net, acts, [data.x[2 * i], data.x[2 * i + 1]]);
    let u = 0;
    z.forEach((layer, l) => layer.forEach((zj) => {
      const d = Math.abs(F64_PRIME[acts[l]](zj));
      counts[u][d === 0 ? 1 : l === 1 && d < sigmoidScale ? 2 : 0]++;
      hist[u * 30 + Math.max(0, Math.min(29, Math.floor((zj + 6) * 2.5)))]++;
      u++;
    }));
  }
  for (let u = 0; u < 10; u++) {
    assert.ok(Math.abs(s.active[u] + s.inactive[u] + s.saturated[u] - 1) < 1e-6, `unit ${u} shares sum to 1`);
    // Samples right at a threshold may fall on either side in float: allow 2 of 1000.
    assert.ok(Math.abs(s.active[u] - counts[u][0] / n) <= 0.002, `unit ${u} active ${s.active[u]} vs ${counts[u][0] / n}`);
    assert.ok(Math.abs(s.inactive[u] - counts[u][1] / n) <= 0.002, `unit ${u} inactive`);
    assert.ok(Math.abs(s.saturated[u] - counts[u][2] / n) <= 0.002, `unit ${u} saturated`);
    let total = 0, diff = 0;
    for (let b = 0; b < 30; b++) { total += s.histogram[u * 30 + b]; diff += Math.abs(s.histogram[u * 30 + b] - hist[u * 30 + b]); }
    assert.equal(total, n);
    assert.ok(diff <= 4, `unit ${u} histogram differs from the reference by ${diff} counts`);
  }
  assert.equal(s.inactive[2], 1);
  assert.ok(net.train(0).layers[0].deadUnits.includes(2), 'the report agrees that unit 2 is dead');
  const fresh = lab.createNetwork({ inputs: 2, hidden: [3], seed: 1 });
  throwsLike(() => fresh.unitStats(), RangeError, /data.*setData/);
  fresh.delete();
  net.delete();
});

const bits = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

for (const [name, config] of [
  ['sgd relu', { hidden: [8, 8], activation: 'relu', optimizer: 'sgd', learningRate: 0.3 }],
  ['adam rrelu + prelu', { hidden: [6, 5], activation: ['rrelu', 'prelu'], optimizer: 'adam', learningRate: 0.01 }],
  ['momentum tanh, batches across epochs', { hidden: [4], activation: 'tanh', optimizer: 'momentum', batchSize: 7, learningRate: 0.1 }],
]) {
  test(`saveState / restoreState (${name}): a restored network continues bit for bit, reports included`, async () => {
    const lab = await getLab();
    const data = lab.dataset('spiral', { n: 200, noise: 0.1, seed: 6 });
    const full = { inputs: 2, seed: 11, ...config };
    const a = lab.createNetwork(full);
    a.setData(data);
    a.train(137, { report: true });
    const saved = a.saveState();
    assert.ok(saved instanceof Uint8Array && saved.length > 100);
    a.setLearningRate(config.learningRate * 3);   // the learning rate is part of the state
    const ra = a.train(263, { report: true });
    const b = lab.createNetwork(full);
    b.setData(data);
    b.train(5, { report: false });                // anything: the restore replaces it
    b.restoreState(saved);
    assert.equal(b.step, 137);
    b.setLearningRate(config.learningRate * 3);
    const rb = b.train(263, { report: true });
    assert.equal(bits(b.getWeights()), bits(a.getWeights()));
    assert.deepEqual(rb, ra);
    a.delete();
    b.delete();
  });
}

test('restoreState rejects foreign, damaged or mismatched states by name; a fork (exact: false) may change activations', async () => {
  const lab = await getLab();
  const data = lab.dataset('circle', { n: 200, noise: 0.1, seed: 1 });
  const cfg = { inputs: 2, hidden: [5, 5], activation: 'relu', optimizer: 'adam', seed: 3 };
  const a = lab.createNetwork(cfg);
  a.setData(data);
  a.train(50, { report: false });
  const saved = a.saveState();
  const b = lab.createNetwork(cfg);
  throwsLike(() => b.restoreState(saved), RangeError, /data.*setData/);
  b.setData(data);
  throwsLike(() => b.restoreState([1, 2, 3]), TypeError, /state must be a Uint8Array.*an array of length 3/);
  throwsLike(() => b.restoreState(saved, { exact: 1 }), TypeError, /options.exact must be a boolean; got 1/);
  throwsLike(() => b.restoreState(saved, { exakt: true }), RangeError, /exakt/);
  throwsLike(() => b.restoreState(new Uint8Array(10)), RangeError, /state must be bytes from net.saveState\(\).*header/);
  throwsLike(() => b.restoreState(saved.subarray(0, saved.length - 9)), RangeError, /ends early/);
  const junk = new Uint8Array(saved.length + 1); junk.set(saved);
  throwsLike(() => b.restoreState(junk), RangeError, /trailing bytes/);
  const other = lab.createNetwork({ ...cfg, activation: 'tanh' });
  other.setData(data);
  throwsLike(() => other.restoreState(saved), RangeError, /another config/);
  const otherData = lab.createNetwork(cfg);
  otherData.setData(lab.dataset('circle', { n: 200, noise: 0.2, seed: 1 }));
  throwsLike(() => otherData.restoreState(saved), RangeError, /other training data/);
  otherData.restoreState(saved, { exact: false });   // a fork may change the noise
  assert.equal(otherData.step, 50);
  const wider = lab.createNetwork({ ...cfg, hidden: [5, 6] });
  wider.setData(data);
  throwsLike(() => wider.restoreState(saved, { exact: false }), RangeError, /another shape/);
  // A fork with another activation in layer 1 (and prelu: a different layout).
  for (const act of [['relu', 'tanh'], ['relu', 'prelu']]) {
    const fork = lab.createNetwork({ ...cfg, activation: act });
    fork.setData(data);
    fork.restoreState(saved, { exact: false });
    assert.equal(fork.step, 50);
    const wa = a.getWeights(), wf = fork.getWeights();
    for (const t of a.layout) {
      const tf = fork.layout.find((x) => x.name === t.name);
      assert.equal(bits(wf.subarray(tf.offset, tf.offset + t.shape.reduce((p, q) => p * q))),
        bits(wa.subarray(t.offset, t.offset + t.shape.reduce((p, q) => p * q))), t.name);
    }
    assert.equal(fork.train(10).step, 60);
    fork.delete();
  }
  b.restoreState(saved);
  assert.equal(bits(b.getWeights()), bits(a.getWeights()));
  for (const n of [a, b, other, otherData, wider]) n.delete();
});
