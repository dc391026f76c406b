// Rewind and fork inside the worker. Runs are deterministic, so the past is
// kept as checkpoints every K steps (net.saveState() of every run plus the
// session's own schedule state) and any step s is rebuilt exactly: restore
// the nearest checkpoint at or before s, then replay the logged live changes
// and spikes up to s. Memory is bounded: at most BUDGET_BYTES of checkpoints
// per session; when full, every other checkpoint is dropped and K doubles
// (so a rebuild replays at most K steps, and K grows only on long runs).
//
//   Checkpoints   held by the training session; atStep() is called after every chunk
//   replica()     a new Session at step s, bit-identical to the original at s
//   fork()        a new Session continuing from s with changed settings
import { Session } from './session.js';

export const FIRST_EVERY = 50;                 // K at the start (steps)
export const BUDGET_BYTES = 8 * 1024 * 1024;   // per session, all runs

export class Checkpoints {
  constructor(session, { every = FIRST_EVERY, budget = BUDGET_BYTES } = {}) {
    this.every = every;
    this.budget = budget;
    this.list = [];       // ascending by step
    this.bytes = 0;
    session.checkpoints = this;
    this.#save(session);  // step 0
  }

  /** Called by the session after each chunk; saves on multiples of K. */
  atStep(session) {
    if (session.step % this.every !== 0) return;
    if (this.list.length && this.list[this.list.length - 1].step >= session.step) return;
    this.#save(session);
  }

  #save(session) {
    const nets = {};
    let size = 0;
    for (const run of session.runs) {
      nets[run.key] = run.net.saveState();
      size += nets[run.key].byteLength;
    }
    this.list.push({ step: session.step, nets, size, state: sessionState(session) });
    this.bytes += size;
    while (this.bytes > this.budget && this.list.length > 2) this.#thin();
  }

  // Keeps step 0 and every checkpoint on a multiple of 2K; K doubles.
  #thin() {
    this.every *= 2;
    const kept = this.list.filter((c) => c.step % this.every === 0);
    this.list = kept.length ? kept : this.list.slice(0, 1);
    this.bytes = this.list.reduce((a, c) => a + c.size, 0);
  }

  /** The latest checkpoint at or before step. */
  nearest(step) {
    let best = this.list[0];
    for (const c of this.list) if (c.step <= step) best = c;
    return best;
  }

  describe() {
    return { every: this.every, count: this.list.length, bytes: this.bytes, budget: this.budget };
  }
}

function sessionState(session) {
  return structuredClone({
    schedule: session.schedule, baseLr: session.baseLr, manualSpikeUntil: session.manualSpikeUntil,
    runs: session.runs.map((r) => ({ key: r.key, lr: r.lr, stopped: r.stopped })),
  });
}

function applyState(session, state, step) {
  const s = structuredClone(state);
  session.schedule = s.schedule;
  session.baseLr = s.baseLr;
  session.manualSpikeUntil = s.manualSpikeUntil;
  session.step = step;
  for (const r of session.runs) {
    const saved = s.runs.find((x) => x.key === r.key);
    if (saved) Object.assign(r, { lr: saved.lr, stopped: saved.stopped });
  }
}

// Replays the original's logged changes in (from, to], training between them.
function replay(target, log, to) {
  for (const e of log) {
    if (e.step < target.step || e.step >= to) continue;
    if (e.step > target.step) target.advance(e.step - target.step);
    if (e.live) target.setLive(e.live);
    if (e.spike) target.spikeNow();
  }
  if (to > target.step) target.advance(to - target.step);
}

/**
 * A copy of `session` at step `step` (<= session.step), rebuilt from its
 * checkpoints: same networks bit for bit, same schedule state. The caller
 * disposes it.
 */
export function replica(lab, session, setup, step) {
  if (!Number.isInteger(step) || step < 0 || step > session.step) {
    throw new RangeError(`step must be an integer in [0, ${session.step}]; got ${step}`);
  }
  const c = session.checkpoints.nearest(step);
  const copy = new Session(lab, setup);
  try {
    for (const run of copy.runs) run.net.restoreState(c.nets[run.key]);
    applyState(copy, c.state, c.step);
    // The schedule's maxSteps must not stop the replay short of step.
    const maxSteps = copy.schedule.maxSteps;
    copy.schedule.maxSteps = 0;
    replay(copy, session.log, step);
    copy.schedule.maxSteps = maxSteps;
  } catch (error) {
    copy.dispose();
    throw error;
  }
  copy.log = session.log.filter((e) => e.step < step).map((e) => structuredClone(e));
  return copy;
}

/**
 * A fork of `base` (a replica at the fork step) with changes:
 *   { lr?, spikeLr?, layer?, activation?, noise?, spikeNow? }.
 * The fork keeps the original's schedule and its logged changes after the
 * fork step (a scheduled or pressed spike happens again at the same step, at
 * spikeLr when given), so the only difference is the change itself.
 */
export function fork(lab, base, setup, originalLog, changes) {
  const next = structuredClone(setup);
  if (changes.activation !== undefined) {
    const layers = next.stateForConfig.hidden.length;
    if (!Number.isInteger(changes.layer) || changes.layer < 0 || changes.layer >= layers) {
      throw new RangeError(`fork.layer must be an integer in [0, ${layers - 1}]; got ${changes.layer}`);
    }
    const acts = next.stateForConfig.hidden.map((_, l) => next.stateForConfig.acts?.[l] || next.stateForConfig.act);
    acts[changes.layer] = changes.activation;
    next.stateForConfig.acts = acts;
  }
  if (changes.noise !== undefined) next.data.noise = changes.noise;
  next.runs = next.runs.map((r) => ({ ...r, key: 'fork' }));
  const f = new Session(lab, next);
  try {
    const exact = changes.activation === undefined && changes.noise === undefined;
    const [src] = base.runs;
    f.runs[0].net.restoreState(src.net.saveState(), { exact });
    applyState(f, { ...sessionState(base), runs: [{ key: 'fork', lr: src.lr, stopped: false }] }, base.step);
    f.lastWeights = { fork: src.net.getWeights() };
    f.log = [];
    const later = originalLog.filter((e) => e.step >= base.step).map((e) => structuredClone(e));
    if (changes.spikeLr !== undefined) {
      f.schedule.manualSpike.lr = changes.spikeLr;
      if (f.schedule.spike) f.schedule.spike.lr = changes.spikeLr;
      for (const e of later) {
        if (e.live?.schedule?.manualSpike) e.live.schedule.manualSpike.lr = changes.spikeLr;
        if (e.live?.schedule?.spike) e.live.schedule.spike.lr = changes.spikeLr;
      }
    }
    if (changes.lr !== undefined) {
      f.baseLr = changes.lr;
      for (const e of later) if (e.live) delete e.live.lr;
    }
    f.pendingLog = later;   // applied by Session.advance() when their step comes
    if (changes.spikeNow) f.spikeNow();
  } catch (error) {
    f.dispose();
    throw error;
  }
  return f;
}
