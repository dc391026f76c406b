// loadLab() in Node when the package's .wasm is missing or damaged (a cut
// download, a disk error): one Error that names the file and says what to do,
// and nothing else on stderr (Emscripten printed two more lines of its own
// and advised rebuilding with -s ASSERTIONS=1).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('../../web/lib/', import.meta.url));

/** Loads a copy of web/lib whose SIMD .wasm `damage` changed; returns { status, stdout, stderr }. */
function loadDamaged(damage) {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-load-'));
  try {
    cpSync(lib, dir, { recursive: true });
    damage(path.join(dir, 'wasm', 'activation_lab.wasm'));
    const script = `import(${JSON.stringify(path.join(dir, 'node.js'))}).then((m) => m.loadLab()).then(
      () => console.log('loaded'),
      (e) => console.log(JSON.stringify({ name: e.name, message: e.message })));`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a truncated or corrupt .wasm rejects with one Error naming the file, and prints nothing', () => {
  for (const damage of [
    (file) => writeFileSync(file, readFileSync(file).subarray(0, 1000)),
    (file) => writeFileSync(file, 'not wasm at all'),
  ]) {
    const r = loadDamaged(damage);
    assert.equal(r.stderr, '', 'nothing on stderr');
    const error = JSON.parse(r.stdout);
    assert.equal(error.name, 'Error');
    assert.match(error.message, /^\S*activation_lab\.wasm is not a valid WebAssembly module \(truncated or damaged\); reinstall activation-lab$/);
  }
});

test('a missing .wasm says how to get it, in a checkout and in an installed package', () => {
  const r = loadDamaged((file) => rmSync(file));
  assert.equal(r.stderr, '');
  assert.match(JSON.parse(r.stdout).message,
    /^cannot read \S*activation_lab\.wasm: in a checkout, build it with npm run build:wasm; an installed package carries it, so reinstall activation-lab$/);
});
