// The page's entry: the training worker first, then the page (main.js).
// A static import of main.js would start the worker only once every module of
// the page (Chart.js, the views, the strings) had been fetched and evaluated;
// behind a dynamic import, the worker fetches and compiles its own module
// while they load, and the first report is ready sooner. index.html loads this
// module `async`, so the worker starts as soon as this module has arrived, not
// after the document's parsing and first layout; main.js, which reads the
// document, is imported once the document is parsed (its chunks are already
// being fetched: the build preloads them, scripts/vite-preload-entry-imports.mjs).
import './worker-boot.js';

const parsed = document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve();

parsed.then(() => import('./main.js')).catch((error) => {
  // The page's modules could not be loaded (offline, a blocked request): say so
  // where the loading message stands, as a failed library load does.
  const status = document.querySelector('#status');
  if (status) status.textContent = `Activation Lab could not load: ${error.message}`;
  document.body.dataset.ready = 'error';
  throw error;
});
