// One bootstrap step for `npm start` and `npm test` on a fresh machine:
//  1. system packages (compilers, Emscripten, test libraries, Chromium):
//     installed with apt-get when running as root on Debian/Ubuntu, otherwise
//     listed with the exact command to run;
//  2. npm packages from the committed package-lock.json (`npm ci`) when
//     node_modules is missing or older than the lock file.
// Uses only Node built-ins: it runs before any dependency exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// libFuzzer's runtime, wherever this clang keeps it (the path has the LLVM
// version and the architecture in it).
function fuzzerRuntime() {
  try {
    for (const llvm of readdirSync('/usr/lib').filter((d) => d.startsWith('llvm-'))) {
      const base = `/usr/lib/${llvm}/lib/clang`;
      for (const version of readdirSync(base)) {
        const dir = `${base}/${version}/lib/linux`;
        if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('libclang_rt.fuzzer-'))) return true;
      }
    }
  } catch {
    // no such folders: not installed
  }
  return false;
}

// What each Debian package provides, checked by a file it installs (or a check function).
export const SYSTEM_PACKAGES = [
  { pkg: 'cmake', provides: ['/usr/bin/cmake'], why: 'build system' },
  { pkg: 'g++', provides: ['/usr/bin/g++'], why: 'native build' },
  { pkg: 'clang', provides: ['/usr/bin/clang++'], why: 'libFuzzer targets' },
  { pkg: 'libclang-rt-dev', provides: [fuzzerRuntime], why: 'libFuzzer and sanitizer runtimes for clang' },
  { pkg: 'emscripten', provides: ['/usr/bin/em++'], why: 'WebAssembly build' },
  { pkg: 'libgtest-dev', provides: ['/usr/include/gtest/gtest.h'], why: 'native tests' },
  { pkg: 'libbenchmark-dev', provides: ['/usr/include/benchmark/benchmark.h'], why: 'native benchmarks' },
  { pkg: 'libsimde-dev', provides: ['/usr/include/simde/wasm/simd128.h'], why: 'wasm SIMD intrinsics natively' },
  { pkg: 'nlohmann-json3-dev', provides: ['/usr/include/nlohmann/json.hpp'], why: 'JSON in C++' },
  { pkg: 'chromium', provides: ['/usr/bin/chromium'], why: 'browser tests' },
  { pkg: 'fonts-noto-cjk', provides: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'], why: 'Chinese glyphs in browser-test screenshots' },
];

function commandExists(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingSystemPackages() {
  const present = (p) => (typeof p === 'function' ? p() : existsSync(p));
  return SYSTEM_PACKAGES.filter(({ provides }) => !provides.every(present));
}

function isDebianLike() {
  return existsSync('/etc/debian_version') && commandExists('apt-get');
}

function installSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isDebianLike()) {
    console.error(`bootstrap: installing ${names.join(' ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
    const still = missingSystemPackages();
    if (still.length) throw new Error(`bootstrap: apt-get finished but ${still.map((m) => m.pkg).join(', ')} still missing`);
    return;
  }
  const lines = missing.map((m) => `  ${m.pkg.padEnd(20)} ${m.why}`).join('\n');
  const how = isDebianLike()
    ? `Run as root:\n  sudo apt-get install -y ${names.join(' ')}`
    : 'Install the equivalents with your package manager (or emsdk for Emscripten, see README.md).';
  console.error(`bootstrap: missing system packages:\n${lines}\n${how}`);
  process.exit(1);
}

function installNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('bootstrap: npm ci (from package-lock.json)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

export function bootstrap() {
  installSystemPackages();
  installNpmPackages();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) bootstrap();
