// Under load: for 2 minutes, 4 networks train in the compare view at the
// fastest speed while this script drags sliders with the mouse (explorer
// parameter, graph filter, trainer noise), switches tabs and toggles the
// language. Afterwards: no console error, no main-thread task longer than
// 200 ms, and the settings in the URL match what is on the screen.
//
// Task length: a PerformanceObserver on long tasks (installed before any page
// script) reports each task over 50 ms by wall time; a Chrome trace of the
// same stretch gives every main-thread task's CPU time. On a machine shared
// with other work (the build machine runs at load 8-18 on 2 cores) wall time
// counts the time the thread waited for a core — a task of 35 ms CPU showed
// as a 383 ms long task — so the 200 ms limit is asserted on CPU time, and
// the observer's wall times are reported beside it. On an idle machine the
// two agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { screenshot, useSiteAndBrowser } from './helpers/browser.mjs';
import { traceMainThread } from './helpers/trace.mjs';

const env = useSiteAndBrowser();
const LOAD_MS = Number(process.env.ALAB_LOAD_MS ?? 120_000);
const LONG_TASK_MS = 200;

const WATCH_LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
};

/** Drags the range input `selector` with the mouse from its left end to `to` (0..1) of its width. */
async function drag(page, selector, to) {
  await act(page, `drag ${selector}`);
  const slider = page.locator(selector).first();
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 1, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 1 + (box.width - 2) * to * (i / 10), y, { steps: 2 });
  await page.mouse.up();
}

const tab = async (page, view) => {
  await act(page, `tab ${view}`);
  await page.click(`.tabs [data-view="${view}"]`);
};
// what the script did when (page time, and a performance mark that the trace
// records), to tell which action a long task followed
const act = (page, what) => page.evaluate((a) => {
  (window.__actions ??= []).push({ t: Math.round(performance.now()), a });
  performance.mark(`action: ${a}`);
}, what);

test('2 minutes of 4 networks at the fastest speed under slider drags, tab switches and language toggles', { timeout: LOAD_MS + 180_000 }, async (t) => {
  const context = env.browser.context;
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.addInitScript(WATCH_LONG_TASKS);
  await page.goto(`${env.site.url}?view=compare&speed=max&fn=leaky_relu&runs=relu:he,leaky_relu:he,tanh:xavier,elu:he`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.__alab.runs().length === 4, null, { timeout: 30000 });
  // long tasks of the page's start (compiling, first charts) are not load
  await page.evaluate(() => { window.__longTasks.length = 0; });
  const stopTrace = await traceMainThread(page);
  const t0 = Date.now();
  let rounds = 0;
  let maxStep = 0;
  const play = async () => {
    if (!(await page.evaluate(() => window.__alab.running()))) await page.click('#view-compare [data-action="play"]');
    await page.waitForFunction(() => window.__alab.running() && window.__alab.mode() === 'compare' && window.__alab.runs().length === 4, null, { timeout: 20000 });
  };
  await play();
  while (Date.now() - t0 < LOAD_MS) {
    rounds += 1;
    const f = (rounds % 7) / 7;
    await page.waitForTimeout(2000);            // compare trains at full speed
    await tab(page, 'explore');                 // does not touch the training session
    await drag(page, '#fn-params input[type=range]', 0.2 + 0.6 * f);
    await tab(page, 'compare');
    await act(page, 'language');
    await page.selectOption('#lang-select', rounds % 2 ? 'zh-CN' : 'en');
    await page.waitForTimeout(1500);
    await tab(page, 'borndead');
    await page.waitForTimeout(500);
    await tab(page, 'graph');                   // a train session of its own: compare restarts when we return
    await drag(page, '#view-graph input[data-setting="graph.t"]', 0.1 + 0.8 * f);
    await tab(page, 'train');
    await drag(page, '#train-controls input[data-setting="noise"]', 0.1 + 0.5 * f);
    await tab(page, 'compare');
    await play();
    maxStep = Math.max(maxStep, await page.evaluate(() => window.__alab.step()));
  }
  await page.waitForTimeout(3000);
  maxStep = Math.max(maxStep, await page.evaluate(() => window.__alab.step()));
  t.diagnostic(`${rounds} rounds in ${Math.round((Date.now() - t0) / 1000)} s; compare reached step ${maxStep}`);
  const longTasks = await page.evaluate(() => window.__longTasks);
  const tasks = await stopTrace();
  const loadavg = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  const longestCpu = Math.max(0, ...tasks.map((x) => x.cpuMs));
  t.diagnostic(`long tasks by wall time (PerformanceObserver, > 50 ms): ${longTasks.length}, longest ${Math.max(0, ...longTasks.map((l) => l.ms))} ms (load average ${loadavg})`);
  t.diagnostic(`main-thread tasks traced: ${tasks.length}; longest by CPU time ${longestCpu.toFixed(0)} ms, by wall time ${Math.max(0, ...tasks.map((x) => x.wallMs)).toFixed(0)} ms`);
  // the longest tasks by CPU time, each with the action before it
  const after = (task) => tasks.marks.filter((m) => m.start <= task.start).at(-1)?.name ?? 'start';
  for (const x of [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 8)) {
    t.diagnostic(`task ${x.cpuMs.toFixed(0)} ms CPU (${x.wallMs.toFixed(0)} ms wall), ${(x.start - (tasks.marks.filter((m) => m.start <= x.start).at(-1)?.start ?? x.start)).toFixed(0)} ms after ${after(x)}`);
  }
  await screenshot(page, 'load-compare');

  // the settings in the URL are the settings on the screen
  const screen = await page.evaluate(() => {
    const q = new URLSearchParams(location.search);
    const $ = (s) => document.querySelector(s);
    const runCards = [...document.querySelectorAll('#compare-runs .run-card')].map((card) => {
      const [act, init] = card.querySelectorAll('select');
      return `${act.value}:${init.value}`;
    });
    return {
      url: Object.fromEntries(q),
      state: window.__alab.state(),
      view: $('.tabs [aria-current="page"]')?.dataset.view,
      lang: $('#lang-select').value,
      htmlLang: document.documentElement.lang,
      runs: runCards.join(','),
      noise: $('#train-controls input[data-setting="noise"]').value,
      gT: $('#view-graph input[data-setting="graph.t"]').value,
      alpha: $('#fn-params input[type=range]')?.value,
      fn: $('#fn-select')?.value,
      mode: window.__alab.mode(),
      runKeys: window.__alab.runs(),
      configs: Object.values(window.__alab.configs() ?? {}).map((c) => `${Array.isArray(c.activation) ? c.activation[0] : c.activation}:${c.init}`).join(','),
    };
  });
  t.diagnostic(`URL: ${JSON.stringify(screen.url)}`);
  const s = screen.state;
  assert.equal(screen.url.view, 'compare');
  assert.equal(screen.view, 'compare', 'the compare tab is shown');
  assert.equal(screen.lang, s.lang);
  assert.equal(screen.url.lang ?? 'en', s.lang, 'lang in the URL');
  assert.equal(screen.htmlLang, s.lang);
  assert.equal(screen.url.runs, 'relu:he,leaky_relu:he,tanh:xavier,elu:he');
  assert.equal(screen.runs, screen.url.runs, 'the run cards show the URL runs');
  assert.equal(screen.configs, screen.url.runs, 'the worker trains the URL runs');
  assert.equal(screen.mode, 'compare');
  assert.equal(screen.runKeys.length, 4);
  assert.equal(Number(screen.url.noise), Number(screen.noise), 'noise slider = URL');
  assert.equal(Number(screen.url.noise), s.noise);
  assert.equal(Number(screen.url.gT), Number(screen.gT), 'graph t slider = URL');
  assert.equal(Number(screen.url.fa), Number(screen.alpha), 'explorer alpha slider = URL');
  assert.equal(screen.url.fn, screen.fn);
  assert.equal(screen.url.speed, 'max');
  assert.ok(maxStep > 1000, `the compare networks trained (step ${maxStep})`);

  assert.deepEqual(page.errors, [], 'no console error');
  const actions = await page.evaluate(() => window.__actions ?? []);
  for (const l of longTasks.filter((x) => x.ms > LONG_TASK_MS)) {
    t.diagnostic(`wall-time long task ${l.ms} ms at ${l.start} ms, after: ${actions.filter((a) => a.t <= l.start).at(-1)?.a ?? 'start'}`);
  }
  assert.ok(tasks.length > 1000, `the trace covered the run (${tasks.length} main-thread tasks)`);
  const over = tasks.filter((x) => x.cpuMs > LONG_TASK_MS).map((x) => `${x.cpuMs.toFixed(0)} ms CPU (${x.wallMs.toFixed(0)} ms wall)`);
  assert.deepEqual(over, [], `no main-thread task longer than ${LONG_TASK_MS} ms of CPU time`);
  await page.close();
});
