// lab.schema: the C++ field tables of every config (cpp/api/config_schema.cpp),
// read once per module and frozen. Shape: types/index.d.ts (ConfigSchema).
// The build also writes it as JS (scripts/export-schema.mjs → wasm/schema.js):
// shippedSchema() serves that copy to page code that needs the tables without
// a loaded lab (tests/node/shipped-schema.test.mjs: equal to lab.schema).
import { SCHEMA } from './wasm/schema.js';

const schemas = new WeakMap();
let shipped = null;

/** The frozen schema as the build wrote it from the module (equal to lab.schema). */
export function shippedSchema() {
  shipped ??= deepFreeze(structuredClone(SCHEMA));
  return shipped;
}

/** The frozen schema of an Embind module. */
export function schemaOf(module) {
  let s = schemas.get(module);
  if (!s) {
    s = deepFreeze(module.schema());
    schemas.set(module, s);
  }
  return s;
}

/** The row of `table` named `name` (undefined when there is none). */
export function fieldOf(table, name) {
  return table.fields.find((f) => f.name === name);
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
