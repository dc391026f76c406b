// Loads the built lab once per test file, through the package's own name
// (exactly what a user of the package imports).
import { loadLab } from 'activation-lab';

let labPromise;
export function getLab() {
  labPromise ??= loadLab();
  return labPromise;
}

/** Float32 bit patterns of a Float32Array, as unsigned integers. */
export function bitsOf(array) {
  return Array.from(new Uint32Array(array.buffer, array.byteOffset, array.length));
}

export function fromBits(bits) {
  return new Float32Array(Uint32Array.from(bits).buffer);
}

/**
 * FNV-1a 64-bit over the little-endian bytes of a Float32Array, every NaN
 * counted as 0x7fc00000 (as in cpp/tools/make_kernel_fixture.cpp).
 */
export function fnv1a64(array) {
  const canonical = Float32Array.from(array, (v) => (Number.isNaN(v) ? NaN : v));
  const words = new Uint32Array(canonical.buffer);
  for (let i = 0; i < words.length; i++) if (Number.isNaN(canonical[i])) words[i] = 0x7fc00000;
  const bytes = new Uint8Array(canonical.buffer);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i]);
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
