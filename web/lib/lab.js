// The Activation Lab library: a thin façade over the WebAssembly module.
// It validates what callers pass, converts it for the C++ API, and returns
// plain JS values. It knows nothing of any page; browser.js and node.js only
// differ in how they load the module.
import { requireFloat32Array, requirePlainObject, requireString, toConfigJson } from './validate.js';

export class Lab {
  #module;

  /** @param {object} module an instantiated Embind module (see browser.js / node.js) */
  constructor(module) {
    this.#module = module;
    const catalogue = JSON.parse(module.catalogueJson());
    /** The activation catalogue, in registry order: { name, label, formula, derivativeFormula, tex, params, paramRanges, properties }. */
    this.activations = deepFreeze(catalogue);
    /** True when the module was compiled with WebAssembly SIMD. */
    this.simd = module.simd();
  }

  /** The catalogue entry for `name`, or undefined. */
  activation(name) {
    return this.activations.find((a) => a.name === name);
  }

  /** f(x) for every element; returns a new Float32Array (x is untouched). */
  forward(name, x, params) {
    return this.#kernel('forward', name, x, params);
  }

  /** f'(x) for every element; returns a new Float32Array (x is untouched). */
  derivative(name, x, params) {
    return this.#kernel('derivative', name, x, params);
  }

  #kernel(kind, name, x, params) {
    requireString(name, 'name', 'an activation name');
    requireFloat32Array(x, 'x');
    requirePlainObject(params, 'params', { optional: true });
    const json = params === undefined || params === null ? '' : toConfigJson(params, 'params');
    return this.#module[kind](name, x, json);
  }

  /** The underlying Embind module, for benchmarks and tests. */
  get module() {
    return this.#module;
  }
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
