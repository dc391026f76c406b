// Smoke test of the built page in headless Chromium: the SIMD module loads
// and f and f' of every activation are drawn, with no console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, screenshot, serveSite } from './helpers/browser.mjs';

let site;
let browser;
before(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('the page loads the SIMD module and draws f and f\' for every activation', async () => {
  const page = await openPage(browser.context, site.url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await page.evaluate(() => document.body.dataset.simd), 'true');
  const cards = await page.$$eval('[data-activation]', (els) => els.map((e) => e.dataset.activation));
  assert.deepEqual(cards, ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'softsign', 'mish']);
  // Every chart canvas has pixels in both curve colours (f blue, f' orange).
  const drawn = await page.$$eval('[data-activation] canvas', (canvases) => canvases.map((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let blue = 0, orange = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 60 && data[i + 1] > 90 && data[i + 1] < 130 && data[i + 2] > 200) blue++;
      if (data[i] > 190 && data[i + 1] > 50 && data[i + 1] < 100 && data[i + 2] < 40) orange++;
    }
    return { blue, orange };
  }));
  assert.equal(drawn.length, 14);
  for (const [i, { blue, orange }] of drawn.entries()) {
    assert.ok(blue > 50, `chart ${i}: f drawn (${blue} blue pixels)`);
    assert.ok(orange > 20, `chart ${i}: f' drawn (${orange} orange pixels)`);
  }
  await screenshot(page, 'explorer');
  assert.deepEqual(page.errors, []);
});
