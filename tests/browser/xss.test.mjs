// Hostile input from the outside: classic XSS payloads in every URL parameter
// of index.html and embed.html and in every attribute of <activation-lab>,
// and malformed, oversized and prototype-polluting postMessage commands sent
// to the embed. Nothing may execute (a `window.__pwned` trap and the dialog
// event stay silent), no element or handler from a payload may reach the DOM,
// and the page keeps working: invalid values fall back to the defaults (or
// are shown as text), rejected commands get the documented `rejected` reply.
// Served WITHOUT a CSP, so a policy cannot hide an injection.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSiteAndBrowser } from './helpers/browser.mjs';
import { serveStatic } from './helpers/static-server.mjs';

// Each payload sets window.__pwned (or opens a dialog) if it ever runs.
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><script>window.__pwned=2</script>',
  "'><script>window.__pwned=3</script>",
  '<img src=x onerror="window.__pwned=4">',
  '<img src=x onerror=alert(5)>',
  '<svg onload="window.__pwned=6">',
  '<svg><script>window.__pwned=7</script></svg>',
  '<svg/onload=alert(8)>',
  'javascript:window.__pwned=9',
  'JaVaScRiPt:alert(10)',
  ' javascript:window.__pwned=11',
  'data:text/html,<script>parent.__pwned=12</script>',
  '" autofocus onfocus="window.__pwned=13" x="',
  "' onmouseover='window.__pwned=14' x='",
  '<iframe src="javascript:parent.__pwned=15"></iframe>',
  '<a href="javascript:window.__pwned=16">x</a>',
  '<details open ontoggle="window.__pwned=17">',
  '<input autofocus onfocus="window.__pwned=18">',
  '<body onload="window.__pwned=19">',
  '</textarea></title></style><script>window.__pwned=20</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=21">',
  '{{constructor.constructor("window.__pwned=22")()}}',
  '${window.__pwned=23}',
  '<%= window.__pwned=24 %>',
  '%3Cscript%3Ewindow.__pwned%3D25%3C%2Fscript%3E',
  '&lt;img src=x onerror=window.__pwned=26&gt;',
  '\\u003cimg src=x onerror=window.__pwned=27\\u003e',
  'relu<img src=x onerror="window.__pwned=28">',
  'relu,<svg onload="window.__pwned=29">',
  'saturation" onclick="window.__pwned=30',
  '__proto__',
  'constructor',
  'toString',
  '<object data="javascript:window.__pwned=34"></object>',
  '<style>@import "javascript:window.__pwned=35"</style>',
  `<img src=x onerror="window.__pwned=36">${'A'.repeat(300)}`,
];

// index.html's settings table (web/app/state.js) plus an unknown key.
const INDEX_KEYS = ['view', 'lang', 'exp', 'fn', 'fa', 'fl', 'fu', 'dataset', 'n', 'noise', 'trainShare', 'classes', 'hidden',
  'act', 'acts', 'output', 'init', 'biasInit', 'opt', 'batch', 'l2', 'clip', 'seed', 'lr', 'maxSteps', 'spikeAt', 'spikeLr',
  'spikeSteps', 'speed', 'runs', 'bdInit', 'bdTrials', 'unknown'];
const EMBED_KEYS = ['experiment', 'lang', 'speed', 'autoplay', 'origins', 'unknown'];

const query = (keys, value, fixed = {}) => `?${new URLSearchParams([...keys.map((k) => [k, value]), ...Object.entries(fixed)])}#${encodeURIComponent(value)}`;

const env = useSiteAndBrowser(serveStatic);

/** A page with the execution traps installed in every frame before any script runs. */
async function trappedPage() {
  const page = await env.browser.context.newPage();
  page.dialogs = [];
  page.errors = [];
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  await page.addInitScript(() => {
    window.__pwnedLog = [];
    Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => { window.__pwnedLog.push(String(v)); } });
  });
  return page;
}

// What a payload could leave in the DOM, over the document, every shadow root
// and every same-origin frame: handler attributes (on*), script-ish URLs, and
// elements of the kinds the payloads try to create.
function domFindings() {
  const found = [];
  const tags = {};
  const visit = (root) => {
    for (const node of root.querySelectorAll('*')) {
      const tag = node.localName;
      tags[tag] = (tags[tag] ?? 0) + 1;
      for (const attr of node.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
        if (/^\s*(javascript|vbscript):/i.test(attr.value)) found.push(`${tag}[${attr.name}=${attr.value.slice(0, 40)}]`);
        if (/__pwned/.test(attr.value)) found.push(`${tag}[${attr.name}] carries a payload`);
        if (/^data:text\/html/i.test(attr.value)) found.push(`${tag}[${attr.name}] data:text/html`);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(document);
  const scripts = [...document.querySelectorAll('script')].filter((s) => !s.src).length;
  return { found, tags: { script: scripts, img: tags.img ?? 0, iframe: tags.iframe ?? 0, object: tags.object ?? 0, math: tags.math ?? 0, details: tags.details ?? 0, style: tags.style ?? 0, svgscript: document.querySelectorAll('svg script').length } };
}

/** Runs `fn(item, page)` over `items` on PARALLEL trapped pages; page errors of all of them must stay empty. */
const PARALLEL = 2;
async function inParallel(items, fn) {
  const queue = [...items];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    const page = await trappedPage();
    try {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item, page);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  }));
}

async function assertNothingRan(page, label) {
  await page.waitForTimeout(50);
  for (const frame of page.frames()) {
    // a frame that cannot be read (detached, crashed, no trap installed) fails: it is not clean
    const log = await frame.evaluate(() => window.__pwnedLog ?? null)
      .catch((error) => assert.fail(`${label}: cannot evaluate frame ${frame.url()}: ${error.message}`));
    assert.ok(Array.isArray(log), `${label}: the trap is installed in ${frame.url()}`);
    assert.deepEqual(log, [], `${label}: a payload ran in ${frame.url()}`);
  }
  assert.deepEqual(page.dialogs, [], `${label}: a dialog opened`);
}

test(`${PAYLOADS.length} XSS payloads in every URL parameter of index.html: nothing runs, the page keeps its defaults and works`, async (t) => {
  const page = await trappedPage();
  await page.goto(env.site.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.__alab.reason() === 'ready', null, { timeout: 30000 });
  const defaults = await page.evaluate(() => window.__alab.state());
  const clean = await page.evaluate(domFindings);
  assert.deepEqual(clean.found, []);
  let loads = 0;
  await inParallel(PAYLOADS, async (payload, p) => {
    await p.goto(env.site.url + query(INDEX_KEYS, payload));
    await p.waitForFunction(() => document.body.dataset.ready === 'true' && window.__alab.reason() === 'ready', null, { timeout: 30000 })
      .catch(async (error) => {
        const where = await p.evaluate(() => ({ ready: document.body.dataset.ready, reason: window.__alab?.reason(), banner: document.getElementById('worker-banner')?.hidden === false ? document.getElementById('worker-message').textContent : null })).catch(() => null);
        throw new Error(`index with ${payload}: ${JSON.stringify(where)} (${p.errors.join('; ')})`, { cause: error });
      });
    loads += 1;
    await assertNothingRan(p, payload);
    assert.deepEqual(await p.evaluate(() => window.__alab.state()), defaults, `${payload}: every value rejected, defaults kept`);
    const dom = await p.evaluate(domFindings);
    assert.deepEqual(dom.found, [], payload);
    assert.deepEqual(dom.tags, clean.tags, `${payload}: no element from the payload`);
  });
  // still works after all of it: train a few steps
  await page.click('#view-train [data-action="step"]');
  await page.waitForFunction(() => window.__alab.step() === 10, null, { timeout: 10000 });
  assert.deepEqual(page.errors, []);
  t.diagnostic(`${loads} loads x ${INDEX_KEYS.length} parameters + the fragment`);
  await page.close();
});

test(`${PAYLOADS.length} XSS payloads in every URL parameter of embed.html: nothing runs, unknown experiments are reported as text`, async () => {
  const page = await trappedPage();
  await page.goto(`${env.site.url}embed.html?experiment=dying-relu`);
  await page.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'ready', null, { timeout: 30000 });
  const clean = await page.evaluate(domFindings);
  await inParallel(PAYLOADS, async (payload, page) => {
    // every parameter hostile: the page says the experiment is unknown, as text
    await page.goto(`${env.site.url}embed.html${query(EMBED_KEYS, payload)}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 })
      .catch((error) => { throw new Error(`embed with ${payload}: not ready (${page.errors.join('; ')})`, { cause: error }); });
    await assertNothingRan(page, `embed ${payload}`);
    assert.match(await page.textContent('.alab-error'), /Unknown experiment/, payload);
    assert.deepEqual((await page.evaluate(domFindings)).found, [], payload);
    // a valid experiment, every other parameter hostile: the widget works with its defaults
    await page.goto(`${env.site.url}embed.html${query(EMBED_KEYS.filter((k) => k !== 'experiment'), payload, { experiment: 'dying-relu' })}`);
    if (PAYLOADS.indexOf(payload) % 4 === 0) {   // the worker's start does not depend on the payload: check it on a sample
      await page.waitForFunction(() => document.querySelector('.alab-widget')?.dataset.reason === 'ready', null, { timeout: 20000 });
    }
    await assertNothingRan(page, `embed (valid experiment) ${payload}`);
    const dom = await page.evaluate(domFindings);
    assert.deepEqual(dom.found, [], payload);
    assert.deepEqual(dom.tags, clean.tags, payload);
    assert.equal(await page.$eval('.alab-head strong', (e) => e.textContent), 'How does a ReLU unit die?', `${payload}: lang fell back to en`);
  });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('XSS payloads in every attribute of <activation-lab>: nothing runs, bad values fall back, links stay http(s)', async () => {
  const page = await trappedPage();
  await page.goto(`${env.site.url}examples/tutorial.html`);
  await page.waitForFunction(() => customElements.get('activation-lab'));
  const results = await page.evaluate(async (payloads) => {
    const out = [];
    for (const payload of payloads) {
      for (const valid of [false, true]) {
        const e = document.createElement('activation-lab');
        e.setAttribute('experiment', valid ? 'saturation' : payload);
        for (const name of ['lang', 'speed', 'href', 'autoplay', 'id', 'title']) e.setAttribute(name, payload);
        document.body.append(e);
        const root = e.shadowRoot;
        const link = root.querySelector('a');
        out.push({ payload, valid, error: root.querySelector('.alab-error')?.textContent ?? null, widget: Boolean(root.querySelector('.alab-widget')),
          link: link ? link.protocol : null, title: root.querySelector('.alab-head strong')?.textContent ?? null });
        e.remove();   // frees its worker
      }
    }
    return out;
  }, PAYLOADS);
  await page.waitForTimeout(200);
  await assertNothingRan(page, 'custom element');
  for (const r of results) {
    if (r.valid) {
      assert.equal(r.widget, true, `${r.payload}: the widget is built`);
      assert.equal(r.title, 'Why does a deep sigmoid network stall?', `${r.payload}: shown in English`);
      assert.ok(r.link === null || r.link === 'http:' || r.link === 'https:', `${r.payload}: link protocol ${r.link}`);
    } else {
      assert.match(r.error, /Unknown experiment/, `${r.payload}: reported as text`);
    }
  }
  // a relative href is resolved; a javascript: one gives no link at all
  const links = await page.evaluate(() => ['../', 'javascript:alert(1)'].map((href) => {
    const e = document.createElement('activation-lab');
    e.setAttribute('experiment', 'dying-relu');
    e.setAttribute('href', href);
    document.body.append(e);
    const a = e.shadowRoot.querySelector('a')?.href ?? null;
    e.remove();
    return a;
  }));
  assert.match(links[0], /^http:\/\/127\.0\.0\.1:\d+\/\?exp=dying-relu$/);
  assert.equal(links[1], null);
  assert.deepEqual((await page.evaluate(domFindings)).found, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('postMessage: malformed, oversized, non-object and prototype-polluting commands are rejected; strangers are ignored', async () => {
  const page = await trappedPage();
  await page.goto(`${env.site.url}examples/tutorial.html`);
  await page.waitForFunction(() => window.tutorialMessages?.some((m) => m.type === 'ready'), null, { timeout: 30000 });
  const frame = page.frame({ url: /experiment=dying-relu/ });
  const sent = await page.evaluate(() => {
    const f = document.getElementById('dying-frame').contentWindow;
    const cyclic = { type: 'start' };
    cyclic.self = cyclic;
    let deep = { type: 'start' };
    for (let i = 0; i < 200; i++) deep = { type: 'start', id: deep };
    const bad = [
      JSON.parse('{"type":"start","__proto__":{"polluted":true}}'),     // an own __proto__ key survives cloning
      JSON.parse('{"type":"start","constructor":{"prototype":{"polluted":true}}}'),
      { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'hasOwnProperty' },
      { type: 'x'.repeat(8_000_000) },                                     // 8 M characters
      { type: 'start', id: 'x'.repeat(1_000_000) },
      { type: 'start', id: 'x'.repeat(65) },
      { type: 'start', payload: new Float64Array(1_000_000) },
      null, undefined, 0, 42, NaN, '', 'start', '{"type":"start"}', true, ['start'], [{ type: 'start' }],
      new Date(), /start/, new Map([['type', 'start']]), new Set(['start']), new ArrayBuffer(16), new Error('start'),
      { type: 1 }, { type: null }, { type: ['start'] }, { type: { toString: 'start' } }, { type: 'START' }, { type: 'start ' },
      { type: 'start', id: NaN }, { type: 'start', id: Infinity }, { type: 'start', id: {} }, { type: 'start', id: null }, { type: 'start', id: true },
      { type: 'start', extra: 1 }, { Type: 'start' }, {}, cyclic, deep,
      { type: '<img src=x onerror="window.__pwned=1">' }, { type: 'start', id: `<img src=x onerror="window.__pwned=2">${'x'.repeat(30)}` },
    ];
    const origin = location.origin;
    for (const m of bad) f.postMessage(m, origin);
    return bad.length;
  });
  await page.waitForFunction((n) => window.tutorialMessages.filter((m) => m.type === 'rejected').length >= n, sent, { timeout: 20000 })
    .catch(async (error) => {
      const got = await page.evaluate(() => window.tutorialMessages.filter((m) => m.type === 'rejected' || m.type === 'ack').map((m) => m.type));
      throw new Error(`${got.length} of ${sent} replies (${got.join(',')})`, { cause: error });
    });
  await page.waitForTimeout(300);
  const replies = await page.evaluate(() => window.tutorialMessages.filter((m) => m.type === 'rejected' || m.type === 'ack'));
  assert.equal(replies.filter((m) => m.type === 'rejected').length, sent, 'one rejected reply per bad command');
  assert.equal(replies.filter((m) => m.type === 'ack').length, 0, 'none was obeyed');
  // the reply names the wrong field, the received value by kind and size only, and what is
  // allowed: it echoes nothing of the message (no key name, no string, no number from it)
  const ALLOWED = {
    message: 'an object { type: "start" | "pause" | "reset", id? }', keys: 'only type and id',
    type: '"start" | "pause" | "reset"', id: 'a string of at most 64 characters or a finite number',
  };
  const KIND = /^(missing|null|a boolean|a number|a number that is not finite|an? [A-Z][A-Za-z]*|an object|an array of \d+|a string of \d+ characters?|\d+ other keys?)$/;
  for (const r of replies) {
    assert.deepEqual(Object.keys(r).sort(), ['experiment', 'field', 'reason', 'source', 'type', 'value'], 'fixed keys');
    assert.ok(Object.hasOwn(ALLOWED, r.field), `field ${r.field}`);
    assert.match(r.value, KIND, 'the value by kind and size only');
    assert.equal(r.reason, `${r.field}: ${r.value} is not allowed; expected ${ALLOWED[r.field]}`);
  }
  assert.ok(!JSON.stringify(replies).includes('img') && !JSON.stringify(replies).includes('polluted') && !JSON.stringify(replies).includes('xxxx'), 'nothing of the messages echoed');
  assert.equal(await frame.$eval('.alab-widget', (e) => e.dataset.running), 'false');
  assert.equal(await frame.evaluate(() => ({}).polluted ?? Object.prototype.polluted ?? null), null, 'no prototype pollution');

  // the frame's own window and a sibling frame are not its parent: ignored without a reply
  const before = await page.evaluate(() => window.tutorialMessages.length);
  await frame.evaluate(() => window.postMessage({ type: 'start' }, '*'));
  const sibling = page.frame({ url: /experiment=saturation/ });
  await sibling.evaluate(() => window.parent.frames[0].postMessage({ type: 'start' }, '*'));
  await page.waitForTimeout(400);
  assert.equal(await frame.$eval('.alab-widget', (e) => e.dataset.running), 'false', 'not started by itself or a sibling');
  assert.deepEqual(await page.evaluate((n) => window.tutorialMessages.slice(n).filter((m) => m.type === 'ack' || m.type === 'rejected'), before), []);

  // and it still obeys its parent; a valid id (≤ 64 characters) comes back verbatim, as data:
  // the tutorial page logs it with textContent, so markup in it stays text
  const id = '<img src=x onerror="window.__pwned=3">';
  await page.evaluate((i) => document.getElementById('dying-frame').contentWindow.postMessage({ type: 'start', id: i }, location.origin), id);
  await page.waitForFunction((i) => window.tutorialMessages.some((m) => m.type === 'ack' && m.id === i), id, { timeout: 10000 });
  assert.ok((await page.textContent('#log')).includes(JSON.stringify(id).slice(1, -1)), 'shown as text in the host log');
  await page.waitForFunction(() => window.tutorialMessages.some((m) => m.type === 'progress' && m.step > 0), null, { timeout: 20000 });
  await assertNothingRan(page, 'postMessage');
  assert.deepEqual(page.errors, []);
  await page.close();
});
