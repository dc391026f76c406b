// Download size: gzip (level 9) of the WebAssembly modules and of the page's
// JavaScript, from a fresh build of the site (Vite, into a temporary folder:
// a dist/ left from an earlier build would show old sizes).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Builds the site with Vite's JS API into a new temporary folder; returns { dir, remove() }. */
export async function buildSite(root) {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-bench-site-'));
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.js'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** @returns {{ wasm: object[], pageJs: object[], pageJsGzipTotal: number }} sizes in bytes; wasm paths relative to root, page files as dist/… */
export function measureSizes(root, siteDir) {
  const rel = (entry) => ({ ...entry, file: path.relative(root, entry.file) });
  const wasm = ['activation_lab.wasm', 'activation_lab_scalar.wasm']
    .map((f) => path.join(root, 'web/lib/wasm', f)).filter(existsSync).map(gz).map(rel);
  const pageJs = listFiles(siteDir).filter((f) => /\.m?js$/.test(f)).sort().map(gz)
    .map((entry) => ({ ...entry, file: path.posix.join('dist', path.relative(siteDir, entry.file).split(path.sep).join('/')) }));
  return { wasm, pageJs, pageJsGzipTotal: pageJs.reduce((t, e) => t + e.gzip, 0) };
}
