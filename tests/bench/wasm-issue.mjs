// The machine's f32x4 issue rate under this engine, for the roofline column
// of the kernel tables: a hand-assembled WebAssembly loop of 12 independent
// chains of f32x4.add / f32x4.mul (by 0 and 1, so no special values arise),
// 24 SIMD ops per iteration (14 v128 locals: they fit the 16 SSE registers).
// issue(iters) runs 24 * iters ops; the benchmark
// times it like any other case and reports ops per ns.
import { body, leb, name, section, vec, HEADER } from './wasm-encode.mjs';

const CHAINS = 12;
export const OPS_PER_ITERATION = 2 * CHAINS;
const GET = 0x20, SET = 0x21, TEE = 0x22;
const f32 = (v) => { const b = Buffer.alloc(4); b.writeFloatLE(v); return [0x43, ...b]; };
const SPLAT = [0xfd, 0x13], ADD = [0xfd, ...leb(228)], MUL = [0xfd, ...leb(230)];

function moduleBytes() {
  // locals: param 0 = iters (i32); 1..12 chains, 13 = zero, 14 = one (v128)
  const zero = 1 + CHAINS, one = 2 + CHAINS;
  const init = [...f32(0), ...SPLAT, SET, zero, ...f32(1), ...SPLAT, SET, one];
  for (let k = 1; k <= CHAINS; k++) init.push(...f32(1 + k), ...SPLAT, SET, k);
  const step = [];
  for (let k = 1; k <= CHAINS; k++) step.push(GET, k, GET, zero, ...ADD, GET, one, ...MUL, SET, k);
  const loop = [0x03, 0x40, ...step, GET, 0, 0x41, 1, 0x6b, TEE, 0, 0x0d, 0, 0x0b];
  let fold = [GET, 1];
  for (let k = 2; k <= CHAINS; k++) fold.push(GET, k, ...ADD);
  fold.push(0xfd, 0x1f, 0);  // f32x4.extract_lane 0
  const fn = body([1, CHAINS + 2, 0x7b], [...init, ...loop, ...fold]);
  return new Uint8Array([
    ...HEADER,
    ...section(1, vec([[0x60, 0x01, 0x7f, 0x01, 0x7d]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name('issue'), 0x00, 0x00]])),
    ...section(10, vec([fn])),
  ]);
}

/** { issue(iters) } running OPS_PER_ITERATION * iters f32x4 ops. */
export function createIssueLoop() {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
  return { issue: instance.exports.issue };
}
