// The page's entry: the training worker first, then the page (main.js).
// A static import of main.js would start the worker only once every module of
// the page (Chart.js, the views, the strings) had been fetched and evaluated;
// behind a dynamic import, the worker fetches and compiles its own module
// while they load, and the first report is ready sooner.
import './worker-boot.js';

import('./main.js').catch((error) => {
  // The page's modules could not be loaded (offline, a blocked request): say so
  // where the loading message stands, as a failed library load does.
  const status = document.querySelector('#status');
  if (status) status.textContent = `Activation Lab could not load: ${error.message}`;
  document.body.dataset.ready = 'error';
  throw error;
});
