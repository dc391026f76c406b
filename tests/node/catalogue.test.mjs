// The catalogue ships with the module (written once at build time by
// scripts/measure-catalogue.mjs: registry entries and the properties measured
// on the kernels). It must equal a catalogue made now, in wasm, by both builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadLab } from 'activation-lab';

import { catalogueOf } from '../../scripts/measure-catalogue.mjs';
import { activationLabel } from '../../web/lib/catalogue.js';
import { CATALOGUE } from '../../web/lib/wasm/catalogue.js';
import { getLab } from './helpers/lab.mjs';

test('the shipped catalogue equals a fresh measurement in wasm (SIMD and scalar builds)', async () => {
  const lab = await getLab();
  const scalar = await loadLab({ simd: false });
  assert.deepStrictEqual(lab.activations, CATALOGUE, 'lab.activations is the shipped catalogue');
  for (const [build, module] of [['simd', lab.module], ['scalar', scalar.module]]) {
    const fresh = catalogueOf(module);
    assert.deepEqual(fresh.map((a) => a.name), CATALOGUE.map((a) => a.name), `${build}: registry order`);
    for (const [i, entry] of fresh.entries()) assert.deepStrictEqual(CATALOGUE[i], entry, `${entry.name} (${build} build)`);
  }
});

test('the catalogue is built from the registry without JSON: key order, frozen copies, shortest decimals, labels', async () => {
  const lab = await getLab();
  assert.deepEqual(lab.module.catalogue().map((e) => e.name), lab.activations.map((a) => a.name));
  for (const a of lab.activations) {
    assert.deepEqual(Object.keys(a), [...Object.keys(a)].sort(), `${a.name}: keys in alphabetical order`);
    assert.deepEqual(Object.keys(a.properties), [...Object.keys(a.properties)].sort(), `${a.name}: property keys`);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.properties) && Object.isFrozen(a.params), `${a.name} is frozen`);
    assert.equal(activationLabel(a.name), a.label);
  }
  assert.notEqual((await loadLab()).activations[0], lab.activations[0], 'each lab has its own copy');
  const leaky = lab.activation('leaky_relu');
  assert.deepEqual(leaky.params, { alpha: 0.01 }, 'parameters as written in the registry (shortest decimal)');
  assert.deepEqual(leaky.paramRanges, { alpha: [0, 1] });
  assert.equal(lab.activation('relu').properties.upperBound, null, 'an unbounded side is null');
  assert.equal(lab.activation('sigmoid').properties.saturatesBelow, -4.3600006);
  assert.equal(activationLabel('no_such'), 'no_such');
});

test('the README documents the whole catalogue: a row per activation in registry order, and every field of lab.activations[i]', async () => {
  const lab = await getLab();
  const readme = (await import('node:fs')).readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## The activation catalogue'), readme.indexOf('### The RReLU convention'));
  const rows = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(rows, lab.activations.map((a) => a.name));
  const fields = /`lab\.activations\[i\]` is `\{ ([^}]*) \}`/.exec(readme)?.[1].split(', ');
  assert.deepEqual(fields?.sort(), Object.keys(lab.activations[0]).sort());
});
