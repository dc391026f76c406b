// The page as a learner and a tutorial author meet it: every view fits a
// 375 px phone, charts read at a glance (tick labels that do not collide,
// axis titles that are not cut), and settings rejected from the URL are
// reported by name, value and what is allowed, while the page keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

async function openNarrow(query) {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(env.site.url + query);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  return page;
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the graph view fits a 375 px phone: no horizontal scroll of the page (its table scrolls inside its box)', async () => {
  const page = await openNarrow('?view=graph');
  await page.waitForFunction(() => document.querySelector('#view-graph')?.dataset.step === '0', null, { timeout: 15000 });
  await page.waitForSelector('.graph-diag');
  assert.ok(await overflow(page) <= 1, `page wider than the screen by ${await overflow(page)} px`);
  await screenshot(page, 'learner-graph-375');
  assert.deepEqual(page.errors, []);
  await page.close();
});
