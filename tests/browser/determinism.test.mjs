// Determinism under load: the same seed gives the same numbers, bit for bit,
// whether the page trains one network alone or four side by side (compare
// mode: four networks in one worker, interleaved step by step), and the same
// numbers as the Node library gives for that config. Plus a worker fault:
// absurd requests sent straight to the training worker are answered with an
// error naming the field, and the worker keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadLab } from 'activation-lab';

import { openPage, useSiteAndBrowser } from './helpers/browser.mjs';
import { serveStatic } from './helpers/static-server.mjs';

// A run with a scheduled learning-rate spike, so the schedule path is compared too.
const COMMON = 'dataset=spiral&n=400&noise=0.1&hidden=8,8,8&seed=1234&lr=0.03&opt=adam&batch=10&maxSteps=400&spikeAt=200&spikeLr=0.5&spikeSteps=5&speed=max';

const env = useSiteAndBrowser(serveStatic);

async function trainToEnd(query, view) {
  const page = await openPage(env.browser.context, `${env.site.url}?${query}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.__alab.reason() === 'ready', null, { timeout: 30000 });
  await page.click(`#view-${view} [data-action="play"]`);
  await page.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 45000 });
  const out = await page.evaluate(() => ({ state: window.__alab.state(), configs: window.__alab.configs(),
    histories: Object.fromEntries(window.__alab.runs().map((k) => [k, window.__alab.history(k)])) }));
  assert.deepEqual(page.errors, []);
  await page.close();
  return out;
}

/** The same schedule as the worker's Session, with the Node library: reports every 10 steps, the spike as a learning-rate change. */
async function trainInNode(state, config) {
  const lab = await loadLab();
  const data = lab.dataset(state.dataset, { n: state.n, noise: state.noise, seed: state.seed, trainFraction: state.trainShare, classes: state.classes });
  const net = lab.createNetwork(config);
  try {
    net.setData(data);
    const spikeEnd = state.spikeAt + state.spikeSteps;
    const lrAt = (s) => (s >= state.spikeAt && s < spikeEnd ? state.spikeLr : state.lr);
    const reports = [net.train(0, { report: true })];
    let lr = config.learningRate;
    for (let step = 0; step < state.maxSteps;) {
      let end = Math.min(state.maxSteps, (Math.floor(step / 10) + 1) * 10);
      for (const b of [state.spikeAt, spikeEnd]) if (b > step && b < end) end = b;
      if (lrAt(step) !== lr) net.setLearningRate((lr = lrAt(step)));
      const report = end % 10 === 0;
      const r = net.train(end - step, { report });
      if (report) reports.push(r);
      step = end;
    }
    return reports;
  } finally {
    net.delete();
  }
}

test('one network trained alone, as one of four in compare mode, and in Node: identical reports, bit for bit', async (t) => {
  const alone = await trainToEnd(`${COMMON}&act=tanh&init=xavier`, 'train');
  const compare = await trainToEnd(`${COMMON}&act=tanh&init=xavier&view=compare&runs=tanh:xavier,relu:he,leaky_relu:he,sigmoid:xavier`, 'compare');
  assert.deepEqual(Object.keys(compare.histories).sort(), ['run0', 'run1', 'run2', 'run3']);
  assert.deepEqual(compare.configs.run0, alone.configs.main, 'the same network config');

  const a = alone.histories.main;
  const c = compare.histories.run0;
  assert.equal(a.length, 41, 'a report every 10 steps, 0..400');
  assert.equal(a.at(-1).step, 400);
  // deepStrictEqual compares numbers with Object.is: every bit of every field of every report
  assert.deepStrictEqual(c, a, 'alone and side by side give the same reports');
  const node = await trainInNode(alone.state, alone.configs.main);
  assert.deepStrictEqual(node.map((r) => r.trainLoss), a.map((r) => r.trainLoss), 'the Node library gives the same losses');
  assert.deepStrictEqual(JSON.parse(JSON.stringify(node)), JSON.parse(JSON.stringify(a)), 'and the same full reports');
  // and the four runs really differ from each other (the comparison is not vacuous)
  const finals = Object.values(compare.histories).map((h) => h.at(-1).trainLoss);
  assert.equal(new Set(finals).size, 4);
  t.diagnostic(`final train loss ${a.at(-1).trainLoss} (alone = compare run0 = Node); other runs ${finals.slice(1).join(', ')}`);
});

test('worker fault: absurd requests to the training worker are answered with an error naming the field; it keeps working', async (t) => {
  const page = await openPage(env.browser.context, env.site.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  const workerUrl = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => /training-worker.*\.js$/.test(n)));
  assert.ok(workerUrl, 'the page loaded its training worker');
  const replies = await page.evaluate(async (url) => {
    const w = new Worker(url, { type: 'module' });
    const inbox = [];
    const next = (type) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type}`)), 20000);
      const look = () => {
        const i = inbox.findIndex((m) => m.type === type || m.type === 'error');
        if (i >= 0) { clearTimeout(timer); resolve(inbox.splice(i, 1)[0]); } else setTimeout(look, 10);
      };
      look();
    });
    w.onmessage = (e) => inbox.push(e.data);
    await next('ready');
    const base = { dataset: 'circle', n: 200, noise: 0.1, seed: 1, trainShare: 0.5, classes: 2, hidden: [8], act: 'relu', acts: [], output: 'sigmoid',
      init: 'he', biasInit: 0, opt: 'sgd', lr: 0.03, batch: 10, l2: 0, clip: 0 };
    const setup = (patch, data = {}) => ({ mode: 'train', data: { name: 'circle', n: 200, noise: 0.1, seed: 1, trainFraction: 0.5, classes: 2, ...data },
      runs: [{ key: 'main', override: {} }], schedule: { reportEvery: 10, maxSteps: 0, spike: null, stepsPerSecond: 300, manualSpike: { lr: 3, steps: 5 } },
      stateForConfig: { ...base, ...patch } });
    const out = [];
    const absurd = [
      ['a billion units', setup({ hidden: [1e9] })],
      ['a hundred thousand layers', setup({ hidden: Array(100000).fill(64) })],
      ['a billion samples', setup({}, { n: 1e9 })],
      ['a negative batch', setup({ batch: -5 })],
      ['NaN learning rate', setup({ lr: NaN })],
      ['unknown activation', setup({ act: '<img src=x onerror=alert(1)>' })],
    ];
    let gen = 0;
    for (const [name, s] of absurd) {
      w.postMessage({ tool: 'mlp', type: 'setup', runId: ++gen, setup: s });
      const reply = await next('setup-done');
      out.push({ name, type: reply.type, message: reply.message ?? null });
    }
    w.postMessage({ tool: 'worker', type: 'ping', id: 1 });
    out.push({ name: 'ping', type: (await next('pong')).type });
    w.postMessage({ tool: 'mlp', type: 'setup', runId: ++gen, setup: setup({}) });
    const done = await next('setup-done');
    w.postMessage({ tool: 'mlp', type: 'step', runId: gen, steps: 20 });
    const reports = await next('reports');
    out.push({ name: 'a sane setup afterwards', type: done.type, step: reports.step, loss: reports.reports?.main?.at(-1)?.trainLoss ?? null });
    w.terminate();
    return out;
  }, workerUrl);
  const byName = Object.fromEntries(replies.map((r) => [r.name, r]));
  for (const r of replies) t.diagnostic(`${r.name}: ${r.type}${r.message ? ` — ${r.message}` : ''}`);
  for (const name of ['a billion units', 'a hundred thousand layers', 'a billion samples', 'a negative batch', 'NaN learning rate', 'unknown activation']) {
    assert.equal(byName[name].type, 'error', `${name}: rejected (${JSON.stringify(byName[name])})`);
    assert.ok(byName[name].message && byName[name].message.length < 500, `${name}: a short message`);
  }
  assert.match(byName['a billion units'].message, /hidden/);
  assert.match(byName['a hundred thousand layers'].message, /hidden/);
  assert.match(byName['a billion samples'].message, /\bn\b/);
  assert.match(byName['a negative batch'].message, /batch/i);
  assert.match(byName['NaN learning rate'].message, /learningRate|lr/i);
  assert.match(byName['unknown activation'].message, /activation/);
  assert.equal(byName.ping.type, 'pong');
  assert.equal(byName['a sane setup afterwards'].type, 'setup-done');
  assert.equal(byName['a sane setup afterwards'].step, 20);
  assert.ok(Number.isFinite(byName['a sane setup afterwards'].loss));
  // the page's own worker was never disturbed
  assert.equal(await page.evaluate(() => window.__alab.reason()), 'ready');
  assert.deepEqual(page.errors, []);
  await page.close();
});
