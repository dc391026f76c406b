// `npm start`: bootstrap, build the WebAssembly module if missing or stale,
// then serve the lab with Vite's dev server and print its URL.
// Options: --port N (default 5173), --host H (default 127.0.0.1).
import { bootstrap } from './bootstrap.mjs';
import { buildWasm, root } from './build.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const port = Number(option('port', process.env.PORT ?? 5173));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer in [0, 65535]; got ${option('port')}`);
  process.exit(2);
}
const host = option('host', '127.0.0.1');

bootstrap(['wasm']);   // no GoogleTest, no Chromium: only what serving the lab needs
buildWasm();

const { createServer } = await import('vite');
const server = await createServer({ configFile: `${root}/vite.config.js`, server: { port, host } });
await server.listen();
const address = server.httpServer.address();
console.log(`\nActivation Lab is running at http://${host}:${address.port}/  (Ctrl+C to stop)\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
