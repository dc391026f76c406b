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
  if (isTypedArray(value)) return isDetached(value) ? `a detached ${value.constructor.name}` : `a ${value.constructor.name} of length ${value.length}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/** A typed array (any ArrayBuffer view but a DataView, which has no elements). */
export function isTypedArray(value) {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
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

/**
 * True for a typed array whose buffer was detached: transferred (postMessage,
 * structuredClone) or a view of the wasm heap taken before the heap grew. It
 * reads as length 0, so only an empty view is checked (no cost otherwise).
 */
export function isDetached(view) {
  if (view.length !== 0 || view.buffer.byteLength !== 0) return false;
  if (typeof SharedArrayBuffer === 'function' && view.buffer instanceof SharedArrayBuffer) return false;
  try {
    new Uint8Array(view.buffer);   // throws only for a detached buffer (ArrayBuffer.prototype.detached is newer than Node 20)
    return false;
  } catch {
    return true;
  }
}

/** Throws a TypeError naming `field` when `value` (a typed array) is detached; returns it. */
export function requireLive(value, field, kind = value.constructor.name) {
  if (isDetached(value)) {
    throw new TypeError(`${field} must be a live ${kind}; got a detached ${value.constructor.name} (its buffer was transferred, or it viewed the wasm heap before the heap grew: take the view again)`);
  }
  return value;
}

export function requireFloat32Array(value, field) {
  if (!(value instanceof Float32Array)) {
    throw new TypeError(`${field} must be a Float32Array; got ${describe(value)}`);
  }
  return requireLive(value, field);
}

export function requirePlainObject(value, field, { optional = false } = {}) {
  if (optional && (value === undefined || value === null)) return {};
  if (!isPlainObject(value)) throw new TypeError(`${field} must be a plain object; got ${describe(value)}`);
  return value;
}

/** `object[key]`, with a getter that throws (even a non-Error) reported as a TypeError naming `path`. */
export function readField(object, key, path) {
  try {
    return object[key];
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : describe(error);
    throw new TypeError(`${path} could not be read: its getter threw ${what}`, { cause: error });
  }
}

/**
 * requirePlainObject, then a copy of its own enumerable fields, each read
 * once (readField): for the objects JS reads itself (data, options, graphs),
 * so a getter runs once and one that throws is named. An own "__proto__"
 * stays an own key (an unknown field), as in plainConfig.
 */
export function plainFields(value, field, options) {
  const o = requirePlainObject(value, field, options);
  const out = {};
  for (const k of Object.keys(o)) setOwnField(out, k, readField(o, k, `${field}.${k}`));
  return out;
}

// out[k] = v, except that an own "__proto__" (JSON.parse makes one) stays an
// own key, which the checks after then reject as unknown: `out[k] =` would
// set the copy's prototype instead, and the field would vanish without a word.
function setOwnField(out, k, v) {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

export function requireKnownKeys(object, field, allowed) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${field}.${key.slice(0, 40)}: unknown field ${JSON.stringify(key.slice(0, 40))} in ${field}; allowed: ${allowed.join(', ') || 'none'}`);
    }
  }
}

/** A number of any value: the C++ API checks ranges and names NaN/Infinity itself. */
export function requireNumber(value, field) {
  if (typeof value !== 'number') throw new TypeError(`${field} must be a number; got ${describe(value)}`);
  return value;
}

/**
 * Validates an options object against a table of lab.schema (boolean fields
 * only: the options JS reads itself, e.g. train's { report }) and returns it
 * with the defaults filled in.
 */
export function readOptions(options, table, field = 'options') {
  const o = plainFields(options, field, { optional: true });
  requireKnownKeys(o, field, table.fields.map((f) => f.name));
  const out = {};
  for (const f of table.fields) {
    const v = o[f.name];
    if (v !== undefined && f.type === 'boolean' && typeof v !== 'boolean') {
      throw new TypeError(`${field}.${f.name} must be true or false; got ${describe(v)}`);
    }
    out[f.name] = v === undefined ? f.default : v;
  }
  return out;
}

/** The options of a train() call (lab.schema.train: { report? }); returns whether to build the report. */
export function readReportOption(options, trainTable) {
  return readOptions(options, trainTable).report !== false;
}

/** The most a config may hold: 1 MiB as JSON text (UTF-8), as when configs crossed as JSON. */
export const MAX_CONFIG_BYTES = 2 ** 20;

/** UTF-8 bytes of a string of JSON text. */
export function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/**
 * A plain-data snapshot of a config object for the C++ API, which reads the
 * object itself and validates every field against its table (lab.schema).
 * Only plain objects, arrays, typed arrays (as arrays), numbers (NaN and
 * ±Infinity included: C++ names them in its errors), strings, booleans and
 * null pass; keys whose value is undefined are left out. Cyclic, too deep,
 * too large (MAX_CONFIG_BYTES, counted as the JSON text would be, without
 * building it) or non-plain values (class instances, functions, BigInt) are
 * rejected here with a TypeError or RangeError, and getters run here, in JS,
 * so nothing a caller passes can throw inside C++ (a getter that throws is a
 * TypeError naming its field).
 */
export function plainConfig(value, field, maxDepth = 16, nonFinite = (v) => v) {
  const seen = new Set();
  let bytes = 0;
  const visit = (v, path, depth) => {
    if (depth > maxDepth) throw new RangeError(`${path} is nested deeper than ${maxDepth} levels`);
    if (typeof v === 'number') {
      bytes += Number.isFinite(v) ? String(v).length : String(v).length + 2;
      return Number.isFinite(v) ? v : nonFinite(v);
    }
    if (typeof v === 'string') { bytes += utf8Length(JSON.stringify(v)); return v; }
    if (v === null || typeof v === 'boolean') { bytes += String(v).length; return v; }
    if (typeof v === 'bigint') throw new TypeError(`${path} must be a number, not a BigInt; got ${describe(v)}`);
    if (typeof v !== 'object') throw new TypeError(`${path} must be JSON data; got ${describe(v)}`);
    if (seen.has(v)) throw new TypeError(`${path} refers back to itself (a cyclic object)`);
    seen.add(v);
    let out;
    if (Array.isArray(v) || isTypedArray(v)) {
      // Each element is at least one character and a comma: an array that
      // long cannot fit, and copying it first would take seconds (new Array(1e8) costs nothing to make).
      const least = bytes + 2 * v.length + 1;
      if (least > MAX_CONFIG_BYTES) throw new RangeError(`${field} (JSON length) must be at most 1 MiB of JSON; got at least ${least}`);
      const items = Array.isArray(v) ? v : Array.from(v, Number);
      out = new Array(items.length);   // holes stay holes
      for (let i = 0; i < items.length; i++) {
        if (i in items) out[i] = visit(readField(items, i, `${path}[${i}]`), `${path}[${i}]`, depth + 1);
      }
      bytes += 2 + Math.max(0, out.length - 1);
    } else if (isPlainObject(v)) {
      out = {};
      let keys = 0;
      for (const k of Object.keys(v)) {
        const item = readField(v, k, `${path}.${k}`);
        if (item === undefined) continue;
        setOwnField(out, k, visit(item, `${path}.${k}`, depth + 1));   // the C++ API rejects an own __proto__ by name
        bytes += utf8Length(JSON.stringify(k)) + 1;
        keys++;
      }
      bytes += 2 + Math.max(0, keys - 1);
    } else throw new TypeError(`${path} must be a plain object, array or value; got ${describe(v)}`);
    seen.delete(v);
    return out;
  };
  const out = visit(value, field, 0);
  if (bytes > MAX_CONFIG_BYTES) throw new RangeError(`${field} (JSON length) must be at most 1 MiB of JSON; got ${bytes}`);
  return out;
}

/** An options argument for the C++ API: a plain-data snapshot, {} when absent. */
export function plainOptions(options, field = 'options') {
  requirePlainObject(options, field, { optional: true });
  return options === undefined || options === null ? {} : plainConfig(options, field);
}

/**
 * JSON text of a value, for the one JSON edge left (lab.loadNetwork of an
 * object, which then reads the text as web/lib/network-file.js reads any
 * network file, with the same checks and caps). JSON cannot carry NaN or
 * ±Infinity, so they travel as the strings "NaN", "Infinity", "-Infinity"
 * and come back named in the error message. Checked as plainConfig.
 */
export function toConfigJson(value, field, maxDepth = 16) {
  return JSON.stringify(plainConfig(value, field, maxDepth, String));
}
