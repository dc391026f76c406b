// The schema ships with the module (written once at build time by
// scripts/export-schema.mjs from module.schema()): the page parses its URL and
// sends the first setup to the worker with it, before its own lab has loaded.
// It must equal lab.schema of both wasm builds, value for value.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadLab } from 'activation-lab';

import { jsSource, schemaModuleText } from '../../scripts/export-schema.mjs';
import { shippedSchema } from '../../web/lib/schema.js';
import { SCHEMA } from '../../web/lib/wasm/schema.js';
import { getLab } from './helpers/lab.mjs';

test('the shipped schema equals lab.schema (SIMD and scalar builds), frozen', async () => {
  const lab = await getLab();
  const scalar = await loadLab({ simd: false });
  for (const [build, l] of [['simd', lab], ['scalar', scalar]]) {
    assert.deepStrictEqual(SCHEMA, l.module.schema(), `${build}: the shipped SCHEMA is module.schema()`);
    assert.deepStrictEqual(shippedSchema(), l.schema, `${build}: shippedSchema() is lab.schema`);
  }
  assert.equal(shippedSchema(), shippedSchema(), 'one frozen copy');
  assert.ok(Object.isFrozen(shippedSchema()) && Object.isFrozen(shippedSchema().network.fields[0]));
  assert.throws(() => { shippedSchema().network.fields[0].max = 5; }, TypeError);
  assert.ok(!Object.isFrozen(SCHEMA), 'the generated module itself is left as written');
});

test('schema.js is what export-schema writes for the built module', async () => {
  const lab = await getLab();
  const { readFileSync } = await import('node:fs');
  const shipped = readFileSync(new URL('../../web/lib/wasm/schema.js', import.meta.url), 'utf8');
  assert.equal(shipped, schemaModuleText(lab.module), 'a stale schema.js (rebuild: node scripts/build.mjs wasm)');
});

test('jsSource keeps what JSON loses: -0, NaN, the infinities; refuses what cannot ship', async () => {
  const value = { a: -0, b: NaN, c: Infinity, d: -Infinity, e: [1.5, 'x', null, true], f: {} };
  const text = jsSource(value);
  const back = (await import(`data:text/javascript,export default ${encodeURIComponent(text)}`)).default;
  assert.deepStrictEqual(back, value);
  assert.ok(Object.is(back.a, -0));
  assert.throws(() => jsSource({ f: () => 1 }), /cannot ship a function/);
  assert.throws(() => jsSource(1n), /cannot ship a bigint/);
});
