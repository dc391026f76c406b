// Numbers the wasm module turns into decimals itself (cpp/core/decimal.h, in
// place of libc's printf/strtod): the shortest decimals of saved weights and
// the numbers in error messages, against references written here in JS.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

/** The exact decimal expansion of a finite double v: { sign, digits, point } (v = 0.d1d2... × 10^(point + 1)). */
function expand(v) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) m |= 1n << 52n;
  const sign = bits >> 63n ? '-' : '';
  if (m === 0n) return { sign, digits: '0', point: 0 };
  const n = e >= 0 ? m << BigInt(e) : m * 5n ** BigInt(-e);
  const all = n.toString();
  return { sign, digits: all.replace(/0+$/, ''), point: all.length - 1 - (e >= 0 ? 0 : -e) };
}

/** The expansion rounded to p significant digits, ties to even (as printf rounds): { sign, digits, point }. */
function roundTo({ sign, digits, point }, p) {
  if (digits.length <= p) return { sign, digits, point };
  let kept = BigInt(digits.slice(0, p));
  const next = digits[p];
  if (next > '5' || (next === '5' && (digits.length > p + 1 || kept % 2n === 1n))) kept += 1n;
  let text = kept.toString();
  if (text.length > p) { text = text.slice(0, p); point += 1; }
  return { sign, digits: text.replace(/0+$/, '') || '0', point };
}

/** printf("%.*g", p, v) for a finite v. */
function printfG(v, p) {
  const { sign, digits, point: x } = roundTo(expand(v), p);
  if (digits === '0') return `${sign}0`;
  if (x < p && x >= -4) {
    if (x < 0) return `${sign}0.${'0'.repeat(-x - 1)}${digits}`;
    const whole = digits.slice(0, x + 1).padEnd(x + 1, '0');
    const frac = digits.slice(x + 1);
    return sign + whole + (frac ? `.${frac}` : '');
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
}

/** shortest_decimal(float) of cpp/core/errors.h: the double of the shortest %g that reads back as f. */
function shortestOfFloat(f) {
  let p = 1;
  while (p < 9 && Math.fround(Number(printfG(f, p))) !== f) p++;
  return Number(printfG(f, p));
}

/** describe_value(double) of cpp/core/errors.h. */
function describe(v) {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  let p = 1;
  while (p < 17 && Number(printfG(v, p)) !== v) p++;
  return printfG(v, p);
}

test('saved weights are the shortest decimals of their floats', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [64, 64], seed: 4 });
  const w = net.getWeights();
  // Random bit patterns with exponents across the float range a weight may have.
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  const bits = new Uint32Array(w.buffer);
  for (let i = 0; i < bits.length; i++) {
    const exponent = 127 - 40 + (next() % 59);  // 2^-40 .. 2^18
    bits[i] = ((next() & 1) << 31) | (exponent << 23) | (next() & 0x7fffff);
  }
  // Exact values, and ties at the shortest length (-20139.5625 shows as -20139.562: ties to even).
  [0, -0, 0.1, 0.3, 1 / 3, 2.5, 1e-7, 65504, 2 ** -30, -20139.5625].forEach((f, i) => { w[i] = f; });
  net.setWeights(w);
  const saved = net.toJSON().weights;
  const got = net.getWeights();
  assert.equal(saved.length, got.length);
  for (let i = 0; i < saved.length; i++) {
    if (!Object.is(saved[i], shortestOfFloat(got[i]))) {
      assert.fail(`weights[${i}]: float ${got[i]} saved as ${saved[i]}, shortest is ${shortestOfFloat(got[i])}`);
    }
  }
  net.delete();
});

test('numbers in error messages are printf\'s shortest %g that reads back', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [3], seed: 1 });
  const file = net.toJSON();
  for (const v of [3.5e38, -4.000000000000001e38, 1.7976931348623157e308, 3.4028235677973366e38, 1e39, 123456789e35]) {
    const tampered = structuredClone(file);
    tampered.weights[1] = v;
    assert.throws(() => lab.loadNetwork(tampered), (e) => {
      assert.equal(e.message, `weights[1] must be a finite float; got ${describe(v)}`);
      return e instanceof RangeError;
    });
  }
  assert.equal(describe(3.5e38), '3.5e+38');
  assert.equal(shortestOfFloat(-20139.5625), -20139.562);
  assert.equal(printfG(0.00001234, 3), '1.23e-05');
  assert.equal(printfG(123456, 3), '1.23e+05');
  assert.equal(printfG(100, 3), '100');
  net.delete();
});
