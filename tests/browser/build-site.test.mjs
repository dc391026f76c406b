// The production build (`npm run build:site`: vite.config.js in production
// mode) has no test hook and no test faults: no `window.__alab`, no
// 'test-fault' message in the worker, no faults.js chunk — and no code
// generated from strings. The test builds it into a temporary folder (the
// same config and mode as the npm script) and loads the page to check.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { build } from 'vite';

import { launchBrowser, root } from './helpers/browser.mjs';
import { serveStatic } from './helpers/static-server.mjs';

let outDir;
let browser;
before(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'alab-site-'));
  await build({ configFile: path.join(root, 'vite.config.js'), build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const builtJs = () => readdirSync(outDir, { recursive: true }).filter((f) => /\.m?js$/.test(f))
  .map((f) => ({ f, text: readFileSync(path.join(outDir, f), 'utf8') }));

test('the production JS contains neither the test hook nor the test faults', () => {
  const files = builtJs();
  assert.ok(files.some((x) => /training-worker/.test(x.f)), `the worker is built (${files.map((x) => x.f)})`);
  for (const { f, text } of files) {
    for (const word of ['__alab', 'test-fault', 'installTestHook', 'an uncaught exception in the worker']) {
      assert.equal(text.includes(word), false, `${f} contains ${word}`);
    }
  }
  assert.equal(files.some((x) => /faults|test-hook/.test(x.f)), false, 'no faults or test-hook chunk');
});

test('the production JS generates no code from strings: no `new Function(` and no `eval(`', () => {
  const hits = [];
  for (const { f, text } of builtJs()) {
    for (const re of [/new\s+Function\s*\(/g, /(?<![\w$.])eval\s*\(/g, /(?<![\w$])Function\s*\(\s*["'`]/g]) {
      for (const m of text.matchAll(re)) hits.push(`${f}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
  }
  assert.deepEqual(hits, []);
});

test('the production page trains and has no window.__alab', async () => {
  const site = await serveStatic({ dir: outDir });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  try {
    await page.goto(`${site.url}?speed=max&maxSteps=100`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await page.click('#view-train [data-action="play"]');
    await page.waitForFunction(() => Number(document.querySelector('#train-summary')?.dataset.step) >= 100, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => 'alab' in window || '__alab' in window), false);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await site.close();
  }
});
