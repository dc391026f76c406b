// Every documented cap (docs/reliability.md, "Caps") at its edge: just under
// (or at) the cap the call works, one over it throws a RangeError that names
// the field. Where doing the allowed work itself would take minutes (a train
// call at the work cap), "works" means the cap check passes and the call goes
// on to the next check, which is asserted by its own message.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const lab = await getLab();

/** Asserts fn throws a RangeError whose message starts with (or contains) `field` and matches `rest`. */
function throwsRange(fn, field, rest = /./) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof RangeError, `a RangeError, got ${e?.name}: ${e?.message}`);
    assert.ok(e.message.includes(field), `names ${field}: ${e.message}`);
    assert.match(e.message, rest);
    return true;
  });
}

// Σ (in + 1) · out over the layers of a dense network
const paramCount = (sizes) => sizes.slice(1).reduce((n, out, i) => n + (sizes[i] + 1) * out, 0);

test('train: steps per call 0 … 1,000,000 (a tiny network trains exactly 1,000,000 steps)', () => {
  const net = lab.createNetwork({ inputs: 2, hidden: [3], activation: 'tanh', batchSize: 1, seed: 1 });
  try {
    net.setData(lab.dataset('circle', { n: 40, seed: 1 }));
    const r = net.train(1_000_000);
    assert.equal(r.step, 1_000_000);
    throwsRange(() => net.train(1_000_001), 'steps', /\[0, 1000000\]; got 1000001/);
    assert.equal(net.train(0).step, 1_000_000, 'the network is unchanged by the refused call');
  } finally {
    net.delete();
  }
});

test('train: work per call, steps × batchSize × parameters ≤ 2e11, at its edge', () => {
  const batchSize = 10;
  const sizes = [2, 256, 256, 1];
  const net = lab.createNetwork({ inputs: 2, hidden: [256, 256], activation: 'relu', batchSize, seed: 1 });
  try {
    const perStep = batchSize * paramCount(sizes);
    const max = Math.floor(2e11 / perStep);
    assert.ok(max < 1_000_000, 'the work cap binds before the step cap');
    // one over: a RangeError naming steps and the largest allowed count
    throwsRange(() => net.train(max + 1), 'steps', new RegExp(`at most ${max} per call .*got ${max + 1}`));
    // at the cap: the work check passes and the call reaches the next check (no data yet)
    assert.throws(() => net.train(max), (e) => e instanceof RangeError && /^data\b|train needs data/.test(e.message) && !/steps/.test(e.message));
    // with data, a call well inside the cap trains
    net.setData(lab.dataset('circle', { n: 40, seed: 1 }));
    assert.equal(net.train(3).step, 3);
    throwsRange(() => net.train(max + 1), 'steps');
  } finally {
    net.delete();
  }
});

test('bornDead: trials × depth × width² ≤ 2e7, at its edge', () => {
  // width 100, depth 2: 1000 trials is exactly 2e7
  const r = lab.bornDead({ width: 100, depth: 2, trials: 1000, seed: 1 });
  assert.equal(r.trials, 1000);
  assert.ok(r.probability >= 0 && r.probability <= 1);
  throwsRange(() => lab.bornDead({ width: 100, depth: 2, trials: 1001, seed: 1 }), 'options.trials', /at most 1000 for width 100 and depth 2.*got 1001/);
  throwsRange(() => lab.bornDead({ width: 257, depth: 1, trials: 1 }), 'options.width', /\[1, 256\]/);
  throwsRange(() => lab.bornDead({ width: 1, depth: 65, trials: 1 }), 'options.depth', /\[1, 64\]/);
  throwsRange(() => lab.bornDead({ width: 1, depth: 1, trials: 100_001 }), 'options.trials', /\[1, 100000\]/);
});

// Network JSON caps (cpp/nn/network_json.cpp): 80 MiB of text and 5,342,880
// values (kMaxParameters = 5,242,880 weights plus room for the config).
const MAX_JSON_BYTES = 80 * 2 ** 20;
const MAX_JSON_VALUES = 5_342_880;

// A network near the parameter cap: 1024 inputs, 4 × 1024 prelu units, 16 classes (4.22 M weights).
function largestNetworkJson() {
  const net = lab.createNetwork({ inputs: 1024, hidden: Array(4).fill(1024), activation: 'prelu', output: 'softmax', classes: 16, seed: 3 });
  try {
    return net.toJSON();
  } finally {
    net.delete();
  }
}
const big = JSON.stringify(largestNetworkJson());

test('network JSON size ≤ 80 MiB: a network near the parameter cap padded to exactly 80 MiB loads, one byte more throws', () => {
  assert.ok(big.length < MAX_JSON_BYTES && big.length > 40e6, `largest network JSON ${big.length} bytes`);
  const atCap = big + ' '.repeat(MAX_JSON_BYTES - big.length);
  assert.equal(atCap.length, MAX_JSON_BYTES);
  const net = lab.loadNetwork(atCap);
  try {
    assert.equal(net.config.hidden.length, 4);
  } finally {
    net.delete();
  }
  throwsRange(() => lab.loadNetwork(`${atCap} `), 'network JSON', new RegExp(`too large \\(${MAX_JSON_BYTES + 1} bytes; at most 80 MiB\\)`));
});

test('network JSON values ≤ 5,342,880: the largest network loads; 5,342,880 values pass the count, 5,342,881 throw', () => {
  const values = (text) => (text.match(/,/g) ?? []).length;
  assert.ok(values(big) > 4_000_000 && values(big) <= MAX_JSON_VALUES, `largest network: ${values(big)} commas`);
  lab.loadNetwork(big).delete();
  // a weight array with exactly the cap's count of commas passes the count and fails on its shape
  const list = (n) => `{"format":"activation-lab/network","version":1,"weights":[${'0,'.repeat(n)}0]}`;
  const atCap = list(MAX_JSON_VALUES - 2);
  assert.equal(values(atCap), MAX_JSON_VALUES);
  assert.throws(() => lab.loadNetwork(atCap), (e) => e instanceof RangeError && /missing field "config"/.test(e.message));
  const over = list(MAX_JSON_VALUES - 1);
  assert.equal(values(over), MAX_JSON_VALUES + 1);
  throwsRange(() => lab.loadNetwork(over), 'network JSON', new RegExp(`has more than ${MAX_JSON_VALUES} values`));
});

test('regression: a large allowed-size network JSON no longer aborts the module (was: 40 MB, 20,000,000 weights)', () => {
  // the old finding, then the largest texts that pass each cap, with long numbers (the DOM's worst case)
  const cases = [
    `{"format":"activation-lab/network","version":1,"weights":[${'0.1,'.repeat(20_000_000)}0.1]}`,
    `{"format":"activation-lab/network","version":1,"weights":[${'-1.2345678e-30,'.repeat(MAX_JSON_VALUES - 10)}0]}`,
    `[${'[0],'.repeat(MAX_JSON_VALUES - 10)}0]`,
  ];
  assert.throws(() => lab.loadNetwork(cases[0]), (e) => e instanceof RangeError && /network JSON: (too large|has more than)/.test(e.message));
  for (const text of cases.slice(1)) {
    assert.throws(() => lab.loadNetwork(text), (e) => (e instanceof RangeError || e instanceof TypeError) && /network JSON/.test(e.message), `${text.length} bytes`);
  }
  // the module still works
  const net = lab.createNetwork({ inputs: 2, hidden: [4], seed: 1 });
  net.setData(lab.dataset('circle', { n: 40, seed: 1 }));
  assert.ok(Number.isFinite(net.train(10).trainLoss));
  net.delete();
});

test('config JSON ≤ 1 MiB: exactly 1 MiB passes the size check, one byte more throws naming config', () => {
  const config = (len) => ({ inputs: 2, activation: 'a'.repeat(len) });
  const base = JSON.stringify(config(0)).length;
  const atCap = config(2 ** 20 - base);
  assert.equal(JSON.stringify(atCap).length, 2 ** 20);
  // at the cap the text is parsed and the unknown activation is named
  assert.throws(() => lab.createNetwork(atCap), (e) => e instanceof RangeError && /^activation/.test(e.message) && !/JSON length/.test(e.message));
  throwsRange(() => lab.createNetwork(config(2 ** 20 - base + 1)), 'config (JSON length)', /at most 1 MiB of JSON; got 1048577/);
  // the same cap for option objects
  throwsRange(() => lab.bornDead({ width: 4, depth: 1, init: 'x'.repeat(2 ** 20) }), 'options (JSON length)');
});

test('kernel arrays ≤ 2^26 elements: forward and createBuffer at 2^26 work, 2^26 + 1 throws naming the length', () => {
  const N = 2 ** 26;
  const x = new Float32Array(N);
  x[N - 1] = -2;
  x[0] = 3;
  const y = lab.forward('relu', x);
  assert.equal(y.length, N);
  assert.equal(y[0], 3);
  assert.equal(y[N - 1], 0);
  throwsRange(() => lab.forward('relu', new Float32Array(N + 1)), 'x.length', /at most 67108864; got 67108865/);
  throwsRange(() => lab.derivative('relu', new Float32Array(N + 1)), 'x.length', /at most 67108864/);
  const buf = lab.createBuffer(N);
  try {
    assert.equal(buf.view().length, N);
  } finally {
    buf.delete();
  }
  throwsRange(() => lab.createBuffer(N + 1), 'length', /\[0, 67108864\]; got 67108865/);
});
