// Download size: gzip (level 9) of the WebAssembly modules and of the page's
// JavaScript in dist/ (built with Vite when missing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (file) => {
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** Builds dist/ with Vite's JS API when it is missing. */
export async function ensureDist(root) {
  if (existsSync(path.join(root, 'dist'))) return false;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.js'), logLevel: 'warn' });
  return true;
}

/** @returns {{ wasm: object[], pageJs: object[], pageJsGzipTotal: number }} sizes in bytes, paths relative to root */
export function measureSizes(root) {
  const rel = (entry) => ({ ...entry, file: path.relative(root, entry.file) });
  const wasm = ['activation_lab.wasm', 'activation_lab_scalar.wasm']
    .map((f) => path.join(root, 'web/lib/wasm', f)).filter(existsSync).map(gz).map(rel);
  const dist = path.join(root, 'dist');
  const pageJs = existsSync(dist) ? listFiles(dist).filter((f) => /\.m?js$/.test(f)).sort().map(gz).map(rel) : [];
  return { wasm, pageJs, pageJsGzipTotal: pageJs.reduce((t, e) => t + e.gzip, 0) };
}
