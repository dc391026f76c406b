// Smoke run of the benchmark suite (tests/bench/): tiny sizes, one repetition,
// so `npm run bench` keeps working. Checks that every activation of the
// registry gets a row with finite positive timings; never the speed itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { measureOneLab } from '../bench/kernels-one-lab.mjs';
import { runBenchmarks } from '../bench/run.mjs';
import { renderMarkdown } from '../bench/report.mjs';
import { getLab } from './helpers/lab.mjs';

const positive = (v) => Number.isFinite(v) && v > 0;

test('the benchmark suite runs and times every activation of the registry', { timeout: 120000 }, async () => {
  const lab = await getLab();
  const results = await runBenchmarks({
    repetitions: 1, minSampleMs: 0.2, sizes: [64, 67], parts: ['kernels', 'training'],
    networks: [{ id: 'tiny', label: '2-4-1 tanh, batch 4', hidden: [4], activation: 'tanh', init: 'xavier', batchSize: 4, learningRate: 0.03 }],
  });
  const names = lab.activations.map((a) => a.name);
  for (const n of [64, 67]) {
    for (const kind of ['forward', 'derivative']) {
      const rows = results.kernels.rows.filter((r) => r.n === n && r.kind === kind);
      assert.deepEqual(rows.map((r) => r.name), names, `${kind} rows at n = ${n}`);
      for (const r of rows) {
        for (const impl of ['simd', 'scalar', 'js']) assert.ok(positive(r.ns[impl]), `${r.name} ${kind} ${n} ${impl}: ${r.ns[impl]}`);
        for (const [impl, ns] of Object.entries(r.ns)) assert.ok(positive(ns), `${r.name} ${kind} ${n} ${impl}: ${ns}`);
      }
    }
    const limit = results.kernels.limits.find((l) => l.n === n);
    assert.ok(positive(limit.ns.copySet) && positive(limit.ns.copyWasm), `copies at n = ${n}`);
  }
  const [net] = results.training.rows;
  assert.ok(positive(net.train.playground.samplesPerSecond));
  // the trainer is in the library: its rows are always checked, never skipped
  assert.equal(results.training.trainer, true, 'the benchmark found the trainer API');
  assert.ok(positive(net.train.ours.samplesPerSecond), `ours samples/s: ${net.train.ours?.samplesPerSecond}`);
  assert.ok(positive(net.grid.ours), `ours grid: ${net.grid.ours}`);
  for (const res of [100, 40]) assert.ok(positive(net.unitGrid[res]), `unitGrid ${res}: ${net.unitGrid[res]}`);
  const md = renderMarkdown(results);
  for (const name of names) assert.ok(md.includes(`\`${name}\``), `${name} in the report`);
  assert.match(md, /## Unit images and the page's frame rate[\s\S]*\| 2-4-1 tanh, batch 4 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|/);
});

test('the rectifier target is timed in a process with one lab, against the fastest of its copies', { timeout: 60000 }, async () => {
  const r = await measureOneLab({ names: ['relu', 'prelu'], n: 64, rounds: 2, minSampleMs: 0.2 });
  assert.deepEqual(Object.keys(r.ns), ['relu', 'prelu']);
  for (const [name, ns] of Object.entries(r.ns)) assert.ok(positive(ns), `${name}: ${ns}`);
  assert.equal(r.copySets.length, 4);
  assert.equal(r.copySet, Math.min(...r.copySets));
  assert.equal(r.samples.relu.length, 2);
  for (const [key, [q1, q3]] of Object.entries(r.quartiles)) assert.ok(positive(q1) && q3 >= q1, `${key} quartiles ${q1} ${q3}`);
});
