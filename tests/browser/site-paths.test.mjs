// `npm run build:site` output works from any sub-path (relative base), and —
// as the README says — not from file://, where browsers refuse module scripts.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { launchBrowser, openPage, openReady, screenshot } from './helpers/browser.mjs';
import { buildSite, dist, serveStatic } from './helpers/static-server.mjs';

const env = {};
const host = mkdtempSync(path.join(tmpdir(), 'alab-subpath-'));

before(async () => {
  await buildSite();
  // The built site, copied two folders deep, as on https://your.site/courses/lab/.
  cpSync(dist, path.join(host, 'courses', 'lab'), { recursive: true });
  env.site = await serveStatic({ dir: host });
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  await env.site?.close();
  rmSync(host, { recursive: true, force: true });
});

test('the lab, the embed and the tutorial load and work from a sub-path', async () => {
  const base = `${env.site.url}courses/lab/`;
  const page = await openReady(env.browser.context, base);
  await page.waitForFunction(() => document.querySelector('canvas'), null, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
  await page.close();
  const embed = await openReady(env.browser.context, `${base}embed.html?experiment=saturation`);
  await embed.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'ready', null, { timeout: 30000 });
  await embed.click('[data-action=start]');
  await embed.waitForFunction(() => Number(document.querySelector('.alab-widget').dataset.step) > 0, null, { timeout: 30000 });
  await screenshot(embed, 'embed-subpath');
  assert.deepEqual(embed.errors, []);
  await embed.close();
  // Every request stayed under the sub-path: nothing was fetched from the host's root.
  const outside = env.site.requests.filter((r) => !r.startsWith('/courses/lab/'));
  assert.deepEqual(outside, [], 'requests outside /courses/lab/');
});

test('from file:// the page does not start (module scripts are refused), as the README says', async () => {
  const page = await openPage(env.browser.context, pathToFileURL(path.join(host, 'courses', 'lab', 'index.html')).href);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => document.body.dataset.ready ?? null), null, 'if this now works, update the README');
  assert.ok(page.errors.some((e) => /CORS|origin 'null'|Failed to load module script|ERR_FAILED/i.test(e)), `errors: ${page.errors.join(' | ')}`);
  await page.close();
});
