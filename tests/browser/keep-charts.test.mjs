// A new session or a language change keeps the page's charts and run cards
// (the same elements, emptied and refilled or relabelled in place) instead of
// rebuilding them: rebuilding the trainer's eight charts on every step of a
// noise-slider drag, or the compare view's cards and charts on a language
// toggle, were the load test's longest main-thread tasks (90-125 ms of CPU).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

// Tags every element matching `selector` (a property no rebuild would copy); returns their count.
const tag = (page, selector) => page.$$eval(selector, (els) => els.map((e) => { e.__kept = true; return 1; }).length);
// How many elements match `selector`, and how many of them carry the tag.
const kept = (page, selector) => page.$$eval(selector, (els) => ({ count: els.length, kept: els.filter((e) => e.__kept).length }));

test('a new training session keeps the trainer\'s charts (same network shape), emptied and drawn again', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train&speed=max`);
  await page.click('#view-train [data-action="play"]');
  await page.waitForFunction(() => window.__alab.step() > 2000, null, { timeout: 20000 });
  const charts = '#diagnostics canvas';
  const count = await tag(page, charts);
  assert.ok(count >= 8, `the trainer shows its charts (${count} canvases)`);
  // a new noise: new data, a new session (playing on), the same network shape
  await page.$eval('#train-controls input[data-setting="noise"]', (input) => {
    input.value = '0.3';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => window.__alab.state().noise === 0.3 && window.__alab.history().length > 0
    && window.__alab.history()[0].step === 0 && window.__alab.step() > 500, null, { timeout: 20000 });
  await page.waitForTimeout(300);   // the charts are reset two frames after a setup
  assert.deepEqual(await kept(page, charts), { count, kept: count }, 'the same chart canvases');
  // and they show the new run: the loss chart's first point is the new run's step 0 (drawn, not blank)
  const drawn = await page.$eval('#diagnostics [data-chart="loss"] canvas', (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
  assert.ok(drawn > 1000, `the kept loss chart is drawn (${drawn} pixels)`);
  // another network shape builds new charts
  await page.click('#layer-builder [data-builder="remove"]');
  await page.waitForFunction(() => window.__alab.configs()?.main?.hidden.length === 2, null, { timeout: 20000 });
  await page.waitForTimeout(300);
  const after = await kept(page, charts);
  assert.equal(after.kept, 0, `new charts for two hidden layers (${JSON.stringify(after)})`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a language change relabels the compare view\'s run cards and keeps its charts', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=compare&runs=relu:he,tanh:xavier`);
  await page.waitForFunction(() => window.__alab.mode() === 'compare' && document.querySelectorAll('#compare-charts canvas').length === 3, null, { timeout: 20000 });
  const parts = '#compare-runs .run-card, #compare-runs select, #compare-charts canvas';
  const count = await tag(page, parts);
  const label = () => page.$eval('#compare-runs select', (s) => s.getAttribute('aria-label'));
  assert.equal(await label(), 'Activation of network 1');
  await page.selectOption('#lang-select', 'zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await label(), '网络 1 的激活函数', 'the cards\' accessible names are translated');
  assert.equal(await page.textContent('#compare-charts [data-chart="cmpLoss"] figcaption span'), '训练损失');
  assert.deepEqual(await kept(page, parts), { count, kept: count }, 'the same cards and chart canvases');
  await page.selectOption('#lang-select', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await label(), 'Activation of network 1');
  // a new session (Reset) keeps the charts too
  await page.click('#view-compare [data-action="reset"]');
  await page.waitForTimeout(500);
  assert.deepEqual(await kept(page, '#compare-charts canvas'), { count: 3, kept: 3 });
  assert.deepEqual(page.errors, []);
  await page.close();
});
