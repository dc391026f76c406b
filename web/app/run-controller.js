// One training session seen from the page: sends the setup and commands to the
// worker client, keeps the report history of every run in bounded memory
// (bounded-history.js: recent reports in full, older ones as min/max buckets;
// dead-unit events as a bounded log), the latest decision surfaces and the
// spike windows, and notifies the views. Knows nothing of the DOM.
import { BoundedHistory, EventLog } from './bounded-history.js';

const MAX_MANUAL_SPIKES = 100;   // shaded windows kept on the charts (oldest dropped)

export class RunController {
  /** @param client a WorkerClient */
  constructor(client) {
    this.client = client;
    this.listeners = new Set();
    this.clear();
  }

  clear() {
    this.setupInfo = null;
    this.histories = {};     // run key -> BoundedHistory
    this.events = {};        // run key -> EventLog
    this.surfaces = {};
    this.units = {};          // by run key: every hidden unit's image (worker: session.unitImages)
    this.unitHistory = {};    // by run key: per report { step, active, inactive, saturated, sizes } (worker: unitLog)
    this.seekState = null;    // the original run at a sought step (timeline), or null
    this.seekBusy = false;
    this.seekWanted = null;
    this.forkInfo = null;     // { step, changes, configs, fprime } of the current fork, or null
    this.manualSpikes = [];
    this.running = false;
    this.step = 0;
    this.reason = 'setup';
    this.error = null;
    this.playAfterSetup = false;
  }

  /** Starts a new session from a run-setup.js workerSetup(); `play` starts training once built. */
  start(setup, { play = false } = {}) {
    this.clear();
    this.setup = setup;
    this.playAfterSetup = play;
    this.client.setup(setup);
    if (play) this.client.send({ type: 'play' });
    this.#emit('reset');
  }

  /** Re-sends the last setup (after a worker restart). */
  restart() {
    if (this.setup) this.start(this.setup);
  }

  play() {
    if (this.seekState) this.unseek();
    this.client.send({ type: 'play' });
  }
  pause() { this.client.send({ type: 'pause' }); }
  stepOnce(steps = 10) { this.client.send({ type: 'step', steps }); }
  exportNetwork() { this.client.send({ type: 'export' }); }

  /** A learning-rate spike of `steps` steps from the current step. */
  spike(steps) {
    this.manualSpikes.push([this.step, this.step + steps]);
    if (this.manualSpikes.length > MAX_MANUAL_SPIKES) this.manualSpikes.shift();
    this.client.send({ type: 'spike' });
  }

  /** Live settings (learning rate, pace, spike values) for the running session. */
  live(lr, schedule) {
    if (this.setup) {
      this.setup.stateForConfig.lr = lr;
      this.setup.schedule = { ...this.setup.schedule, ...schedule, spike: this.setup.schedule.spike && schedule.spike };
    }
    this.client.send({ type: 'live', lr, schedule });
  }

  /** Handles a worker message of the current session. */
  receive(msg) {
    switch (msg.type) {
      case 'setup-done':
        this.setupInfo = msg;
        this.histories = {};
        this.events = {};
        for (const [key, r] of Object.entries(msg.reports)) this.#add(key, [r]);
        this.surfaces = msg.surfaces ?? {};
        this.units = msg.units ?? {};
        this.unitHistory = structuredClone(msg.unitLog ?? {});
        this.step = 0;
        this.reason = 'ready';
        this.#emit('setup');
        break;
      case 'reports':
        for (const [key, list] of Object.entries(msg.reports)) this.#add(key, list);
        if (msg.surfaces) this.surfaces = msg.surfaces;
        if (msg.units) this.units = { ...this.units, ...msg.units };
        for (const [key, list] of Object.entries(msg.unitLog ?? {})) appendDecimated((this.unitHistory[key] ??= []), list);
        this.step = msg.step;
        this.wasmBytes = msg.wasmBytes ?? null;   // the worker's WebAssembly memory
        this.#emit('update');
        break;
      case 'seek-done':
        this.seekBusy = false;
        if (this.seekWanted !== null && this.seekWanted !== msg.step) {
          const s = this.seekWanted;
          this.seekWanted = null;
          this.seek(s);
          break;
        }
        this.seekWanted = null;
        if (this.seekCancelled) { this.seekCancelled = false; break; }
        this.seekState = msg;
        this.#emit('seek');
        break;
      case 'state-bytes':
        this.byteRequests?.get(msg.id)?.(msg);
        this.byteRequests?.delete(msg.id);
        break;
      case 'fork-done':
        delete this.histories.fork;
        delete this.events.fork;
        this.#add('fork', msg.reports.fork ? [msg.reports.fork] : []);
        this.surfaces = { ...this.surfaces, fork: msg.surfaces.fork };
        this.units = { ...this.units, fork: msg.units?.fork };
        this.unitHistory.fork = msg.unitLog?.fork ?? [];
        this.forkInfo = { step: msg.step, changes: this.pendingFork, configs: msg.configs, fprime: msg.fprime, data: msg.data, bounds: msg.bounds };
        this.seekState = null;
        this.step = msg.step;
        this.reason = 'paused';
        this.#emit('fork');
        break;
      case 'state':
        this.running = msg.running;
        this.reason = msg.reason;
        this.step = msg.step;
        this.#emit('state');
        break;
      case 'network':
        this.#emit('network', msg.json);
        break;
      case 'error':
        this.running = false;
        this.error = msg.message;
        this.#emit('error', msg.message);
        break;
      default:
        break;
    }
  }

  /** Shows the original run as it was at `step` (one request in flight; the latest wins). */
  seek(step) {
    this.seekCancelled = false;
    if (this.seekBusy) { this.seekWanted = step; return; }
    this.seekBusy = true;
    this.client.send({ type: 'seek', step });
  }

  /** For tests: { step, bytes: { key: hex } } of net.saveState() of the live ('live') or sought ('view') run. */
  stateBytes(which = 'live') {
    this.byteRequests ??= new Map();
    const id = (this.byteId = (this.byteId ?? 0) + 1);
    return new Promise((resolve) => {
      this.byteRequests.set(id, resolve);
      this.client.send({ type: 'state-bytes', id, which });
    });
  }

  /** Back to the live run (the original, or the fork once there is one). */
  unseek() {
    if (this.seekBusy) this.seekCancelled = true;
    this.seekWanted = null;
    this.seekState = null;
    this.client.send({ type: 'unseek' });
    this.#emit('seek');
  }

  /** Continues the original from `step` with changes { lr?, spikeLr?, layer?, activation?, noise?, spikeNow? }. */
  fork(step, changes) {
    this.pendingFork = changes;
    this.client.send({ type: 'fork', step, changes });
  }

  /** The key of the run that trains on: 'fork' once the learner forked, else 'main'. */
  liveKey() {
    return this.histories.fork ? 'fork' : 'main';
  }

  /** The last step of the original run's history (the timeline's end). */
  originalEnd() {
    return this.last('main')?.step ?? 0;
  }

  #add(key, reports) {
    const h = (this.histories[key] ??= new BoundedHistory());
    const log = (this.events[key] ??= new EventLog());
    for (const r of reports) {
      h.push(r);
      log.add(r.events);
    }
  }

  /** The latest report of a run. */
  last(key = 'main') {
    return this.histories[key]?.last() ?? null;
  }

  /** The whole run of `key` as chart points (bounded: see bounded-history.js). */
  points(key = 'main') {
    return this.histories[key]?.points() ?? [];
  }

  /** Spike windows [from, to] to shade on the charts. */
  bands() {
    const s = this.setup?.schedule?.spike;
    return [...(s ? [[s.at, s.at + s.steps]] : []), ...this.manualSpikes];
  }

  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  #emit(kind, payload) {
    for (const fn of this.listeners) fn(kind, payload);
  }
}

// Per-unit shares for the close-up's history chart, bounded like the report
// history: past UNIT_LOG_CAP entries the older half keeps every other entry,
// so a run of any length keeps at most UNIT_LOG_CAP entries (about 1.5 MB for
// 6 × 8 units), densest near the present.
const UNIT_LOG_CAP = 1024;

function appendDecimated(log, entries) {
  log.push(...entries);
  if (log.length <= UNIT_LOG_CAP) return;
  const half = log.length >> 1;
  const older = log.slice(0, half).filter((_, i) => i % 2 === 0);
  log.splice(0, half, ...older);
}
