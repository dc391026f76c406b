// `npm run build:lib`: the <activation-lab> custom element as one ES module
// library in dist-lib/ (activation-lab.js plus its worker and .wasm), usable
// from a plain <script type="module" src=".../activation-lab.js">.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist-lib/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('./web/app/element-define.js', import.meta.url)),
      formats: ['es'],
      fileName: () => 'activation-lab.js',
    },
  },
  worker: { format: 'es' },
});
