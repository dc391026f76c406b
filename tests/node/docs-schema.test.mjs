// The README's config tables are generated from lab.schema
// (scripts/docs-schema.mjs): the block in README.md must be exactly what the
// script produces from the built module.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { BEGIN, END, schemaMarkdown, withSchemaBlock } from '../../scripts/docs-schema.mjs';
import { getLab } from './helpers/lab.mjs';

const lab = await getLab();
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('README.md config tables match lab.schema (node scripts/docs-schema.mjs regenerates them)', () => {
  const block = schemaMarkdown(lab.schema);
  assert.ok(readme.includes(BEGIN) && readme.includes(END), 'README.md has the schema block');
  assert.equal(withSchemaBlock(readme, block), readme, 'run node scripts/docs-schema.mjs');
  // every field of every table appears in it, with its range
  for (const [key, table] of Object.entries(lab.schema)) {
    for (const f of table.fields) assert.ok(block.includes(`| \`${f.name}\` |`), `${key}.${f.name} is documented`);
  }
  assert.match(block, /\| `initGain` \| 1 \| number in \[0, 100\]: /);
});

test('a schema change shows as a README difference', () => {
  const changed = structuredClone(lab.schema);
  changed.network.fields.find((f) => f.name === 'initGain').max = 50;
  assert.notEqual(withSchemaBlock(readme, schemaMarkdown(changed)), readme);
});
