// The page's frame rate while it trains and draws every unit's image (issue
// 11): headless Chromium on the built site, the trainer training at normal
// speed (300 steps/s). After a warm-up, requestAnimationFrame timestamps are
// recorded for a few seconds in the page: frames per second and the median /
// p95 interval between frames; the diagram reports how often it redrew the
// unit images and how long a redraw took on the main thread.
import { existsSync } from 'node:fs';

export const PAGE_CASES = [
  { view: 'trainer, 6×8 tanh (Playground\'s largest)', query: 'view=train&dataset=spiral&hidden=8,8,8,8,8,8&act=tanh&speed=normal' },
  { view: 'trainer, 8×16 relu', query: 'view=train&dataset=spiral&hidden=16,16,16,16,16,16,16,16&act=relu&speed=normal' },
  { view: 'compare, 4 × (3×8)', query: 'view=compare&dataset=circle&hidden=8,8,8&runs=relu:he,leaky_relu:he,elu:he,tanh:xavier&speed=normal' },
];

/** @returns {Promise<null | { network, stepsPerSecond, resolution, seconds, rows }>} */
export async function measurePageFps({ seconds = 4, warmup = 1.5, log = () => {} } = {}) {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return null;
  let helpers;
  try {
    helpers = await import('../browser/helpers/browser.mjs');
  } catch (error) {
    log(`page: skipped (${error.message})`);
    return null;
  }
  const site = await helpers.serveSite();
  const browser = await helpers.launchBrowser();
  const rows = [];
  try {
    for (const c of PAGE_CASES) {
      const page = await helpers.openReady(browser.context, `${site.url}?${c.query}`);
      await page.waitForFunction(() => window.__alab.reason() === 'ready', null, { timeout: 20000 });
      await page.click(c.query.includes('view=compare') ? '#compare-playbar [data-action="play"]' : '#train-playbar [data-action="play"]');
      await page.waitForTimeout(warmup * 1000);
      // The renderer main thread's CPU time (ThreadTime) over the window: unlike
      // frames/s it does not depend on what else the machine is running.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const cpu = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value])).ThreadTime;
      const cpu0 = await cpu();
      const m = await page.evaluate(async (ms) => {
        const diagrams = [...document.querySelectorAll('.diagram')].filter((d) => d.checkVisibility?.());
        const draws0 = diagrams.map((d) => Number(d.dataset.draws ?? 0));
        const drawMs0 = diagrams.map((d) => Number(d.dataset.drawMs ?? 0));
        const step0 = window.__alab.step();
        const stamps = [];
        await new Promise((resolve) => {
          const end = performance.now() + ms;
          const loop = (now) => { stamps.push(now); if (now < end) requestAnimationFrame(loop); else resolve(); };
          requestAnimationFrame(loop);
        });
        const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
        const draws = diagrams.reduce((s, d, i) => s + Number(d.dataset.draws ?? 0) - draws0[i], 0);
        const drawMs = diagrams.reduce((s, d, i) => s + Number(d.dataset.drawMs ?? 0) - drawMs0[i], 0);
        const span = (stamps.at(-1) - stamps[0]) / 1000;
        return { fps: (stamps.length - 1) / span, medianFrameMs: gaps[Math.floor(gaps.length / 2)], p95FrameMs: gaps[Math.floor(gaps.length * 0.95)],
          unitUpdatesPerSecond: draws / span / Math.max(1, diagrams.length), drawMs: draws ? drawMs / draws : null, steps: window.__alab.step() - step0, span };
      }, seconds * 1000);
      m.mainThreadCpuMsPerSecond = ((await cpu()) - cpu0) * 1000 / m.span;
      m.mainThreadCpuMsPerFrame = m.mainThreadCpuMsPerSecond / m.fps;
      await cdp.detach();
      log(`page: ${c.view}: ${m.fps.toFixed(1)} fps, main thread ${m.mainThreadCpuMsPerSecond.toFixed(0)} ms CPU/s, ${(m.steps / m.span).toFixed(0)} steps/s`);
      rows.push({ view: c.view, ...m, stepsPerSecondMeasured: m.steps / m.span });
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const { availableParallelism, loadavg } = await import('node:os');
  return { network: '6 hidden layers × 8 units', stepsPerSecond: 300, resolution: 40, seconds, loadAverage: loadavg()[0], cores: availableParallelism(), rows };
}
