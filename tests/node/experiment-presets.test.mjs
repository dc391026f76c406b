// The experiment runners take presets from callers (the exported presets,
// copies with changes, or a caller's own): a preset or option that cannot
// run must give an Error naming it, never a hang (a report interval of 0
// looped for ever) nor a TypeError from deep inside.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BORN_DEAD, GCN_EXPERIMENT, SATURATION, runBornDead, runGcnExperiment, runTrainingExperiment } from 'activation-lab';

import { getLab } from './helpers/lab.mjs';

const quick = { ...SATURATION, steps: 4, reportEvery: 2 };

test('runTrainingExperiment names a preset field that cannot run, at once', async () => {
  const lab = await getLab();
  for (const [preset, options, error] of [
    [{ ...quick, reportEvery: 0 }, undefined, { name: 'RangeError', message: 'preset.reportEvery must be an integer in [1, 1000000]; got 0' }],
    [{ ...quick, reportEvery: 2.5 }, undefined, { name: 'RangeError', message: 'preset.reportEvery must be an integer in [1, 1000000]; got 2.5' }],
    [{ ...quick, steps: NaN }, undefined, { name: 'RangeError', message: 'preset.steps must be an integer in [0, 1000000]; got NaN' }],
    [{ ...quick, steps: '10' }, undefined, { name: 'TypeError', message: 'preset.steps must be a number; got "10"' }],
    [{ ...quick, schedule: [[5, 0.1], [-1, 0.1]] }, undefined, { name: 'RangeError', message: 'preset.schedule[1][0] must be an integer in [0, 1000000]; got -1' }],
    [{ ...quick, schedule: [[5]] }, undefined, { name: 'TypeError', message: /^preset\.schedule\[0\] must be a pair \[steps, learning rate\]; got / }],
    [{ ...quick, variants: 'relu' }, undefined, { name: 'TypeError', message: 'preset.variants must be an array of network configs; got "relu"' }],
    [null, undefined, { name: 'TypeError', message: 'preset must be a plain object; got null' }],
    [quick, { onProgress: 5 }, { name: 'TypeError', message: 'options.onProgress must be a function; got 5' }],
    [quick, { overrides: [] }, { name: 'TypeError', message: 'options.overrides must be a plain object; got an array of length 0' }],
    [quick, { bogus: 1 }, { name: 'RangeError', message: /^options\.bogus: unknown field "bogus" in options; allowed: onProgress, overrides$/ }],
  ]) {
    assert.throws(() => runTrainingExperiment(lab, preset, options), error, JSON.stringify(preset)?.slice(0, 60));
  }
  const result = runTrainingExperiment(lab, quick);
  assert.deepEqual(result.variants.map((v) => v.history.map((r) => r.step)), [[0, 2, 4], [0, 2, 4], [0, 2, 4]]);
});

test('runGcnExperiment and runBornDead name a preset field or option that cannot run, at once', async () => {
  const lab = await getLab();
  for (const [run, error] of [
    [() => runGcnExperiment(lab, { ...GCN_EXPERIMENT, every: 0 }), { name: 'RangeError', message: 'preset.every must be an integer in [1, 1000000]; got 0' }],
    [() => runGcnExperiment(lab, GCN_EXPERIMENT, { steps: NaN }), { name: 'RangeError', message: 'options.steps must be an integer in [0, 1000000]; got NaN' }],
    [() => runGcnExperiment(lab, GCN_EXPERIMENT, { steps: -1 }), { name: 'RangeError', message: 'options.steps must be an integer in [0, 1000000]; got -1' }],
    [() => runGcnExperiment(lab, null), { name: 'TypeError', message: 'preset must be a plain object; got null' }],
    [() => runGcnExperiment(lab, GCN_EXPERIMENT, { onProgress: 'x' }), { name: 'TypeError', message: 'options.onProgress must be a function; got "x"' }],
    [() => runBornDead(lab, null), { name: 'TypeError', message: 'preset must be a plain object; got null' }],
    [() => runBornDead(lab, { ...BORN_DEAD, depths: 5 }), { name: 'TypeError', message: 'preset.depths must be an array; got 5' }],
    [() => runBornDead(lab, BORN_DEAD, { onProgress: 1 }), { name: 'TypeError', message: 'options.onProgress must be a function; got 1' }],
  ]) {
    assert.throws(run, error);
  }
  assert.equal(runGcnExperiment(lab, GCN_EXPERIMENT, { steps: 20 }).variants.length, GCN_EXPERIMENT.activations.length);
  assert.equal(runBornDead(lab, { ...BORN_DEAD, depths: [1], widths: [2], trials: 5 }).rows.length, BORN_DEAD.inits.length);
});

test('runLesson and runLessons name an option they do not take', async () => {
  const lab = await getLab();
  assert.throws(() => lab.runLesson('nonlinearity', { bogus: 1 }), { name: 'RangeError', message: 'options.bogus: unknown field "bogus" in options; allowed: none' });
  assert.throws(() => lab.runLesson('saturation', { steps: 5 }), { name: 'RangeError', message: 'options.steps: unknown field "steps" in options; allowed: preset' });
  assert.throws(() => lab.runLesson('nonlinearity', 'fast'), { name: 'TypeError', message: 'options must be a plain object; got "fast"' });
  assert.throws(() => lab.runLessons({ onProgress: 5 }), { name: 'TypeError', message: 'options.onProgress must be a function; got 5' });
  assert.throws(() => lab.runLessons({ only: ['prelu'] }), { name: 'RangeError', message: /^options\.only: unknown field "only" in options; allowed: onProgress$/ });
  assert.equal(lab.runLesson('nonlinearity', null).id, 'nonlinearity');
});
