// `npm run build:lib`: the <activation-lab> custom element as one ES module
// library in dist-lib/ (activation-lab.js plus its worker and the module with
// the .wasm inlined), shipped in the package as `activation-lab/element`.
// Chart.js is bundled in, so it works from a plain
// <script type="module" src=".../activation-lab.js"> without an import map,
// and from a bundler. base './': the worker is found next to the file, wherever
// it is served from (node_modules/activation-lab/dist-lib/, a CDN, a sub-path).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The element always loads the SIMD build (every browser with module workers
// has WebAssembly SIMD); the scalar module, there for benchmarks, would add
// 0.8 MB to the package. loadLab({ simd: false }) inside the element says so.
const simdOnly = {
  name: 'activation-lab-simd-only',
  enforce: 'pre',
  resolveId(id) {
    return id.endsWith('/activation_lab_scalar.mjs') ? '\0activation-lab-no-scalar' : null;
  },
  load(id) {
    if (id !== '\0activation-lab-no-scalar') return null;
    return 'export default () => Promise.reject(new Error("the <activation-lab> element ships only the SIMD build of the module"));';
  },
};

export default defineConfig({
  plugins: [simdOnly],
  publicDir: false,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist-lib/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Rolldown warns when plugins take much of the build time, which on a busy
    // 2-core machine is always; it is advice, not a problem of the output.
    rolldownOptions: { checks: { bundlerTimings: false } },
    lib: {
      entry: fileURLToPath(new URL('./web/app/element-define.js', import.meta.url)),
      formats: ['es'],
      fileName: () => 'activation-lab.js',
    },
  },
  // One self-contained worker file (module and wasm inlined): a bundler that
  // copies it as an asset (Vite does) must not have to find its imports.
  worker: { format: 'es', plugins: () => [simdOnly], rolldownOptions: { output: { codeSplitting: false }, checks: { bundlerTimings: false } } },
});
