// The page's settings table (web/app/state.js) against lab.schema: every
// setting that feeds a config names its schema field, its range lies inside
// the field's, its values are allowed by the field, and its default is valid.
// The page keeps its own, narrower UI ranges; it may not widen the library's.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SETTINGS, allowed, parseState } from '../../web/app/state.js';
import { getLab } from './helpers/lab.mjs';

const lab = await getLab();
const ctx = { activations: lab.activations.map((a) => a.name), schema: lab.schema };

function schemaField(path) {
  const [table, name] = path.split('.');
  if (name === 'names') return { type: 'enum', values: lab.schema[table].names };
  const f = lab.schema[table].fields.find((x) => x.name === name);
  assert.ok(f, `${path} is a field of lab.schema`);
  return f;
}

/** Why `setting` does not fit inside schema field `f` (empty when it fits). */
function misfit(setting, f) {
  const problems = [];
  const inRange = (v) => v >= f.min && (f.maxExclusive ? v < f.max : v <= f.max);
  if (setting.type === 'int' || setting.type === 'num' || setting.type === 'intlist') {
    if (!inRange(setting.min)) problems.push(`min ${setting.min} outside [${f.min}, ${f.max}]`);
    if (!inRange(setting.max)) problems.push(`max ${setting.max} outside [${f.min}, ${f.max}]`);
    if (setting.type === 'int' && f.type !== 'integer') problems.push(`an int setting for a ${f.type} field`);
    if (setting.type === 'intlist' && setting.maxLength > f.maxLength) problems.push(`maxLength ${setting.maxLength} > ${f.maxLength}`);
  }
  if (setting.type === 'enum' || setting.type === 'enumlist') {
    for (const v of allowed(setting, ctx)) if (!f.values.includes(v)) problems.push(`value ${v} not allowed`);
  }
  const defaults = setting.def === null ? [] : Array.isArray(setting.def) ? setting.def : [setting.def];
  for (const d of defaults) {
    if (typeof d === 'number' && !inRange(d)) problems.push(`default ${d} outside the field`);
    if (typeof d === 'string' && !f.values.includes(d)) problems.push(`default ${d} not allowed`);
  }
  return problems;
}

test('every page setting that feeds a config lies inside its lab.schema field', () => {
  const linked = SETTINGS.filter((s) => s.schema);
  assert.ok(linked.length >= 20, `the config settings name their schema field (${linked.length})`);
  for (const s of linked) assert.deepEqual(misfit(s, schemaField(s.schema)), [], `${s.key} -> ${s.schema}`);
  // the compare view's inits come from the schema as well
  const runs = parseState('?runs=relu:rai,tanh:xavier', ctx);
  assert.deepEqual(runs.rejected, []);
  assert.deepEqual(parseState('?runs=relu:glorot,tanh:xavier', ctx).rejected, ['runs']);
});

test('the check bites: a page range wider than the schema, or a value it does not know, is reported', () => {
  const initGain = SETTINGS.find((s) => s.key === 'initGain');
  assert.deepEqual(misfit({ ...initGain, max: 1000 }, schemaField('network.initGain')), ['max 1000 outside [0, 100]']);
  const bdInit = SETTINGS.find((s) => s.key === 'bdInit');
  assert.deepEqual(misfit({ ...bdInit, values: [...bdInit.values, 'glorot'] }, schemaField('bornDead.init')), ['value glorot not allowed']);
  const momentumLike = { type: 'num', min: 0, max: 1, def: 0.5 };
  assert.deepEqual(misfit(momentumLike, schemaField('network.momentum')), ['max 1 outside [0, 1]']);
});

test('value sets named in the table resolve from the loaded lab', () => {
  const byKey = (k) => SETTINGS.find((s) => s.key === k);
  assert.deepEqual(allowed(byKey('dataset'), ctx), lab.schema.dataset.names);
  assert.deepEqual(allowed(byKey('init'), ctx), lab.schema.network.fields.find((f) => f.name === 'init').values);
  assert.deepEqual(allowed(byKey('act'), ctx), ctx.activations);
  assert.deepEqual(parseState('?dataset=shapeset&output=softmax&opt=adam&gLayer=chebyshev', ctx).rejected, []);
  assert.deepEqual(parseState('?dataset=donut&output=relu&opt=rmsprop&gLayer=gat', ctx).rejected.sort(), ['dataset', 'gLayer', 'opt', 'output']);
});
