// The activation API of the built WebAssembly module, in Node: catalogue,
// numerics against double-precision JS references, bit identity with the
// native build, and the errors callers get.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { bitsOf, fnv1a64, fromBits, getLab } from './helpers/lab.mjs';

const NAMES = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'softsign', 'mish', 'step'];

test('the catalogue lists every activation with its parameters and properties', async () => {
  const lab = await getLab();
  assert.deepEqual(lab.activations.map((a) => a.name), NAMES);
  assert.equal(lab.simd, true);
  assert.deepEqual(lab.activation('leaky_relu').params, { alpha: 0.01 });
  assert.deepEqual(lab.activation('rrelu').params, { lower: 3, upper: 8 });
  assert.deepEqual(lab.activation('prelu').params, { alpha: 0.25 });
  const relu = lab.activation('relu').properties;
  assert.equal(relu.differentiable, false);
  assert.deepEqual(relu.nonDifferentiableAt, [0]);
  assert.equal(lab.activation('tanh').properties.zeroCentred, true);
  assert.equal(lab.activation('sigmoid').properties.upperBound, 1);
  assert.equal(lab.activation('relu').properties.upperBound, null);
  // step: f jumps at 0 (not differentiable there), f' = 0 on both sides: inactive, never saturated.
  const step = lab.activation('step').properties;
  assert.deepEqual([step.differentiable, step.nonDifferentiableAt, step.discontinuousAt], [false, [0], [0]]);
  assert.deepEqual([step.inactiveBelow, step.inactiveAbove, step.saturatesBelow, step.saturatesAbove], [true, true, null, null]);
  // The diagnostics' saturation regions, from the measured derivative.
  const sig = lab.activation('sigmoid').properties;
  assert.ok(Math.abs(sig.saturatesBelow + 4.36) < 0.011 && Math.abs(sig.saturatesAbove - 4.36) < 0.011, `${sig.saturatesBelow} ${sig.saturatesAbove}`);
  assert.equal(relu.saturatesBelow, null);
  assert.equal(relu.inactiveBelow, true);
  assert.ok(lab.activation('elu').properties.saturatesBelow < -2.9);
  assert.equal(lab.activation('elu').properties.saturatesAbove, null);
  assert.equal(lab.activation('leaky_relu').properties.saturatesBelow, null);
  assert.ok(Object.isFrozen(lab.activations[0].properties));
  for (const a of lab.activations) {
    assert.equal(typeof a.label, 'string');
    assert.equal(typeof a.formula, 'string');
    assert.equal(typeof a.tex, 'string');
  }
});

// Double-precision references for the functions JS's Math can express exactly enough.
const softplus = (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const REF = {
  identity: [(x) => x, () => 1],
  sigmoid: [(x) => 1 / (1 + Math.exp(-x)), (x) => { const e = Math.exp(-Math.abs(x)); return e / (1 + e) ** 2; }],
  tanh: [Math.tanh, (x) => 1 / Math.cosh(x) ** 2],
  relu: [(x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0)],
  leaky_relu: [(x) => (x > 0 ? x : Math.fround(0.01) * x), (x) => (x > 0 ? 1 : Math.fround(0.01))],
  elu: [(x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x))],
  softplus: [softplus, (x) => 1 / (1 + Math.exp(-x))],
  softsign: [(x) => x / (1 + Math.abs(x)), (x) => 1 / (1 + Math.abs(x)) ** 2],
  silu: [(x) => x / (1 + Math.exp(-x)), (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 + x * (1 - s)); }],
  step: [(x) => (x > 0 ? 1 : 0), () => 0],
  mish: [(x) => x * Math.tanh(softplus(x)), (x) => { const sp = softplus(x); return Math.tanh(sp) + x / Math.cosh(sp) ** 2 / (1 + Math.exp(-x)); }],
};

function ulpAt(v) {
  const f = Math.abs(Math.fround(v));
  const b = new Float32Array([f]);
  const u = new Uint32Array(b.buffer);
  u[0] += 1;
  return b[0] - f || 1.4e-45;
}

test('forward and derivative agree with double-precision references', async () => {
  const lab = await getLab();
  const x = new Float32Array(20001);
  for (let i = 0; i < x.length; i++) x[i] = -20 + (40 * i) / (x.length - 1);
  for (const [name, [f, df]] of Object.entries(REF)) {
    const y = lab.forward(name, x);
    const d = lab.derivative(name, x);
    for (let i = 0; i < x.length; i++) {
      const rf = f(x[i]);
      const rd = df(x[i]);
      const ef = Math.abs(y[i] - rf);
      const ed = Math.abs(d[i] - rd);
      // Looser than the native suite (4 and 16 ULP) only by the error of JS's own Math.
      assert.ok(ef <= 6 * ulpAt(rf) || ef <= 1e-7, `${name}(${x[i]}) = ${y[i]}, want ${rf}`);
      assert.ok(ed <= 24 * ulpAt(rd) || ed <= 2e-7, `${name}'(${x[i]}) = ${d[i]}, want ${rd}`);
    }
  }
});

test('inputs are untouched, outputs are new arrays of the same length, tails and NaN behave', async () => {
  const lab = await getLab();
  for (const n of [0, 1, 3, 4, 5, 67, 1000]) {
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 5);
    const copy = x.slice();
    for (const name of NAMES) {
      const y = lab.forward(name, x);
      assert.ok(y instanceof Float32Array);
      assert.equal(y.length, n);
      assert.notEqual(y.buffer, x.buffer);
      assert.deepEqual(x, copy);
    }
  }
  for (const name of NAMES) {
    assert.ok(Number.isNaN(lab.forward(name, new Float32Array([NaN]))[0]), `${name}(NaN)`);
    assert.ok(Number.isNaN(lab.derivative(name, new Float32Array([NaN]))[0]), `${name}'(NaN)`);
  }
  assert.deepEqual([...lab.forward('gelu', new Float32Array([-Infinity, Infinity]))], [-0, Infinity]);
});

test('parameters change the function: alpha, lower/upper, training and seed', async () => {
  const lab = await getLab();
  const x = new Float32Array([-2, -1, 1]);
  assert.deepEqual([...lab.forward('leaky_relu', x, { alpha: 0.5 })], [-1, -0.5, 1]);
  assert.deepEqual([...lab.forward('prelu', x)], [-0.5, -0.25, 1]);
  assert.deepEqual([...lab.forward('elu', new Float32Array([-1e9]), { alpha: 2 })], [-2]);
  assert.deepEqual([...lab.forward('rrelu', new Float32Array([-10]), { lower: 4, upper: 6 })], [-2]);
  const neg = new Float32Array(1000).fill(-1);
  const a = lab.forward('rrelu', neg, { training: true, seed: 1 });
  const b = lab.forward('rrelu', neg, { training: true, seed: 1 });
  const c = lab.forward('rrelu', neg, { training: true, seed: 2 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  for (const v of a) assert.ok(v <= -1 / 8 && v >= -1 / 3, `rrelu slope ${-v} outside [1/8, 1/3]`);
});

test('bad input throws TypeError/RangeError naming the field, and the lab keeps working', async () => {
  const lab = await getLab();
  const x = new Float32Array([1, -1]);
  const cases = [
    [() => lab.forward('relux', x), RangeError, /name must be one of identity, .*; got "relux"/],
    [() => lab.forward(3, x), TypeError, /name must be an activation name; got 3/],
    [() => lab.forward('relu', [1, 2]), TypeError, /x must be a Float32Array; got an array of length 2/],
    [() => lab.forward('relu', new Float64Array(2)), TypeError, /x must be a Float32Array; got a Float64Array/],
    [() => lab.forward('relu', x, 'fast'), TypeError, /params must be a plain object; got "fast"/],
    [() => lab.forward('leaky_relu', x, { alpha: NaN }), RangeError, /params.alpha must be a finite number in \[0, 1\]; got NaN/],
    [() => lab.forward('leaky_relu', x, { alpha: -1 }), RangeError, /params.alpha .*got -1/],
    [() => lab.derivative('elu', x, { alpha: Infinity }), RangeError, /params.alpha .*got Infinity/],
    [() => lab.forward('rrelu', x, { lower: 8, upper: 3 }), RangeError, /params.lower must be <= upper \(3\) for rrelu; got 8/],
    [() => lab.forward('rrelu', x, { lower: 0 }), RangeError, /params.lower must be a finite number in \[1, 1000\]; got 0/],
    [() => lab.forward('relu', x, { alpha: 0.1 }), RangeError, /unknown parameter "alpha" for relu; allowed: none/],
    [() => lab.forward('rrelu', x, { seed: 1.5 }), RangeError, /params.seed must be an integer/],
    [() => lab.forward('rrelu', x, { training: 'yes' }), TypeError, /params.training must be true or false; got "yes"/],
  ];
  for (const [call, type, message] of cases) {
    assert.throws(call, (e) => e instanceof type && message.test(e.message), String(call));
    assert.deepEqual([...lab.forward('relu', x)], [1, 0]);
  }
});

// Bit identity with the native build: the committed fixture, and (when the
// native tool is built) a fresh native run.
function wasmCase(lab, fixture, c, sweep, sample) {
  const params = c.noParams ? undefined : c.params;
  return {
    forwardHash: fnv1a64(lab.forward(c.name, sweep, params)),
    derivativeHash: fnv1a64(lab.derivative(c.name, sweep, params)),
    sampleForward: bitsOf(lab.forward(c.name, sample, params)),
    sampleDerivative: bitsOf(lab.derivative(c.name, sample, params)),
  };
}

function sweepInputs(stride, count) {
  const bits = new Uint32Array(count);
  for (let i = 0; i < count; i++) bits[i] = (i * stride) >>> 0;
  return new Float32Array(bits.buffer);
}

function checkAgainst(lab, fixture, source) {
  const sweep = sweepInputs(fixture.stride, fixture.count);
  const sample = fromBits(fixture.sampleInputs);
  assert.equal(fixture.cases.length, NAMES.length + 1);
  for (const c of fixture.cases) {
    const got = wasmCase(lab, fixture, c, sweep, sample);
    const label = `${c.name}${c.params.training ? ' (training)' : ''} vs ${source}`;
    assert.deepEqual(got.sampleForward, c.sampleForward, `${label}: forward sample`);
    assert.deepEqual(got.sampleDerivative, c.sampleDerivative, `${label}: derivative sample`);
    assert.equal(got.forwardHash, c.forwardHash, `${label}: forward over ${fixture.count} inputs`);
    assert.equal(got.derivativeHash, c.derivativeHash, `${label}: derivative over ${fixture.count} inputs`);
  }
}

test('wasm results equal the native build bit for bit (committed fixture)', async () => {
  const lab = await getLab();
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/kernels.json', import.meta.url), 'utf8'));
  checkAgainst(lab, fixture, 'tests/fixtures/kernels.json');
});

test('wasm results equal a fresh native run bit for bit', async () => {
  const tool = new URL('../../build/native/make_kernel_fixture', import.meta.url);
  assert.ok(existsSync(tool), 'npm test builds build/native/make_kernel_fixture before this suite');
  const fixture = JSON.parse(execFileSync(tool.pathname, { maxBuffer: 1 << 26 }).toString());
  checkAgainst(await getLab(), fixture, 'native build');
});

test('prepared kernels on heap buffers give the same bits as forward/derivative', async () => {
  const lab = await getLab();
  const x = Float32Array.from({ length: 1027 }, (_, i) => Math.sin(i * 0.37) * 8);
  const input = lab.createBuffer(x.length);
  const output = lab.createBuffer(x.length);
  input.view().set(x);
  for (const name of NAMES) {
    const params = name === 'rrelu' ? { training: true, seed: 9 } : undefined;
    const k = lab.kernel(name, params);
    k.forwardInto(input, output);
    assert.deepEqual(bitsOf(output.view()), bitsOf(lab.forward(name, x, params)), `${name} forward`);
    k.derivativeInto(input, output);
    assert.deepEqual(bitsOf(output.view()), bitsOf(lab.derivative(name, x, params)), `${name} derivative`);
    lab.forwardInto(name, input, output, params);
    assert.deepEqual(bitsOf(output.view()), bitsOf(lab.forward(name, x, params)), `${name} forwardInto`);
  }
  assert.equal(input.length, 1027);
  const short = lab.createBuffer(3);
  assert.throws(() => lab.kernel('relu').forwardInto(input, short), /output.length must be equal to input.length \(1027\); got 3/);
  assert.throws(() => lab.kernel('relu').forwardInto(x, output), (e) => e instanceof TypeError && /input must be a buffer from lab.createBuffer\(\)/.test(e.message));
  assert.throws(() => lab.kernel('leaky_relu', { alpha: 7 }), (e) => e instanceof RangeError && /params.alpha/.test(e.message));
  assert.throws(() => lab.createBuffer(-1), (e) => e instanceof RangeError && /length must be an integer/.test(e.message));
  short.delete();
  short.delete();
  assert.throws(() => short.view(), /buffer was deleted/);
  input.delete();
  output.delete();
});

test('forward/derivative through heap chunks give the bits of the element-wise binding, at every chunk edge', async () => {
  const lab = await getLab();
  const m = lab.module;
  const chunk = 1 << 14;  // web/lib/lab.js CHUNK
  const long = Float32Array.from({ length: 3 * chunk + 21 }, (_, i) => Math.sin(i * 0.013) * 9);
  const copy = long.slice();
  for (const n of [chunk - 1, chunk, chunk + 1, 2 * chunk + 5]) {
    const x = long.subarray(13, 13 + n);  // a view at an offset, as callers pass
    for (const name of NAMES) {
      for (const params of name === 'rrelu' ? [undefined, { training: true, seed: 5 }] : [undefined]) {
        const raw = params ?? null;  // the raw binding reads the params object itself
        const label = `${name}${params ? ' (training)' : ''} n=${n}`;
        assert.deepEqual(bitsOf(lab.forward(name, x, params)), bitsOf(m.forward(name, x, raw)), `${label} forward`);
        assert.deepEqual(bitsOf(lab.derivative(name, x, params)), bitsOf(m.derivative(name, x, raw)), `${label} derivative`);
      }
    }
  }
  assert.deepEqual(long, copy, 'the input is untouched');
});
