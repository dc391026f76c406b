// Start-up: time from navigation to the first chart in headless Chromium, on
// the built site served locally (the browser test harness's helpers: Vite
// build + preview in this process, Debian's Chromium via playwright-core).
// "First chart" = the first visible canvas with any drawn pixel;
// "ready" = the page set body.dataset.ready (every card drawn).
//
// Cold = a browser with a fresh profile (no HTTP cache, no compiled code), one
// first load each, `coldRuns` of them; warm = the reloads of the last one (a
// returning visitor). Every file of the site is requested once before the
// first browser starts, so that a cold load measures the visitor's cold
// caches, not the local server's first read of each file from disk.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { median } from './timing.mjs';

/** Requests every file of the built site once (the server's own warm-up). */
async function warmServer(url, dist) {
  const files = ['', ...readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`)];
  for (const f of files) await (await fetch(new URL(f, url))).arrayBuffer();
}

// Before the page's first 2-D draw call the poll below cannot succeed, and a
// getImageData of every canvas on every frame is not free (about 30 ms of the
// main thread's CPU before the first chart in a traced cold load, one poll of
// 38 ms): this script, run before the page's own, flags the first draw call
// (and then puts the methods back), and the poll reads pixels only after it.
// The pixel test still decides; the flag only says when to start looking.
function flagFirstDraw() {
  const proto = CanvasRenderingContext2D.prototype;
  const methods = ['fill', 'stroke', 'fillRect', 'strokeRect', 'fillText', 'strokeText', 'drawImage', 'putImageData'];
  const originals = methods.map((m) => proto[m]);
  methods.forEach((m, i) => {
    proto[m] = function firstDraw(...args) {
      globalThis.__alabDrawn = true;
      methods.forEach((n, j) => { proto[n] = originals[j]; });
      return originals[i].apply(this, args);
    };
  });
}

async function load(browser, url) {
  const page = await browser.context.newPage();
  await page.addInitScript(flagFirstDraw);
  await page.goto(url, { waitUntil: 'commit' });
  // Polled every animation frame; performance.now() counts from navigation start.
  const firstChartMs = await (await page.waitForFunction(() => {
    if (!globalThis.__alabDrawn) return false;
    for (const c of document.querySelectorAll('canvas')) {
      if (!c.width || !c.height || !c.checkVisibility?.()) continue;
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return performance.now();
    }
    return false;
  }, null, { polling: 'raf', timeout: 20000 })).jsonValue();
  const readyMs = await (await page.waitForFunction(() => document.body.dataset.ready && performance.now(), null, { polling: 'raf', timeout: 20000 })).jsonValue();
  await page.close();
  return { firstChartMs, readyMs };
}

/** @returns {Promise<null | { cold, warm, samples }>} each { firstChartMs, readyMs } null when Chromium or playwright-core is missing */
export async function measureStartup({ repetitions, coldRuns = 3, log = () => {} }) {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return null;
  let helpers;
  try {
    helpers = await import('../browser/helpers/browser.mjs');
  } catch (error) {
    log(`startup: skipped (${error.message})`);
    return null;
  }
  const site = await helpers.serveSite();
  const cold = [];
  const warm = [];
  try {
    await warmServer(site.url, helpers.testDist);
    for (let c = 0; c < coldRuns; c++) {
      const browser = await helpers.launchBrowser();
      try {
        cold.push(await load(browser, site.url));
        if (c === coldRuns - 1) for (let r = 0; r < repetitions; r++) warm.push(await load(browser, site.url));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await site.close();
  }
  const med = (samples) => ({ firstChartMs: median(samples.map((s) => s.firstChartMs)), readyMs: median(samples.map((s) => s.readyMs)) });
  return { cold: med(cold), warm: med(warm), samples: { cold, warm } };
}
