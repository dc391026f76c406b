// The catalogue's measured properties ship with the module (measured once at
// build time by scripts/measure-catalogue.mjs): they must equal a measurement
// made now, in wasm, on both builds' kernels.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadLab } from 'activation-lab';

import { CATALOGUE_PROPERTIES } from '../../web/lib/wasm/catalogue-properties.js';
import { getLab } from './helpers/lab.mjs';

test('the shipped catalogue properties equal a fresh measurement in wasm (SIMD and scalar builds)', async () => {
  const lab = await getLab();
  const scalar = await loadLab({ simd: false });
  const shipped = Object.fromEntries(lab.activations.map((a) => [a.name, a.properties]));
  assert.deepEqual(Object.keys(shipped), Object.keys(CATALOGUE_PROPERTIES), 'one entry per activation, in registry order');
  for (const [build, module] of [['simd', lab.module], ['scalar', scalar.module]]) {
    const fresh = module.measureCatalogueProperties();
    assert.deepEqual(Object.keys(fresh), Object.keys(shipped), build);
    for (const name of Object.keys(fresh)) assert.deepStrictEqual(shipped[name], fresh[name], `${name} (${build} build)`);
  }
});

test('the catalogue is built from the registry without JSON and keeps its key order', async () => {
  const lab = await getLab();
  const entries = lab.module.catalogue();
  assert.deepEqual(entries.map((e) => e.name), lab.activations.map((a) => a.name));
  for (const a of lab.activations) {
    assert.deepEqual(Object.keys(a), [...Object.keys(a)].sort(), `${a.name}: keys in alphabetical order`);
    assert.deepEqual(Object.keys(a.properties), [...Object.keys(a.properties)].sort(), `${a.name}: property keys`);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.properties) && Object.isFrozen(a.params), `${a.name} is frozen`);
  }
  const leaky = lab.activation('leaky_relu');
  assert.deepEqual(leaky.params, { alpha: 0.01 }, 'parameters as written in the registry (shortest decimal)');
  assert.deepEqual(leaky.paramRanges, { alpha: [0, 1] });
  assert.equal(lab.activation('relu').properties.upperBound, null, 'an unbounded side is null');
  assert.equal(lab.activation('sigmoid').properties.saturatesBelow, -4.3600006);
});
