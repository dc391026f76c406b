// One training session seen from the page: sends the setup and commands to the
// worker client, keeps the report history of every run, the latest decision
// surfaces and the spike windows, and notifies the views. Knows nothing of
// the DOM.

export class RunController {
  /** @param client a WorkerClient */
  constructor(client) {
    this.client = client;
    this.listeners = new Set();
    this.clear();
  }

  clear() {
    this.setupInfo = null;
    this.histories = {};
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
        for (const [key, r] of Object.entries(msg.reports)) this.histories[key] = [r];
        this.surfaces = msg.surfaces ?? {};
        this.units = msg.units ?? {};
        this.unitHistory = structuredClone(msg.unitLog ?? {});
        this.step = 0;
        this.reason = 'ready';
        this.#emit('setup');
        break;
      case 'reports':
        for (const [key, list] of Object.entries(msg.reports)) (this.histories[key] ??= []).push(...list);
        if (msg.surfaces) this.surfaces = msg.surfaces;
        if (msg.units) this.units = { ...this.units, ...msg.units };
        for (const [key, list] of Object.entries(msg.unitLog ?? {})) (this.unitHistory[key] ??= []).push(...list);
        this.step = msg.step;
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
        this.histories.fork = msg.reports.fork ? [msg.reports.fork] : [];
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
    const h = this.histories.main;
    return h?.length ? h[h.length - 1].step : 0;
  }

  /** The latest report of a run. */
  last(key = 'main') {
    const h = this.histories[key];
    return h?.[h.length - 1] ?? null;
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
