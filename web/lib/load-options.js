// Options of loadLab(), shared by the browser and Node entry points.
import { describe, plainFields, requireKnownKeys } from './validate.js';

/** Validates loadLab options: { simd?: boolean } (false loads the scalar build). */
export function readLoadOptions(options) {
  const o = plainFields(options, 'options', { optional: true });
  requireKnownKeys(o, 'options', ['simd']);
  if (o.simd !== undefined && typeof o.simd !== 'boolean') {
    throw new TypeError(`options.simd must be true or false; got ${describe(o.simd)}`);
  }
  return { simd: o.simd !== false };
}
