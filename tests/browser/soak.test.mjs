// Soak: the page left training at the fastest speed keeps a flat heap. The
// main-thread JS heap after a full GC at 3 minutes is within 20 MB of the
// heap at 30 s — for the trainer and for 4 networks in the compare view —
// because every history is bounded (web/app/bounded-history.js). Before it
// the heap grew about 4 MB a second. `npm run soak` runs 30 minutes and writes
// the curve to docs/reliability.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, useSiteAndBrowser } from './helpers/browser.mjs';
import { MB, heapMeter } from './helpers/heap.mjs';

const env = useSiteAndBrowser();
const SOAK_MS = Number(process.env.ALAB_SOAK_MS ?? 180_000);
const FIRST_MS = 30_000;
const ALLOWED = 20e6;

async function soak(t, query, { runs }) {
  const page = await openReady(env.browser.context, env.site.url + query);
  try {
    const heap = await heapMeter(page);
    await page.click(runs > 1 ? '#view-compare [data-action="play"]' : '#view-train [data-action="play"]');
    const t0 = Date.now();
    const curve = [];
    const sample = async () => {
      const bytes = await heap();
      const at = Math.round((Date.now() - t0) / 1000);
      const info = await page.evaluate(() => ({ step: window.__alab.step(), running: window.__alab.running(), keys: window.__alab.runs(),
        res: window.__alab.runs().map((k) => window.__alab.resolution(k)), points: window.__alab.history(window.__alab.runs()[0]).length }));
      curve.push({ at, bytes, ...info });
      t.diagnostic(`${at}s: heap ${MB(bytes)}, step ${info.step}, archived ${info.res[0]?.archived}, bucket width ${info.res[0]?.width}, points ${info.points}`);
      return bytes;
    };
    await page.waitForTimeout(FIRST_MS);
    const first = await sample();
    while (Date.now() - t0 < SOAK_MS) {
      await page.waitForTimeout(Math.min(30_000, SOAK_MS - (Date.now() - t0)));
      await sample();
    }
    const last = curve.at(-1);
    assert.equal(last.running, true, 'still training at the end');
    assert.equal(last.keys.length, runs);
    assert.ok(last.step > curve[0].step, 'training advanced between the samples');
    // the long run went through the downsampling (not just a short history)
    assert.ok(last.res.every((r) => r.archived > 0), `every run downsampled (${JSON.stringify(last.res)})`);
    assert.ok(last.points <= 128 + 2 * 128, `chart points bounded by RECENT + 2 * BUCKETS (${last.points})`);
    const growth = last.bytes - first;
    t.diagnostic(`heap growth 30 s → ${Math.round(SOAK_MS / 1000)} s: ${MB(growth)} (allowed ${MB(ALLOWED)})`);
    assert.ok(growth < ALLOWED, `heap grew ${MB(growth)} from ${MB(first)} to ${MB(last.bytes)}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
}

test('trainer at the fastest speed: heap after GC at 3 min within 20 MB of 30 s', { timeout: SOAK_MS + 120_000 }, async (t) => {
  await soak(t, '?speed=max&hidden=8,8,8&act=relu', { runs: 1 });
});

test('compare view, 4 networks at the fastest speed: heap after GC at 3 min within 20 MB of 30 s', { timeout: SOAK_MS + 120_000 }, async (t) => {
  await soak(t, '?view=compare&speed=max&runs=relu:he,leaky_relu:he,tanh:xavier,elu:he', { runs: 4 });
});
