// Start-up: time from navigation to the first chart in headless Chromium, on
// the built site served locally (the browser test harness's helpers: Vite
// build + preview in this process, Debian's Chromium via playwright-core).
// "First chart" = the first visible canvas with any drawn pixel;
// "ready" = the page set body.dataset.ready (every card drawn).
import { existsSync } from 'node:fs';

import { median } from './timing.mjs';

/** @returns {Promise<null | { cold, warm, samples }>} each { firstChartMs, readyMs } null when Chromium or playwright-core is missing */
export async function measureStartup({ repetitions, log = () => {} }) {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return null;
  let helpers;
  try {
    helpers = await import('../browser/helpers/browser.mjs');
  } catch (error) {
    log(`startup: skipped (${error.message})`);
    return null;
  }
  const site = await helpers.serveSite();
  const browser = await helpers.launchBrowser();
  const samples = [];
  try {
    for (let r = 0; r <= repetitions; r++) {
      const page = await browser.context.newPage();
      await page.goto(site.url, { waitUntil: 'commit' });
      // Polled every animation frame; performance.now() counts from navigation start.
      const firstChartMs = await (await page.waitForFunction(() => {
        for (const c of document.querySelectorAll('canvas')) {
          if (!c.width || !c.height || !c.checkVisibility?.()) continue;
          const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
          for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return performance.now();
        }
        return false;
      }, null, { polling: 'raf', timeout: 20000 })).jsonValue();
      const readyMs = await (await page.waitForFunction(() => document.body.dataset.ready && performance.now(), null, { polling: 'raf', timeout: 20000 })).jsonValue();
      await page.close();
      samples.push({ firstChartMs, readyMs });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  // The first load is cold (fresh profile: no HTTP or compiled-code cache);
  // the others are warm (cached), as a returning visitor.
  const warm = samples.slice(1);
  return {
    cold: samples[0],
    warm: { firstChartMs: median(warm.map((s) => s.firstChartMs)), readyMs: median(warm.map((s) => s.readyMs)) },
    samples,
  };
}
