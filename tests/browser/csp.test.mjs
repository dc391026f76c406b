// Host-page safety: the embed page, the tutorial page (iframes + the
// <activation-lab> custom element) and the lab page run under a strict
// Content Security Policy sent as a response header on EVERY file (so the
// training worker is governed by it too), with zero violations: none seen by
// a `securitypolicyviolation` listener in any frame, none reported by the
// browser to the server's report-uri (that includes the worker), no console
// error. And a policy without what the module needs fails visibly, not
// silently: the page says the worker could not load the library.
//
// The exact policy is in docs/security.md. 'unsafe-eval' is added only when
// the built Emscripten glue still generates code from strings (Embind's
// invokers: `new Function`), i.e. when the wasm was linked without
// -sDYNAMIC_EXECUTION=0; the test says which policy it used.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { launchBrowser, root } from './helpers/browser.mjs';
import { REPORT_PATH, buildSite, serveStatic } from './helpers/static-server.mjs';

/** The policy of docs/security.md; `frames` adds frame-src for a page that embeds the iframe. */
export function strictPolicy({ unsafeEval = false, wasm = true, frames = false } = {}) {
  // 'unsafe-eval' also allows WebAssembly compilation, so it replaces 'wasm-unsafe-eval'
  const script = unsafeEval ? "'self' 'unsafe-eval'" : wasm ? "'self' 'wasm-unsafe-eval'" : "'self'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",
    "img-src data:",   // the pages' <link rel="icon" href="data:,">

    frames ? "frame-src 'self'" : null,
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `report-uri ${REPORT_PATH}`,
  ].filter(Boolean).join('; ');
}

/**
 * Does the built module work with code generation from strings disabled?
 * Node's --disallow-code-generation-from-strings makes eval/new Function
 * throw, as a CSP without 'unsafe-eval' does; the library is loaded and
 * trains a network (every Embind invoker it uses is created on the way).
 */
function worksWithoutEval() {
  const probe = `const { loadLab } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'web/lib/node.js')).href)});
    const lab = await loadLab();
    const net = lab.createNetwork({ inputs: 2, hidden: [4], activation: 'relu', seed: 1 });
    net.setData(lab.dataset('circle', { n: 40, seed: 1 }));
    net.train(5); net.predictGrid(-1, 1, -1, 1, 4); net.delete();
    lab.forward('gelu', new Float32Array(9));`;
  const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0;
}

// Records violations in every frame before any page script runs.
const RECORD_VIOLATIONS = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  });
};

let browser;
let needsEval;
before(async () => {
  await buildSite();
  needsEval = !worksWithoutEval();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Serves dist/ with `policy` on every response and opens `urlPath`; returns { site, page }. */
async function openUnder(policy, urlPath) {
  const site = await serveStatic({ headers: { 'Content-Security-Policy': policy } });
  const context = browser.context;
  const page = await context.newPage();
  await page.addInitScript(RECORD_VIOLATIONS);
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(site.url + urlPath);
  return { site, page };
}

/** Every violation the test can see: in each frame, and reported to the server (page and workers). */
async function violations(page, site) {
  const inFrames = [];
  for (const frame of page.frames()) inFrames.push(...(await frame.evaluate(() => window.__csp ?? []).catch(() => [])));
  await page.waitForTimeout(300);   // reports are sent asynchronously
  return { inFrames, reported: site.reports.map((r) => ({ directive: r['effective-directive'] ?? r['violated-directive'], blocked: r['blocked-uri'], source: r['source-file'] })) };
}

function assertClean(v, errors) {
  assert.deepEqual(v.inFrames, [], 'no securitypolicyviolation event in any frame');
  assert.deepEqual(v.reported, [], 'no violation reported by the page or its workers');
  assert.deepEqual(errors, [], 'no console error');
}

test('embed.html runs its experiment to the end under the strict policy, with zero violations', async (t) => {
  const policy = strictPolicy({ unsafeEval: needsEval });
  t.diagnostic(`policy: ${policy}`);
  t.diagnostic(needsEval ? "the wasm glue generates code (Embind new Function): 'unsafe-eval' is needed"
    : "the wasm glue is built with -sDYNAMIC_EXECUTION=0: no 'unsafe-eval'");
  const { site, page } = await openUnder(policy, 'embed.html?experiment=dying-relu&speed=max&autoplay=1');
  try {
    await page.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'finished', null, { timeout: 45000 });
    assert.ok(Number(await page.$eval('.alab-widget', (e) => e.dataset.step)) > 0);
    // the styles came from files: widget.css and embed-page.css
    const style = await page.evaluate(() => ({ radius: getComputedStyle(document.querySelector('.alab-widget')).borderTopLeftRadius, margin: getComputedStyle(document.body).marginTop }));
    assert.deepEqual(style, { radius: '10px', margin: '0px' });
    assert.ok(site.requests.some((p) => p.endsWith('.wasm')), 'the worker fetched the wasm');
    assertClean(await violations(page, site), page.errors);
  } finally {
    await page.close();
    await site.close();
  }
});

test('the tutorial page (embed iframe + custom element) works under the strict policy, with zero violations', async () => {
  const { site, page } = await openUnder(strictPolicy({ unsafeEval: needsEval, frames: true }), 'examples/tutorial.html');
  try {
    await page.waitForFunction(() => window.tutorialMessages?.some((m) => m.type === 'ready'), null, { timeout: 30000 });
    await page.click('[data-command="start"]');
    await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'progress' && m.step > 0 && m.running), null, { timeout: 30000 });
    await page.click('[data-command="pause"]');
    await page.evaluate(() => { for (const e of document.querySelectorAll('activation-lab')) e.start(); });
    await page.waitForFunction(() => [...document.querySelectorAll('activation-lab')]
      .every((e) => Number(e.shadowRoot?.querySelector('.alab-widget')?.dataset.step) > 0), null, { timeout: 30000 });
    await page.evaluate(() => { for (const e of document.querySelectorAll('activation-lab')) e.pause(); });
    // the custom element's shadow styles apply without an inline <style> (a constructed sheet)
    const shadow = await page.$eval('activation-lab', (e) => ({
      radius: getComputedStyle(e.shadowRoot.querySelector('.alab-widget')).borderTopLeftRadius,
      inlineStyles: e.shadowRoot.querySelectorAll('style').length,
    }));
    assert.deepEqual(shadow, { radius: '10px', inlineStyles: 0 });
    assertClean(await violations(page, site), page.errors);
  } finally {
    await page.close();
    await site.close();
  }
});

test('the lab page (index.html) trains under the strict policy, with zero violations', async () => {
  const { site, page } = await openUnder(strictPolicy({ unsafeEval: needsEval }), '?maxSteps=200&speed=max');
  try {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await page.click('#view-train [data-action="play"]');
    await page.waitForFunction(() => window.__alab?.reason() === 'finished', null, { timeout: 30000 });
    await page.click('.tabs [data-view="compare"]');
    await page.waitForFunction(() => window.__alab.mode() === 'compare' && window.__alab.runs().length === 2, null, { timeout: 30000 });
    await page.click('.tabs [data-view="explore"]');
    await page.waitForSelector('#explorer [data-activation="relu"] canvas');
    assertClean(await violations(page, site), page.errors);
  } finally {
    await page.close();
    await site.close();
  }
});

test('a policy that lacks what the module needs fails visibly: the embed says the worker cannot load', async (t) => {
  // With script-src 'self' alone the WebAssembly compile is refused; with a
  // dynamic-execution build, 'wasm-unsafe-eval' without 'unsafe-eval' lets
  // the compile through but refuses Embind's generated invokers. ('unsafe-eval'
  // also allows WebAssembly compilation, so it cannot be tested apart.)
  const cases = [{ name: "script-src 'self' only", policy: strictPolicy({ wasm: false }), directive: 'script-src' }];
  if (needsEval) cases.push({ name: "'wasm-unsafe-eval' without 'unsafe-eval'", policy: strictPolicy({ unsafeEval: false }), directive: 'script-src' });
  for (const c of cases) {
    const { site, page } = await openUnder(c.policy, 'embed.html?experiment=saturation&autoplay=1');
    try {
      await page.waitForSelector('.alab-banner:not([hidden])', { timeout: 20000 });
      const text = await page.textContent('.alab-banner');
      t.diagnostic(`${c.name}: ${text.slice(0, 160)}`);
      assert.match(text, /cannot load the library/);
      const v = await violations(page, site);
      assert.ok(v.reported.some((r) => r.directive === c.directive), `${c.name}: the browser reports the ${c.directive} violation`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    } finally {
      await page.close();
      await site.close();
    }
  }
});
