// The few pieces of the WebAssembly binary format that the hand-assembled
// benchmark modules (wasm-copy.mjs, wasm-issue.mjs) need: LEB128 integers,
// sections, vectors, names and function bodies (locals, code, `end`).
export const leb = (v) => {
  const out = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
};
export const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
export const vec = (items) => [...leb(items.length), ...items.flat()];
export const name = (s) => [...leb(s.length), ...Buffer.from(s)];
/** A function body: its local declarations and code, with the closing `end`. */
export const body = (locals, code) => { const b = [...locals, ...code, 0x0b]; return [...leb(b.length), ...b]; };
/** The module header: magic and version 1. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
