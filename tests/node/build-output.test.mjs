// Build steps print one line each (what was done, warnings, seconds), not the
// compiler's pages; a warning is shown on its own line, a failure in full.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const build = new URL('../../scripts/build.mjs', import.meta.url).href;

/** Runs step() on a fake compiler that prints `lines`, in a child process; returns its stdout and stderr. */
function runStep(fakeOutput, exitCode = 0, env = {}) {
  const fake = `${JSON.stringify(fakeOutput)}.split('\\n').forEach((l) => (l.includes('warning') ? console.error(l) : console.log(l))); process.exit(${exitCode});`;
  const code = `const { step } = await import(${JSON.stringify(build)});
    try { step('build/demo', process.execPath, ['-e', ${JSON.stringify(fake)}]); } catch (e) { console.log('THROWN ' + e.message); }`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, ALAB_VERBOSE: '', ...env } });
}

const pages = Array.from({ length: 200 }, (_, i) => `[ ${i}%] Building CXX object CMakeFiles/x.dir/f${i}.cpp.o`).join('\n');

test('a long quiet build prints one line', () => {
  const r = runStep(`${pages}\n[100%] Linking CXX executable x.mjs`);
  assert.match(r.stdout, /^build\/demo: 200 files compiled, 1 linked, 0 warnings \(\d+\.\d s\)\n$/);
  assert.equal(r.stderr, '');
});

test('warnings are listed one line each, once', () => {
  const w = 'cpp/a.cpp:3:7: warning: unused variable "x" [-Wunused-variable]';
  const r = runStep(`${pages}\n${w}\n${w}`);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0], /200 files compiled, 0 linked, 1 warning \(/);
  assert.equal(lines[1], `  ${w}`);
});

test('a failing step prints the whole output and throws', () => {
  const r = runStep(`${pages}\ncpp/a.cpp:1:1: error: boom`, 1);
  assert.match(r.stderr, /error: boom/);
  assert.match(r.stdout, /Building CXX object CMakeFiles\/x\.dir\/f199\.cpp\.o/);
  assert.match(r.stdout, /THROWN build\/demo: .* failed \(exit 1\)/);
});

test('ALAB_VERBOSE=1 passes the compiler output through', () => {
  const r = runStep(pages, 0, { ALAB_VERBOSE: '1' });
  assert.equal(r.stdout.trimEnd().split('\n').length, 200);
});
