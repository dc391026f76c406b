// The graph convolution tab: the karate club trains in the worker to high
// accuracy on the unlabelled members, the graph, embedding, chart and
// diagnostics are drawn, activations can be switched per layer (identity
// included) and go to the URL, the graph Fourier view reacts to its slider
// and filter, and nothing logs an error. Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

const step = (page) => page.$eval('#view-graph', (e) => Number(e.dataset.step));
const accuracy = (page) => page.$eval('#view-graph', (e) => Number(e.dataset.accuracy));

async function trainToEnd(page) {
  await page.click('#gcn-play');
  await page.waitForFunction(() => Number(document.querySelector('#view-graph').dataset.step) >= 300, null, { timeout: 120000 });
}

test('the karate club trains in the worker from one labelled member per faction', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=graph`);
  await page.waitForFunction(() => document.querySelector('#view-graph').dataset.step === '0', null, { timeout: 15000 });
  assert.equal(await page.isVisible('#gcn-graph'), true);
  await trainToEnd(page);
  assert.equal(await step(page), 300);
  assert.ok(await accuracy(page) >= 0.9, `accuracy on unlabelled members ${await accuracy(page)}`);
  const rows = await page.$$eval('.graph-diag tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 2);
  assert.equal(rows[0][1], 'tanh');
  assert.ok(rows.every((r) => r.slice(2).every((c) => c !== '–')), `diagnostics filled: ${JSON.stringify(rows)}`);
  // Canvases have something on them.
  for (const id of ['gcn-graph', 'gcn-embedding', 'gcn-chart', 'fourier-vector', 'filter-output', 'fourier-spectrum']) {
    const painted = await page.$eval(`#${id}`, (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 500, `${id} is drawn (${painted} pixels)`);
  }
  await screenshot(page, 'graph-tanh');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('switching activations per layer restarts the run and goes to the URL; relu shows dead units', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=graph`);
  await page.waitForSelector('#gcn-play');
  const selects = await page.$$('.graph-controls select');
  // selects: layer kind, activation 1, activation 2, learning rate
  await selects[1].selectOption('relu');
  await selects[2].selectOption('relu');
  await page.waitForFunction(() => location.search.includes('gActs=relu%2Crelu') || location.search.includes('gActs=relu,relu'));
  assert.equal(await step(page), 0);
  await trainToEnd(page);
  // Measured (seed 1): 2 of the 16 first-layer units die, half of the 2-unit
  // layer's (node, unit) pairs sit at f' = 0 (inactive: relu's flat side is
  // not saturation), and accuracy stays near 0.78.
  const cells = await page.$$eval('.graph-diag tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent)));
  assert.match(cells[0][4], /^0\.1\d* \([1-9]\/16\)$/, `relu layer 1 has dead units: ${cells[0][4]}`);
  assert.ok(Number(cells[1][3]) >= 0.3, `relu layer 2 is mostly off: inactive ${cells[1][3]}`);
  assert.equal(Number(cells[1][2]), 0, 'relu never saturates');
  assert.ok(await accuracy(page) < 0.9, `relu between narrow layers does worse than tanh here (${await accuracy(page)})`);
  await screenshot(page, 'graph-relu');

  await selects[1].selectOption('identity');
  await selects[2].selectOption('identity');
  await page.waitForFunction(() => document.querySelector('.identity-note').classList.contains('highlight'));
  await trainToEnd(page);
  assert.ok(await accuracy(page) >= 0.9);
  await screenshot(page, 'graph-identity');

  // The state survives a reload through the URL.
  const url = page.url();
  const again = await openReady(env.browser.context, url);
  await again.waitForSelector('#gcn-play');
  const values = await again.$$eval('.graph-controls select', (s) => s.map((x) => x.value));
  assert.deepEqual(values.slice(1, 3), ['identity', 'identity']);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(again.errors, []);
  await again.close();
  await page.close();
});

test('the graph Fourier view follows its slider and filter, in Chinese too', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=graph&gK=5`);
  await page.waitForSelector('#fourier-vector');
  const readout = () => page.$eval('#fourier-vector + .readout', (p) => p.textContent);
  assert.match(await readout(), /^eigenvector 5, λ = 0\.\d+/);
  await page.$eval('input[data-setting="graph.k"]', (input) => { input.value = '0'; input.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.match(await readout(), /^eigenvector 0, λ = 0$/);
  const before = await page.$eval('#view-graph', (e) => e.dataset.filterOutput);
  const filterSelect = (await page.$$('.graph-controls select')).at(-1);
  await filterSelect.selectOption('heat_chebyshev');
  await page.waitForFunction((b) => document.querySelector('#view-graph').dataset.filterOutput !== b, before);
  assert.match(await page.$eval('.filter-pair + .readout', (p) => p.textContent), /Chebyshev/);
  await screenshot(page, 'graph-fourier');
  await page.selectOption('#lang-select', 'zh-CN');
  await page.waitForFunction(() => document.querySelector('#graph-title').textContent.includes('图卷积'));
  await screenshot(page, 'graph-zh');
  assert.deepEqual(page.errors, []);
  await page.close();
});
