// Every lesson's verdict, asserted from its seed: the effect each one names
// shows in its numbers (and a lesson that does not hold says so). The numbers
// here are the ones docs/lessons.md quotes; runs are deterministic, so the
// bounds are tight enough that losing the effect fails the test.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { before, test } from 'node:test';

import { LESSONS, LESSON_IDS, lessonDefinition, runLessons } from 'activation-lab';

import { formatLessons } from '../../bin/format.js';
import { getLab } from './helpers/lab.mjs';

const cli = new URL('../../bin/activation-lab.js', import.meta.url).pathname;

let results;
let cpuMs;
const byId = (id) => results.find((r) => r.id === id);

before(async () => {
  const lab = await getLab();
  const cpu0 = process.cpuUsage();
  results = runLessons(lab);
  const cpu = process.cpuUsage(cpu0);
  cpuMs = (cpu.user + cpu.system) / 1000;
});

test('twelve lessons, ids exact, in the seed\'s order, each claim in English and Chinese', async () => {
  assert.deepEqual(LESSON_IDS, ['nonlinearity', 'differentiability', 'monotonicity', 'identity-near-zero', 'output-range',
    'relu-speed', 'saturation', 'large-init', 'depth-init', 'dying-relu', 'prelu', 'rrelu']);
  for (const l of LESSONS) {
    assert.ok(l.claim.en.length > 20 && /[\u4e00-\u9fff]/.test(l.claim.zh), l.id);
    assert.ok(l.title.en && l.title.zh && l.effect.en && l.effect.zh && l.preset.view, l.id);
  }
  const lab = await getLab();
  assert.equal(lab.lessons, LESSONS);
  assert.throws(() => lab.runLesson('saturatoin'), /lesson must be one of nonlinearity, .*rrelu; got "saturatoin"/);
  assert.throws(() => lessonDefinition(3), RangeError);
  assert.deepEqual(results.map((r) => r.id), LESSON_IDS);
  for (const r of results) {
    assert.equal(typeof r.holds, 'boolean');
    assert.equal(r.claim, lessonDefinition(r.id).claim.en);
    assert.ok(r.chart && r.chart.kind, `${r.id} has a chart`);
  }
});

test('the same seed gives the same verdict and numbers', async () => {
  const lab = await getLab();
  for (const id of ['nonlinearity', 'rrelu', 'large-init']) {
    assert.deepEqual(lab.runLesson(id).measured, byId(id).measured, id);
  }
});

test('nonlinearity: identity nets stay near chance at every depth and equal one linear map; tanh learns', () => {
  const { holds, measured: m } = byId('nonlinearity');
  for (const d of ['1', '2', '4']) {
    assert.ok(m.identityTestAccuracy[d] < 0.7, `identity depth ${d}: ${m.identityTestAccuracy[d]}`);
    assert.ok(m.tanhTestAccuracy[d] > 0.95, `tanh depth ${d}: ${m.tanhTestAccuracy[d]}`);
  }
  assert.ok(m.collapseError < 1e-5, `net vs product map: ${m.collapseError}`);
  // The page draws both decision surfaces, and the product map's straight line on the identity one.
  const { boundaries } = byId('nonlinearity').chart;
  assert.equal(boundaries.maps.length, 2);
  assert.deepEqual(boundaries.maps[0].line.w.map((v) => Number(v.toFixed(4))), m.productMap.w);
  // On the identity surface p > 0.5 exactly on one side of that line (one half-plane).
  const { resolution: r, range: [lo, hi] } = boundaries;
  const { w, b } = boundaries.maps[0].line;
  let agree = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) {
    const x = lo + ((hi - lo) * i) / (r - 1), y = lo + ((hi - lo) * j) / (r - 1);
    agree += (boundaries.maps[0].values[j * r + i] > 0.5) === (w[0] * x + w[1] * y + b > 0);
  }
  assert.ok(agree >= r * r - 2, `identity surface is a half-plane: ${agree} of ${r * r}`);
  assert.equal(holds, true);
});

test('differentiability: step hidden layers get exactly zero gradient and never move; sigmoid learns the circle', () => {
  const { holds, measured: m } = byId('differentiability');
  assert.equal(m.stepHiddenWeightChange, 0);
  assert.deepEqual(m.stepHiddenGradNorms, [0, 0]);
  assert.ok(m.stepTestAccuracy < 0.65, `step accuracy ${m.stepTestAccuracy}`);
  assert.ok(m.sigmoidTestAccuracy > 0.95, `sigmoid accuracy ${m.sigmoidTestAccuracy}`);
  assert.ok(m.sigmoidHiddenWeightChange > 1);
  assert.equal(holds, true);
});

test('monotonicity: one minimum for tanh, a second spurious one for gelu', () => {
  const { holds, measured: m } = byId('monotonicity');
  assert.equal(m.tanhMinima.length, 1);
  assert.deepEqual([m.tanhMinima[0].w, m.tanhMinima[0].b], [1, -2]);
  assert.equal(m.geluMinima.length, 2);
  assert.deepEqual([m.geluMinima[0].w, m.geluMinima[0].b], [1, -2]);
  const spurious = m.geluMinima[1];
  assert.ok(spurious.w < 0 && spurious.loss > 0.01, `spurious minimum ${JSON.stringify(spurious)}`);
  assert.match(m.convexCase, /cross-entropy/);
  assert.equal(holds, true);
});

test('identity-near-zero: from small weights tanh reaches 90 % long before sigmoid', () => {
  const { holds, measured: m } = byId('identity-near-zero');
  assert.ok(m.tanhSteps !== null && m.tanhSteps <= 2500, `tanh steps ${m.tanhSteps}`);
  assert.ok(m.sigmoidSteps === null || m.sigmoidSteps >= 2 * m.tanhSteps, `sigmoid steps ${m.sigmoidSteps}`);
  assert.ok(m.sigmoidAccuracyAtTanhFinish < 0.7);
  assert.equal(holds, true);
});

test('output-range: bounded activations survive larger rates, unbounded ones learn faster at small rates', () => {
  const { holds, measured: m } = byId('output-range');
  assert.ok(m.rates.length >= 10);
  for (let i = 1; i < m.rates.length; i++) assert.ok(Math.abs(Math.log(m.rates[i] / m.rates[i - 1]) - Math.log(m.rates[1] / m.rates[0])) < 0.01);
  const L = m.largestSurvivedRate;
  for (const a of ['tanh', 'sigmoid', 'softsign']) for (const b of ['relu', 'elu']) assert.ok(L[a] > L[b], `${a} ${L[a]} vs ${b} ${L[b]}`);
  assert.ok(m.divergedRates.elu.length > 0, 'elu diverges at the large rates');
  const S = m.trainLossAtSmallRate;
  assert.ok(Math.max(S.relu, S.elu) < Math.min(S.tanh, S.sigmoid, S.softsign), JSON.stringify(S));
  assert.equal(holds, true);
});

test('relu-speed: relu reaches the target loss in fewer steps than tanh and sigmoid', () => {
  const { holds, measured: m } = byId('relu-speed');
  assert.ok(m.reluSteps !== null);
  assert.ok(m.tanhSteps === null || m.tanhSteps > 1.3 * m.reluSteps, `tanh ${m.tanhSteps} vs relu ${m.reluSteps}`);
  assert.ok(m.sigmoidSteps === null || m.sigmoidSteps > m.tanhSteps, `sigmoid ${m.sigmoidSteps}`);
  assert.equal(holds, true);
});

test('saturation (Glorot & Bengio Figs. 2-4): the top sigmoid layer saturates at 0 early and later desaturates; tanh\'s layers saturate one after another, softsign\'s do not', () => {
  const { holds, measured: m, chart } = byId('saturation');
  // Fig. 2, early: the top layer falls to 0 into its flat tail while the lower layers stay near 0.5.
  assert.ok(m.topLayerSaturatedAtStep !== null && m.topLayerSaturatedAtStep <= 500, `saturated at ${m.topLayerSaturatedAtStep}`);
  assert.ok(m.topLayerMeanThen < 0.05);
  assert.ok(m.topLayerSaturatedFractionThen > 0.5);
  assert.ok(Math.abs(m.lowerLayerMeansThen[0] - 0.5) < 0.05 && Math.abs(m.lowerLayerMeansThen[1] - 0.5) < 0.1, `${m.lowerLayerMeansThen}`);
  assert.ok(m.topLayerMeanMinimum < 0.005, `minimum ${m.topLayerMeanMinimum}`);
  // Fig. 2, later: it stays saturated for thousands of steps, then desaturates as the network starts to learn.
  assert.ok(m.topLayerDesaturatedAtStep !== null && m.topLayerDesaturatedAtStep >= m.topLayerMinimumAtStep + 2000 && m.topLayerDesaturatedAtStep <= m.steps,
    `desaturated at ${m.topLayerDesaturatedAtStep}, minimum at ${m.topLayerMinimumAtStep}`);
  assert.equal(m.desaturating, true);
  assert.ok(m.topLayerMeanAtEnd > 10 * m.topLayerMeanMinimum && m.topLayerSaturatedFractionAtEnd < 0.5, `end ${m.topLayerMeanAtEnd} / ${m.topLayerSaturatedFractionAtEnd}`);
  assert.ok(m.sigmoidTestAccuracy.beforeEscape < 0.13 && m.sigmoidTestAccuracy.atEnd > 0.17, JSON.stringify(m.sigmoidTestAccuracy));
  // As the top layer escapes, the first hidden layer begins to saturate (the paper's words).
  assert.equal(m.firstLayerSaturatedFraction.beforeEscape, 0);
  assert.ok(m.firstLayerSaturatedFraction.atEnd > 0.1);
  // Fig. 3: tanh's layers reach their asymptote (98th percentile >= 0.95) one after another, from the bottom up.
  const t = m.layerNearAsymptoteAtStep.tanh;
  assert.ok(t.every((s) => s !== null), `tanh ${t}`);
  for (let l = 1; l < t.length; l++) assert.ok(t[l] > t[l - 1], `tanh layer ${l + 1} at ${t[l]} after layer ${l} at ${t[l - 1]}`);
  // Fig. 4: softsign saturates much less: no layer gets there, every 98th percentile below 0.9.
  assert.deepEqual(m.layerNearAsymptoteAtStep.softsign, [null, null, null, null]);
  for (const p of m.finalP98.softsign) assert.ok(p < 0.9, `softsign p98 ${m.finalP98.softsign}`);
  // The chart holds mean, std and the 98th percentile per layer per report (Glorot & Bengio's Figure 2).
  assert.equal(chart.layers.length, 4);
  assert.equal(chart.layers[3].p98.length, chart.x.length);
  assert.equal(chart.variants.tanh[3].p98.length, chart.x.length);
  // The verdict's minimum is the chart's lowest point of the top layer's mean.
  const lowest = chart.layers[3].mean[chart.x.indexOf(m.topLayerMinimumAtStep)];
  assert.equal(lowest, Math.min(...chart.layers[3].mean));
  assert.equal(Number(lowest.toFixed(4)), m.topLayerMeanMinimum);
  assert.equal(holds, true);
});

test('large-init: gain 8 saturates sigmoid and tanh from step 0; 16 sigmoid layers at gain 1 vanish without saturating', () => {
  const { holds, measured: m } = byId('large-init');
  for (const a of ['sigmoid', 'tanh']) {
    assert.ok(m.saturatedByGain[a][1] < 0.01, `${a} gain 1: ${m.saturatedByGain[a][1]}`);
    assert.ok(m.saturatedByGain[a][8] > m.saturatedByGain[a][4] && m.saturatedByGain[a][4] > m.saturatedByGain[a][1]);
    assert.ok(m.meanAbsDerivativeByGain[a][8] < 0.6 * m.meanAbsDerivativeByGain[a][1]);
  }
  assert.ok(m.saturatedByGain.tanh[8] > 0.6);
  assert.equal(m.vanishingWithoutSaturation.maxSaturatedFraction, 0);
  assert.ok(m.vanishingWithoutSaturation.firstToLastGradNormRatio < 1e-6);
  assert.equal(holds, true);
});

test('depth-init: at depth 30 He keeps the pre-activation spread and trains; Xavier shrinks it ~2^-15 and stalls', () => {
  const { holds, measured: m } = byId('depth-init');
  assert.ok(m.preStdLayer30.he > 0.3 * m.preStdLayer1.he);
  assert.ok(m.preStdLayer30.xavier < 1e-4 * m.preStdLayer1.xavier);
  assert.ok(m.testAccuracy.he > 0.9 && m.testAccuracy.xavier < 0.6, JSON.stringify(m.testAccuracy));
  assert.equal(holds, true);
});

test('dying-relu: the spike kills relu units; leaky, parametric, randomized and exponential variants keep all', () => {
  const { holds, measured: m } = byId('dying-relu');
  assert.equal(m.deadFractionAfterSpike.relu.at(-1), 1);
  for (const a of ['leaky_relu', 'prelu', 'rrelu', 'elu']) assert.deepEqual(m.deadFractionAfterSpike[a], [0, 0, 0]);
  assert.equal(holds, true);
});

test('prelu: with SGD the learned alpha falls with depth (as He et al. report); with momentum it does not', () => {
  const { holds, measured: m } = byId('prelu');
  const a = m.sgd.finalMeanAlphaByLayer;
  assert.ok(a[0] > a.at(-1) + 0.1, `sgd alphas ${a}`);
  assert.equal(m.momentum.firstAboveLast, false);
  assert.ok(m.sgd.testAccuracy > 0.9);
  assert.equal(holds, true);
});

test('rrelu: slopes spread over [1/8, 1/3] in training, exactly 2/11 in evaluation, seeded', () => {
  const { holds, measured: m } = byId('rrelu');
  assert.ok(m.trainingSlope.min >= 0.125 && m.trainingSlope.min < 0.13);
  assert.ok(m.trainingSlope.max <= 0.3334 && m.trainingSlope.max > 0.328);
  assert.deepEqual(m.evaluationSlope, [m.expectedEvaluationSlope]);
  assert.ok(m.sameSeedSameDraws && m.otherSeedOtherDraws && m.evaluationPredictionsRepeat);
  assert.equal(holds, true);
});

test('all lessons together take well under a minute of compute', () => {
  // CPU time of this process, not wall time: a loaded CI machine stretches
  // the wall clock, not the work (the budget is a minute on one core).
  const wall = results.reduce((s, r) => s + r.ms, 0);
  assert.ok(cpuMs < 60000, `lessons took ${Math.round(cpuMs)} ms of CPU (${wall} ms wall)`);
});

test('the command line prints one row per lesson and runs one alone', () => {
  // `activation-lab lessons` prints formatLessons(runLessons(lab)): one row per lesson, then its numbers.
  const table = formatLessons(results);
  for (const r of results) assert.match(table, new RegExp(`^ *${r.id} +${r.holds ? 'yes' : 'NO'} +[0-9.]+$`, 'm'));
  assert.equal(table.match(/ — (holds|does NOT hold)/g).length, 12);
  const one = JSON.parse(execFileSync(process.execPath, [cli, 'lesson', 'rrelu', '--json']).toString());
  assert.deepEqual(Object.keys(one), ['id', 'claim', 'holds', 'measured']);
  assert.equal(one.holds, true);
  assert.deepEqual(one.measured, byId('rrelu').measured);
  const text = execFileSync(process.execPath, [cli, 'lesson', 'nonlinearity']).toString();
  assert.match(text, /nonlinearity — holds/);
  assert.match(text, /identityTestAccuracy/);
  for (const [args, message] of [[['lesson'], /lesson needs an id; allowed: nonlinearity/], [['lesson', 'nope'], /lesson must be one of/]]) {
    const r = spawnSync(process.execPath, [cli, ...args]);
    assert.equal(r.status, 2);
    assert.match(r.stderr.toString(), message);
  }
});
