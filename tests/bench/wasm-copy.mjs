// The memory-bound limit inside WebAssembly: a tiny hand-assembled module
// (no toolchain needed) with two ways to copy n bytes between two regions of
// its own memory:
//   copy(dst, src, n)  the bulk-memory instruction memory.copy (V8: memmove)
//   loop(dst, src, n)  a v128.load / v128.store loop, unrolled 4x (64 bytes
//                      per iteration; n must be a multiple of 64) — what a
//                      SIMD kernel pays just to stream its data.
// Its text form:
//   (memory (export "mem") pages)
//   (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
//     (memory.copy (local.get $d) (local.get $s) (local.get $n)))
//   (func (export "loop") (param $d i32) (param $s i32) (param $n i32) (local $i i32)
//     (block (loop
//       (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
//       ;; four times, at offsets 0, 16, 32, 48:
//       (v128.store offset=k (i32.add (local.get $d) (local.get $i))
//         (v128.load offset=k (i32.add (local.get $s) (local.get $i))))
//       (local.set $i (i32.add (local.get $i) (i32.const 64)))
//       (br 0))))

import { body, leb, name, section, vec, HEADER } from './wasm-encode.mjs';

const GET = 0x20, SET = 0x21, I32_CONST = 0x41, I32_ADD = 0x6a, I32_GE_U = 0x4f;
const memarg = (offset) => [4, ...leb(offset)];  // align 2^4 = 16 bytes (a hint)
const moveVector = (offset) => [
  GET, 0, GET, 3, I32_ADD,                       // destination address
  GET, 1, GET, 3, I32_ADD, 0xfd, 0x00, ...memarg(offset),  // v128.load
  0xfd, 0x0b, ...memarg(offset),                 // v128.store
];

function moduleBytes(pages) {
  const copyFn = body([0x00], [GET, 0, GET, 1, GET, 2, 0xfc, 0x0a, 0x00, 0x00]);
  const loopFn = body([0x01, 0x01, 0x7f], [
    0x02, 0x40, 0x03, 0x40,                      // block, loop
    GET, 3, GET, 2, I32_GE_U, 0x0d, 0x01,        // br_if 1 (i >= n)
    ...moveVector(0), ...moveVector(16), ...moveVector(32), ...moveVector(48),
    GET, 3, I32_CONST, 0xc0, 0x00, I32_ADD, SET, 3,  // i += 64
    0x0c, 0x00, 0x0b, 0x0b,                      // br 0, end loop, end block
  ]);
  return new Uint8Array([
    ...HEADER,
    ...section(1, vec([[0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]])),
    ...section(3, vec([[0x00], [0x00]])),
    ...section(5, vec([[0x00, ...leb(pages)]])),
    ...section(7, vec([[...name('mem'), 0x02, 0x00], [...name('copy'), 0x00, 0x00], [...name('loop'), 0x00, 0x01]])),
    ...section(10, vec([copyFn, loopFn])),
  ]);
}

/**
 * A module whose memory holds two float arrays of `n` elements (source at
 * byte 0, destination after it, 64-byte aligned). Returns { src, dst,
 * memoryCopy(), simdLoop() } where src/dst are Float32Array views.
 */
export function createWasmCopy(n) {
  const bytes = Math.ceil((n * 4) / 64) * 64;
  const pages = Math.max(1, Math.ceil((2 * bytes) / 65536));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(pages)));
  const { mem, copy, loop } = instance.exports;
  return {
    src: new Float32Array(mem.buffer, 0, n),
    dst: new Float32Array(mem.buffer, bytes, n),
    memoryCopy: () => copy(bytes, 0, n * 4),
    simdLoop: () => loop(bytes, 0, bytes),
  };
}
