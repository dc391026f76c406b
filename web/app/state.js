// All page settings: ONE declared table, each row a URL parameter with its
// type, default and allowed values (TensorFlow Playground's state.ts idea).
// Every value read from the URL is validated here; an invalid one falls back
// to the default and is reported in `rejected`. Nothing here touches the DOM.
//
// Names the library already declares are not repeated: a row's `values` may
// name a value set of the loaded lab (ctx, built by main.js from the lab):
// activation names from the catalogue (ctx.activations), datasets, output
// heads, inits, optimizers and GCN layer kinds from lab.schema (ctx.schema).
// The page's own numeric ranges are narrower UI ranges inside the schema's
// (tests/node/state-schema.test.mjs checks both).

export const REGRESSION = new Set(['plane', 'multi_gauss', 'sine']);
export const VIEWS = ['explore', 'train', 'compare', 'borndead', 'graph', 'lessons'];
export const LESSON_IDS = ['nonlinearity', 'differentiability', 'monotonicity', 'identity-near-zero', 'output-range',
  'relu-speed', 'saturation', 'large-init', 'depth-init', 'dying-relu', 'prelu', 'rrelu'];
export const SPEEDS = ['slow', 'normal', 'fast', 'max'];
export const EXPERIMENTS = ['', 'saturation', 'dying-relu', 'born-dead'];
export const MAX_LAYERS = 8;
// 256 units: the Glorot & Bengio preset (4 x 128 on 8 x 8 Shapeset) trains at
// the normal speed without dropping frames (see docs/lessons.md).
export const MAX_UNITS = 256;
export const MAX_COMPARE = 4;

// Value sets of the loaded lab, by name (see the header).
const ACTIVATION = 'activation';
const schemaValues = (table, field) => (ctx) => ctx.schema[table].fields.find((f) => f.name === field).values;
const LAB_VALUES = {
  [ACTIVATION]: (ctx) => ctx.activations,
  dataset: (ctx) => ctx.schema.dataset.names,
  output: schemaValues('network', 'output'),
  init: schemaValues('network', 'init'),
  optimizer: schemaValues('network', 'optimizer'),
  gcnLayer: schemaValues('gcn', 'layer'),
};

/** The initialisation names (lab.schema.network's init), e.g. for a select. */
export function initNames(ctx) {
  return LAB_VALUES.init(ctx);
}

/**
 * The settings table. type: enum | int | num | bool | intlist | enumlist | runs.
 * `schema` names the lab.schema field the setting feeds ('table.field';
 * 'dataset.names' for the generator names): its range or values must lie
 * inside that field's (tests/node/state-schema.test.mjs).
 * `group` says what a change invalidates: 'page' (nothing), 'data', 'net'
 * (rebuild and reset the run), 'live' (applied to the running network).
 */
export const SETTINGS = [
  { key: 'view', type: 'enum', values: VIEWS, def: 'train', group: 'page' },
  { key: 'lang', type: 'enum', values: ['en', 'zh-CN'], def: 'en', group: 'page' },
  { key: 'exp', type: 'enum', values: EXPERIMENTS, def: '', group: 'page' },
  { key: 'lesson', type: 'enum', values: LESSON_IDS, def: 'nonlinearity', group: 'page' },
  // explorer
  { key: 'fn', type: 'enum', values: ACTIVATION, def: 'relu', group: 'page' },
  { key: 'fa', type: 'num', min: -10, max: 10, def: null, group: 'page' },  // alpha, null = default
  { key: 'fl', type: 'num', min: 1, max: 100, def: null, group: 'page' },   // rrelu lower
  { key: 'fu', type: 'num', min: 1, max: 100, def: null, group: 'page' },   // rrelu upper
  // data
  { key: 'dataset', type: 'enum', values: 'dataset', def: 'circle', schema: 'dataset.names', group: 'data' },
  { key: 'n', type: 'int', min: 20, max: 5000, def: 400, schema: 'dataset.n', group: 'data' },
  { key: 'noise', type: 'num', min: 0, max: 0.5, def: 0.1, schema: 'dataset.noise', group: 'data' },
  { key: 'trainShare', type: 'num', min: 0.1, max: 0.9, def: 0.5, schema: 'dataset.trainFraction', group: 'data' },
  { key: 'classes', type: 'int', min: 2, max: 8, def: 3, schema: 'dataset.classes', group: 'data' },
  { key: 'size', type: 'int', min: 8, max: 32, def: 8, schema: 'dataset.size', group: 'data' },   // shapeset image side
  // network
  { key: 'hidden', type: 'intlist', min: 1, max: MAX_UNITS, minLength: 0, maxLength: MAX_LAYERS, def: [8, 8, 8], schema: 'network.hidden', group: 'net' },
  { key: 'act', type: 'enum', values: ACTIVATION, def: 'relu', schema: 'network.activation', group: 'net' },
  { key: 'acts', type: 'enumlist', values: ACTIVATION, minLength: 0, maxLength: MAX_LAYERS, def: [], schema: 'network.activation', group: 'net' },
  { key: 'output', type: 'enum', values: 'output', def: 'sigmoid', schema: 'network.output', group: 'net' },
  { key: 'init', type: 'enum', values: 'init', def: 'he', schema: 'network.init', group: 'net' },
  { key: 'initGain', type: 'num', min: 0, max: 16, def: 1, schema: 'network.initGain', group: 'net' },
  { key: 'biasInit', type: 'num', min: -2, max: 2, def: 0, schema: 'network.biasInit', group: 'net' },
  { key: 'opt', type: 'enum', values: 'optimizer', def: 'sgd', schema: 'network.optimizer', group: 'net' },
  { key: 'batch', type: 'int', min: 1, max: 256, def: 10, schema: 'network.batchSize', group: 'net' },
  { key: 'l2', type: 'num', min: 0, max: 0.1, def: 0, schema: 'network.l2', group: 'net' },
  { key: 'clip', type: 'num', min: 0, max: 100, def: 0, schema: 'network.clip', group: 'net' },
  { key: 'seed', type: 'int', min: 0, max: 4294967295, def: 1, schema: 'network.seed', group: 'net' },
  // schedule (part of the run: a shared link replays it)
  { key: 'lr', type: 'num', min: 0.00001, max: 10, def: 0.03, schema: 'network.learningRate', group: 'live' },
  { key: 'maxSteps', type: 'int', min: 0, max: 1000000, def: 0, group: 'net' },
  { key: 'spikeAt', type: 'int', min: 0, max: 1000000, def: 0, group: 'net' },
  { key: 'spikeLr', type: 'num', min: 0.00001, max: 10, def: 3, schema: 'network.learningRate', group: 'live' },
  { key: 'spikeSteps', type: 'int', min: 1, max: 1000, def: 5, group: 'live' },
  { key: 'speed', type: 'enum', values: SPEEDS, def: 'normal', group: 'live' },
  // compare: 2..4 networks as activation:init pairs
  { key: 'runs', type: 'runs', minLength: 2, maxLength: MAX_COMPARE, def: [{ act: 'relu', init: 'he' }, { act: 'leaky_relu', init: 'he' }], group: 'net' },
  // born dead
  { key: 'bdInit', type: 'enum', values: ['he', 'rai', 'xavier', 'lecun', 'standard', 'uniform'], def: 'he', schema: 'bornDead.init', group: 'page' },
  { key: 'bdTrials', type: 'int', min: 10, max: 2000, def: 200, schema: 'bornDead.trials', group: 'page' },
  // graph lab (web/app/views/graph-view.js restarts its own run on a change)
  { key: 'gActs', type: 'enumlist', values: ACTIVATION, minLength: 2, maxLength: 2, def: ['tanh', 'tanh'], group: 'page' },
  { key: 'gLayer', type: 'enum', values: 'gcnLayer', def: 'gcn', schema: 'gcn.layer', group: 'page' },
  { key: 'gLr', type: 'num', min: 0.0001, max: 1, def: 0.01, schema: 'gcn.learningRate', group: 'page' },
  { key: 'gSeed', type: 'int', min: 0, max: 4294967295, def: 1, schema: 'gcn.seed', group: 'page' },
  { key: 'gK', type: 'int', min: 0, max: 33, def: 1, group: 'page' },
  { key: 'gFilter', type: 'enum', values: ['heat', 'heat_chebyshev', 'low_pass'], def: 'heat', group: 'page' },
  { key: 'gT', type: 'num', min: 0, max: 20, def: 2, group: 'page' },
  { key: 'gOrder', type: 'int', min: 1, max: 20, def: 3, group: 'page' },
];

const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

export function settingFor(key) {
  return BY_KEY.get(key);
}

/** The values an enum or enumlist row allows (its own list, or a value set of the lab). */
export function allowed(setting, ctx) {
  return typeof setting.values === 'string' ? LAB_VALUES[setting.values](ctx) : setting.values;
}

/** Parses one raw URL string for `setting`; returns { ok, value }. */
function parseValue(setting, raw, ctx) {
  const fail = { ok: false };
  if (typeof raw !== 'string' || raw.length > 200) return fail;
  switch (setting.type) {
    case 'enum':
      return allowed(setting, ctx).includes(raw) ? { ok: true, value: raw } : fail;
    case 'int': {
      if (!/^\d{1,10}$/.test(raw)) return fail;
      const v = Number(raw);
      return v >= setting.min && v <= setting.max ? { ok: true, value: v } : fail;
    }
    case 'num': {
      if (setting.def === null && raw === '') return { ok: true, value: null };
      if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d{1,3})?$/i.test(raw)) return fail;
      const v = Number(raw);
      return Number.isFinite(v) && v >= setting.min && v <= setting.max ? { ok: true, value: v } : fail;
    }
    case 'intlist': {
      const parts = raw === '' ? [] : raw.split(',');
      if (parts.length < setting.minLength || parts.length > setting.maxLength) return fail;
      const values = parts.map(Number);
      const good = parts.every((p) => /^\d{1,4}$/.test(p)) && values.every((v) => v >= setting.min && v <= setting.max);
      return good ? { ok: true, value: values } : fail;
    }
    case 'enumlist': {
      const parts = raw === '' ? [] : raw.split(',');
      const names = allowed(setting, ctx);
      const good = parts.length >= setting.minLength && parts.length <= setting.maxLength && parts.every((p) => names.includes(p));
      return good ? { ok: true, value: parts } : fail;
    }
    case 'runs': {
      const parts = raw.split(',');
      if (parts.length < setting.minLength || parts.length > setting.maxLength) return fail;
      const runs = parts.map((p) => {
        const [act, init = 'he'] = p.split(':');
        return { act, init };
      });
      const good = runs.every((r) => ctx.activations.includes(r.act) && LAB_VALUES.init(ctx).includes(r.init));
      return good ? { ok: true, value: runs } : fail;
    }
    default:
      return fail;
  }
}

function formatValue(setting, value) {
  switch (setting.type) {
    case 'intlist':
    case 'enumlist':
      return Array.isArray(value) ? value.join(',') : String(value);
    case 'runs':
      return Array.isArray(value) ? value.map((r) => `${r?.act}:${r?.init}`).join(',') : String(value);
    case 'num':
      if (value === null) return '';
      return typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value);
    default:
      return String(value);
  }
}

function clone(value) {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? { ...v } : v)) : value;
}

/** The default state (a fresh object). */
export function defaultState() {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, clone(s.def)]));
}

/**
 * Reads a state from URL search parameters. ctx: { activations (the valid
 * activation names), schema (lab.schema) }. Returns { state, rejected: [keys
 * whose value was invalid], notices }: notices say what was not used and why,
 * one { key, value, reason } each, reason 'invalid' (the default is used),
 * 'layers' (acts: not one name per hidden layer, `layers` of them), 'repeated'
 * (the first of `count` values is used) or 'unknown' (no such setting).
 */
export function parseState(search, ctx) {
  const params = new URLSearchParams(search);
  const state = defaultState();
  const rejected = [];
  const notices = [];
  for (const key of new Set(params.keys())) {
    const count = params.getAll(key).length;
    if (!BY_KEY.has(key)) notices.push({ key, value: params.get(key), reason: 'unknown' });
    else if (count > 1) notices.push({ key, value: params.get(key), reason: 'repeated', count });
  }
  for (const setting of SETTINGS) {
    if (!params.has(setting.key)) continue;
    const parsed = parseValue(setting, params.get(setting.key), ctx);
    if (parsed.ok) state[setting.key] = parsed.value;
    else {
      rejected.push(setting.key);
      notices.push({ key: setting.key, value: params.get(setting.key), reason: 'invalid' });
    }
  }
  // Per-layer activations must match the layer count; otherwise all layers use `act`.
  if (state.acts.length && state.acts.length !== state.hidden.length) {
    notices.push({ key: 'acts', value: params.get('acts'), reason: 'layers', layers: state.hidden.length });
    state.acts = [];
    rejected.push('acts');
  }
  return { state, rejected, notices };
}

/** A setting's value as the URL writes it (e.g. a list as '8,8,8'). */
export function formatSetting(key, value) {
  const setting = BY_KEY.get(key);
  return setting ? formatValue(setting, value) : String(value);
}

/** Validates one value for `key` as if it came from the URL, e.g. from a form control. */
export function validateSetting(key, value, ctx) {
  const setting = BY_KEY.get(key);
  if (!setting) return { ok: false };
  const raw = typeof value === 'string' ? value : formatValue(setting, value);
  return parseValue(setting, raw, ctx);
}

/** URL search string with every non-default setting (defaults are omitted). */
export function serializeState(state) {
  const params = new URLSearchParams();
  for (const setting of SETTINGS) {
    const text = formatValue(setting, state[setting.key]);
    if (text !== formatValue(setting, setting.def)) params.set(setting.key, text);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The keys whose values differ between two states. */
export function changedKeys(a, b) {
  return SETTINGS.filter((s) => formatValue(s, a[s.key]) !== formatValue(s, b[s.key])).map((s) => s.key);
}

/** The group ('page' | 'data' | 'net' | 'live') a change of these keys needs, the strongest one. */
export function strongestGroup(keys) {
  const order = ['page', 'live', 'net', 'data'];
  let best = 'page';
  for (const k of keys) {
    const g = BY_KEY.get(k)?.group ?? 'page';
    if (order.indexOf(g) > order.indexOf(best)) best = g;
  }
  return best;
}

/** Per-hidden-layer activation names for a state. */
export function layerActivations(state) {
  return state.acts.length === state.hidden.length ? state.acts : state.hidden.map(() => state.act);
}
