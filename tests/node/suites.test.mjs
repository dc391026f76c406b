// scripts/suites.mjs: how `npm test` reads each suite's counts and sums them.
// Every suite must run at least one test; a suite that ran none fails the
// run even when the total is large.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { summarize } from '../../scripts/suites.mjs';

const suite = (name, passed, failed = 0, skipped = 0) => ({ name, passed, failed, skipped });

test('all suites ran tests and none failed: exit 0, total line last', () => {
  const { lines, code } = summarize([suite('native', 230), suite('fuzz', 2), suite('node', 120, 0, 1), suite('browser', 40)]);
  assert.equal(code, 0);
  assert.equal(lines.at(-1), 'total: 392 passed, 0 failed, 1 skipped');
});

test('one suite that ran no test fails the run, though the total passed is large', () => {
  const { lines, code } = summarize([suite('native', 230), suite('fuzz', 0), suite('node', 120), suite('browser', 40)]);
  assert.equal(code, 1);
  assert.match(lines[1], /^fuzz: 0 passed, 1 failed, 0 skipped — FAILED: no test ran$/);
  assert.equal(lines.at(-1), 'total: 390 passed, 1 failed, 0 skipped');
});

test('a suite whose every test was skipped fails too', () => {
  assert.equal(summarize([suite('native', 230), suite('browser', 0, 0, 40)]).code, 1);
});

test('a failure anywhere fails; no suite at all fails', () => {
  assert.equal(summarize([suite('native', 230, 1)]).code, 1);
  assert.equal(summarize([]).code, 1);
});
