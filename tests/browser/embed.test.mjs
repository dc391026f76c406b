// Embedding: embed.html answers postMessage commands from its parent (and
// rejects malformed ones), posts progress, the <activation-lab> custom
// element trains, and the tutorial page shows both ways side by side.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

test('the tutorial page drives the embed by postMessage and the custom elements train', async () => {
  const page = await openPage(env.browser.context, `${env.site.url}examples/tutorial.html`);
  await page.waitForFunction(() => window.tutorialMessages?.some((m) => m.type === 'ready'), null, { timeout: 30000 });

  await page.click('[data-command="start"]');
  await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'ack' && m.command === 'start'));
  await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'progress' && m.step > 0 && m.running));
  await page.click('[data-command="pause"]');
  await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'state' && m.reason === 'paused'));
  await page.click('[data-command="reset"]');
  await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'ack' && m.command === 'reset'));
  const frame = page.frame({ url: /experiment=dying-relu/ });
  await frame.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.step === '0');

  // a malformed command is rejected, an unknown key too
  const before = await page.evaluate(() => window.tutorialMessages.length);
  await page.evaluate(() => {
    const f = document.getElementById('dying-frame');
    f.contentWindow.postMessage({ type: 'explode' }, location.origin);
    f.contentWindow.postMessage({ type: 'start', extra: '<b>' }, location.origin);
  });
  await page.waitForFunction((n) => window.tutorialMessages.slice(n).filter((m) => m.type === 'rejected').length === 2, before);
  assert.equal(await frame.$eval('.alab-widget', (e) => e.dataset.running), 'false');

  // the custom elements: start both, see steps advance inside their shadow roots
  await page.evaluate(() => { for (const e of document.querySelectorAll('activation-lab')) e.start(); });
  await page.waitForFunction(() => [...document.querySelectorAll('activation-lab')]
    .every((e) => Number(e.shadowRoot?.querySelector('.alab-widget')?.dataset.step) > 0), null, { timeout: 30000 });
  await page.evaluate(() => { for (const e of document.querySelectorAll('activation-lab')) e.pause(); });
  await page.waitForTimeout(300);
  await screenshot(page, 'tutorial');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('embed.html ignores commands from origins it does not allow', async () => {
  // The embed allows only https://teacher.example; our same-origin parent is not on the list.
  const page = await openPage(env.browser.context, `${env.site.url}examples/tutorial.html`);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'strict';
    f.src = src;
    document.body.prepend(f);
  }, `${env.site.url}embed.html?experiment=saturation&origins=https://teacher.example`);
  const frame = await (await page.waitForSelector('#strict')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'ready', null, { timeout: 30000 });
  await page.evaluate(() => document.getElementById('strict').contentWindow.postMessage({ type: 'start' }, '*'));
  await page.waitForTimeout(500);
  assert.equal(await frame.$eval('.alab-widget', (e) => e.dataset.running), 'false', 'not started by a stranger');
  assert.equal(await frame.$eval('.alab-widget', (e) => e.dataset.step), '0');
  await page.close();
});

test('embed.html alone: minimal chrome, runs the experiment with autoplay', async () => {
  const page = await openPage(env.browser.context, `${env.site.url}embed.html?experiment=dying-relu&speed=max&autoplay=1`);
  await page.setViewportSize({ width: 520, height: 640 });
  await page.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'finished', null, { timeout: 60000 });
  await screenshot(page, 'embed-dying-relu');
  assert.deepEqual(page.errors, []);
  await page.close();
});
