// All settings live in the URL: a link restores them, changes write them back,
// the same link replays the same run, and invalid values are rejected (they
// fall back to defaults and never reach the DOM as markup).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const setting = (page, key) => page.inputValue(`#train-controls [data-setting="${key}"]`);

test('a URL restores the settings, edits write them back, and the link replays the same run', async () => {
  const query = '?dataset=xor&noise=0.2&hidden=6,5&act=tanh&init=xavier&lr=0.1&batch=20&seed=42&maxSteps=200&speed=max';
  const page = await openReady(env.browser.context, env.site.url + query);
  assert.equal(await setting(page, 'dataset'), 'xor');
  assert.equal(await setting(page, 'act'), 'tanh');
  assert.equal(await setting(page, 'init'), 'xavier');
  assert.equal(await setting(page, 'lr'), '0.1');
  assert.equal(await setting(page, 'seed'), '42');
  assert.deepEqual(await page.$$eval('.layer-row input', (els) => els.map((e) => e.value)), ['6', '5']);
  const state = await page.evaluate(() => window.__alab.state());
  assert.deepEqual(state.hidden, [6, 5]);
  assert.equal(state.noise, 0.2);

  // edit through the controls: a layer, the activation, the optimizer
  await page.click('[data-builder="add"]');
  await page.click('[data-builder="plus0"]');
  await page.selectOption('#train-controls [data-setting="act"]', 'elu');
  await page.selectOption('#train-controls [data-setting="opt"]', 'adam');
  const search = await page.evaluate(() => location.search);
  const params = new URLSearchParams(search);
  assert.equal(params.get('hidden'), '7,5,5');
  assert.equal(params.get('act'), 'elu');
  assert.equal(params.get('opt'), 'adam');

  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 30000 });
  const first = await page.evaluate(() => window.__alab.history().map((r) => r.trainLoss));

  // the shared link reproduces the same settings and the same run
  const link = await page.evaluate(() => window.__alab.link());
  const again = await openReady(env.browser.context, link);
  assert.deepEqual(await again.evaluate(() => window.__alab.state()), await page.evaluate(() => window.__alab.state()));
  await again.click('[data-action="play"]');
  await again.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 30000 });
  const second = await again.evaluate(() => window.__alab.history().map((r) => r.trainLoss));
  assert.deepEqual(second, first, 'same seed, same losses');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(again.errors, []);
  await page.close();
  await again.close();
});

test('invalid URL values fall back to defaults and never reach the page as markup', async () => {
  const evil = encodeURIComponent('<img src=x onerror=window.__pwned=1>');
  const query = `?dataset=${evil}&hidden=999,abc&act=${evil}&lr=NaN&seed=-4&view=nowhere&lang=xx&runs=relu:he`;
  const page = await openReady(env.browser.context, env.site.url + query);
  const state = await page.evaluate(() => window.__alab.state());
  assert.equal(state.dataset, 'circle');
  assert.deepEqual(state.hidden, [8, 8, 8]);
  assert.equal(state.act, 'relu');
  assert.equal(state.lr, 0.03);
  assert.equal(state.seed, 1);
  assert.equal(state.view, 'train');
  assert.equal(state.lang, 'en');
  assert.equal(state.runs.length, 2);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img', (els) => els.length), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});
