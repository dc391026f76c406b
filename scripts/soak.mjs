// `npm run soak [-- --minutes 30]`: the trainer left playing at the fastest
// speed for 30 minutes in headless Chromium. Every 30 s it records the page's
// JS heap after a full GC (CDP), the worker's WebAssembly memory, the frames
// per second and the step, then writes the curve into docs/reliability.md
// (between the SOAK markers) and fails if the heap grew more than 20 MB after
// the first 30 s. A test build is used for its window.__alab, in its own
// folder (build/soak-site) so that it can run beside npm test.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.ALAB_TEST_DIST ??= fileURLToPath(new URL('../build/soak-site', import.meta.url));
const { launchBrowser, root, serveSite } = await import('../tests/browser/helpers/browser.mjs');
const { MB, heapMeter } = await import('../tests/browser/helpers/heap.mjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const minutes = Number(opt('--minutes', '30'));
if (!(minutes > 0)) { console.error(`--minutes must be a positive number; got ${opt('--minutes')}`); process.exit(2); }
const QUERY = opt('--query', '?speed=max&hidden=8,8,8&act=relu');
const SAMPLE_MS = 30_000;
const ALLOWED = 20e6;
const DOC = path.join(root, 'docs/reliability.md');
const BEGIN = '<!-- SOAK:BEGIN (written by npm run soak) -->';
const END = '<!-- SOAK:END -->';

const site = await serveSite();
const browser = await launchBrowser();
let code = 1;
try {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url + QUERY);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60000 });
  const heap = await heapMeter(page);
  await page.click('#view-train [data-action="play"]');
  const t0 = Date.now();
  const rows = [];
  const sample = async () => {
    const bytes = await heap();
    const p = await page.evaluate(() => ({ step: window.__alab.step(), fps: window.__alab.fps(), wasm: window.__alab.wasmBytes(),
      res: window.__alab.resolution('main'), points: window.__alab.history('main').length }));
    const row = { s: Math.round((Date.now() - t0) / 1000), heap: bytes, ...p };
    rows.push(row);
    console.log(`${row.s} s: heap ${MB(bytes)}, wasm ${MB(p.wasm ?? 0)}, ${p.fps} fps, step ${p.step}, bucket width ${p.res?.width}, chart points ${p.points}`);
  };
  while (Date.now() - t0 < minutes * 60_000) {
    await page.waitForTimeout(Math.min(SAMPLE_MS, minutes * 60_000 - (Date.now() - t0)));
    await sample();
  }
  const first = rows.find((r) => r.s >= 30) ?? rows[0];
  const last = rows.at(-1);
  const growth = last.heap - first.heap;
  const wasmGrowth = (last.wasm ?? 0) - (first.wasm ?? 0);
  const stepsPerSecond = Math.round((last.step - first.step) / Math.max(1, last.s - first.s));
  const ok = growth < ALLOWED && errors.length === 0;
  code = ok ? 0 : 1;
  const table = [
    `Run of ${new Date().toISOString().slice(0, 10)}: ${minutes} min, \`${QUERY}\`, headless Chromium on ${os.cpus().length} cores`
      + ` (load average at the end ${os.loadavg()[0].toFixed(1)}), ${stepsPerSecond.toLocaleString('en-US')} steps/s on average.`,
    `JS heap after GC: **${MB(first.heap)} at ${first.s} s → ${MB(last.heap)} at ${last.s} s** (${growth >= 0 ? '+' : ''}${MB(growth)}; allowed +20 MB).`
      + ` WebAssembly memory: ${MB(first.wasm ?? 0)} → ${MB(last.wasm ?? 0)} (${wasmGrowth >= 0 ? '+' : ''}${MB(wasmGrowth)}).`
      + ` Console errors: ${errors.length}. ${ok ? 'Passed.' : 'FAILED.'}`,
    '',
    '| time | JS heap (after GC) | wasm memory | fps | step | bucket width | chart points |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.s} s | ${MB(r.heap)} | ${MB(r.wasm ?? 0)} | ${r.fps} | ${r.step.toLocaleString('en-US')} | ${r.res?.width ?? ''} | ${r.points} |`),
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/reliability.md has no ${BEGIN} … ${END} block to write into`);
  writeFileSync(DOC, `${doc.slice(0, a + BEGIN.length)}\n${table}\n${doc.slice(b)}`);
  console.log(`soak: heap ${MB(first.heap)} → ${MB(last.heap)} (${MB(growth)}), ${errors.length} console errors; written to docs/reliability.md`);
  if (errors.length) console.log(errors.slice(0, 5).join('\n'));
  await page.close();
} finally {
  await browser.close();
  await site.close();
}
process.exit(code);
