// The page's bounded report history (web/app/bounded-history.js): memory
// stays within its budget however long the run, the chart points cover the
// whole run, and every minimum and maximum of every field survives the
// downsampling at the step where it occurred (to within one bucket).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BUCKETS, BoundedHistory, EventLog, RECENT } from '../../web/app/bounded-history.js';

// A report shaped like the library's: top-level numbers, per-layer numbers,
// a nested object, a typed array and events.
function report(step) {
  return {
    step,
    learningRate: 0.03,
    trainLoss: 1 / (1 + step / 100) + (step === 7777 ? 5 : 0) + (step === 33333 ? -0.5 : 0),
    testLoss: step % 2 ? null : 0.5,
    diverged: false,
    layers: [
      { deadFraction: (step % 1000) / 1000, actMean: Math.sin(step / 500), alpha: { mean: 0.25, min: 0.2, max: 0.3 }, histogram: { counts: new Uint32Array(40), min: -1, max: 1 } },
      { deadFraction: 0, actMean: step === 50001 ? 9 : 0.1 },
    ],
    events: [],
  };
}

test('memory is bounded: recent + buckets never exceed their caps over 100k reports', () => {
  const h = new BoundedHistory();
  for (let s = 0; s < 100_000; s++) {
    h.push(report(s));
    if (s % 997 === 0) {
      assert.ok(h.recent.length <= RECENT, `recent ${h.recent.length}`);
      assert.ok(h.buckets.length <= BUCKETS, `buckets ${h.buckets.length}`);
    }
  }
  assert.equal(h.length, 100_000);
  assert.equal(h.recent.length, RECENT);
  assert.ok(h.buckets.length <= BUCKETS && h.buckets.length > BUCKETS / 2 - 1, `buckets ${h.buckets.length}`);
  assert.ok(h.points().length <= RECENT + 2 * BUCKETS, `points ${h.points().length}`);
  // every archived report is in exactly one bucket
  assert.equal(h.buckets.reduce((n, b) => n + b.n, 0), 100_000 - RECENT);
  assert.equal(h.resolution.archived, 100_000 - RECENT);
});

test('the points cover the whole run, in step order, and end with the recent reports in full', () => {
  const h = new BoundedHistory({ recent: 16, buckets: 8 });
  for (let s = 0; s < 5000; s++) h.push(report(s));
  const pts = h.points();
  assert.equal(pts[0].step, 0, 'starts at the first step');
  assert.equal(pts.at(-1).step, 4999, 'ends at the last step');
  for (let i = 1; i < pts.length; i++) assert.ok(pts[i].step >= pts[i - 1].step, `step order at ${i}`);
  const recent = pts.slice(-16);
  assert.deepEqual(recent.map((r) => r.step), Array.from({ length: 16 }, (_, i) => 4984 + i));
  assert.ok(recent.every((r) => r.layers[0].histogram), 'recent reports are whole');
  assert.equal(h.last().step, 4999);
});

test('every extreme survives downsampling: spikes and dips of top-level and per-layer fields', () => {
  const h = new BoundedHistory({ recent: 32, buckets: 16 });
  const all = [];
  for (let s = 0; s < 60_000; s++) { const r = report(s); all.push(r); h.push(r); }
  const pts = h.points();
  const maxOf = (pick, list) => Math.max(...list.map(pick).filter(Number.isFinite));
  const minOf = (pick, list) => Math.min(...list.map(pick).filter(Number.isFinite));
  for (const [name, pick] of [
    ['trainLoss', (r) => r.trainLoss],
    ['layer1 deadFraction', (r) => r.layers?.[0]?.deadFraction],
    ['layer1 actMean', (r) => r.layers?.[0]?.actMean],
    ['layer2 actMean', (r) => r.layers?.[1]?.actMean],
  ]) {
    assert.equal(maxOf(pick, pts), maxOf(pick, all), `${name}: max kept`);
    assert.equal(minOf(pick, pts), minOf(pick, all), `${name}: min kept`);
  }
  // the spike at step 7777 is drawn within one bucket of where it happened
  const spike = pts.find((r) => r.trainLoss > 4);
  const bucket = h.buckets.find((b) => b.from <= 7777 && b.to >= 7777);
  assert.ok(spike.step >= bucket.from && spike.step <= bucket.to, `spike at ${spike.step}, bucket ${bucket.from}..${bucket.to}`);
  // null (testLoss on odd steps) is not a number: the bucket keeps the 0.5s
  assert.ok(pts.filter((r) => r.downsampled).every((r) => r.testLoss === 0.5));
  // nested objects survive
  assert.ok(pts.filter((r) => r.downsampled).every((r) => r.layers[0].alpha.mean === 0.25));
});

test('min comes before max in a bucket when it happened first (the line passes through both in order)', () => {
  const h = new BoundedHistory({ recent: 1, buckets: 2 });
  // a dip then a spike inside what will become one bucket
  for (const [step, loss] of [[0, 1], [1, 0.1], [2, 3], [3, 1], [4, 1]]) h.push({ step, trainLoss: loss });
  const b = h.points().filter((r) => r.downsampled);
  assert.ok(b.length >= 2);
  const losses = b.map((r) => r.trainLoss);
  assert.ok(losses.indexOf(0.1) < losses.indexOf(3), `order ${losses}`);
});

test('a field that first appears late is kept; clear() starts over', () => {
  const h = new BoundedHistory({ recent: 2, buckets: 4 });
  for (let s = 0; s < 50; s++) h.push(s < 20 ? { step: s, a: s } : { step: s, a: s, b: -s });
  const pts = h.points();
  assert.equal(Math.min(...pts.map((r) => r.b).filter(Number.isFinite)), -49);
  assert.equal(Math.max(...pts.map((r) => r.a)), 49);
  h.clear();
  assert.deepEqual(h.points(), []);
  assert.equal(h.last(), null);
  assert.equal(h.length, 0);
});

test('options are validated and named', () => {
  assert.throws(() => new BoundedHistory({ recent: 0 }), (e) => e instanceof RangeError && /recent/.test(e.message));
  assert.throws(() => new BoundedHistory({ buckets: 3 }), (e) => e instanceof RangeError && /buckets/.test(e.message));
});

test('EventLog keeps counts over the whole run and only the newest events', () => {
  const log = new EventLog({ keep: 10 });
  for (let i = 0; i < 1000; i++) log.add([{ kind: i % 3 ? 'died' : 'revived', step: i }]);
  log.add(Array.from({ length: 25 }, (_, i) => ({ kind: 'died', step: 1000 + i })));
  assert.equal(log.total, 1025);
  assert.equal(log.byKind.died, 666 + 25);
  assert.equal(log.byKind.revived, 334);
  assert.deepEqual(log.recent.map((e) => e.step), Array.from({ length: 10 }, (_, i) => 1015 + i));
  log.add(undefined);
  assert.equal(log.total, 1025);
});
