// Faults detected, not simulated: the worker is made to really fail (test
// builds only: web/app/worker/faults.js) — an uncaught exception, a message
// that cannot be cloned, a busy loop past the ping timeout, closing itself —
// and each time the page shows its banner, restarts the worker and restores
// the run's settings (and goes on training). No test reaches into the
// client's death handler. And errors reach the tool they belong to: a GCN
// error shows in the graph view only and never stops an MLP run.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const QUERY = '?dataset=xor&hidden=6,5&act=tanh&init=xavier&lr=0.1&seed=42&speed=max';

const FAULTS = [
  { kind: 'throw', why: /uncaught exception/ },
  { kind: 'uncloneable', why: /cannot send a mlp 'reports' message: .*(could not be cloned|DataCloneError)/ },
  { kind: 'hang', why: /no answer for 6 s/ },
  { kind: 'close', why: /no answer for 6 s/ },
];

for (const { kind, why } of FAULTS) {
  test(`worker fault '${kind}': the page shows the banner, restarts the worker and restores the run`, async (t) => {
    const page = await openReady(env.browser.context, env.site.url + QUERY);
    try {
      await page.evaluate(() => { window.__loadMarker = 1; });
      await page.click('#view-train [data-action="play"]');
      await page.waitForFunction(() => window.__alab.step() > 100, null, { timeout: 20000 });
      const before = await page.evaluate(() => ({ state: window.__alab.state(), configs: window.__alab.configs(), link: window.__alab.link(), search: location.search }));

      await page.evaluate((k) => window.__alab.fault(k), kind);
      await page.waitForFunction(() => document.body.dataset.workerRestarts === '1', null, { timeout: 20000 });
      const message = await page.textContent('#worker-message');
      t.diagnostic(`banner: ${message}`);
      assert.equal(await page.isVisible('#worker-banner'), true, 'the banner is shown');
      assert.match(message, why);
      assert.match(message, /restarted with your settings/);

      // a fresh worker trains the same run again from step 0, playing as before
      await page.waitForFunction(() => window.__alab.running() && window.__alab.step() > 50, null, { timeout: 20000 });
      const after = await page.evaluate(() => ({ state: window.__alab.state(), configs: window.__alab.configs(), link: window.__alab.link(), search: location.search }));
      assert.deepEqual(after, before, 'settings, network configs and URL restored');
      assert.equal(await page.evaluate(() => window.__loadMarker), 1, 'no reload');
      assert.equal(await page.evaluate(() => document.body.dataset.worker), 'alive');
      // only the fault itself may have reached the console
      assert.deepEqual(page.errors.filter((e) => !/test fault|DataCloneError|could not be cloned/.test(e)), []);
    } finally {
      await page.close();
    }
  });
}

test('the banner button restarts the worker by hand, too', async () => {
  const page = await openReady(env.browser.context, env.site.url + QUERY);
  try {
    await page.evaluate(() => window.__alab.fault('throw'));
    await page.waitForFunction(() => document.body.dataset.workerRestarts === '1', null, { timeout: 20000 });
    await page.click('#worker-restart');
    await page.waitForFunction(() => document.body.dataset.workerRestarts === '2' && window.__alab.reason() === 'ready', null, { timeout: 20000 });
    assert.equal(await page.isVisible('#worker-banner'), false);
    await page.click('#view-train [data-action="play"]');
    await page.waitForFunction(() => window.__alab.step() > 50, null, { timeout: 20000 });
  } finally {
    await page.close();
  }
});

test('a GCN error appears in the graph view only and never stops the MLP run', async () => {
  const page = await openReady(env.browser.context, env.site.url + QUERY);
  try {
    await page.click('#view-train [data-action="play"]');
    await page.waitForFunction(() => window.__alab.step() > 50, null, { timeout: 20000 });
    await page.click('.tabs [data-view="graph"]');
    await page.waitForFunction(() => Number(document.querySelector('#view-graph')?.dataset.step ?? -1) >= 0 && document.querySelector('#graph-error'), null, { timeout: 20000 });
    const stepBefore = await page.evaluate(() => window.__alab.step());
    await page.evaluate(() => window.__alab.gcnFault());
    await page.waitForSelector('#graph-error:not([hidden])', { timeout: 20000 });
    const text = await page.textContent('#graph-error');
    assert.match(text, /no-such-graph|graph/);
    // the MLP session keeps training, and the trainer shows no error
    await page.waitForFunction((s) => window.__alab.step() > s + 200, stepBefore, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__alab.running()), true);
    assert.equal(await page.isHidden('#error-banner'), true, 'no error in the trainer banner');
    assert.equal(await page.isHidden('#worker-banner'), true, 'the worker did not die');
    assert.equal(await page.evaluate(() => document.body.dataset.workerRestarts), undefined);
    // and the graph lab recovers with a valid run from its Play button; Step reaches the gcn tool too
    await page.click('#gcn-play');
    await page.waitForFunction(() => Number(document.querySelector('#view-graph').dataset.step) > 10, null, { timeout: 20000 });
    assert.equal(await page.isHidden('#graph-error'), true);
    await page.click('#gcn-play');   // pause
    await page.waitForTimeout(300);
    const paused = Number(await page.getAttribute('#view-graph', 'data-step'));
    await page.click('#gcn-step');
    await page.waitForFunction((s) => Number(document.querySelector('#view-graph').dataset.step) === s + 1, paused, { timeout: 20000 });
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});
