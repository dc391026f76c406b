// One bootstrap step before every build, start and test command, checking
// only what that command needs:
//   bootstrap(['wasm'])                 npm run build:wasm, build:site, build:lib, npm start
//   bootstrap(['native'])               npm run build:native
//   bootstrap(['native', 'sanitize'])   npm run test:sanitize
//   bootstrap()                         npm test: everything
// ALAB_NO_APT=1 never runs apt-get (it prints what is missing instead).
//  1. system tools and libraries, found where the user has them (PATH for
//     compilers and Emscripten, so emsdk's em++ counts; include paths and
//     CPATH for headers). Missing ones are installed with apt-get when running
//     as root on Debian/Ubuntu; otherwise the exact packages and, for
//     Emscripten, the emsdk route are printed, and the command stops.
//  2. npm packages from the committed package-lock.json (`npm ci`) when
//     node_modules is missing or older than the lock file.
// Uses only Node built-ins: it runs before any dependency exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The first of `names` found on PATH (as `command -v` finds it), or null. */
export function onPath(...names) {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        // not in this folder
      }
    }
  }
  return null;
}

function includeDirs() {
  const fromEnv = ['CPATH', 'CPLUS_INCLUDE_PATH'].flatMap((v) => (process.env[v] ?? '').split(path.delimiter)).filter(Boolean);
  // the folders CMakeLists.txt searches too (Homebrew's on Apple silicon included)
  return [...fromEnv, '/usr/local/include', '/usr/include', '/opt/homebrew/include'];
}

const header = (rel) => () => includeDirs().some((dir) => existsSync(path.join(dir, rel)));

// libFuzzer's runtime, wherever this clang keeps it (the path has the LLVM
// version and the architecture in it); asking clang is the portable way.
function fuzzerRuntime() {
  const clang = onPath('clang++', 'clang');
  if (!clang) return false;
  const r = spawnSync(clang, ['-print-resource-dir'], { encoding: 'utf8' });
  const dirs = r.status === 0 ? [path.join(r.stdout.trim(), 'lib')] : [];
  for (const llvm of existsSync('/usr/lib') ? readdirSync('/usr/lib').filter((d) => d.startsWith('llvm-')) : []) dirs.push(`/usr/lib/${llvm}/lib/clang`);
  const walk = (dir, depth) => {
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile() && entry.name.startsWith('libclang_rt.fuzzer')) return true;
        if (entry.isDirectory() && depth > 0 && walk(path.join(dir, entry.name), depth - 1)) return true;
      }
    } catch {
      // no such folder
    }
    return false;
  };
  return dirs.some((d) => walk(d, 3));
}

/** Chromium for the browser tests: CHROMIUM_PATH if set (only it), else Debian's /usr/bin/chromium or one on PATH. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return onPath('chromium', 'chromium-browser', 'google-chrome');
}

/**
 * What each task needs: the Debian package, how to check it is there, why.
 * `emsdk: true` marks what emsdk provides instead of the Debian package.
 */
export const SYSTEM_PACKAGES = [
  { pkg: 'cmake', brew: 'cmake', check: () => Boolean(onPath('cmake')), why: 'build system', needs: ['native', 'wasm', 'sanitize'] },
  { pkg: 'g++', brew: 'gcc', check: () => Boolean(onPath('g++', 'c++')), why: 'native build', needs: ['native'] },
  { pkg: 'clang', brew: 'llvm', check: () => Boolean(onPath('clang++')), why: 'libFuzzer targets and sanitizers', needs: ['fuzz', 'sanitize'] },
  { pkg: 'libclang-rt-dev', brew: 'llvm', check: fuzzerRuntime, why: 'libFuzzer and sanitizer runtimes for clang', needs: ['fuzz', 'sanitize'] },
  { pkg: 'emscripten', brew: 'emscripten', check: () => Boolean(onPath('em++') && onPath('emcmake')), why: 'WebAssembly build (or emsdk on PATH)', needs: ['wasm'], emsdk: true },
  { pkg: 'libgtest-dev', brew: 'googletest', check: header('gtest/gtest.h'), why: 'native tests', needs: ['native', 'sanitize'] },
  { pkg: 'libbenchmark-dev', brew: 'google-benchmark', check: header('benchmark/benchmark.h'), why: 'native benchmarks', needs: ['bench'] },
  { pkg: 'libsimde-dev', brew: 'simde', check: header('simde/wasm/simd128.h'), why: 'wasm SIMD intrinsics natively, scalar wasm build', needs: ['native', 'wasm', 'fuzz', 'sanitize'] },
  { pkg: 'nlohmann-json3-dev', brew: 'nlohmann-json', check: header('nlohmann/json.hpp'), why: 'JSON in C++', needs: ['native', 'wasm', 'fuzz', 'sanitize'] },
  { pkg: 'chromium', brew: '--cask chromium', check: () => Boolean(findChromium()), why: 'browser tests (or set CHROMIUM_PATH)', needs: ['browser'] },
  { pkg: 'fonts-noto-cjk', brew: '--cask font-noto-sans-cjk', check: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'), why: 'Chinese glyphs in browser-test screenshots', needs: ['browser'] },
];

/** Every task; bootstrap() without arguments checks them all (npm test). */
export const TASKS = ['native', 'wasm', 'fuzz', 'sanitize', 'bench', 'browser'];

export function missingSystemPackages(tasks = TASKS) {
  return SYSTEM_PACKAGES.filter((p) => p.needs.some((t) => tasks.includes(t)) && !p.check());
}

function isDebianLike() {
  return existsSync('/etc/debian_version') && Boolean(onPath('apt-get'));
}

const EMSDK_ROUTE = `Emscripten without root (emsdk, any version from 3.1.6 on):
  git clone https://github.com/emscripten-core/emsdk.git && cd emsdk
  ./emsdk install latest && ./emsdk activate latest
  source ./emsdk_env.sh        # puts em++ and emcmake on PATH; then run this command again`;

/** The message for missing packages when they cannot be installed here. */
export function missingMessage(missing, { debian = isDebianLike(), brew = Boolean(onPath('brew')) } = {}) {
  const names = missing.map((m) => m.pkg);
  const lines = missing.map((m) => `  ${m.pkg.padEnd(20)} ${m.why}`).join('\n');
  const formulas = [...new Set(missing.map((m) => m.brew).filter((b) => !b.startsWith('--')))];
  const casks = missing.filter((m) => m.brew.startsWith('--')).map((m) => `\n  brew install ${m.brew}`).join('');
  const how = debian
    ? `Install them as root:\n  sudo apt-get install -y ${names.join(' ')}`
    : brew
      ? `Install them with Homebrew:${formulas.length ? `\n  brew install ${formulas.join(' ')}` : ''}${casks}`
      : `Install the equivalents with your package manager (Debian names above; headers are found in /usr/include, /usr/local/include or CPATH).`;
  const emsdk = missing.some((m) => m.emsdk) ? `\n${EMSDK_ROUTE}` : '';
  return `bootstrap: missing system packages:\n${lines}\n${how}${emsdk}`;
}

function installSystemPackages(tasks) {
  const missing = missingSystemPackages(tasks);
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isDebianLike() && process.env.ALAB_NO_APT !== '1') {
    console.error(`bootstrap: installing ${names.join(' ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
    const still = missingSystemPackages(tasks);
    if (still.length) throw new Error(`bootstrap: apt-get finished but ${still.map((m) => m.pkg).join(', ')} still missing`);
    return;
  }
  console.error(missingMessage(missing));
  process.exit(1);
}

function installNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('bootstrap: npm ci (from package-lock.json)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
}

/** Checks (and where it may, installs) what `tasks` need; see the file header. */
export function bootstrap(tasks = TASKS) {
  const unknown = tasks.filter((t) => !TASKS.includes(t));
  if (unknown.length) throw new RangeError(`bootstrap: unknown task ${unknown.join(', ')}; allowed: ${TASKS.join(', ')}`);
  installSystemPackages(tasks);
  installNpmPackages();
  // The browser tests read CHROMIUM_PATH: hand on the one found here.
  if (tasks.includes('browser') && !process.env.CHROMIUM_PATH) process.env.CHROMIUM_PATH = findChromium();
}

// `node scripts/bootstrap.mjs [task...]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    bootstrap(process.argv.length > 2 ? process.argv.slice(2) : TASKS);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}
