// Vite builds the static site (dist/) from web/: the lab page, the embed page
// and the example tutorial. The WebAssembly module is imported by the library
// (web/lib/browser.js) in the page and in the training worker; Vite ships one
// hashed .wasm that both use. The custom element library: vite.lib.config.js.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

import { preloadEntryImports } from './scripts/vite-preload-entry-imports.mjs';

const web = fileURLToPath(new URL('./web/', import.meta.url));

export default defineConfig({
  root: web,
  base: './',
  publicDir: false,
  // the lab page's main.js chunks, fetched while its entry starts the worker
  plugins: [preloadEntryImports()],
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No "plugin timings" advice on busy machines (see vite.lib.config.js).
    rolldownOptions: {
      checks: { bundlerTimings: false },
      input: {
        index: `${web}index.html`,
        embed: `${web}embed.html`,
        tutorial: `${web}examples/tutorial.html`,
      },
    },
  },
  worker: { format: 'es', rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
