// The activation catalogue, as the build wrote it from the module's registry
// (scripts/measure-catalogue.mjs → wasm/catalogue.js): the registry's order,
// each entry { derivativeFormula, formula, label, name, paramRanges, params,
// properties, tex, variant }. Imported by the library (lab.activations) and
// by page code that needs a label without a loaded lab.
import { CATALOGUE } from './wasm/catalogue.js';

/** A frozen copy of the catalogue (each lab gets its own). */
export function catalogue() {
  return deepFreeze(structuredClone(CATALOGUE));
}

const LABELS = new Map(CATALOGUE.map((a) => [a.name, a.label]));

/** The display label of activation `name` ("Leaky ReLU"), or the name itself when unknown. */
export function activationLabel(name) {
  return LABELS.get(name) ?? name;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
