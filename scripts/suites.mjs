// Runs one test suite as a child process, streams its output, and reads its
// pass/fail/skip counts from the runner's closing lines (ctest or node --test).
import { spawn } from 'node:child_process';

function countsFrom(text, runner) {
  if (runner === 'ctest') {
    const m = text.match(/(\d+)% tests passed, (\d+) tests? failed out of (\d+)/);
    if (!m) return null;
    const failed = Number(m[2]);
    const total = Number(m[3]);
    const skipped = (text.match(/\(Skipped\)/g) ?? []).length;
    return { passed: total - failed - skipped, failed, skipped };
  }
  const num = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const passed = num('pass');
  if (Number.isNaN(passed)) return null;
  return { passed, failed: num('fail'), skipped: num('skipped') + (num('todo') || 0) };
}

/**
 * @param {{ name: string, cmd: string, args: string[], runner: 'ctest'|'node', env?: object, cwd: string }} suite
 * @returns {Promise<{ name, passed, failed, skipped, code }>}
 */
export function runSuite({ name, cmd, args, runner, env, cwd }) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    child.on('close', (code) => {
      const counts = countsFrom(text, runner);
      if (!counts) {
        console.log(`=== ${name}: no test counts found in the output (exit ${code})`);
        resolve({ name, passed: 0, failed: 1, skipped: 0, code });
        return;
      }
      // A runner that exits non-zero with no failing test still failed.
      const failed = counts.failed || (code === 0 ? 0 : 1);
      resolve({ name, ...counts, failed, code });
    });
  });
}

/**
 * The closing summary of `npm test`: one line per suite and the total line.
 * A suite that ran no test (passed < 1) fails on its own, whatever the others
 * did, so a suite whose tests vanished or were all skipped cannot hide in the
 * total. Returns { lines, code } (code 0 only if nothing failed).
 */
export function summarize(results) {
  const lines = [];
  const rows = results.map((r) => ({ ...r, failed: r.passed < 1 ? Math.max(r.failed, 1) : r.failed }));
  for (const r of rows) lines.push(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.passed < 1 ? ' — FAILED: no test ran' : ''}`);
  const total = rows.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
  lines.push(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return { lines, code: rows.length > 0 && total.failed === 0 ? 0 : 1 };
}
