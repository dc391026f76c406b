// The Lessons view in the built page: each lesson quotes its claim in Chinese
// and English, runs from its seed in the lesson worker, shows the verdict the
// Node tests assert, draws the chart it names, and "run it yourself" loads its
// preset; it works at 375 px wide with no console error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LESSONS } from '../../web/lib/lessons.js';
import { openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const verdictOf = (page, id) => page.waitForFunction((i) => {
  const v = document.querySelector(`[data-lesson-verdict="${i}"]`);
  return v && v.dataset.state !== 'running' ? v.dataset.state : false;
}, id, { timeout: 120000 }).then((h) => h.jsonValue());

// Non-background pixels of the lesson's chart canvases (a drawn chart has many).
const inkOf = (page) => page.$$eval('.lesson-charts canvas', (canvases) => canvases.map((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
  return ink;
}));

test('every lesson lists in order; the claim is quoted in Chinese and English; verdicts and charts come from the seed', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=lessons&lesson=rrelu`);
  const ids = await page.$$eval('[data-lesson]', (els) => els.map((e) => e.dataset.lesson));
  assert.deepEqual(ids, LESSONS.map((l) => l.id));
  assert.equal(await verdictOf(page, 'rrelu'), 'true');
  const quotes = await page.$$eval('.lesson .claim blockquote', (els) => els.map((e) => [e.lang, e.textContent]));
  assert.deepEqual(quotes.map(([lang]) => lang), ['zh-CN', 'en']);
  assert.equal(quotes[0][1], LESSONS.at(-1).claim.zh);
  assert.ok((await inkOf(page)).every((ink) => ink > 500), 'the rrelu histogram is drawn');
  // The measured numbers on the card are the library's: eval slope 2/11.
  assert.match(await page.textContent('.lesson table.measured'), /evaluationSlope\s*\[0\.181818\]/);
  for (const id of ['nonlinearity', 'monotonicity', 'large-init']) {
    await page.click(`[data-lesson="${id}"]`);
    assert.equal(await verdictOf(page, id), 'true', id);
    const ink = await inkOf(page);
    assert.ok(ink.length >= 1 && ink.every((v) => v > 500), `${id} charts drawn: ${ink}`);
  }
  // monotonicity: two heat maps, and the second names two minima.
  await page.click('[data-lesson="monotonicity"]');
  assert.match(await page.textContent('.heatmap-row'), /gelu \(non-monotonic\) — minima found: 2/);
  await screenshot(page, 'lessons-monotonicity');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('run it yourself loads the preset (trainer with initGain, compare with the variants); Chinese; 375 px', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=lessons&lesson=large-init`);
  await verdictOf(page, 'large-init');
  await page.click('[data-lesson-run="large-init"]');
  await page.waitForFunction(() => window.__alab.state().view === 'train' && window.__alab.configs());
  const config = await page.evaluate(() => window.__alab.configs().main);
  assert.equal(config.initGain, 8);
  assert.equal(config.activation[0], 'tanh');
  await page.evaluate(() => document.querySelector('.tabs [data-view="lessons"]').click());
  await page.click('[data-lesson="relu-speed"]');
  await verdictOf(page, 'relu-speed');
  await page.click('[data-lesson-run="relu-speed"]');
  await page.waitForFunction(() => window.__alab.state().view === 'compare');
  assert.deepEqual((await page.evaluate(() => window.__alab.state().runs)).map((r) => r.act), ['relu', 'tanh', 'sigmoid']);
  await page.close();

  const narrow = await openReady(env.browser.context, `${env.site.url}?view=lessons&lesson=depth-init&lang=zh-CN`);
  await narrow.setViewportSize({ width: 375, height: 800 });
  assert.equal(await verdictOf(narrow, 'depth-init'), 'true');
  assert.match(await narrow.textContent('.lesson h3'), /30 层网络/);
  assert.match(await narrow.textContent('.lesson .verdict h4'), /结论：论断在这里成立/);
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (${overflow} px)`);
  await screenshot(narrow, 'lessons-375-zh');
  assert.deepEqual(narrow.errors, []);
  await narrow.close();
});
