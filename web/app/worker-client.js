// The page's handle on the training worker: starts it, tags every command
// with the current session generation (so late messages of an old session are
// dropped), and notices when the worker dies — an error event, a message that
// cannot be read, or no answer to a ping while training — and then calls
// onDeath so the page can offer a restart without a reload.

const PING_MS = 2000;
const PING_TIMEOUT_MS = 6000;

export class WorkerClient {
  /**
   * @param {{ onMessage(msg), onDeath(message), onReady?(msg) }} handlers
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
    if (msg.type === 'pong') { this.lastPong = performance.now(); return; }
    if (msg.type === 'ready') { this.resolveReady(msg); this.handlers.onReady?.(msg); return; }
    if (msg.type === 'fatal') { this.#die(msg.message); return; }
    if ('gen' in msg && msg.gen !== undefined && msg.gen !== this.gen) return;  // stale session
    this.handlers.onMessage(msg);
  }

  #ping() {
    if (this.dead) return;
    if (performance.now() - this.lastPong > PING_TIMEOUT_MS) {
      this.#die('no answer for 6 s');
      return;
    }
    this.worker.postMessage({ type: 'ping', id: Date.now() });
  }

  #die(message) {
    if (this.dead) return;
    this.dead = true;
    clearInterval(this.pinger);
    this.worker.terminate();
    this.handlers.onDeath(message);
  }

  /** Starts a new session; returns its generation. */
  setup(setup) {
    this.gen += 1;
    this.send({ type: 'setup', setup });
    return this.gen;
  }

  /** Sends a command for the current session. */
  send(msg) {
    if (this.dead) return;
    this.worker.postMessage({ ...msg, gen: this.gen });
  }

  /** A fresh worker after a death (or on request); the caller sends a new setup. */
  restart() {
    clearInterval(this.pinger);
    this.worker.terminate();
    this.#start();
  }

  /** For the test hook: makes the worker fail as if it had crashed. */
  simulateCrash() {
    this.#die('simulated crash');
  }

  terminate() {
    this.dead = true;
    clearInterval(this.pinger);
    this.worker.terminate();
  }
}

function defaultWorker() {
  return new Worker(new URL('./worker/training-worker.js', import.meta.url), { type: 'module' });
}
