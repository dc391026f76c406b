// Host-page safety: the embed page, the tutorial page (iframes + the
// <activation-lab> custom element) and the lab page run under a strict
// Content Security Policy sent as a response header on EVERY file (so the
// training worker is governed by it too), with zero violations: none seen by
// a `securitypolicyviolation` listener in any frame, none reported by the
// browser to the server's report-uri (that includes the worker), no console
// error. And a policy without what the module needs fails visibly, not
// silently: the page says the worker could not load the library.
//
// The exact policy is in docs/security.md: `script-src 'self'
// 'wasm-unsafe-eval'` and never 'unsafe-eval' — the module is linked with
// -sDYNAMIC_EXECUTION=0, so Embind's glue generates no code from strings, and
// a build that did would fail these tests (the Embind invokers would be
// refused). A frame the test cannot evaluate fails the test: it is never
// counted as clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser } from './helpers/browser.mjs';
import { REPORT_PATH, buildSite, serveStatic } from './helpers/static-server.mjs';

/** The policy of docs/security.md; `frames` adds frame-src for a page that embeds the iframe. */
export function strictPolicy({ wasm = true, frames = false } = {}) {
  const script = wasm ? "'self' 'wasm-unsafe-eval'" : "'self'";
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

// Records violations in every frame before any page script runs.
const RECORD_VIOLATIONS = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  });
};

let browser;
before(async () => {
  await buildSite();
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
  for (const frame of page.frames()) {
    // a frame that cannot be read (detached, crashed, no recorder) is a failure, not a clean frame
    const seen = await frame.evaluate(() => window.__csp ?? null).catch((error) => assert.fail(`cannot evaluate frame ${frame.url()}: ${error.message}`));
    assert.ok(Array.isArray(seen), `frame ${frame.url()} has the violation recorder`);
    inFrames.push(...seen);
  }
  await page.waitForTimeout(300);   // reports are sent asynchronously
  return { inFrames, reported: site.reports.map((r) => ({ directive: r['effective-directive'] ?? r['violated-directive'], blocked: r['blocked-uri'], source: r['source-file'] })) };
}

function assertClean(v, errors) {
  assert.deepEqual(v.inFrames, [], 'no securitypolicyviolation event in any frame');
  assert.deepEqual(v.reported, [], 'no violation reported by the page or its workers');
  assert.deepEqual(errors, [], 'no console error');
}

test('embed.html runs its experiment to the end under the strict policy, with zero violations', async (t) => {
  const policy = strictPolicy();
  t.diagnostic(`policy: ${policy}`);
  assert.doesNotMatch(policy, /'unsafe-eval'/);
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
  const { site, page } = await openUnder(strictPolicy({ frames: true }), 'examples/tutorial.html');
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
  const { site, page } = await openUnder(strictPolicy(), '?maxSteps=200&speed=max');
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
  // With script-src 'self' alone the WebAssembly compile is refused.
  const { site, page } = await openUnder(strictPolicy({ wasm: false }), 'embed.html?experiment=saturation&autoplay=1');
  try {
    await page.waitForSelector('.alab-banner:not([hidden])', { timeout: 20000 });
    const text = await page.textContent('.alab-banner');
    t.diagnostic(text.slice(0, 160));
    assert.match(text, /cannot load the library/);
    const v = await violations(page, site);
    assert.ok(v.reported.some((r) => r.directive === 'script-src'), 'the browser reports the script-src violation');
  } finally {
    await page.close();
    await site.close();
  }
});

// A host page carrying three real payloads — an inline script, an inline
// event handler, and markup in the embed's URL and in a message to it. Served
// without a policy, the first two run (so the payloads are real); under the
// strict policy none runs and the browser reports the blocked ones.
const PAYLOAD_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script>window.__pwned = 'inline script';</script>
<img src="x" onerror="window.__pwned = 'event handler'">
<iframe id="f" src="/embed.html?experiment=%3Cimg%20src%3Dx%20onerror%3Dparent.__pwned%3D1%3E"></iframe>
<iframe id="g" src="/embed.html?experiment=dying-relu"></iframe>
</body></html>`;

async function openPayloadPage(policy) {
  const headers = policy ? { 'Content-Security-Policy': policy } : {};
  const site = await serveStatic({ headers, routes: { '/payload.html': { body: PAYLOAD_PAGE } } });
  const page = await browser.context.newPage();
  await page.addInitScript(RECORD_VIOLATIONS);
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  await page.goto(`${site.url}payload.html`);
  await page.waitForTimeout(500);
  const embed = page.frames().find((f) => f.url().includes('dying-relu'));
  await embed.waitForSelector('.alab-widget', { timeout: 20000 });
  // markup in a command message to the embed: it must be rejected, never rendered
  await page.evaluate(() => document.querySelector('#g').contentWindow.postMessage({ type: '<img src=x onerror="parent.__pwned=3">', id: '<img src=x onerror="parent.__pwned=4">' }, '*'));
  await page.waitForTimeout(500);
  const pwned = [];
  for (const frame of page.frames()) pwned.push(await frame.evaluate(() => window.__pwned ?? null));
  return { site, page, pwned };
}

test('injected payloads: they run without a policy, and none runs under the strict policy', async () => {
  const open = await openPayloadPage(null);
  try {
    assert.equal(open.pwned[0], 'event handler', 'without a policy the inline script and handler run (the payload is real)');
  } finally {
    await open.page.close();
    await open.site.close();
  }
  const strict = await openPayloadPage(strictPolicy({ frames: true }));
  try {
    assert.deepEqual(strict.pwned, strict.pwned.map(() => null), 'no frame has window.__pwned');
    const v = await violations(strict.page, strict.site);
    const blocked = v.reported.map((r) => r.directive);
    assert.ok(blocked.some((d) => /^script-src(-elem)?$/.test(d)), `the inline script was blocked (${blocked})`);
    assert.ok(blocked.some((d) => /^script-src(-attr)?$/.test(d) ), `the event handler was blocked (${blocked})`);
  } finally {
    await strict.page.close();
    await strict.site.close();
  }
});
