// Unit heat maps, the unit close-up, rewind and fork, in the page:
//   the done-criterion of issue 11 — a learner watches a ReLU unit go flat at
//   the LR spike, clicks it and reads why, drags the timeline back to just
//   before the spike, forks with a lower spike learning rate and watches the
//   same unit survive;
//   scrubbing to step s gives a network state bit-identical to a fresh run
//   stopped at s (same browser).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser, waitFinished } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

async function seek(page, step) {
  await page.$eval('#timeline-range', (e, s) => {
    e.value = String(s);
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);
  await page.waitForFunction((s) => window.__alab.sought() === s, step, { timeout: 20000 });
  await page.waitForFunction((s) => document.body.dataset.sought === String(s), step);
}

const unitState = (page, layer, unit) => page.$eval(`.unit-hit[data-layer="${layer}"][data-unit="${unit}"]`, (e) => e.dataset.state);

test('a unit dies at the LR spike, its close-up says why, and a fork from just before with a lower spike lr keeps it alive', { timeout: 180000 }, async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max`);
  await page.click('[data-experiment="dying-relu"]');
  await waitFinished(page);
  const history = await page.evaluate(() => window.__alab.history());
  const spikeAt = 300;
  // events come from the run's event log: the history's older reports are min/max buckets without them
  const log = await page.evaluate(() => window.__alab.events());
  const died = log.recent.filter((e) => e.kind === 'died' && e.step > spikeAt && e.step <= spikeAt + 40);
  assert.ok(died.length > 0, 'some unit dies during the spike');
  const victim = died[0];
  const last = history.at(-1);
  assert.ok(last.layers[victim.layer].deadUnits.includes(victim.unit), 'and stays dead to the end');
  // The diagram shows it dead: a greyed tile with the dead frame, every unit drawn as an image.
  const units = await page.evaluate(() => window.__alab.units());
  assert.equal(units.length, 24 * 40 * 40);
  assert.equal(await unitState(page, victim.layer, victim.unit), 'dead');
  assert.ok(Number(await page.$eval('#diagram .diagram', (e) => e.dataset.dead)) >= 1);

  // Click it: the close-up's autopsy names the step, the learning rate and the update size.
  await page.click(`.unit-hit[data-layer="${victim.layer}"][data-unit="${victim.unit}"]`);
  await page.waitForSelector('.closeup:not([hidden])');
  const autopsy = await page.$eval('.closeup-autopsy li[data-kind="died"]', (e) => ({ step: Number(e.dataset.step), lr: Number(e.dataset.lr), text: e.textContent }));
  assert.equal(autopsy.step, victim.step);
  assert.ok(autopsy.lr > 1, `died at the spike's learning rate (${autopsy.lr})`);
  assert.match(autopsy.text, /moved its weights and bias by [0-9.e-]+/);
  const shares = await page.$eval('.closeup-shares', (e) => ({ ...e.dataset }));
  assert.equal(Number(shares.inactive), 1, 'inactive on every sample');
  assert.equal(await page.$eval('.closeup-hist', (e) => Number(e.dataset.total)), 500, 'histogram over the diagnostics samples');
  // A dead unit's image is flat over the data: here max - min of its image is the test of "flat".
  await screenshot(page, 'rewind-dead-unit');
  await page.setViewportSize({ width: 375, height: 900 });
  await screenshot(page, 'rewind-dead-unit-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Drag back to just before the spike: the unit is alive there, the charts carry a cursor.
  const before = spikeAt - 20;
  await seek(page, before);
  assert.equal(await unitState(page, victim.layer, victim.unit), 'alive');
  assert.equal(await page.$eval('.closeup', (e) => e.dataset.state), 'alive');
  await screenshot(page, 'rewind-before-spike');

  // Continue from here with a lower spike learning rate, then train on.
  await page.click('#timeline-fork');
  await page.fill('#fork-spike-lr', '0.3');
  await page.click('#fork-start');
  await page.waitForFunction((s) => window.__alab.forkStep() === s, before, { timeout: 20000 });
  await page.click('#train-playbar [data-action="play"]');
  await waitFinished(page, { timeout: 120000 });
  const fork = await page.evaluate(() => window.__alab.history('fork'));
  assert.equal(fork[0].step, before);
  assert.ok(fork.some((r) => r.step > spikeAt && r.learningRate === 0.3), 'the fork repeated the spike at the lower rate');
  assert.equal(fork.at(-1).step, last.step, 'the fork trained to the same end');
  assert.ok(!fork.at(-1).layers[victim.layer].deadUnits.includes(victim.unit), 'the unit survives in the fork');
  assert.equal(await unitState(page, victim.layer, victim.unit), 'alive');
  const mainDead = await page.evaluate(() => window.__alab.history('main').at(-1).layers.reduce((s, l) => s + l.deadUnits.length, 0));
  const forkDead = fork.at(-1).layers.reduce((s, l) => s + l.deadUnits.length, 0);
  assert.ok(forkDead < mainDead, `fewer dead units in the fork (${forkDead}) than in the original (${mainDead})`);
  await screenshot(page, 'rewind-fork-survives');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('scrubbing to step s gives the state of a fresh run stopped at s, bit for bit', { timeout: 120000 }, async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max`);
  await page.click('[data-experiment="dying-relu"]');
  await waitFinished(page);
  const s = 337;   // inside the spike's aftermath, not on a checkpoint or report boundary
  await seek(page, s);
  const sought = await page.evaluate(() => window.__alab.stateBytes('view'));
  assert.equal(sought.step, s);
  const link = new URL(await page.evaluate(() => window.__alab.link()));
  await page.close();

  link.searchParams.delete('exp');   // a guided experiment would start playing by itself
  link.searchParams.set('maxSteps', String(s));
  link.searchParams.set('speed', 'max');
  const fresh = await openReady(env.browser.context, link.href);
  await fresh.click('#train-playbar [data-action="play"]');
  await waitFinished(fresh);
  const stopped = await fresh.evaluate(() => window.__alab.stateBytes('live'));
  assert.equal(stopped.step, s);
  assert.ok(sought.bytes.main.length > 1000);
  assert.equal(sought.bytes.main, stopped.bytes.main, 'saveState bytes (weights, optimizer state, order, dead-unit memory) agree');
  assert.deepEqual(fresh.errors, []);
  await fresh.close();
});

test('keyboard: one tab stop for the units, arrow keys move the close-up; a fork may change a layer\'s activation and the noise', { timeout: 120000 }, async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train&dataset=circle&hidden=4,3&act=relu&speed=max&maxSteps=200`);
  await page.click('#train-playbar [data-action="play"]');
  await waitFinished(page);
  assert.equal(await page.$$eval('.unit-hit[tabindex="0"]', (els) => els.length), 1, 'one tab stop');
  await page.focus('.unit-hit[tabindex="0"]');
  await page.waitForSelector('.closeup:not([hidden])');
  assert.deepEqual(await page.$eval('.closeup', (e) => [e.dataset.layer, e.dataset.unit]), ['0', '0']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  // the close-up redraws at the next animation frame: wait for it (a loaded machine may take a few)
  await page.waitForFunction(() => document.querySelector('.closeup')?.dataset.unit === '1', null, { timeout: 5000 }).catch(() => {});
  assert.deepEqual(await page.$eval('.closeup', (e) => [e.dataset.layer, e.dataset.unit]), ['1', '1']);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.unit), '1');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /^Layer 2, unit 2 \(relu\): (alive|saturated|dead), bias -?[0-9.]+$/);
  // the close-up's weights are the unit's own
  assert.equal(await page.$$eval('.closeup-weights li', (els) => els.length), 5, 'four weights from layer 1 plus the bias');

  await seek(page, 120);
  await page.click('#timeline-fork');
  await page.selectOption('#fork-layer', '1');
  await page.selectOption('#fork-act', 'tanh');
  await page.fill('#fork-noise', '0.25');
  await page.click('#fork-start');
  await page.waitForFunction(() => window.__alab.forkStep() === 120, null, { timeout: 20000 });
  await page.click('#train-playbar [data-action="play"]');
  await waitFinished(page);
  const fork = await page.evaluate(() => window.__alab.history('fork'));
  assert.equal(fork[0].step, 120);
  assert.equal(fork.at(-1).step, 200);
  assert.match(await page.$eval('.timeline-status', (e) => e.textContent), /Fork from step 120 \(L2 tanh, noise 0.25\)/);
  assert.match(await page.$eval('.unit-hit[data-layer="1"][data-unit="0"]', (e) => e.getAttribute('aria-label')), /\(tanh\)/, 'the diagram shows the fork\'s activation');
  await screenshot(page, 'rewind-fork-activation');
  assert.deepEqual(page.errors, []);
  await page.close();
});
