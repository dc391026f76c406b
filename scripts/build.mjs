// Builds what is missing or out of date: `node scripts/build.mjs [native|wasm|site|lib|all]`.
//   native  build/native: core library, GoogleTest suite, benchmarks, tools
//   wasm    build/wasm:   web/lib/wasm/activation_lab{,_scalar}.{mjs,wasm}
//   site    dist/:        the static site (lab, embed page, tutorial), after wasm
//   lib     dist-lib/:    the <activation-lab> custom element as one module, after wasm
//   all     native, wasm, site and lib
// CMake's own dependency tracking makes a second run nearly free.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Debian's Emscripten needs Node to find its own acorn (see docs/toolchain).
export function emscriptenEnv() {
  const env = { ...process.env };
  if (existsSync('/usr/share/nodejs/acorn')) {
    env.NODE_PATH = [env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(path.delimiter);
  }
  return env;
}

function run(cmd, args, env = process.env) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
}

// One build at a time per build folder: `npm start` and `npm test` run side
// by side would otherwise write the same .mjs/.wasm pair and leave a mismatch.
// The lock is a directory (mkdir is atomic) holding the owner's pid; a lock
// whose owner is gone (a build killed with Ctrl+C) is taken over at once.
function lockOwnerAlive(lock) {
  try {
    const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lock).mtimeMs < 10_000;  // being written
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (error.code === 'EPERM') return true;  // alive, another user's
    if (error.code === 'ENOENT') return Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs < 10_000;
    return false;  // ESRCH: no such process
  }
}

function withLock(dir, fn) {
  const lock = path.join(root, `${dir}.lock`);
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 20 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!lockOwnerAlive(lock)) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`${lock} is held by another build; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const jobs = String(Math.max(1, Math.min(4, (await import('node:os')).availableParallelism?.() ?? 2)));

export function buildNative({ dir = 'build/native', sanitize = false, compiler } = {}) {
  withLock(dir, () => {
    const buildDir = path.join(root, dir);
    if (!existsSync(path.join(buildDir, 'CMakeCache.txt'))) {
      const args = ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release'];
      if (sanitize) args.push('-DALAB_SANITIZE=ON', '-DCMAKE_BUILD_TYPE=RelWithDebInfo');
      if (compiler) args.push(`-DCMAKE_CXX_COMPILER=${compiler}`);
      run('cmake', args);
    }
    run('cmake', ['--build', dir, '-j', jobs]);
  });
}

export function buildWasm() {
  const env = emscriptenEnv();
  withLock('build/wasm', () => {
    if (!existsSync(path.join(root, 'build/wasm/CMakeCache.txt'))) {
      const node = process.execPath;
      run('emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', `-DCMAKE_CROSSCOMPILING_EMULATOR=${node}`], env);
    }
    run('cmake', ['--build', 'build/wasm', '-j', jobs], env);
  });
}

/** Vite builds: the static site (vite.config.js) or the custom-element library (vite.lib.config.js). */
export async function buildWeb(which) {
  const { build } = await import('vite');
  const configFile = path.join(root, which === 'lib' ? 'vite.lib.config.js' : 'vite.config.js');
  await build({ configFile, logLevel: 'warn' });
  console.log(`built ${which === 'lib' ? 'dist-lib/' : 'dist/'}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const what = process.argv[2] ?? 'all';
  const targets = ['native', 'wasm', 'site', 'lib', 'all'];
  if (!targets.includes(what)) {
    console.error(`usage: node scripts/build.mjs [${targets.join('|')}]; got ${JSON.stringify(what)}`);
    process.exit(2);
  }
  const { bootstrap } = await import('./bootstrap.mjs');
  // Only what this target needs: build:wasm (and site, lib) asks for no Chromium or GoogleTest.
  bootstrap(what === 'native' ? ['native'] : what === 'all' ? ['native', 'wasm'] : ['wasm']);
  if (what === 'native' || what === 'all') buildNative();
  if (what !== 'native') buildWasm();
  if (what === 'site' || what === 'all') await buildWeb('site');
  if (what === 'lib' || what === 'all') await buildWeb('lib');
}
