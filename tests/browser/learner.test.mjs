// The page as a learner and a tutorial author meet it: every view fits a
// 375 px phone, charts read at a glance (tick labels that do not collide,
// axis titles that are not cut), and settings rejected from the URL are
// reported by name, value and what is allowed, while the page keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, openReady, screenshot, useSiteAndBrowser } from './helpers/browser.mjs';

const env = useSiteAndBrowser();

async function openNarrow(query) {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(env.site.url + query);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  return page;
}

/** The lab at the fastest speed, running the dying-ReLU experiment's "All side by side". */
async function openSideBySide() {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max`);
  await page.click('[data-experiment="dying-relu"]');
  await page.click('#experiment-panel [data-variant="compare"]');
  await page.waitForFunction(() => window.__alab.mode() === 'compare');
  return page;
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the graph view fits a 375 px phone: no horizontal scroll of the page (its table scrolls inside its box)', async () => {
  const page = await openNarrow('?view=graph');
  await page.waitForFunction(() => document.querySelector('#view-graph')?.dataset.step === '0', null, { timeout: 15000 });
  await page.waitForSelector('.graph-diag');
  assert.ok(await overflow(page) <= 1, `page wider than the screen by ${await overflow(page)} px`);
  await screenshot(page, 'learner-graph-375');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('settings the link gets wrong are listed by name, value and what is allowed; the page still trains', async () => {
  const long = 'x'.repeat(5000);
  const query = `?lr=NaN&lr=0.1&hidden=999,abc&act=swish2&n=5000000&acts=tanh&foo=${long}&seed=${long}&speed=max&maxSteps=100`;
  const page = await openReady(env.browser.context, env.site.url + query);
  const banner = page.locator('#url-banner');
  assert.equal(await banner.isVisible(), true, 'the page says which settings it did not use');
  const items = await page.$$eval('#url-banner li', (lis) => lis.map((li) => li.textContent));
  const item = (key) => items.find((s) => s.startsWith(`${key}=`) || s.startsWith(`${key} `)) ?? '';
  assert.match(item('lr'), /^lr is given 2 times; the first value, NaN, is used\.$/);
  const lrInvalid = items.find((s) => s.startsWith('lr=NaN'));
  assert.equal(lrInvalid, 'lr=NaN is not allowed (allowed: a number from 0.00001 to 10); the default 0.03 is used.');
  assert.equal(item('hidden'), 'hidden=999,abc is not allowed (allowed: 0 to 8 comma-separated whole numbers from 1 to 256); the default 8,8,8 is used.');
  assert.match(item('act'), /^act=swish2 is not allowed \(allowed: identity, sigmoid, tanh, relu, .*\); the default relu is used\.$/);
  assert.match(item('n'), /^n=5000000 is not allowed \(allowed: a whole number from 20 to 5000\)/);
  assert.equal(item('acts'), 'acts=tanh needs one activation per hidden layer (3); every layer uses act instead.');
  assert.ok(items.some((s) => /^x{40}… is not a setting of this page; it is ignored\.$/.test(s)) === false, 'the key is foo, not the value');
  assert.ok(items.includes('foo is not a setting of this page; it is ignored.'));
  assert.match(item('seed'), /^seed=x{40}… is not allowed/, 'a huge value is cut');
  assert.ok(items.every((s) => s.length < 400), 'no item carries the whole 5000-character value');
  // the defaults are used and the run works
  const state = await page.evaluate(() => window.__alab.state());
  assert.equal(state.lr, 0.03);
  assert.deepEqual(state.hidden, [8, 8, 8]);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 15000 });
  // in Chinese too, and the button hides it
  await page.selectOption('#lang-select', 'zh-CN');
  assert.match(await page.textContent('#url-banner'), /不被允许/);
  await page.click('#url-banner button');
  assert.equal(await banner.isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a clean link shows no notice', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train&act=tanh&hidden=4,4`);
  assert.equal(await page.locator('#url-banner').isVisible(), false);
  await page.close();
});

// a tick label as a learner reads it: no trailing zeros, no digits the axis does not need
const SHORT = /^-?(0|[1-9]\d*(\.\d*[1-9])?|0\.\d*[1-9]|[1-9](\.\d*[1-9])?e-?\d+)$/;

test('axis ticks read cleanly: histograms every 3 from -6 to 6, log axes short ("0.01", "1e-5"), not "0.100000"', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?speed=max&maxSteps=400`);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 15000 });
  await page.waitForTimeout(300);
  const hist = await page.evaluate(() => window.__alab.ticks('.histogram canvas', 'x'));
  assert.deepEqual(hist.map((k) => k.value), [-6, -3, 0, 3, 6], 'no "5" beside "6"');
  const grad = (await page.evaluate(() => window.__alab.ticks('[data-chart="gradNorm"] canvas', 'y'))).filter((k) => k.label !== '');
  assert.ok(grad.length >= 2, JSON.stringify(grad));
  for (const k of grad) assert.match(String(k.label), SHORT, `gradient norm tick ${JSON.stringify(k)}`);

  await page.click('[data-view="lessons"]');
  await page.click('[data-lesson="output-range"]');
  await page.waitForFunction(() => document.querySelector('[data-lesson-verdict="output-range"]')?.dataset.state === 'true', null, { timeout: 15000 });
  const rates = (await page.evaluate(() => window.__alab.ticks('.lesson-charts canvas', 'x'))).filter((k) => k.label !== '');
  for (const k of rates) assert.match(String(k.label), SHORT, `learning-rate tick ${JSON.stringify(k)}`);
  assert.ok(rates.some((k) => k.label === '0.01') && rates.some((k) => k.label === '10'), JSON.stringify(rates));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('lesson charts: every y-axis title fits along its axis (long ones on two lines), at 1280 and 375 px, in English and Chinese; measured values readable at 375 px', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=lessons&lesson=output-range`);
  const check = async (id) => {
    await page.click(`[data-lesson="${id}"]`);
    await page.waitForFunction((i) => document.querySelector(`[data-lesson-verdict="${i}"]`)?.dataset.state === 'true', id, { timeout: 15000 });
    // the titles are fitted once the charts are laid out (a frame or two after they appear)
    await page.waitForFunction(() => [...document.querySelectorAll('.lesson-charts canvas')].every((c, k) => {
      const a = window.__alab.axisTitle(`.lesson-charts figure:nth-of-type(${k + 1}) canvas`, 'y');
      return !a || a.widths.every((w) => w <= a.room);
    }), null, { timeout: 2000 }).catch(() => {});
    const n = await page.$$eval('.lesson-charts canvas', (c) => c.length);
    for (let i = 0; i < n; i++) {
      const title = await page.evaluate((k) => window.__alab.axisTitle(`.lesson-charts figure:nth-of-type(${k + 1}) canvas`, 'y'), i);
      if (!title) continue;
      for (const [j, w] of title.widths.entries()) assert.ok(w <= title.room, `${id}: "${title.lines[j]}" is ${Math.round(w)} px on an axis of ${Math.round(title.room)} px`);
    }
  };
  for (const id of ['output-range', 'dying-relu', 'prelu', 'depth-init']) await check(id);
  // at 375 px the legends take more rows and the plots are lower
  await page.setViewportSize({ width: 375, height: 812 });
  for (const id of ['large-init', 'output-range']) await check(id);
  // and the measured numbers keep a readable width (long names once squeezed them to ~70 px)
  const widths = await page.$$eval('table.measured td', (tds) => tds.map((td) => td.getBoundingClientRect().width));
  assert.ok(Math.min(...widths) > 250, `value cells ${widths.map(Math.round)} px wide`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#lang-select', 'zh-CN');
  for (const id of ['output-range', 'dying-relu']) await check(id);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a variant button under the side-by-side run trains that variant in the trainer (it restarted the same four before)', async () => {
  const page = await openSideBySide();
  const panel = '#compare-experiment-panel';
  assert.equal(await page.$$eval(`${panel} .variant.active`, (b) => b.length), 0, 'no variant is "on" while four run side by side');
  await page.click(`${panel} [data-variant="ELU"]`);
  await page.waitForFunction(() => window.__alab.mode() === 'train' && window.__alab.step() > 0, null, { timeout: 15000 });
  const state = await page.evaluate(() => window.__alab.state());
  assert.equal(state.view, 'train');
  assert.equal(state.act, 'elu');
  assert.equal(state.exp, 'dying-relu', 'still the experiment, so its panel stays');
  assert.equal(await page.$eval('#experiment-panel [data-variant="ELU"]', (b) => b.getAttribute('aria-pressed')), 'true');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the embed answers a wrong command with the field, the kind of value it got and what is allowed; it still obeys after', async () => {
  const page = await openPage(env.browser.context, `${env.site.url}examples/tutorial.html`);
  await page.waitForFunction(() => window.tutorialMessages?.some((m) => m.type === 'ready'), null, { timeout: 30000 });
  const send = async (expr) => {
    const n = await page.evaluate(() => window.tutorialMessages.length);
    // eslint-disable-next-line no-eval
    await page.evaluate((e) => document.getElementById('dying-frame').contentWindow.postMessage((0, eval)(`(${e})`), location.origin), expr);
    await page.waitForFunction((k) => window.tutorialMessages.slice(k).some((m) => m.type === 'rejected' || m.type === 'ack'), n);
    return page.evaluate((k) => window.tutorialMessages.slice(k).find((m) => m.type === 'rejected' || m.type === 'ack'), n);
  };
  // the value is named by kind and size only: the reply echoes nothing of the message (docs/security.md)
  const cases = [
    ['{ type: "explode" }', 'type', 'a string of 7 characters', 'type: a string of 7 characters is not allowed; expected "start" | "pause" | "reset"'],
    ['{ type: "start", extra: "<b>" }', 'keys', '1 other key', 'keys: 1 other key is not allowed; expected only type and id'],
    ['{ id: 3 }', 'type', 'missing', null],
    ['{ type: "start", id: {} }', 'id', 'an object', 'id: an object is not allowed; expected a string of at most 64 characters or a finite number'],
    ['"start"', 'message', 'a string of 5 characters', null],
    ['[{ type: "start" }]', 'message', 'an array of 1', null],
    ['new Date(0)', 'message', 'a Date', null],
    ['{ type: "x".repeat(1e6) }', 'type', 'a string of 1000000 characters', null],
    ['{ type: "pause", junk: new Array(1e5).fill(1) }', 'keys', '1 other key', null],
  ];
  for (const [expr, field, value, reason] of cases) {
    const m = await send(expr);
    assert.equal(m.type, 'rejected', expr);
    assert.equal(m.field, field, expr);
    assert.equal(m.value, value, expr);
    if (reason) assert.equal(m.reason, reason, expr);
    assert.ok(m.reason.length < 200, `${expr}: a short reason`);
  }
  assert.equal((await send('{ type: "start", id: "go" }')).type, 'ack', 'a good command after the bad ones is obeyed');
  const frame = page.frame({ url: /experiment=dying-relu/ });
  await frame.waitForFunction(() => Number(document.querySelector('.alab-widget')?.dataset.step) > 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('embed settings it cannot use are said in the widget by name, value and what is allowed (iframe and element); it still trains', async () => {
  const page = await openPage(env.browser.context, `${env.site.url}embed.html?experiment=${'n'.repeat(300)}`);
  await page.waitForFunction(() => document.body.dataset.ready);
  assert.equal(await page.textContent('.alab-error'), `Unknown experiment "${'n'.repeat(40)}…": choose saturation or dying-relu.`);

  await page.goto(`${env.site.url}embed.html?experiment=dying-relu&speed=warp&lang=xx&autoplay=yes&origins=javascript:alert(1)`);
  await page.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'ready', null, { timeout: 30000 });
  assert.deepEqual(await page.$$eval('.alab-notes li', (lis) => lis.map((li) => li.textContent)), [
    'lang="xx" is not allowed (allowed: en, zh-CN); en is used.',
    'speed="warp" is not allowed (allowed: slow, normal, fast, max); normal is used.',
    'autoplay="yes" is not allowed (allowed: 1); 0 is used.',
    'origins: "javascript:alert(1)" is not an http(s) origin such as https://example.org; it is ignored.',
  ]);
  await page.click('[data-action="start"]');
  await page.waitForFunction(() => Number(document.querySelector('.alab-widget').dataset.step) > 0);

  await page.goto(`${env.site.url}examples/tutorial.html`);
  await page.evaluate(() => {
    const e = document.createElement('activation-lab');
    e.id = 'odd';
    e.setAttribute('experiment', 'saturation');
    e.setAttribute('speed', 'ludicrous');
    document.body.prepend(e);
  });
  await page.waitForFunction(() => document.querySelector('#odd').shadowRoot?.querySelector('.alab-notes'));
  assert.equal(await page.evaluate(() => document.querySelector('#odd').shadowRoot.querySelector('.alab-notes').textContent),
    'speed="ludicrous" is not allowed (allowed: slow, normal, fast, max); normal is used.');
  await page.evaluate(() => document.querySelector('#odd').start());
  await page.waitForFunction(() => Number(document.querySelector('#odd').shadowRoot.querySelector('.alab-widget')?.dataset.step) > 0, null, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('at 375 px every tab is on screen (Graph convolution and Lessons were scrolled out of a one-line tab bar)', async () => {
  const page = await openNarrow('?view=train');
  const tabs = await page.$$eval('.tabs [data-view]', (bs) => bs.map((b) => { const r = b.getBoundingClientRect(); return { id: b.dataset.view, left: r.left, right: r.right }; }));
  assert.equal(tabs.length, 6);
  for (const tab of tabs) assert.ok(tab.left >= 0 && tab.right <= 375, `${tab.id} tab at ${Math.round(tab.left)}..${Math.round(tab.right)} px`);
  await page.click('.tabs [data-view="lessons"]');
  assert.equal(await page.evaluate(() => window.__alab.state().view), 'lessons');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('before Play the trainer\'s charts show the step-0 report (one point each: 5 of 8 units of layer 3 are born dead here), steps as whole numbers', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train`);
  await page.waitForFunction(() => window.__alab.history().length === 1);
  await page.waitForTimeout(300);
  const dead = await page.evaluate(() => window.__alab.points('[data-chart="dead"] canvas'));
  assert.deepEqual(dead.map((d) => d.n), [1, 1, 1]);
  // layer 3's point (drawn last, on top) at 0.625: the canvas is not blank there
  const [r, g, b, a] = dead[2].rgba;
  assert.ok(a > 200 && !(r > 240 && g > 240 && b > 240), `layer 3's point is drawn (rgba ${dead[2].rgba})`);
  assert.equal((await page.evaluate(() => window.__alab.last())).layers[2].deadFraction, 0.625);
  const steps = (await page.evaluate(() => window.__alab.ticks('[data-chart="dead"] canvas', 'x'))).map((k) => k.value);
  assert.ok(steps.every(Number.isInteger), `step ticks ${steps}`);
  // once it trains, the series are lines
  await page.click('[data-action="step"]');
  await page.waitForFunction(() => window.__alab.history().length > 1);
  await page.waitForTimeout(300);
  assert.ok((await page.evaluate(() => window.__alab.points('[data-chart="dead"] canvas'))).every((d) => d.n > 1));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a value typed into a control that is not allowed is explained next to it (value, what is allowed, what is kept)', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=train`);
  const batch = '#train-controls [data-setting="batch"]';
  await page.fill(batch, '0');
  await page.dispatchEvent(batch, 'change');
  assert.equal(await page.getAttribute(batch, 'aria-invalid'), 'true');
  assert.equal(await page.inputValue(batch), '10');
  const note = page.locator('#batch-error');
  assert.equal(await note.isVisible(), true);
  assert.equal(await note.textContent(), '0 is not allowed (allowed: a whole number from 1 to 256); kept 10.');
  assert.equal(await page.getAttribute(batch, 'aria-describedby'), 'batch-error');
  await page.fill(batch, '20');
  await page.dispatchEvent(batch, 'change');
  assert.equal(await note.isVisible(), false);
  assert.equal(await page.evaluate(() => window.__alab.state().batch), 20);

  await page.click('[data-view="borndead"]');
  const trials = '.borndead-controls [data-setting="bdTrials"]';
  await page.fill(trials, '5');
  await page.dispatchEvent(trials, 'change');
  assert.equal(await page.textContent('#bdTrials-error'), '5 is not allowed (allowed: a whole number from 10 to 2000); kept 200.');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the dying-ReLU lesson shows every cure: series that coincide (all at 0 dead) are drawn as nested stripes, each colour visible', async () => {
  const page = await openReady(env.browser.context, `${env.site.url}?view=lessons&lesson=dying-relu`);
  await page.waitForFunction(() => document.querySelector('[data-lesson-verdict="dying-relu"]')?.dataset.state === 'true', null, { timeout: 15000 });
  await page.waitForTimeout(300);
  const canvas = '.lesson-charts canvas';
  const colours = await page.evaluate((sel) => {
    // the colours found on a vertical line through the chart at its middle step, near y = 0
    const c = document.querySelector(sel);
    const pts = window.__alab.points(sel);
    const ctx = c.getContext('2d');
    const ratio = c.width / c.clientWidth;
    const x = Math.round((pts[1].x + 40) * ratio);   // a little right of the first point of the series at 0
    const y0 = Math.round(pts[1].y * ratio);
    const found = new Set();
    for (let dy = -12; dy <= 12; dy++) {
      const [r, g, b] = ctx.getImageData(x, y0 + dy, 1, 1).data;
      found.add(`${r},${g},${b}`);
    }
    return [...found];
  }, canvas);
  const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 12);   // anti-aliased edges blend the stripes
  // leaky_relu, prelu, rrelu, elu: the palette's 2nd to 5th colours
  for (const [name, colour] of [['leaky_relu', '#1c7ed6'], ['prelu', '#2f9e44'], ['rrelu', '#f59f00'], ['elu', '#7048e8']]) {
    assert.ok(colours.some((c) => near(c.split(',').map(Number), rgb(colour))), `${name} (${colour}) visible at 0: found ${colours.join(' ')}`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('compare\'s dead-share chart stripes the cures that all stay at 0, so none hides another (the embed widget draws it the same way)', async () => {
  const lab = await openSideBySide();
  await lab.waitForFunction(() => window.__alab.reason() === 'finished', null, { timeout: 30000 });
  await lab.waitForTimeout(300);
  const dead = await lab.evaluate(() => window.__alab.points('[data-chart="cmpDead"] canvas'));
  // ReLU (dies), then Leaky ReLU, PReLU and RReLU at 0 throughout: nested 1.8, 4.8, 7.8 px
  assert.deepEqual(dead.map((d) => d.borderWidth), [1.8, 1.8, 4.8, 7.8], JSON.stringify(dead.map((d) => [d.label, d.borderWidth])));
  assert.deepEqual(lab.errors, []);
  await lab.close();
});
