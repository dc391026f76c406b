// The worker's rewind and fork (web/app/worker/timeline.js) against the
// library in Node: a replica at any step equals a fresh session trained to
// that step with the same live changes and spikes, bit for bit; checkpoint
// memory stays within its budget; a fork repeats the original's later spikes
// at the changed rate.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { workerSetup } from '../../web/app/run-setup.js';
import { defaultState } from '../../web/app/state.js';
import { Session } from '../../web/app/worker/session.js';
import { Checkpoints, fork, replica } from '../../web/app/worker/timeline.js';
import { getLab } from './helpers/lab.mjs';

const hex = (b) => Buffer.from(b).toString('hex');

function setupFor(patch = {}) {
  return workerSetup({ ...defaultState(), dataset: 'circle', hidden: [6, 6], act: 'relu', lr: 0.05, n: 300, clip: 1, ...patch });
}

// Trains a session to `to`, applying { step: action } changes on the way (as the page's messages would).
function drive(session, to, changes) {
  const steps = Object.keys(changes).map(Number).sort((a, b) => a - b);
  for (const s of steps) {
    if (s > to) break;
    session.advance(s - session.step);
    changes[s](session);
  }
  session.advance(to - session.step);
}

const CHANGES = {
  37: (s) => s.setLive({ lr: 0.2, schedule: { stepsPerSecond: 300, manualSpike: { lr: 4, steps: 15 } } }),
  120: (s) => s.spikeNow(),
  263: (s) => s.setLive({ lr: 0.02 }),
};

test('a replica at step s is bit-identical to a fresh session trained to s with the same changes', async () => {
  const lab = await getLab();
  const setup = setupFor();
  const original = new Session(lab, setup);
  new Checkpoints(original, { every: 50 });
  original.initialReports();
  drive(original, 400, CHANGES);
  for (const s of [0, 1, 49, 50, 121, 133, 264, 399, 400]) {
    const copy = replica(lab, original, setup, s);
    const fresh = new Session(lab, setup);
    fresh.initialReports();
    drive(fresh, s, CHANGES);
    assert.equal(copy.step, s);
    assert.equal(hex(copy.runs[0].net.saveState()), hex(fresh.runs[0].net.saveState()), `state at step ${s}`);
    assert.equal(copy.lrAt(s), fresh.lrAt(s), `learning rate due at ${s}`);
    copy.dispose();
    fresh.dispose();
  }
  assert.throws(() => replica(lab, original, setup, 401), /step must be an integer in \[0, 400\]; got 401/);
  original.dispose();
});

test('checkpoints stay within their byte budget by thinning and doubling K', async () => {
  const lab = await getLab();
  const setup = setupFor({ hidden: [16, 16, 16], opt: 'adam' });
  const session = new Session(lab, setup);
  session.advance(1);   // from the first step on, a state holds the divergence snapshot too
  const one = session.runs[0].net.saveState().byteLength;
  const budget = one * 6;
  const cps = new Checkpoints(session, { every: 10, budget });
  session.advance(2000);
  const d = cps.describe();
  assert.ok(d.bytes <= budget, `${d.bytes} bytes within ${budget}`);
  assert.ok(d.every > 10 && d.count >= 3, `K doubled to ${d.every}, ${d.count} kept`);
  for (const c of cps.list) assert.equal(c.step % d.every, 0, `checkpoint at ${c.step} is on a multiple of K`);
  // still exact after thinning
  const copy = replica(lab, session, setup, 1234);
  const fresh = new Session(lab, setup);
  fresh.advance(1234);
  assert.equal(hex(copy.runs[0].net.saveState()), hex(fresh.runs[0].net.saveState()));
  for (const s of [copy, fresh, session]) s.dispose();
});

test('a fork continues from s, repeats the original\'s later spike at the changed rate, and may change a layer or the noise', async () => {
  const lab = await getLab();
  const setup = setupFor({ spikeAt: 200, spikeLr: 5, spikeSteps: 20 });
  const original = new Session(lab, setup);
  new Checkpoints(original);
  drive(original, 300, { 120: (s) => s.spikeNow() });
  const base = replica(lab, original, setup, 100);
  const f = fork(lab, base, setup, original.log, { spikeLr: 0.3 });
  assert.equal(f.step, 100);
  assert.equal(f.runs[0].key, 'fork');
  assert.equal(hex(f.runs[0].net.getWeights()), hex(base.runs[0].net.getWeights()));
  const seen = [];
  for (let s = 100; s < 300; s++) { f.advance(1); seen.push(f.runs[0].lr); }   // the rate step s trained with
  assert.equal(seen[120 - 100], 0.3, 'the pressed spike at 120 repeats at the fork\'s rate');
  assert.equal(seen[205 - 100], 0.3, 'the scheduled spike at 200 too');
  assert.equal(seen[150 - 100], 0.05, 'base rate between spikes');
  const g = fork(lab, base, setup, original.log, { layer: 1, activation: 'leaky_relu', noise: 0.3, lr: 0.01 });
  assert.deepEqual(g.runs[0].config.activation, ['relu', 'leaky_relu']);
  assert.equal(g.step, 100);
  assert.equal(g.lrAt(150), 0.01);
  g.advance(50);
  assert.equal(g.step, 150);
  assert.throws(() => fork(lab, base, setup, original.log, { layer: 5, activation: 'tanh' }), /fork.layer must be an integer in \[0, 1\]; got 5/);
  for (const s of [original, base, f, g]) s.dispose();
});
