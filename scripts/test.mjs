// `npm test`: bootstrap, build, then every suite — native GoogleTest (ctest),
// a bounded libFuzzer run, Node tests against the built wasm, browser tests in
// headless Chromium, and the packed package used from an empty project. The
// sanitizer build of the native suite is its own command (`npm run test:sanitize`, run by CI), as its first build is long.
// Prints one closing line "total: N passed, N failed, N skipped" and exits
// non-zero if anything failed or if any suite ran no test (a suite whose
// tests all vanished, or were all skipped, must not pass hidden in the total).
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { bootstrap } from './bootstrap.mjs';
import { buildNative, buildWasm, root } from './build.mjs';
import { runSuite, summarize } from './suites.mjs';

bootstrap();
buildNative();
buildWasm();

const testFiles = (dir) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => path.join(dir, f));

const suites = [
  { name: 'native (GoogleTest)', cmd: 'ctest', args: ['--test-dir', 'build/native', '--output-on-failure', '-j', '2'], runner: 'ctest' },
  // A reproducible slice of fuzzing (fixed seed and run count), so CI cannot fail at random.
  { name: 'fuzz (libFuzzer, seeded)', cmd: process.execPath, args: ['scripts/fuzz.mjs', '--seconds', '120', '--runs', '8000', '--seed', '1'], runner: 'node' },
  { name: 'node', cmd: process.execPath, args: ['--test', '--test-reporter=tap', ...testFiles('tests/node')], runner: 'node' },
  { name: 'browser', cmd: process.execPath, args: ['--test', '--test-reporter=tap', '--test-concurrency=1', ...testFiles('tests/browser')], runner: 'node' },
  // npm pack, install the tarball offline into an empty project, use it as a stranger would.
  { name: 'package (consumer)', cmd: process.execPath, args: ['--test', '--test-reporter=tap', ...testFiles('tests/package')], runner: 'node' },
];

const results = [];
for (const suite of suites) results.push(await runSuite({ cwd: root, ...suite }));

const { lines, code } = summarize(results);
console.log(`\n=== summary\n${lines.join('\n')}`);
process.exit(code);
