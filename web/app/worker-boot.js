// The page's training worker, started before the rest of the page's modules
// (Chart.js, the views, the strings) are fetched: entry.js imports this module
// and only then loads main.js, so the worker fetches and compiles its own
// module in parallel with the page. main.js hands it to its WorkerClient;
// what the worker says before that is kept and replayed to the client.
import { defaultWorker } from './worker-client.js';

let early = defaultWorker();
const heard = [];
early.onmessage = (event) => heard.push(['onmessage', event]);
early.onmessageerror = (event) => heard.push(['onmessageerror', event]);
early.onerror = (event) => {
  event.preventDefault?.();
  heard.push(['onerror', event]);
};

/**
 * The worker started at load, the first time; then null (a restart makes a
 * new one). Events it fired before are replayed to the handlers the caller
 * sets in the same task.
 */
export function takeEarlyWorker() {
  const worker = early;
  early = null;
  if (worker) queueMicrotask(() => { for (const [handler, event] of heard.splice(0)) worker[handler]?.(event); });
  return worker;
}
