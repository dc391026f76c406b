// The guided experiments run in the page and their numbers, read from the
// page, show the effect: the dying-ReLU preset leaves dead ReLU units and none
// with leaky_relu; the saturation preset drives the top layer's mean
// activation down; born dead fills its heat map; compare mode trains the
// line-up side by side; the spike button and Pause/Reset work in any run.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser, waitFinished } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const deadShare = (page) => page.$eval('#train-summary', (e) => Number(e.dataset.deadFraction));

test('dying ReLU: a learning-rate spike leaves dead ReLU units; leaky_relu from the same seed has none', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max`);
  await page.click('[data-experiment="dying-relu"]');
  await waitFinished(page);
  const history = await page.evaluate(() => window.__alab.history());
  const spiked = history.some((r) => r.learningRate > 1);
  assert.ok(spiked, 'the scheduled spike ran');
  const reluDead = await deadShare(page);
  assert.ok(reluDead > 0, `relu dead share > 0 (got ${reluDead})`);
  assert.ok(Number(await page.$eval('.events-box', (e) => e.dataset.died)) > 0, 'the event list shows units dying');
  assert.ok(Number(await page.$eval('#diagram .diagram', (e) => e.dataset.dead)) > 0, 'the diagram marks dead units');
  await screenshot(page, 'dying-relu-relu');

  await page.click('[data-variant="Leaky ReLU"]');
  await page.waitForFunction(() => window.__alab.state().act === 'leaky_relu' && window.__alab.reason() === 'finished', null, { timeout: 60000 });
  assert.equal(await deadShare(page), 0, 'leaky_relu has no dead unit');
  assert.deepEqual((await page.evaluate(() => window.__alab.configs())).main.activation, ['leaky_relu', 'leaky_relu', 'leaky_relu']);
  await screenshot(page, 'dying-relu-leaky');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('sigmoid saturation: the top hidden layer\'s mean activation falls while lower layers stay near 0.5', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max`);
  await page.click('[data-experiment="saturation"]');
  await waitFinished(page);
  const history = await page.evaluate(() => window.__alab.history());
  const first = history[0].layers;
  const last = history.at(-1).layers;
  const top = last.length - 1;
  assert.equal(last.length, 4);
  assert.ok(last[top].actMean < first[top].actMean - 0.2, `top layer mean ${first[top].actMean} → ${last[top].actMean}`);
  assert.ok(last[0].actMean > 0.4, `first layer stays near 0.5 (${last[0].actMean})`);
  assert.equal(Number(await page.$eval('#train-summary', (e) => e.dataset.topActMean)), last[top].actMean, 'the page shows the same number');
  assert.equal(await page.$eval('#experiment-panel', (e) => e.dataset.experiment), 'saturation');
  await screenshot(page, 'saturation');

  // side by side: sigmoid+standard, tanh+xavier, relu+he
  await page.click('[data-variant="compare"]');
  await page.waitForFunction(() => window.__alab.mode() === 'compare' && window.__alab.reason() === 'finished', null, { timeout: 60000 });
  assert.deepEqual(await page.evaluate(() => window.__alab.runs()), ['run0', 'run1', 'run2']);
  const stats = await page.$$eval('.run-stats', (els) => els.map((e) => Number(e.dataset.trainLoss)));
  assert.ok(stats[1] < stats[0] && stats[2] < stats[0], `tanh and relu learn faster than saturated sigmoid: ${stats}`);
  await screenshot(page, 'compare');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('born dead: the heat map is computed in the worker and rises with depth', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train`);
  await page.click('[data-experiment="born-dead"]');
  await page.waitForFunction(() => document.querySelector('#borndead-table')?.dataset.done === 'true', null, { timeout: 60000 });
  const p = (d, w) => page.$eval(`td[data-depth="${d}"][data-width="${w}"]`, (e) => Number(e.dataset.p));
  assert.ok((await p(50, 2)) > (await p(2, 2)), 'deeper is deader');
  assert.ok((await p(10, 2)) > (await p(10, 10)), 'wider is livelier');
  await screenshot(page, 'born-dead');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('play, pause, the learning-rate spike button and reset work in any run', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=fast&lr=0.01&spikeSteps=20`);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.__alab.step() >= 100);
  await page.click('[data-action="spike"]');
  await page.waitForFunction(() => window.__alab.history().some((r) => r.learningRate === 3));
  await page.click('[data-action="play"]');   // pause
  await page.waitForFunction(() => window.__alab.running() === false);
  const paused = await page.evaluate(() => window.__alab.step());
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__alab.step()), paused, 'paused means paused');
  assert.ok(paused > 100);
  // The meter reports once per second of page time.
  await page.waitForFunction(() => window.__alab.fps() > 0, null, { timeout: 10000 });
  await page.click('[data-action="reset"]');
  await page.waitForFunction(() => window.__alab.step() === 0 && window.__alab.reason() === 'ready');
  assert.deepEqual(page.errors, []);
  await page.close();
});
