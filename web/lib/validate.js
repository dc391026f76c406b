// Checks for values that come from outside (callers, URLs, messages, files).
// Each failure throws a real TypeError/RangeError naming the field, the value
// and what is allowed. Shared by the library façade and the page.

/** Short, safe description of a value for an error message. */
export function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${value.length}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

export function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function requireString(value, field, allowed = 'a string') {
  if (typeof value !== 'string') throw new TypeError(`${field} must be ${allowed}; got ${describe(value)}`);
  return value;
}

export function requireFloat32Array(value, field) {
  if (!(value instanceof Float32Array)) {
    throw new TypeError(`${field} must be a Float32Array; got ${describe(value)}`);
  }
  return value;
}

export function requirePlainObject(value, field, { optional = false } = {}) {
  if (optional && (value === undefined || value === null)) return {};
  if (!isPlainObject(value)) throw new TypeError(`${field} must be a plain object; got ${describe(value)}`);
  return value;
}

export function requireKnownKeys(object, field, allowed) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${field}.${key.slice(0, 40)}: unknown field ${JSON.stringify(key.slice(0, 40))} in ${field}; allowed: ${allowed.join(', ')}`);
    }
  }
}

/** A number of any value: the C++ API checks ranges and names NaN/Infinity itself. */
export function requireNumber(value, field) {
  if (typeof value !== 'number') throw new TypeError(`${field} must be a number; got ${describe(value)}`);
  return value;
}

/** The options of a train() call: { report?: boolean }; returns whether to build the report. */
export function readReportOption(options) {
  const o = requirePlainObject(options, 'options', { optional: true });
  requireKnownKeys(o, 'options', ['report']);
  if (o.report !== undefined && typeof o.report !== 'boolean') {
    throw new TypeError(`options.report must be true or false; got ${describe(o.report)}`);
  }
  return o.report !== false;
}

/**
 * JSON text of a config object for the C++ API, which validates every field.
 * JSON cannot carry NaN or ±Infinity, so they travel as the strings "NaN",
 * "Infinity", "-Infinity" and come back named in the error message. Cyclic,
 * too deep or non-plain values are rejected here with a TypeError.
 */
export function toConfigJson(value, field, maxDepth = 16) {
  const seen = new Set();
  const visit = (v, path, depth) => {
    if (depth > maxDepth) throw new RangeError(`${path} is nested deeper than ${maxDepth} levels`);
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') throw new TypeError(`${path} must be a number, not a BigInt; got ${describe(v)}`);
    if (typeof v !== 'object') throw new TypeError(`${path} must be JSON data; got ${describe(v)}`);
    if (seen.has(v)) throw new TypeError(`${path} refers back to itself (a cyclic object)`);
    seen.add(v);
    let out;
    if (Array.isArray(v)) out = v.map((item, i) => visit(item, `${path}[${i}]`, depth + 1));
    else if (ArrayBuffer.isView(v)) out = Array.from(v, (item, i) => visit(Number(item), `${path}[${i}]`, depth + 1));
    else if (isPlainObject(v)) {
      out = {};
      for (const [k, item] of Object.entries(v)) {
        if (item !== undefined) out[k] = visit(item, `${path}.${k}`, depth + 1);
      }
    } else throw new TypeError(`${path} must be a plain object, array or value; got ${describe(v)}`);
    seen.delete(v);
    return out;
  };
  return JSON.stringify(visit(value, field, 0));
}
