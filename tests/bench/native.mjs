// Runs the native Google Benchmark binary (cpp/bench/, built by
// `npm run build:native` into build/native/alab_bench when libbenchmark-dev is
// installed) and returns its medians, keyed by benchmark name:
//   forward/<name>/<n>, derivative/<name>/<n>, copy/memcpy/<n>  -> ns per call
//   train/<net>, grid/<net>                                       -> ns per call
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function nativeBenchPath(root) {
  return process.env.ALAB_BENCH_NATIVE ?? path.join(root, 'build/native/alab_bench');
}

/** The C++ compiler CMake used for build/native, e.g. "GNU 12.2.0", or null. */
export function nativeCompiler(root) {
  try {
    const cache = readFileSync(path.join(root, 'build/native/CMakeCache.txt'), 'utf8');
    const cxx = cache.match(/^CMAKE_CXX_COMPILER:\w+=(.*)$/m)?.[1];
    if (!cxx) return null;
    return execFileSync(cxx, ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return null;
  }
}

/**
 * @param {{ root: string, repetitions: number, minTime: number, filter?: string }} o
 * @returns {null | { ns: Record<string, number>, context: object }} null when the binary is missing
 */
export function runNativeBench({ root, repetitions, minTime, filter }) {
  const bin = nativeBenchPath(root);
  if (!existsSync(bin)) return null;
  const args = ['--benchmark_format=json', `--benchmark_min_time=${minTime}`,
    `--benchmark_repetitions=${repetitions}`, '--benchmark_report_aggregates_only=true'];
  if (filter) args.push(`--benchmark_filter=${filter}`);
  const out = JSON.parse(execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const ns = {};
  for (const b of out.benchmarks) {
    if (b.aggregate_name !== 'median' && repetitions > 1) continue;
    const scale = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit];
    ns[b.run_name ?? b.name] = b.real_time * scale;
  }
  return { ns, context: out.context };
}
