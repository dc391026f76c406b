// The bootstrap checks only what a command needs, finds Emscripten on PATH
// (as emsdk users have it), and without root/apt prints the exact packages
// and the emsdk route, then stops.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/bootstrap.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'alab-bootstrap-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A PATH with node and nothing else (no compilers, no Emscripten, no Chromium).
const bare = path.join(dir, 'bare');
mkdirSync(bare);
symlinkSync(process.execPath, path.join(bare, 'node'));
// An emsdk-like folder: em++ and emcmake, nowhere near /usr/bin.
const emsdk = path.join(dir, 'emsdk', 'upstream', 'emscripten');
mkdirSync(emsdk, { recursive: true });
for (const tool of ['em++', 'emcmake']) {
  writeFileSync(path.join(emsdk, tool), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(emsdk, tool), 0o755);
}

/** Missing packages for `tasks` with this PATH, computed in a child process. */
function missing(tasks, PATH) {
  const code = `const m = await import(${JSON.stringify(new URL('../../scripts/bootstrap.mjs', import.meta.url).href)});
    console.log(JSON.stringify(m.missingSystemPackages(${JSON.stringify(tasks)}).map((p) => p.pkg)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: { PATH, CHROMIUM_PATH: path.join(dir, 'none') }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('each command checks only what it needs: build:wasm no Chromium or GoogleTest, npm start no GoogleTest', () => {
  const wasm = missing(['wasm'], bare);
  assert.ok(wasm.includes('emscripten') && wasm.includes('cmake'), `wasm needs Emscripten and CMake: ${wasm}`);
  for (const pkg of ['chromium', 'libgtest-dev', 'clang', 'g++', 'libbenchmark-dev']) assert.ok(!wasm.includes(pkg), `wasm does not need ${pkg}`);
  const native = missing(['native'], bare);
  assert.ok(native.includes('g++') && native.includes('cmake'));
  for (const pkg of ['chromium', 'emscripten', 'clang']) assert.ok(!native.includes(pkg), `native does not need ${pkg}`);
  const everything = missing(['native', 'wasm', 'fuzz', 'sanitize', 'bench', 'browser'], bare);
  for (const pkg of ['chromium', 'emscripten', 'clang', 'g++', 'cmake']) assert.ok(everything.includes(pkg), `npm test needs ${pkg}`);
});

test('Emscripten is found on PATH (emsdk), not only in /usr/bin', () => {
  assert.ok(missing(['wasm'], bare).includes('emscripten'));
  assert.ok(!missing(['wasm'], `${emsdk}${path.delimiter}${bare}`).includes('emscripten'), 'em++ and emcmake on PATH count');
});

test('without apt: prints the exact packages and the emsdk route, then stops with exit 1', () => {
  const r = spawnSync(process.execPath, [script, 'wasm'], { env: { PATH: bare, ALAB_NO_APT: '1' }, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^bootstrap: missing system packages:\n/);
  assert.match(r.stderr, /^ {2}emscripten +WebAssembly build/m);
  assert.match(r.stderr, /apt-get install -y [a-z0-9+ -]*\bemscripten\b|Install the equivalents/);
  assert.match(r.stderr, /emsdk install latest && \.\/emsdk activate latest\n {2}source \.\/emsdk_env\.sh/);
  assert.doesNotMatch(r.stderr, /chromium|libgtest/, 'build:wasm does not ask for Chromium or GoogleTest');
  assert.equal(r.stdout, '');
  const bad = spawnSync(process.execPath, [script, 'everything'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown task everything; allowed: native, wasm/);
});

test('the message names Homebrew formulas where brew is the package manager, Debian packages where apt is', async () => {
  const { SYSTEM_PACKAGES, missingMessage } = await import('../../scripts/bootstrap.mjs');
  const pick = (...names) => SYSTEM_PACKAGES.filter((p) => names.includes(p.pkg));
  const brew = missingMessage(pick('cmake', 'emscripten', 'libsimde-dev', 'chromium'), { debian: false, brew: true });
  assert.match(brew, /^ {2}brew install cmake emscripten simde$/m);
  assert.match(brew, /^ {2}brew install --cask chromium$/m);
  assert.match(brew, /emsdk install latest/);
  const apt = missingMessage(pick('libgtest-dev', 'chromium'), { debian: true, brew: false });
  assert.match(apt, /^ {2}sudo apt-get install -y libgtest-dev chromium$/m);
  assert.doesNotMatch(apt, /emsdk/, 'the emsdk route only when Emscripten is missing');
});
