// The machine and tool versions a benchmark run is reported with.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { emscriptenEnv } from '../../scripts/build.mjs';
import { nativeCompiler } from './native.mjs';

const firstLine = (cmd, args, env) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return null;
  }
};

export function environment(root, tfjs) {
  const cpus = os.cpus();
  let modelName = cpus[0]?.model ?? 'unknown';
  try {
    // os.cpus() can be empty in containers; /proc/cpuinfo is the fallback.
    modelName = modelName === 'unknown' ? readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)[1] : modelName;
  } catch { /* keep unknown */ }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return {
    date: new Date().toISOString(),
    cpu: modelName,
    cores: cpus.length,
    loadAverage: os.loadavg(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    emcc: firstLine('emcc', ['--version'], emscriptenEnv())?.replace(/^emcc \(.*?\) /, '') ?? null,
    nativeCompiler: nativeCompiler(root),
    tfjs: tfjs ? `${tfjs.version} (wasm backend: SIMD ${tfjs.wasmSimd ? 'on' : 'off'}, threads ${tfjs.wasmThreads ? 'on' : 'off'})` : null,
    lab: pkg.version,
  };
}
