// lab.schema against the validator that reads the same C++ tables: every
// declared range and enumeration is exactly what createNetwork, dataset,
// bornDead and createGcn accept; the defaults are what a config without the
// field gets; configs arrive as JS objects (NaN named as a number, keys of
// any text intact, no Embind handle left behind).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getLab } from './helpers/lab.mjs';

const lab = await getLab();

// A minimal valid object for each table, and the call that validates it.
const CALLS = {
  network: { base: { inputs: 2, hidden: [3] }, run: (o) => lab.createNetwork(o).delete() },
  dataset: { base: {}, run: (o) => lab.dataset('circle', { n: 20, ...o }) },
  bornDead: { base: { width: 2, depth: 2, trials: 10 }, run: (o) => lab.bornDead(o) },
  gcn: { base: { hidden: [4] }, run: (o) => lab.createGcn(o).delete() },
};
// Fields whose whole range cannot be tried alone (the call's own work caps).
const SKIP = new Set(['dataset.n', 'bornDead.trials', 'bornDead.width', 'bornDead.depth', 'network.inputs', 'network.classes']);

const accepts = (run, o) => { run(o); return true; };
const rejects = (run, o, field) => assert.throws(() => run(o), (e) => e instanceof RangeError && e.message.includes(field), `${field} = ${JSON.stringify(o[field.split('.').pop()])} is refused naming ${field}`);

test('lab.schema: the five tables, frozen, every row with name, type, doc and a default unless required', () => {
  assert.deepEqual(Object.keys(lab.schema).sort(), ['bornDead', 'dataset', 'gcn', 'network', 'train']);
  assert.ok(Object.isFrozen(lab.schema) && Object.isFrozen(lab.schema.network.fields[0]));
  assert.throws(() => { lab.schema.network.fields[0].max = 5; }, TypeError);
  const types = new Set(['integer', 'number', 'boolean', 'enum', 'integer[]', 'activation', 'activationParams']);
  for (const [key, table] of Object.entries(lab.schema)) {
    assert.ok(table.fields.length > 0, key);
    for (const f of table.fields) {
      assert.ok(types.has(f.type), `${key}.${f.name}: ${f.type}`);
      assert.ok(typeof f.doc === 'string' && f.doc.length > 3, `${key}.${f.name} has a doc`);
      assert.equal('default' in f, !f.required, `${key}.${f.name}: a default exactly when not required`);
      if (f.type === 'enum') assert.ok(f.values.includes(f.default), `${key}.${f.name}: its default is one of its values`);
      if (!f.required && (f.type === 'integer' || f.type === 'number')) assert.ok(f.default >= f.min && f.default <= f.max, `${key}.${f.name}: default in range`);
    }
  }
  assert.deepEqual(lab.schema.network.fields.find((f) => f.name === 'inputs'), { name: 'inputs', type: 'integer', min: 1, max: 1024, required: true, doc: 'input features per sample' });
  assert.deepEqual(lab.schema.dataset.names, ['circle', 'xor', 'gauss', 'spiral', 'moons', 'spiral_k', 'plane', 'multi_gauss', 'sine', 'shapeset']);
  assert.deepEqual(lab.schema.network.fields.find((f) => f.name === 'activation').values, lab.activations.map((a) => a.name));
});

test('lab.schema ranges and enumerations are exactly what the validator accepts', () => {
  for (const [key, { base, run }] of Object.entries(CALLS)) {
    for (const f of lab.schema[key].fields) {
      const path = `${key}.${f.name}`;
      const field = key === 'dataset' || key === 'bornDead' ? `options.${f.name}` : f.name;
      if (SKIP.has(path)) continue;
      if (f.type === 'integer' || f.type === 'number') {
        assert.ok(accepts(run, { ...base, [f.name]: f.min }), `${path} accepts its min ${f.min}`);
        rejects(run, { ...base, [f.name]: f.min - (f.type === 'integer' ? 1 : Math.max(1e-9, Math.abs(f.min) * 1e-9)) }, field);
        if (f.maxExclusive) rejects(run, { ...base, [f.name]: f.max }, field);
        else if (f.max < 1e9) {
          assert.ok(accepts(run, { ...base, [f.name]: f.max }), `${path} accepts its max ${f.max}`);
          rejects(run, { ...base, [f.name]: f.max + (f.type === 'integer' ? 1 : Math.max(1e-9, f.max * 1e-9)) }, field);
        }
        if (f.type === 'integer') rejects(run, { ...base, [f.name]: f.min + 0.5 }, field);
      } else if (f.type === 'enum') {
        for (const v of f.values) assert.ok(accepts(run, { ...base, [f.name]: v }), `${path} accepts ${v}`);
        assert.throws(() => run({ ...base, [f.name]: 'nope' }), (e) => e instanceof RangeError && e.message === `${field} must be one of ${f.values.join(', ')}; got "nope"`);
      } else if (f.type === 'integer[]') {
        assert.ok(accepts(run, { ...base, [f.name]: [f.min, f.max] }), `${path} accepts [min, max]`);
        rejects(run, { ...base, [f.name]: [f.max + 1] }, `${field}[0]`);
        assert.ok(accepts(run, { ...base, [f.name]: Array(f.maxLength).fill(1) }), `${path} accepts ${f.maxLength} entries`);
        rejects(run, { ...base, [f.name]: Array(f.maxLength + 1).fill(1) }, field);
      } else if (f.type === 'boolean') {
        assert.ok(accepts(run, { ...base, [f.name]: !f.default }), `${path} accepts a boolean`);
        assert.throws(() => run({ ...base, [f.name]: 1 }), (e) => e instanceof TypeError && e.message === `${field} must be true or false; got 1`);
      }
    }
  }
});

test('lab.schema defaults are what a config without the field gets', () => {
  const net = lab.createNetwork({ inputs: 2 });
  const config = net.config;
  net.delete();
  for (const f of lab.schema.network.fields) {
    if (f.required) continue;
    if (f.type === 'activation') assert.deepEqual(config[f.name], config.hidden.map(() => f.default));
    else if (f.type === 'activationParams') assert.deepEqual(config[f.name], config.hidden.map(() => ({})));
    else assert.deepEqual(config[f.name], f.default, `network.${f.name}`);
  }
  const gcn = lab.createGcn();
  const g = gcn.config;
  gcn.delete();
  for (const f of lab.schema.gcn.fields) {
    if (f.type === 'activation') assert.deepEqual(g[f.name], g.hidden.map(() => f.default));
    else if (f.type !== 'activationParams') assert.deepEqual(g[f.name], f.default, `gcn.${f.name}`);
  }
  // the dataset defaults: the same points as the explicit defaults
  const d = Object.fromEntries(lab.schema.dataset.fields.map((f) => [f.name, f.default]));
  assert.deepEqual(lab.dataset('spiral_k').x, lab.dataset('spiral_k', d).x);
  const b = Object.fromEntries(lab.schema.bornDead.fields.map((f) => [f.name, f.default]));
  assert.deepEqual(lab.bornDead({ trials: 50 }), lab.bornDead({ ...b, trials: 50 }));
  // train: the report by default
  assert.equal(lab.schema.train.fields[0].name, 'report');
  assert.equal(lab.schema.train.fields[0].default, true);
});

test('configs arrive as JS objects: NaN and Infinity named as numbers, keys of any text, no handle left behind', () => {
  const M = lab.module;
  const before = M.count_emval_handles();
  const cases = [
    [{ inputs: 2, learningRate: NaN }, RangeError, 'learningRate must be a finite number in [0, 100]; got NaN'],
    [{ inputs: 2, initGain: -Infinity }, RangeError, 'initGain must be a finite number in [0, 100]; got -Infinity'],
    [{ inputs: Infinity }, RangeError, 'inputs must be an integer in [1, 1024]; got Infinity'],
    [{ inputs: 2, nesterov: NaN }, TypeError, 'nesterov must be true or false; got NaN'],
    // keys inside a value are shown as JSON text: a NUL, astral and non-Latin keys intact
    [{ inputs: 2, momentum: { '\u0000': 1 } }, TypeError, 'momentum must be a number; got {"\\u0000":1}'],
    [{ inputs: 2, learningRate: { '💥': [1, 'a'] } }, TypeError, 'learningRate must be a number; got {"💥":[1,"a"]}'],
    [{ inputs: 2, 'lr\u00e9': 1 }, RangeError, 'lr\u00e9: unknown field "lr\u00e9"; allowed: inputs, hidden'],
  ];
  for (const [config, type, message] of cases) {
    assert.throws(() => lab.createNetwork(config), (e) => e instanceof type && e.message.startsWith(message), message);
  }
  assert.throws(() => lab.dataset('circle', { noise: NaN }), (e) => e instanceof RangeError && e.message === 'options.noise must be a finite number in [0, 1]; got NaN');
  assert.throws(() => lab.createGcn({ weightDecay: Infinity }), (e) => e instanceof RangeError && e.message === 'weightDecay must be a finite number in [0, 1]; got Infinity');
  // a key whose value is undefined counts as absent, as it did in JSON
  lab.createNetwork({ inputs: 2, hidden: undefined }).delete();
  assert.equal(M.count_emval_handles(), before, 'no Embind value handle leaked');
});

test('plain numbers are checked directly: steps, learning rate, grid arguments', () => {
  const net = lab.createNetwork({ inputs: 2, hidden: [2] });
  net.setData(lab.dataset('circle', { n: 20 }));
  assert.throws(() => net.train(NaN), (e) => e instanceof RangeError && e.message === 'steps must be an integer in [0, 1000000]; got NaN');
  assert.throws(() => net.train(1.5), (e) => e instanceof RangeError && e.message === 'steps must be an integer in [0, 1000000]; got 1.5');
  assert.throws(() => net.predictGrid(-Infinity, 1, 0, 1, 4), (e) => e instanceof RangeError && e.message === 'xMin must be a finite number in [-1000000, 1000000]; got -Infinity');
  assert.throws(() => net.setLearningRate(101), (e) => e instanceof RangeError && e.message === 'learningRate must be a finite number in [0, 100]; got 101');
  assert.throws(() => net.train(1, { report: 1 }), (e) => e instanceof TypeError && e.message === 'options.report must be true or false; got 1');
  assert.throws(() => net.train(1, { reprot: true }), (e) => e instanceof RangeError && /^options.reprot: unknown field "reprot" in options; allowed: report$/.test(e.message));
  net.delete();
});
