// Counts the WebAssembly SIMD instructions per element of every kernel's
// main loop: compiles cpp/core/activations.cpp to a wasm object with the
// flags of the real build (em++ -O3 -msimd128 -ffp-contract=off), disassembles
// it (llvm-objdump), takes in each forward_array<K> / derivative_array<K> the
// loop with the most v128 stores (the unrolled main loop) and divides its SIMD
// instructions (0xfd prefix: arithmetic, compares, selects, constants, loads
// and stores) by the elements it writes (v128.const counts: V8 builds each
// constant in registers). Used by the benchmark report for the
// roofline column; prints a JSON object { "forward/sigmoid": ops, ... }.
//
//   node tests/bench/count-ops.mjs        (needs em++ and llvm-objdump)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { emscriptenEnv, root } from '../../scripts/build.mjs';

// Kernel struct name -> registry name.
const snake = (s) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

export function countOps() {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-ops-'));
  try {
    const obj = path.join(dir, 'activations.o');
    execFileSync('em++', ['-O3', '-msimd128', '-std=c++17', '-ffp-contract=off', '-I', path.join(root, 'cpp'), '-c',
      path.join(root, 'cpp/core/activations.cpp'), '-o', obj], { env: emscriptenEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    const text = execFileSync('llvm-objdump', ['-d', obj], { maxBuffer: 1 << 28 }).toString();
    const out = {};
    let current = null;
    let loops = [];
    let depth = 0;
    let loop = null;
    const finish = () => {
      if (!current) return;
      const main = loops.sort((a, b) => b.stores - a.stores)[0];
      // A loop that calls out (a kernel the compiler did not inline) is not
      // counted: its ops are elsewhere.
      if (main && main.stores > 0 && !main.calls) out[current] = Number((main.simd / (4 * main.stores)).toFixed(2));
    };
    for (const line of text.split('\n')) {
      const fn = /^[0-9a-f]+ <_ZN4alab12_GLOBAL__N_1(\d+)(forward|derivative)_arrayINS_7kernels(\d+)(\w+?)EEEv/.exec(line);
      if (fn) {
        finish();
        const name = fn[4].slice(0, Number(fn[3]));
        current = `${fn[2]}/${snake(name)}`;
        loops = [];
        loop = null;
        depth = 0;
        continue;
      }
      if (/^[0-9a-f]+ </.test(line)) { finish(); current = null; continue; }
      if (!current) continue;
      const m = /^\s+[0-9a-f]+:\s((?:[0-9a-f]{2} )+)\s*(\S+)/.exec(line);
      if (!m) continue;
      const [bytes, op] = [m[1].trim(), m[2]];
      if (op === 'loop' && !loop) { loop = { simd: 0, stores: 0, calls: 0, depth }; loops.push(loop); }
      if (loop && op === 'call') loop.calls++;
      if (op === 'block' || op === 'loop' || op === 'if') depth++;
      if (op === 'end') { depth--; if (loop && depth === loop.depth) loop = null; }
      if (loop && bytes.startsWith("fd")) {
        loop.simd++;
        if (op === 'v128.store') loop.stores++;
      }
    }
    finish();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(countOps(), null, 1));
