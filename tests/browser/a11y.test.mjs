// Accessibility: axe-core (npm, read from node_modules and evaluated in the
// page: nothing comes from the network) on every view of the page, with the
// unit close-up and the fork form open, in English and Chinese, and on the
// embed page. No serious or critical violation may remain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on the page as it is now: [{ id, impact, nodes: [selector...] }]. */
async function audit(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 8), count: v.nodes.length }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describe = (vs) => vs.map((v) => `${v.id} (${v.impact}, ${v.count}): ${v.help} — ${v.nodes.join(', ')}`).join('\n');

for (const lang of ['en', 'zh-CN']) {
  test(`axe: no serious or critical violation on any view (${lang})`, { timeout: 180000 }, async () => {
    const page = await openReady(env.browser.context, `${env.site.url}?lang=${lang}`);
    const found = {};
    for (const view of ['explore', 'train', 'compare', 'borndead', 'graph']) {
      await page.click(`.tabs [data-view="${view}"]`);
      await page.waitForFunction((v) => document.body.dataset.view === v, view);
      if (view === 'train' || view === 'compare') await page.waitForFunction(() => window.__alab.reason() !== 'setup', null, { timeout: 20000 });
      await page.waitForTimeout(300);
      found[view] = await audit(page);
      if (view === 'train') {
        await page.click('.unit-hit[data-layer="0"][data-unit="0"]');
        await page.waitForSelector('.closeup:not([hidden])');
        await page.click('#timeline-fork');
        await page.waitForSelector('#fork-form:not([hidden])');
        found['train + close-up + fork form'] = await audit(page);
        await screenshot(page, `a11y-train-${lang}`);
      }
    }
    const bad = Object.entries(found).filter(([, v]) => v.length);
    assert.deepEqual(bad.map(([k]) => k), [], bad.map(([k, v]) => `${k}:\n${describe(v)}`).join('\n\n'));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('axe: no serious or critical violation on the embed page', { timeout: 60000 }, async () => {
  const page = await openReady(env.browser.context, `${env.site.url}embed.html?experiment=dying-relu`);
  await page.setViewportSize({ width: 640, height: 900 });   // wide enough for its unit diagram
  await page.click('[data-action="start"]');
  await page.waitForFunction(() => Number(document.querySelector('.alab-widget')?.dataset.step) > 100, null, { timeout: 30000 });
  assert.equal(await page.$eval('.alab-diagram', (e) => e.hidden), false, 'the embed shows a unit diagram where space allows');
  const v = await audit(page);
  assert.deepEqual(v, [], describe(v));
  await page.close();
});
