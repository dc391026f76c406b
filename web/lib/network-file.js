// The network file, { config, format, step, version, weights }, at the JS
// edge: net.toJSON() writes it and lab.loadNetwork() reads it. JSON.parse and
// JSON.stringify handle the text; the C++ API (network_api.h load_network)
// validates the config, the step and the weights with the same readers as
// createNetwork. Native tools read the same format in
// cpp/api/json/network_json.cpp, with the same checks and messages.
import { utf8Length } from './validate.js';

export const NETWORK_FORMAT = 'activation-lab/network';
export const NETWORK_VERSION = 1;
/** The largest valid network is about 80 MB of JSON (5,242,880 weights, ~15 characters each). */
export const MAX_NETWORK_JSON_BYTES = 80 * 2 ** 20;
/** kMaxParameters + 100000: more values than any valid network has. */
export const MAX_NETWORK_JSON_VALUES = 5242880 + 100000;
const MAX_NESTING = 8;
const FIELDS = ['format', 'version', 'config', 'step', 'weights'];
const FLOAT_MAX = 3.4028234663852886e38;

const fail = (message) => new RangeError(`network JSON: ${message}`);

/** A key as a message shows it: at most 40 characters, control characters as \u00XX. */
function printableKey(key) {
  let out = '';
  for (const ch of key.slice(0, 40)) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/**
 * Checks made on the text before parsing it: its size in UTF-8 bytes, nesting
 * (nothing valid is deeper than 4) and value count, so that no text makes
 * JSON.parse build more than any valid network needs.
 */
function checkText(text) {
  if (text.length > MAX_NETWORK_JSON_BYTES / 3) {
    const bytes = utf8Length(text);
    if (bytes > MAX_NETWORK_JSON_BYTES) throw fail(`too large (${bytes} bytes; at most 80 MiB)`);
  }
  let depth = 0;
  let commas = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;        // backslash
      else if (c === 0x22) inString = false;      // "
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {        // [ {
      if (++depth > MAX_NESTING) throw fail(`nested deeper than ${MAX_NESTING} levels`);
    } else if (c === 0x5d || c === 0x7d) {        // ] }
      --depth;
    } else if (c === 0x2c && ++commas > MAX_NETWORK_JSON_VALUES) {
      throw fail(`has more than ${MAX_NETWORK_JSON_VALUES} values; no valid network has that many`);
    }
  }
}

/**
 * The parts of a network file's text for the C++ loader: { config, step,
 * weights, floats } where floats is the weights as a Float32Array when every
 * one is a number within float range (else null: C++ then reads them one by
 * one and names the first bad one). Throws RangeError for the text and the
 * envelope, with the messages of the native reader.
 */
export function readNetworkFile(text) {
  checkText(text);
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    throw fail('not valid JSON');
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) throw fail('must be an object {format, version, config, step, weights}');
  for (const key of Object.keys(j).sort()) {
    if (!FIELDS.includes(key)) {
      const k = printableKey(key);
      throw fail(`${k}: unknown field "${k}"; allowed: ${FIELDS.join(', ')}`);
    }
  }
  for (const key of FIELDS) if (!Object.hasOwn(j, key)) throw fail(`${key}: missing field "${key}"`);
  if (j.format !== NETWORK_FORMAT) throw fail(`format must be "${NETWORK_FORMAT}"; got ${JSON.stringify(j.format)}`);
  if (j.version !== NETWORK_VERSION) throw fail(`version must be 1; got ${JSON.stringify(j.version)}`);
  return { config: j.config, step: j.step, weights: j.weights, floats: asFloats(j.weights) };
}

function asFloats(weights) {
  if (!Array.isArray(weights)) return null;
  const out = new Float32Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const v = weights[i];
    if (typeof v !== 'number' || !(Math.abs(v) <= FLOAT_MAX)) return null;
    out[i] = v;  // the float nearest v, as C++'s static_cast<float>
  }
  return out;
}

/** The file of a network: keys in the order the format has always had (sorted). */
export function networkFile(config, step, decimals) {
  return { config, format: NETWORK_FORMAT, step, version: NETWORK_VERSION, weights: Array.from(decimals) };
}
