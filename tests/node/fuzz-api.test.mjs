// API fuzzing: ≥ 10,000 generated bad and borderline calls of the whole
// public JS API from a seeded generator (ALAB_FUZZ_SEED, default 20240601;
// ALAB_FUZZ_CASES, default 25000). Every call must either work or throw an
// Error whose message names the field — never a thrown number, an abort,
// `unreachable`, an out-of-bounds access or a hang — and afterwards the
// module must still give the known results, with no handle or heap leak and
// no polluted prototype. Caps and figures: docs/reliability.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const SEED = Number(process.env.ALAB_FUZZ_SEED ?? 20240601);
const CASES = Number(process.env.ALAB_FUZZ_CASES ?? 25000);
const SLOW_CALL_MS = 2000;   // a single call slower than this counts as a hang

// ---------------------------------------------------------------- generator
// mulberry32: tiny, seedable, good enough to pick cases (no Math.random).
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const BORDER_NUMBERS = [
  0, -0, 1, -1, 2, 3, 0.5, 1.5, -2.5, 4, 7, 8, 16, 17, 64, 65, 100, 101, 255, 256, 257, 400, 401, 1000,
  1024, 1025, 65536, 100000, 100001, 1000001, 2 ** 26 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40,
  2 ** 53, 2 ** 53 + 2, 1e15, 1e20, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE,
  -Number.MIN_VALUE, 1e-30, 3.4028235e38, 3.5e38, NaN, Infinity, -Infinity, 0.01, 0.25, 0.95, 0.05, 0.049,
];
const FIELD_WORDS = [
  'inputs', 'hidden', 'activation', 'activationParams', 'output', 'classes', 'init', 'biasInit', 'optimizer',
  'learningRate', 'momentum', 'nesterov', 'batchSize', 'l2', 'clip', 'preluShared', 'seed', 'alpha', 'lower',
  'upper', 'training', 'n', 'noise', 'trainFraction', 'width', 'depth', 'trials', 'x', 'y', 'testX', 'testY',
  'format', 'version', 'config', 'step', 'weights', 'report',
];

function makeGen(r, lab) {
  const activationNames = lab.activations.map((a) => a.name);
  const datasetNames = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'spiral_k', 'plane', 'sine', 'multi_gauss'];
  const hugeString = 'x'.repeat(200_000);
  const strings = [
    '', ' ', 'relu', 'RELU', 'relu ', 'relux', 'NaN', 'Infinity', '-Infinity', '1', '0x10', '__proto__',
    'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', 'relu\u0000', '\ud800', '💥',
    '<script>alert(1)</script>', '"', '\\', '{"a":1}', hugeString, ...activationNames, ...datasetNames,
    'sigmoid', 'softmax', 'linear', 'he', 'rai', 'adam', 'momentum', 'sgd', 'xavier',
  ];
  const number = () => (r.chance(0.75) ? r.pick(BORDER_NUMBERS) : (r.next() - 0.5) * 10 ** r.int(12));
  const deep = (depth, leaf) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : { a: v };
    return v;
  };
  const cyclic = () => {
    const o = { inputs: 2 };
    o.self = r.chance(0.5) ? o : [o];
    return o;
  };
  const typedArray = (n) => {
    const Ctor = r.pick([Float32Array, Float64Array, Int32Array, Uint8Array, Int8Array, Uint8ClampedArray]);
    return new Ctor(n);
  };
  const specialFloats = (n) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = r.chance(0.2) ? r.pick([NaN, Infinity, -Infinity, -0, 3.4e38, 1e-45]) : (r.next() - 0.5) * 12;
    return a;
  };
  // Any JS value at all, bad or borderline.
  const anyValue = (depth = 0) => {
    switch (r.int(depth > 2 ? 8 : 16)) {
      case 0: return number();
      case 1: return r.pick(strings);
      case 2: return r.pick([true, false, null, undefined]);
      case 3: return r.pick([10n, -1n, Symbol('s'), () => 1, new Date(0), /re/, new Map(), new Set(), new Error('e')]);
      case 4: return specialFloats(r.pick([0, 1, 2, 3, 4, 5, 7, 8, 17]));
      case 5: return typedArray(r.pick([0, 1, 2, 8]));
      case 6: return r.pick([[], {}, Object.create(null), [1, 2], [NaN], ['a']]);
      case 7: return number();
      case 8: return Array.from({ length: r.int(5) }, () => anyValue(depth + 1));
      case 9: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick([...FIELD_WORDS, ...strings.slice(0, 20)]), anyValue(depth + 1)]));
      case 10: return deep(r.pick([5, 17, 100, 5000]), r.pick([1, 'a', null]));
      case 11: return cyclic();
      case 12: return JSON.parse('{"__proto__": {"polluted": 1}, "inputs": 2}');
      case 13: return new (class Custom { constructor() { this.inputs = 2; } })();
      case 14: return new Proxy({ inputs: 2 }, {});
      default: return new Array(r.pick([1, 10, 1000])).fill(r.pick([0, 1, NaN, 'a']));
    }
  };
  // A value for a named field: mostly a near-miss of a valid one.
  const fieldValue = (valid) => (r.chance(0.35) ? valid : r.chance(0.6) ? number() : anyValue());
  // Mutates 1..3 fields of a valid object (or replaces it). The exact paths
  // it touched are left in `changed` ([`${root}`] when the whole value was
  // replaced, [`${root}.${key}`...] otherwise; root '' gives bare keys), so
  // the check can require the error to name one of them.
  // keys appear in messages at most 40 characters long, control characters as \u00XX
  const printable = (key) => key.slice(0, 40).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const gen = { changed: [], printable };
  const mutate = (valid, keys, root = '', whole = root || 'config') => {
    const path = (key) => (root ? `${root}.${printable(key)}` : printable(key));
    if (r.chance(0.08)) {
      // the whole argument replaced: it, any of its own keys (unknown field), or a field it lacks
      const v = anyValue();
      const own = v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) ? Reflect.ownKeys(v).filter((k) => typeof k === 'string') : [];
      gen.changed = [whole, ...[...Object.keys(valid), ...own].map(path)];
      return v;
    }
    const o = { ...valid };
    gen.changed = [];
    for (let k = 1 + r.int(3); k > 0; k--) {
      const key = r.chance(0.85) ? r.pick(keys) : r.pick([...FIELD_WORDS, '__proto__', 'constructor', 'extra', '']);
      gen.changed.push(path(key));
      if (key === '__proto__') gen.changed.push(whole);   // o.__proto__ = v replaces the prototype: the argument itself is wrong
      if (r.chance(0.1)) delete o[key];
      else o[key] = fieldValue(o[key]);
      // a lone surrogate cannot be written as JSON: the argument as a whole is then unreadable
      if (hasLoneSurrogate(o[key])) gen.changed.push(whole, 'network JSON');
    }
    if (r.chance(0.05)) {
      // An own "__proto__" key, as JSON.parse makes it (a literal would set the prototype).
      gen.changed.push(path('__proto__'), whole);
      const polluted = JSON.parse('{"__proto__":{"polluted":1}}');
      return Object.assign(polluted, o);
    }
    return o;
  };
  return Object.assign(gen, { number, anyValue, fieldValue, mutate, specialFloats, typedArray, strings, activationNames, datasetNames });
}

// JSON text as a page would send it (non-finite numbers as their names), or
// the object itself when it cannot be written (cyclic, BigInt).
function jsonText(o) {
  try {
    return JSON.stringify(o, (key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return o;
  }
}

// ------------------------------------------------------------------ checks
const FATAL = /unreachable|out of bounds|Aborted|memory access|RuntimeError|index out of range|null function/i;

function hasLoneSurrogate(v, depth = 0) {
  if (typeof v === 'string') return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v);
  if (depth > 20 || v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return false;
  try {
    return Object.entries(v).some(([k, x]) => hasLoneSurrogate(k) || hasLoneSurrogate(x, depth + 1));
  } catch {
    return false;
  }
}
const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A message that names one of `paths` exactly: it starts with the path
 * (after the "network JSON: " of loadNetwork), followed by the end, a space,
 * an index, a sub-field or a colon. "hidden" matches "hidden[2] must …" and
 * "hidden must …", never "hiddenX …" nor a message that only mentions it.
 */
export function naming(paths) {
  // (an empty key's path is '' — its message starts ': unknown field ""')
  const list = [...new Set(paths)].filter((p) => p !== 'network JSON').map(escapeRe);
  // 'network JSON' stands for the loader's checks of the text as a whole, which name no field
  const whole = paths.includes('network JSON') ? '^network JSON: (not valid JSON|nested deeper than|has more than \\d+ values|too large|must be an object)|' : '';
  return new RegExp(`${whole}^(network JSON: )?(${list.join('|') || '(?!)'})(?=$|[\\s\\[.:(])`);
}

/**
 * Runs one case and counts it: 'ok' or 'error'. `fields` is the list of
 * exact paths the case broke (the error must name one of them) or a regular
 * expression for errors that are not about a field (a deleted object). A contract breach is
 * recorded in stats.violations (or stats.known, when it matches a known,
 * reported bug) with the label and message.
 */
function attempt(label, fields, fn, stats) {
  if (Array.isArray(fields)) fields = naming(fields);
  const t0 = performance.now();
  let outcome = 'ok';
  let breach = null;
  try {
    fn();
  } catch (e) {
    if (e instanceof assert.AssertionError) breach = e.message;
    else if (!(e instanceof Error)) breach = `threw a non-Error ${typeof e} ${String(e).slice(0, 80)}`;
    else if (e instanceof WebAssembly.RuntimeError || FATAL.test(`${e.name} ${e.message}`)) breach = `fatal ${e.name}: ${e.message.slice(0, 200)}`;
    else if (!fields.test(e.message)) breach = `${e.name} message does not name the field (${fields.source.slice(0, 120)}): ${e.message.slice(0, 120)}`;
    else stats.errors[e.name] = (stats.errors[e.name] ?? 0) + 1;
    outcome = 'error';
  }
  const ms = performance.now() - t0;
  if (ms >= SLOW_CALL_MS) breach = `took ${ms.toFixed(0)} ms (a hang)`;
  if (breach) {
    const bug = KNOWN_BUGS.find((b) => b.label === label && b.pattern.test(breach));
    if (bug) stats.known[bug.id] = (stats.known[bug.id] ?? 0) + 1;
    else if (stats.violations.length < 40) stats.violations.push(`${label}: ${breach}`);
    else stats.violations.length++;
  }
  stats.slowest = Math.max(stats.slowest, ms);
  stats[outcome]++;
  stats.byOp[label] = (stats.byOp[label] ?? 0) + 1;
  return outcome;
}

// Bugs this test found in code outside its owner's files, reported with a
// patch (docs/reliability.md, "Findings"). Each has a todo test below that
// reproduces it and starts passing once the patch is in; the fuzz loop counts
// their hits apart so that it keeps guarding everything else.
// Entries: { id, label, pattern } (pattern matched against the breach text).
// Empty now: the two this test found (errors leaking Embind handles and heap,
// createBuffer without JS validation) were fixed in 5e224d1 and 28e63b3.
const KNOWN_BUGS = [];

// Valid work is bounded so that 25,000 cases finish in seconds: the API
// itself accepts requests that run for minutes (see docs/reliability.md).
const bornDeadCost = (o) => {
  const n = (k, d) => (typeof o?.[k] === 'number' && Number.isFinite(o[k]) ? Math.abs(o[k]) : d);
  return n('trials', 1000) * n('depth', 10) * n('width', 4) ** 2;
};
const networkCost = (c) => {
  const hidden = Array.isArray(c?.hidden) ? c.hidden : [4, 2];
  const widths = hidden.map((w) => (typeof w === 'number' && Number.isFinite(w) ? Math.abs(w) : 1));
  const batch = typeof c?.batchSize === 'number' && Number.isFinite(c.batchSize) ? Math.abs(c.batchSize) : 10;
  return widths.reduce((s, w) => s + w * w, 0) * Math.min(batch, 1024);
};

test(`the public API survives ${CASES} generated bad and borderline calls (seed ${SEED})`, async () => {
  const lab = await getLab();
  const r = rng(SEED);
  const g = makeGen(r, lab);
  const M = lab.module;
  const stats = { ok: 0, error: 0, errors: {}, byOp: {}, slowest: 0, skipped: 0, violations: [], known: {} };

  // Known results, taken before any fuzzing.
  const knownRun = () => {
    const net = lab.createNetwork({ inputs: 2, hidden: [5, 3], activation: ['relu', 'prelu'], seed: 9 });
    net.setData(lab.dataset('spiral', { n: 200, seed: 4 }));
    const report = JSON.stringify(net.train(200));
    const json = JSON.stringify(net);
    net.delete();
    return { report, json };
  };
  const known = knownRun();
  const knownForward = Array.from(lab.forward('leaky_relu', new Float32Array([-2, 0, 3]), { alpha: 0.5 }));
  const handlesBefore = M.count_emval_handles();

  // Shared objects the fuzzed calls act on.
  const data2 = lab.dataset('circle', { n: 60, noise: 0.1, seed: 1 });
  const validConfig = { inputs: 2, hidden: [4, 3], activation: 'relu', output: 'sigmoid', init: 'he', optimizer: 'sgd', learningRate: 0.03, batchSize: 8, seed: 1 };
  const configKeys = ['inputs', 'hidden', 'activation', 'activationParams', 'output', 'classes', 'init', 'biasInit', 'optimizer', 'learningRate', 'momentum', 'nesterov', 'batchSize', 'l2', 'clip', 'preluShared', 'seed'];
  const net = lab.createNetwork(validConfig);
  net.setData(data2);
  const savedObject = net.toJSON();
  const savedText = JSON.stringify(savedObject);
  const deleted = lab.createNetwork(validConfig);
  deleted.delete();
  const bufA = lab.createBuffer(8);
  const bufB = lab.createBuffer(8);
  const bufDeleted = lab.createBuffer(4);
  bufDeleted.delete();

  // The exact paths a case may be rejected for (see naming()).
  const nameIf = (name, valid = g.activationNames) => (typeof name === 'string' && valid.includes(name) ? [] : ['name']);
  // every key of a params object can be wrong for the chosen activation (alpha of relu), so each is a path
  const paramPaths = (params) => (params === undefined ? [] : isPlain(params) ? ['params', ...Object.keys(params).map((k) => `params.${k}`)] : ['params']);
  // config fields that constrain each other: output/classes, hidden/activation (one name per layer)
  const configPaths = (changed, root = '') => {
    const p = (k) => (root ? `${root}.${k}` : k);
    const out = [...changed];
    for (const c of changed) {
      const k = root ? c.slice(root.length + 1) : c;
      if (k === 'output' || k === 'classes') out.push(p('output'), p('classes'));
      if (k === 'hidden' || k === 'activation') out.push(p('hidden'), p('activation'));
      if (k === 'activationParams' || k === 'activation') out.push(p('activationParams'));
      if (k === 'optimizer' || k === 'momentum' || k === 'nesterov') out.push(p('optimizer'), p('momentum'), p('nesterov'));
    }
    return out;
  };
  // The paths a network JSON text can be rejected for: the format's five fields,
  // and (if it parses) its own top-level and config keys with their partners.
  const NETWORK_KEYS = ['format', 'version', 'config', 'step', 'weights'];
  const textPaths = (text) => {
    let parsed = typeof text === 'string' ? null : text;
    if (typeof text === 'string') try { parsed = JSON.parse(text); } catch { /* not JSON: only the whole-text checks apply */ }
    const own = isPlain(parsed) ? Object.keys(parsed) : [];
    const config = isPlain(parsed?.config) ? [...Object.keys(parsed.config), 'inputs'].map((k) => `config.${k}`) : [];
    return [...NETWORK_KEYS, ...own.map((k) => g.printable(k)), ...configPaths(config.map((c) => `config.${g.printable(c.slice(7))}`), 'config')];
  };
  // setData: x and y must agree in length (per inputs), so any of them may be named for a change to one
  const dataPaths = (changed) => {
    if (changed.includes('data')) return ['data'];
    const out = [...changed];
    if (changed.some((c) => ['data.x', 'data.y', 'data.inputs'].includes(c))) out.push('data.x', 'data.y', 'data.inputs');
    if (changed.some((c) => ['data.testX', 'data.testY', 'data.x', 'data.inputs'].includes(c))) out.push('data.testX', 'data.testY');
    return out;
  };


  // predictGrid / unitGrid (same arguments and checks): some arguments
  // replaced; a changed bound may be reported by its partner (xMin must be < xMax).
  const gridCase = (method, resolution) => {
    const defaults = [-6, 6, -6, 6, resolution];
    const args = defaults.map((v) => (r.chance(0.3) ? g.fieldValue(v) : v));
    if (typeof args[4] === 'number' && args[4] > 400) args[4] = r.pick([401, 1e9, 2 ** 31]);
    const names = ['xMin', 'xMax', 'yMin', 'yMax', 'resolution'];
    const pair = { xMin: 'xMax', xMax: 'xMin', yMin: 'yMax', yMax: 'yMin' };
    const broken = names.filter((n, i) => !Object.is(args[i], defaults[i]));
    attempt(method, broken.flatMap((n) => (pair[n] ? [n, pair[n]] : [n])), () => net[method](...args), stats);
  };

  const ops = [
    ['forward', 10, () => {
      const fn = r.chance(0.5) ? 'forward' : 'derivative';
      const name = r.chance(0.6) ? r.pick(g.activationNames) : g.fieldValue('relu');
      const goodX = r.chance(0.75);
      const x = goodX ? g.specialFloats(r.pick([0, 1, 3, 4, 5, 8, 9, 33])) : g.anyValue();
      const params = r.chance(0.3) ? undefined : g.mutate({ alpha: 0.1 }, ['alpha', 'lower', 'upper', 'training', 'seed'], 'params');
      attempt(fn, [...nameIf(name), ...(goodX ? [] : ['x']), ...paramPaths(params)], () => {
        const y = lab[fn](name, x, params);
        assert.ok(y instanceof Float32Array && y.length === x.length, `${fn}: output length ${y?.length} for ${x.length}`);
      }, stats);
    }],
    ['createNetwork', 14, () => {
      const config = g.mutate(validConfig, configKeys);
      if (networkCost(config) > 5e6) { stats.skipped++; return; }
      // the JS layer names a field config.<key>, the C++ parser the bare key: both are its exact path
      const paths = configPaths(g.changed);
      attempt('createNetwork', [...paths, ...paths.map((p) => `config.${p}`)], () => lab.createNetwork(config).delete(), stats);
    }],
    ['setData', 8, () => {
      const n = r.pick([0, 1, 2, 5]);
      // valid: finite samples in the allowed [-1e6, 1e6]
      const valid = { x: g.specialFloats(2 * n).map((v) => (Number.isFinite(v) && Math.abs(v) <= 1e6 ? v : 0)), y: new Float32Array(n).fill(1), inputs: 2 };
      const d = g.mutate(valid, ['x', 'y', 'inputs', 'testX', 'testY'], 'data');
      // n = 0 is itself invalid (y must not be empty); the C++ layer names elements bare (x[3])
      const paths = [...dataPaths(g.changed), ...(n === 0 ? ['data.y'] : [])];
      attempt('setData', [...paths, ...paths.map((p) => p.replace(/^data\./, ''))], () => net.setData(d), stats);
    }],
    ['train', 8, () => {
      const steps = r.chance(0.3) ? r.int(50) : g.fieldValue(5);
      if (typeof steps === 'number' && steps > 1000 && steps <= 1e6 && Number.isInteger(steps)) { stats.skipped++; return; }
      const options = r.chance(0.5) ? undefined : g.mutate({ report: true }, ['report'], 'options');
      if (!net.step || r.chance(0.5)) net.setData(data2);
      attempt('train', ['steps', ...(options === undefined ? [] : g.changed)], () => net.train(steps, options), stats);
    }],
    ['predict', 6, () => {
      const x = r.chance(0.7) ? g.specialFloats(r.pick([0, 1, 2, 3, 4, 10, 11])) : g.anyValue();
      attempt('predict', ['x'], () => net.predict(x), stats);
    }],
    ['predictGrid', 6, () => gridCase('predictGrid', 20)],
    ['unitGrid', 4, () => gridCase('unitGrid', 12)],
    ['restoreState', 6, () => {
      // A checkpoint of this network, damaged: flipped bytes, cut, grown, or not bytes at all.
      net.setData(data2);
      const saved = net.saveState();
      let b = saved.slice();
      const k = r.int(5);
      if (k === 0) for (let i = 0; i < 1 + r.int(4); i++) b[r.int(b.length)] ^= 1 << r.int(8);
      else if (k === 1) b = b.subarray(0, r.int(b.length));
      else if (k === 2) { b = new Uint8Array(b.length + 1 + r.int(9)); b.set(saved); }
      else if (k === 3) b = g.anyValue();
      const options = r.chance(0.7) ? undefined : g.mutate({ exact: true }, ['exact']);
      const optionPaths = options === undefined ? [] : isPlain(options) ? ['options', ...Object.keys(options).map((key) => `options.${key}`)] : ['options'];
      attempt('restoreState', [...(k === 4 ? [] : ['state']), ...optionPaths], () => net.restoreState(b, options), stats);
      net.restoreState(saved);   // the network keeps working from a good state
    }],
    ['loadNetwork', 14, () => {
      let input;
      let paths = ['json', 'network JSON'];   // damaged text or a replaced value: the argument itself
      const k = r.int(6);
      if (k === 0) {
        // Character-level damage to valid text.
        const s = savedText;
        const at = r.int(s.length);
        input = r.pick([s.slice(0, at), s.slice(0, at) + r.pick(['{', ']', '"', ',', 'NaN', '1e999', '\\u0000', '-']) + s.slice(at + 1), s + r.pick([' ', 'x', '}', ',{}'])]);
        // damage can rename, drop or retype any field: the message must name one the text has, or one the format requires
        paths = [...paths, ...textPaths(input)];
      } else if (k === 1) {
        input = r.pick(['', 'null', '[]', '{}', '"x"', '1', 'true', '{"format":1}', '['.repeat(100000), '{"a":'.repeat(50000), 'x'.repeat(200000)]);
        paths = [...paths, ...textPaths(input)];
      } else if (k === 2) {
        // Valid object, one field broken.
        input = g.mutate(savedObject, ['format', 'version', 'config', 'step', 'weights'], '', 'json');
        // the JS layer names its argument json.<key>, the C++ loader the bare key
        // (and an argument the JS layer cannot read as a network at all is named json)
        paths = ['json', ...g.changed, ...g.changed.map((c) => `json.${c}`), ...(g.changed.includes('config') ? ['weights'] : []), ...(g.changed.includes('json') ? ['network JSON'] : [])];
      } else if (k === 3) {
        const o = structuredClone(savedObject);
        const w = o.weights;
        const i = r.int(w.length);
        r.pick([() => { w[i] = g.fieldValue(w[i]); }, () => w.pop(), () => w.push(0), () => { o.weights = w.slice(0, r.int(w.length)); }])();
        input = r.chance(0.5) ? o : jsonText(o);
        paths = ['weights', 'json.weights', 'network JSON'];
      } else if (k === 4) {
        const o = structuredClone(savedObject);
        o.config = g.mutate(o.config, configKeys, 'config');
        // a config that changes the network's size is reported by the weights that no longer fit
        paths = [...configPaths(g.changed, 'config'), ...configPaths(g.changed, 'config').map((c) => `json.${c}`), 'weights', 'network JSON'];
        input = networkCost(o.config) > 5e6 ? savedText : o;
      } else {
        input = g.anyValue();
        paths = [...paths, ...textPaths(input)];
      }
      attempt('loadNetwork', paths, () => lab.loadNetwork(input).delete(), stats);
    }],
    ['dataset', 6, () => {
      const name = r.chance(0.7) ? r.pick(g.datasetNames) : g.fieldValue('circle');
      const options = r.chance(0.2) ? undefined : g.mutate({ n: 40, noise: 0.1, seed: 1, trainFraction: 0.5, classes: 3 }, ['n', 'noise', 'seed', 'trainFraction', 'classes'], 'options');
      // classes is an option of the multi-class sets only: a valid name may reject it
      attempt('dataset', [...nameIf(name, g.datasetNames), ...(options === undefined ? [] : [...g.changed, 'options.classes'])], () => lab.dataset(name, options), stats);
    }],
    ['bornDead', 5, () => {
      const options = r.chance(0.1) ? undefined : g.mutate({ width: 3, depth: 3, trials: 20, init: 'he', biasInit: 0, seed: 1 }, ['width', 'depth', 'trials', 'init', 'biasInit', 'seed'], 'options');
      if (bornDeadCost(options) > 2e6) { stats.skipped++; return; }
      // the work cap (trials x depth x width^2) is reported on options.trials
      attempt('bornDead', options === undefined ? ['options'] : [...g.changed, 'options.trials'], () => lab.bornDead(options), stats);
    }],
    ['createBuffer', 5, () => {
      const length = g.fieldValue(8);
      if (typeof length === 'number' && length > 1e6 && length <= 2 ** 26) { stats.skipped++; return; }
      attempt('createBuffer', ['length'], () => lab.createBuffer(length).delete(), stats);
    }],
    ['forwardInto', 5, () => {
      const fn = r.chance(0.5) ? 'forwardInto' : 'derivativeInto';
      const bufs = [];
      const pickBuf = (which) => {
        const b = r.chance(0.7) ? r.pick([bufA, bufB, bufA]) : r.chance(0.5) ? bufDeleted : g.anyValue();
        if (b !== bufA && b !== bufB) bufs.push(which);
        return b;
      };
      const name = r.chance(0.7) ? r.pick(g.activationNames) : g.fieldValue('relu');
      const params = r.chance(0.5) ? undefined : g.mutate({ alpha: 0.1 }, ['alpha', 'lower', 'upper'], 'params');
      const input = pickBuf('input');
      const output = pickBuf('output');
      attempt(fn, [...nameIf(name), ...bufs, ...paramPaths(params)], () => lab[fn](name, input, output, params), stats);
    }],
    ['network misc', 6, () => {
      const k = r.int(4);
      if (k === 0) attempt('setLearningRate', ['learningRate'], () => net.setLearningRate(g.fieldValue(0.03)), stats);
      else if (k === 1) attempt('setWeights', ['weights'], () => net.setWeights(r.chance(0.6) ? g.specialFloats(r.pick([0, 1, net.getWeights().length - 1, net.getWeights().length])) : g.anyValue()), stats);
      else if (k === 2) attempt('deleted network', /deleted/, () => deleted[r.pick(['train', 'predict', 'setData', 'toJSON', 'reset', 'evaluate'])](g.anyValue()), stats);
      else attempt('evaluate/reset', /data/, () => { net.evaluate(); if (r.chance(0.2)) net.reset(); }, stats);
      // Keep the shared network usable for the next cases.
      if (r.chance(0.05)) { net.setLearningRate(0.03); net.reset(); }
    }],
  ];
  const totalWeight = ops.reduce((s, [, w]) => s + w, 0);
  const chooseOp = () => {
    let x = r.int(totalWeight);
    for (const op of ops) { if ((x -= op[1]) < 0) return op; }
    return ops[0];
  };

  const t0 = performance.now();
  let tried = 0;
  while (tried < CASES) {
    const [, , run] = chooseOp();
    const before = stats.ok + stats.error;
    run();
    tried += stats.ok + stats.error - before;
  }
  const seconds = (performance.now() - t0) / 1000;

  // The module still works and gives the known results.
  assert.deepEqual(Array.from(lab.forward('leaky_relu', new Float32Array([-2, 0, 3]), { alpha: 0.5 })), knownForward);
  const after = knownRun();
  assert.equal(after.report, known.report, 'a known training run gives the same report after fuzzing');
  assert.equal(after.json, known.json, 'and the same weights');
  net.delete();
  bufA.delete();
  bufB.delete();
  assert.equal(M.count_emval_handles(), handlesBefore, 'no Embind value handle leaked by errors');
  assert.equal(({}).polluted, undefined, 'Object.prototype was not polluted');
  assert.equal(Object.prototype.polluted, undefined);

  const heapMiB = M.HEAP8.buffer.byteLength / 2 ** 20;
  console.log(`fuzz-api: ${tried} cases tried (seed ${SEED}) in ${seconds.toFixed(1)} s: ${stats.ok} worked, ${stats.error} threw named errors ${JSON.stringify(stats.errors)}; `
    + `${stats.skipped} valid-but-expensive draws skipped; slowest call ${stats.slowest.toFixed(0)} ms; heap ${heapMiB} MiB`);
  console.log(`fuzz-api per operation: ${JSON.stringify(stats.byOp)}`);
  console.log(`fuzz-api known-bug hits: ${JSON.stringify(stats.known)}`);
  assert.deepEqual(stats.violations, [], `${stats.violations.length} contract breaches`);
  assert.ok(tried >= 10000);
  assert.ok(stats.ok > 500 && stats.error > 2000, 'the generator reaches both the working and the failing paths');
});

// Found by this suite; fails until the patch in docs/reliability.md
// ("Findings", step counter) is in: nn::Network keeps step_ in a `long`, which
// is 32 bits in WebAssembly, so loadNetwork accepts steps up to 2^40 but
// truncates them, and training past 2^31 − 1 overflows (undefined behaviour;
// in practice the step turns negative).
test('loadNetwork keeps any accepted step and training past 2^31 does not overflow', async () => {
  const lab = await getLab();
  const net = lab.createNetwork({ inputs: 2, hidden: [2] });
  const data = lab.dataset('circle', { n: 20 });
  for (const step of [2 ** 31 - 1, 2 ** 32 + 5, 2 ** 40]) {
    const copy = lab.loadNetwork({ ...net.toJSON(), step });
    assert.equal(copy.step, step, `loaded step ${step}`);
    copy.setData(data);
    assert.equal(copy.train(2).step, step + 2, `two steps after ${step}`);
    copy.delete();
  }
  net.delete();
});
