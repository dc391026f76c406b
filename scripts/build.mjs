// Builds what is missing or out of date: `node scripts/build.mjs [native|wasm|site|lib|all]`.
//   native  build/native: core library, GoogleTest suite, benchmarks, tools
//   wasm    build/wasm:   web/lib/wasm/activation_lab{,_scalar}.{mjs,wasm}
//   site    dist/:        the static site (lab, embed page, tutorial), after wasm
//   lib     dist-lib/:    the <activation-lab> custom element as one module, after wasm
//   all     native, wasm, site and lib
// CMake's own dependency tracking makes a second run nearly free. Each step
// prints one line (ALAB_VERBOSE=1: the compilers' full output); with CI=true
// the C++ builds add -Werror.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

import { schemaStale } from './export-schema.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = path.join(root, 'web/lib/wasm');

// Debian's Emscripten needs Node to find its own acorn (see docs/toolchain).
export function emscriptenEnv() {
  const env = { ...process.env };
  if (existsSync('/usr/share/nodejs/acorn')) {
    env.NODE_PATH = [env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(path.delimiter);
  }
  return env;
}

// CI=true (as .ci/run and most CI services set it): warnings are errors.
export const warningsAreErrors = Boolean(process.env.CI) && !/^(0|false|no)$/i.test(process.env.CI);
const verbose = process.env.ALAB_VERBOSE === '1';

/**
 * Runs one build step and prints one line for it (what was done, warnings,
 * seconds) instead of its pages of output. Warnings are printed one line each;
 * on failure the whole output is printed. ALAB_VERBOSE=1 shows everything.
 */
export function step(label, cmd, args, env = process.env) {
  const started = Date.now();
  if (verbose) {
    execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
    return;
  }
  // On a terminal, say what is running (the final line overwrites it).
  if (process.stdout.isTTY) process.stdout.write(`${label}: working...`);
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) {
    process.stderr.write(output);
    throw new Error(`${label}: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
  const warnings = [...new Set(output.split('\n').filter((l) => /\bwarning:/.test(l)))];
  const compiled = (output.match(/Building CXX object/g) ?? []).length;
  const linked = (output.match(/Linking CXX/g) ?? []).length;
  const what = compiled || linked ? `${compiled} files compiled, ${linked} linked`
    : args.includes('--build') ? 'up to date' : 'configured';
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${label}: ${what}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (${seconds} s)`);
  for (const w of warnings.slice(0, 20)) console.log(`  ${w}`);
  if (warnings.length > 20) console.log(`  ... and ${warnings.length - 20} more (ALAB_VERBOSE=1 shows the full output)`);
}

// Configures `dir` when it has no cache yet or when the -Werror setting changed.
function configure(label, dir, cmd, args, env) {
  const cache = path.join(root, dir, 'CMakeCache.txt');
  const werror = `-DALAB_WERROR=${warningsAreErrors ? 'ON' : 'OFF'}`;
  if (!existsSync(cache)) {
    step(`${label} (configure)`, cmd, [...args, werror], env);
    return;
  }
  const cached = /^ALAB_WERROR:BOOL=(\w+)/m.exec(readFileSync(cache, 'utf8'))?.[1] ?? 'OFF';
  if ((cached === 'ON') !== warningsAreErrors) step(`${label} (configure)`, 'cmake', ['-B', dir, werror], env);
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
    const args = ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release'];
    if (sanitize) args.push('-DALAB_SANITIZE=ON', '-DCMAKE_BUILD_TYPE=RelWithDebInfo');
    if (compiler) args.push(`-DCMAKE_CXX_COMPILER=${compiler}`);
    configure(dir, dir, 'cmake', args, process.env);
    step(dir, 'cmake', ['--build', dir, '-j', jobs]);
  });
}

export function buildWasm() {
  const env = emscriptenEnv();
  withLock('build/wasm', () => {
    configure('build/wasm', 'build/wasm', 'emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', `-DCMAKE_CROSSCOMPILING_EMULATOR=${process.execPath}`], env);
    step('build/wasm', 'cmake', ['--build', 'build/wasm', '-j', jobs], env);
    // lab.schema as web/lib/wasm/schema.js, for the page (scripts/export-schema.mjs)
    if (schemaStale(wasmDir)) {
      execFileSync(process.execPath, [path.join(root, 'scripts/export-schema.mjs'), wasmDir], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      console.log('web/lib/wasm/schema.js: written from the module');
    }
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
