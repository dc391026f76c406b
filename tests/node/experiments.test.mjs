// The guided experiments show their effects, and the command line runs them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { DYING_RELU, SATURATION, runBornDead, runTrainingExperiment } from 'activation-lab';

import { getLab } from './helpers/lab.mjs';

const cli = new URL('../../bin/activation-lab.js', import.meta.url).pathname;

test('saturation (circle): the deep sigmoid net pushes its top layer towards 0 and learns nothing, with a vanishing gradient and no saturated unit; tanh/xavier and relu/he learn', async () => {
  const lab = await getLab();
  const result = runTrainingExperiment(lab, SATURATION);
  const [sigmoid, tanh, relu] = result.variants;
  const start = sigmoid.history[0].layers;
  const early = sigmoid.history.find((r) => r.step === 500).layers;
  // Glorot & Bengio 2010, Fig. 2: the top hidden layer falls towards 0 early...
  assert.ok(Math.abs(start[3].actMean - 0.5) < 0.05, `top layer starts near 0.5: ${start[3].actMean}`);
  assert.ok(early[3].actMean < 0.35, `top layer mean activation after 500 steps: ${early[3].actMean}`);
  // ...while the lower layers stay above 0.5 (within rounding of the start).
  for (const l of [0, 1, 2]) assert.ok(early[l].actMean > 0.48, `layer ${l + 1}: ${early[l].actMean}`);
  // Vanishing gradients: the first layer's gradient is far smaller than the last's.
  const g = sigmoid.final.layers.map((l) => l.gradNorm);
  assert.ok(g[0] < g[3] / 20, `gradient norms ${g}`);
  assert.ok(sigmoid.final.testAccuracy < 0.6, `sigmoid accuracy ${sigmoid.final.testAccuracy}`);
  assert.ok(tanh.final.testAccuracy > 0.9, `tanh accuracy ${tanh.final.testAccuracy}`);
  assert.ok(relu.final.testAccuracy > 0.9, `relu accuracy ${relu.final.testAccuracy}`);
  // Truthful diagnostics: on the circle no sigmoid unit reaches a flat tail (this is σ' <= 1/4 through
  // depth, not saturation); relu's negative side is inactive (f' = 0), never "saturated"; tanh has
  // some units in its tails and still learns.
  // (a handful of first-layer pairs sit in the tails: the circle's inputs reach |x| = 5)
  for (const r of sigmoid.history) for (const l of r.layers) assert.ok(l.saturatedFraction < 0.005, `sigmoid step ${r.step}: ${l.saturatedFraction}`);
  for (const r of relu.history) for (const l of r.layers) assert.equal(l.saturatedFraction, 0, `relu step ${r.step}`);
  assert.ok(relu.final.layers.every((l) => l.inactiveFraction > 0.4), `relu inactive ${relu.final.layers.map((l) => l.inactiveFraction)}`);
  assert.ok(tanh.final.layers.some((l) => l.saturatedFraction > 0.1), `tanh saturated ${tanh.final.layers.map((l) => l.saturatedFraction)}`);
  assert.ok(tanh.final.layers.every((l) => l.inactiveFraction === 0));
  // actPercentiles bracket the mean: [p2, p50, p98] in order, inside sigmoid's (0, 1).
  for (const l of sigmoid.final.layers) {
    const [p2, p50, p98] = l.actPercentiles;
    assert.ok(p2 > 0 && p2 <= p50 && p50 <= p98 && p98 < 1 && p2 <= l.actMean && l.actMean <= p98, `${l.actPercentiles} mean ${l.actMean}`);
  }
});

test('dying ReLU: after a learning-rate spike relu has dead units, leaky/prelu/rrelu/elu have none', async () => {
  const lab = await getLab();
  const result = runTrainingExperiment(lab, DYING_RELU);
  const byName = Object.fromEntries(result.variants.map((v) => [v.activation, v.final]));
  const deadOf = (r) => r.layers.map((l) => l.deadFraction);
  assert.ok(deadOf(byName.relu).some((d) => d > 0), `relu dead fractions ${deadOf(byName.relu)}`);
  assert.equal(deadOf(byName.relu).at(-1), 1, 'the whole top relu layer is dead');
  assert.ok(byName.relu.testAccuracy < 0.6, 'a dead relu net predicts one class');
  for (const name of ['leaky_relu', 'prelu', 'rrelu', 'elu']) {
    assert.deepEqual(deadOf(byName[name]), [0, 0, 0], `${name} dead fractions`);
    assert.equal(byName[name].diverged, false, `${name} diverged`);
    assert.ok(byName[name].testAccuracy > byName.relu.testAccuracy, `${name} accuracy ${byName[name].testAccuracy}`);
  }
  // The deaths are reported as events, with the step and learning rate.
  // Units are dead or (mostly) saturated, never both; the top relu layer is all dead.
  for (const l of byName.relu.layers) {
    for (const u of l.saturatedUnits) assert.ok(!l.deadUnits.includes(u), `unit ${u} both dead and saturated`);
  }
  assert.deepEqual(byName.relu.layers.at(-1).deadUnits, [0, 1, 2, 3, 4, 5, 6, 7]);
  const events = result.variants[0].history.flatMap((r) => r.events);
  assert.ok(events.some((e) => e.kind === 'died' && e.learningRate === 5));
  // The autopsy: where each unit last fired (mean input of the samples it fired on).
  for (const e of events.filter((ev) => ev.kind === 'died' && ev.region)) {
    assert.equal(e.region.center.length, 2);
    assert.ok(e.region.share > 0 && e.region.share <= 1);
    for (const c of e.region.center) assert.ok(Math.abs(c) <= 6, `region inside the data: ${c}`);
  }
  assert.ok(events.some((e) => e.kind === 'died' && e.region), 'at least one death has a region');
});

test('born-dead table: he nets die more often as depth grows; rai less than he', async () => {
  const lab = await getLab();
  const preset = { id: 'born-dead', depths: [2, 20], widths: [2, 5], inits: ['he', 'rai'], trials: 300, seed: 2 };
  const { rows } = runBornDead(lab, preset);
  const p = (init, depth, width) => rows.find((r) => r.init === init && r.depth === depth && r.width === width).probability;
  assert.ok(p('he', 20, 2) > p('he', 2, 2));
  assert.ok(p('he', 20, 5) < p('he', 20, 2));
  assert.ok(p('rai', 20, 2) < p('he', 20, 2));
});

test('the command line prints tables, JSON, and named errors with exit code 2', () => {
  const table = execFileSync(process.execPath, [cli, 'born-dead', '--trials', '50']).toString();
  assert.match(table, /he: P\(born dead\), rows depth, columns width \(50 trials each\)/);
  assert.match(table, /rai: P\(born dead\)/);
  const json = JSON.parse(execFileSync(process.execPath, [cli, 'train', '--steps', '200', '--json',
    '--config', '{"inputs":2,"hidden":[6],"activation":"tanh"}', '--dataset', 'xor']).toString());
  assert.equal(json.final.step, 200);
  assert.equal(json.config.activation[0], 'tanh');
  // A long JSON output (~1 MB) arrives whole through a pipe.
  const long = JSON.parse(execFileSync(process.execPath, [cli, 'dying-relu', '--json'], { maxBuffer: 1 << 26 }).toString());
  assert.equal(long.variants.length, 5);
  const help = execFileSync(process.execPath, [cli, '--help']).toString();
  assert.match(help, /saturation/);
  for (const [args, message] of [
    [['sideways'], /unknown experiment "sideways"; allowed: saturation, dying-relu, born-dead, train/],
    [['train', '--stpes', '3'], /unknown option --stpes/],
    [['train', '--steps', '-1'], /--steps must be an integer in \[0, 1000000\]; got "-1"/],
    [['train', '--config', '{"inputs":2,"hidden":[0]}'], /hidden\[0\] must be an integer in \[1, 1024\]; got 0/],
  ]) {
    const r = spawnSync(process.execPath, [cli, ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}`);
    assert.match(r.stderr.toString(), message);
  }
});
