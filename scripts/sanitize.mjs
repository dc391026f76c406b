// `npm run test:sanitize`: the native GoogleTest suite under AddressSanitizer,
// LeakSanitizer and UndefinedBehaviorSanitizer. Configures build/sanitize with
// -DALAB_SANITIZE=ON (ASan + UBSan on alab_core and everything linked to it,
// -fno-sanitize-recover=all so any report fails the test), builds alab_tests
// and runs ctest there. Prints ctest's summary line; exits non-zero on failure.
//   node scripts/sanitize.mjs [--compiler clang++] [--filter REGEX]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { buildNative, root } from './build.mjs';

// halt_on_error: the first report fails the test. detect_leaks=1: LeakSanitizer
// runs at exit of every test binary; it needs ptrace, which some containers
// forbid — then the run fails and says so (it never silently drops the check).
export const SANITIZER_ENV = {
  ASAN_OPTIONS: 'halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:detect_leaks=1',
  UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
};

/**
 * Proves LeakSanitizer works here: a program that leaks 77 bytes must be
 * reported, a clean one must pass. Returns null, or the reason it does not.
 */
export function leakCheckProblem(compiler = 'c++') {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-lsan-'));
  try {
    const build = (name, body) => {
      const src = path.join(dir, `${name}.cpp`);
      writeFileSync(src, `#include <cstdlib>\nvoid* volatile sink;\nint main() { ${body} return 0; }\n`);
      const r = spawnSync(compiler, ['-fsanitize=address', '-g', '-O0', src, '-o', path.join(dir, name)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cannot compile the LeakSanitizer probe with ${compiler}: ${r.stderr?.trim() || r.error?.message || `exit ${r.status}`}`);
      return spawnSync(path.join(dir, name), [], { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
    };
    const leaky = build('leaky', 'sink = std::malloc(77); sink = nullptr;');
    if (!/LeakSanitizer: detected memory leaks/.test(leaky.stderr) || !/77 byte\(s\) leaked/.test(leaky.stderr)) {
      return `LeakSanitizer did not report a deliberate 77-byte leak (exit ${leaky.status}): ${leaky.stderr.trim().split('\n').slice(0, 4).join(' | ') || 'no output'}`
        + '. It needs ptrace: in a container run it with --cap-add SYS_PTRACE (or --security-opt seccomp=unconfined).';
    }
    const clean = build('clean', 'sink = std::malloc(77); std::free(sink);');
    if (clean.status !== 0) return `a clean program fails under LeakSanitizer (exit ${clean.status}): ${clean.stderr.trim().split('\n').slice(0, 4).join(' | ')}`;
    return null;
  } catch (error) {
    return error.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runSanitizedTests({ compiler, filter } = {}) {
  const problem = leakCheckProblem(compiler);
  if (problem) {
    console.error(`sanitizers: FAILED before running any test: LeakSanitizer cannot run here. ${problem}`);
    return 1;
  }
  console.log('LeakSanitizer works here: it reported a deliberate 77-byte leak and passed a clean program');
  buildNative({ dir: 'build/sanitize', sanitize: true, compiler });
  const env = { ...process.env, ...SANITIZER_ENV };
  const args = ['--test-dir', 'build/sanitize', '--output-on-failure', '-j', '2'];
  if (filter) args.push('-R', filter);
  console.log(`ASAN_OPTIONS=${env.ASAN_OPTIONS}\nUBSAN_OPTIONS=${env.UBSAN_OPTIONS}\nctest ${args.join(' ')}`);
  const r = spawnSync('ctest', args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const text = `${r.stdout}${r.stderr}`;
  process.stdout.write(text);
  const summary = text.match(/^\d+% tests passed.*$/m)?.[0];
  console.log(`\nsanitizers (ASan+LSan+UBSan): ${summary ?? 'no ctest summary found'}`);
  return r.status === 0 && summary !== undefined ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const { bootstrap } = await import('./bootstrap.mjs');
  bootstrap(['sanitize']);
  process.exit(runSanitizedTests({ compiler: opt('--compiler'), filter: opt('--filter') }));
}
