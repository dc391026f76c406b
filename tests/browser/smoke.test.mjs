// Smoke test of the built page in headless Chromium: the SIMD module loads,
// the explorer draws f and f' of every activation with live parameter
// sliders, a read-out and the property table, the language switch changes the
// text, and the page works at 375 px wide — with no console error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const NAMES = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'softsign', 'mish', 'step'];

function countCurvePixels(canvases) {
  return canvases.map((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let blue = 0, orange = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 60 && data[i + 1] > 90 && data[i + 1] < 130 && data[i + 2] > 200) blue++;
      if (data[i] > 190 && data[i + 1] > 50 && data[i + 1] < 100 && data[i + 2] < 40) orange++;
    }
    return { blue, orange };
  });
}

test('the explorer draws f and f\' of every activation, with sliders, read-out and property table', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=explore&fn=leaky_relu`);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await page.evaluate(() => document.body.dataset.simd), 'true');
  // the gallery's cards are drawn a few per task after the view is shown
  await page.waitForSelector('#explorer[data-gallery="drawn"]', { timeout: 10000 });
  const cards = await page.$$eval('#explorer [data-activation]', (els) => els.map((e) => e.dataset.activation));
  assert.deepEqual(cards, NAMES);
  const drawn = await page.$$eval('#explorer [data-activation] canvas', countCurvePixels);
  assert.equal(drawn.length, NAMES.length);
  for (const [i, { blue, orange }] of drawn.entries()) {
    assert.ok(blue > 50, `chart ${i}: f drawn (${blue} blue pixels)`);
    assert.ok(orange > 20, `chart ${i}: f' drawn (${orange} orange pixels)`);
  }
  // the property table comes from the library's measurements
  assert.equal(await page.textContent('[data-row="relu"] [data-prop="differentiable"]'), 'no (at 0)');
  assert.equal(await page.textContent('[data-row="tanh"] [data-prop="zeroCentred"]'), 'yes');
  assert.equal(await page.textContent('[data-row="sigmoid"] [data-prop="zeroCentred"]'), 'no');
  // the alpha slider updates the URL and the read-out uses the new alpha: f(-2) = -2 alpha
  await page.fill('#fn-param-alpha', '0.5');
  await page.dispatchEvent('#fn-param-alpha', 'input');
  assert.match(await page.evaluate(() => location.search), /fa=0\.5/);
  await page.focus('#fn-chart');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  const readout = await page.$eval('#fn-readout', (e) => ({ ...e.dataset }));
  assert.equal(Number(readout.x), -2);
  assert.ok(Math.abs(Number(readout.f) + 1) < 1e-6, `f(-2) with alpha 0.5 is -1; got ${readout.f}`);
  assert.ok(Math.abs(Number(readout.d) - 0.5) < 1e-6);
  // selecting a card selects the activation
  await page.click('#explorer [data-activation="sigmoid"]');
  assert.equal(await page.inputValue('#fn-select'), 'sigmoid');
  await screenshot(page, 'explorer');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the language switch changes the text to Chinese and back', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train`);
  assert.equal(await page.textContent('[data-experiment="dying-relu"] strong'), 'Dying ReLU');
  await page.selectOption('#lang-select', 'zh-CN');
  assert.equal(await page.textContent('[data-experiment="dying-relu"] strong'), 'ReLU 死亡');
  assert.equal(await page.textContent('[data-view="compare"]'), '对比');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.evaluate(() => location.search), /lang=zh-CN/);
  await screenshot(page, 'trainer-zh-CN');
  await page.selectOption('#lang-select', 'en');
  assert.equal(await page.textContent('[data-view="compare"]'), 'Compare');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the page is usable 375 px wide', async () => {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${env.site.url}?view=train`);
  await page.waitForFunction(() => document.body.dataset.ready);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (overflow ${overflow}px)`);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.__alab.step() > 0);
  await page.click('[data-action="play"]');
  await screenshot(page, 'trainer-375px');
  assert.deepEqual(page.errors, []);
  await page.close();
});
