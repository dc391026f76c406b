// Timing primitives shared by every benchmark: calibrate a loop to a minimum
// sample duration, take samples, report medians. All times are nanoseconds.
import { performance } from 'node:perf_hooks';

/** Median of a non-empty array of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Smallest power-of-two iteration count whose run of `fn` lasts at least
 * minSampleMs (at least one call). Also warms the JIT.
 */
export function calibrate(fn, minSampleMs) {
  for (let iterations = 1; ; iterations *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    const ms = performance.now() - t0;
    if (ms >= minSampleMs || iterations >= 1 << 24) return iterations;
  }
}

/** Nanoseconds per call of `fn`, over `iterations` back-to-back calls. */
export function sample(fn, iterations) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - t0) * 1e6) / iterations;
}

/**
 * Times a set of named cases in rounds: every round samples every case once
 * (so slow drift of the machine hits all cases alike), `repetitions` rounds,
 * median per case. A case is { key, fn, enter? }: enter() (async) runs
 * before a case whose `group` differs from the previous one (e.g. switching
 * a TF.js backend). Returns Map key -> { ns, samples, iterations }.
 */
export async function timeCases(cases, { repetitions, minSampleMs, onProgress }) {
  const iterations = new Map();
  const samples = new Map(cases.map((c) => [c.key, []]));
  let group;
  const enter = async (c) => {
    if (c.group !== group) {
      group = c.group;
      await c.enter?.();
    }
  };
  for (const c of cases) {
    await enter(c);
    iterations.set(c.key, calibrate(c.fn, minSampleMs));
  }
  for (let r = 0; r < repetitions; r++) {
    for (const c of cases) {
      await enter(c);
      samples.get(c.key).push(sample(c.fn, iterations.get(c.key)));
    }
    onProgress?.(r + 1, repetitions);
  }
  const out = new Map();
  for (const c of cases) {
    const s = samples.get(c.key);
    out.set(c.key, { ns: median(s), samples: s, iterations: iterations.get(c.key) });
  }
  return out;
}
