// `npm run test:sanitize`: the native GoogleTest suite under AddressSanitizer
// and UndefinedBehaviorSanitizer. Configures build/sanitize with
// -DALAB_SANITIZE=ON (ASan + UBSan on alab_core and everything linked to it,
// -fno-sanitize-recover=all so any report fails the test), builds alab_tests
// and runs ctest there. Prints ctest's summary line; exits non-zero on failure.
//   node scripts/sanitize.mjs [--compiler clang++] [--filter REGEX]
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

import { buildNative, root } from './build.mjs';

// halt_on_error: the first report fails the test. detect_leaks needs ptrace,
// which containers often forbid; LSan is turned on only where it works.
export const SANITIZER_ENV = {
  ASAN_OPTIONS: 'halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1',
  UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
};

function leakCheckWorks() {
  // LeakSanitizer refuses to run under ptrace-less sandboxes ("LeakSanitizer has
  // encountered a fatal error"); probe once with a trivial sanitized program.
  const probe = spawnSync('sh', ['-c', 'printf "int main(){return 0;}" | c++ -x c++ -fsanitize=address -o /tmp/alab-lsan-probe - && ASAN_OPTIONS=detect_leaks=1 /tmp/alab-lsan-probe'], { encoding: 'utf8' });
  return probe.status === 0;
}

export function runSanitizedTests({ compiler, filter } = {}) {
  buildNative({ dir: 'build/sanitize', sanitize: true, compiler });
  const env = { ...process.env, ...SANITIZER_ENV };
  env.ASAN_OPTIONS += `:detect_leaks=${leakCheckWorks() ? 1 : 0}`;
  const args = ['--test-dir', 'build/sanitize', '--output-on-failure', '-j', '2'];
  if (filter) args.push('-R', filter);
  console.log(`ASAN_OPTIONS=${env.ASAN_OPTIONS}\nUBSAN_OPTIONS=${env.UBSAN_OPTIONS}\nctest ${args.join(' ')}`);
  const r = spawnSync('ctest', args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const text = `${r.stdout}${r.stderr}`;
  process.stdout.write(text);
  const summary = text.match(/^\d+% tests passed.*$/m)?.[0];
  console.log(`\nsanitizers (ASan+UBSan): ${summary ?? 'no ctest summary found'}`);
  return r.status === 0 && summary !== undefined ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const { bootstrap } = await import('./bootstrap.mjs');
  bootstrap(['sanitize']);
  process.exit(runSanitizedTests({ compiler: opt('--compiler'), filter: opt('--filter') }));
}
