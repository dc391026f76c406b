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

  play() { this.client.send({ type: 'play' }); }
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
        this.step = 0;
        this.reason = 'ready';
        this.#emit('setup');
        break;
      case 'reports':
        for (const [key, list] of Object.entries(msg.reports)) this.#add(key, list);
        if (msg.surfaces) this.surfaces = msg.surfaces;
        this.step = msg.step;
        this.wasmBytes = msg.wasmBytes ?? null;   // the worker's WebAssembly memory
        this.#emit('update');
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
