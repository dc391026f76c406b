// The page's training worker, started while the rest of the page's modules
// (Chart.js, the views, the strings) are still being evaluated: main.js
// imports this module first, so the worker fetches and compiles its own
// module in parallel with the page. main.js hands it to its WorkerClient.
import { defaultWorker } from './worker-client.js';

let early = defaultWorker();

/** The worker started at load, the first time; then null (a restart makes a new one). */
export function takeEarlyWorker() {
  const worker = early;
  early = null;
  return worker;
}
