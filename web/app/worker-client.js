// The page's handle on the training worker: starts it, wraps every command
// in the worker's envelope { tool, runId, type, ... } (training-worker.js),
// tags the MLP session's commands with its run id (so late messages of an old
// session are dropped), routes answers to the tool they belong to, and
// notices when the worker dies — an error event, a message that cannot be
// read, a 'fatal' report, or no answer to a ping — and then calls onDeath so
// the page can restart it without a reload.

const PING_MS = 2000;
const PING_TIMEOUT_MS = 6000;

export class WorkerClient {
  /**
   * @param {{ onMessage(msg), onDeath(message), onReady?(msg), tools?: { [tool]: (msg) => void } }} handlers
   *   onMessage gets the MLP session's messages of the current run; tools['born-dead'|'gcn'] those of other tools
   * @param {() => Worker} [factory] makes the worker (the default is the module worker next to this file)
   */
  constructor(handlers, factory = defaultWorker) {
    this.handlers = handlers;
    this.factory = factory;
    this.gen = 0;
    this.dead = false;
    this.#start();
  }

  #start() {
    this.dead = false;
    this.worker = this.factory();
    this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    this.lastPong = performance.now();
    this.worker.onmessage = (event) => this.#receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.#die(event.message || 'error');
    };
    this.worker.onmessageerror = () => this.#die('unreadable message');
    this.pinger = setInterval(() => this.#ping(), PING_MS);
  }

  #receive(msg) {
    if (!msg || typeof msg.type !== 'string') return;
    if (msg.tool === 'worker') {
      if (msg.type === 'pong') this.lastPong = performance.now();
      else if (msg.type === 'ready') { this.resolveReady(msg); this.handlers.onReady?.(msg); }
      else if (msg.type === 'fatal') this.#die(msg.message);
      return;
    }
    if (msg.tool === 'mlp') {
      if (msg.runId === this.gen) this.handlers.onMessage(msg);   // else: a message of an older session
      return;
    }
    if (typeof msg.tool === 'string' && Object.hasOwn(this.handlers.tools ?? {}, msg.tool)) this.handlers.tools[msg.tool](msg);
  }

  #ping() {
    if (this.dead) return;
    if (performance.now() - this.lastPong > PING_TIMEOUT_MS) {
      this.#die('no answer for 6 s');
      return;
    }
    this.worker.postMessage({ tool: 'worker', type: 'ping', id: Date.now() });
  }

  #die(message) {
    if (this.dead) return;
    this.dead = true;
    clearInterval(this.pinger);
    this.worker.terminate();
    this.handlers.onDeath(message);
  }

  /** Starts a new MLP session; returns its run id. */
  setup(setup) {
    this.gen += 1;
    this.send({ type: 'setup', setup });
    return this.gen;
  }

  /** Sends a command for the current MLP session. */
  send(msg) {
    this.post('mlp', this.gen, msg);
  }

  /** Sends `msg` ({ type, ... }) to another tool of the worker ('born-dead', 'gcn') for its run `runId`. */
  post(tool, runId, msg) {
    if (this.dead) return;
    this.worker.postMessage({ ...msg, tool, runId });
  }

  /** A fresh worker after a death (or on request); the caller sends a new setup. */
  restart() {
    clearInterval(this.pinger);
    this.worker.terminate();
    this.#start();
  }

  terminate() {
    this.dead = true;
    clearInterval(this.pinger);
    this.worker.terminate();
  }
}

export function defaultWorker() {
  return new Worker(new URL('./worker/training-worker.js', import.meta.url), { type: 'module' });
}
