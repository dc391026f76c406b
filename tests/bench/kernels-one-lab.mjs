// The rectifier target of issue 15 (relu, leaky_relu, prelu forward at 1 Ki
// within 1.5x a copy), timed in a Node process of its own that loads one lab
// and nothing else, as a program using the library does.
//
// Why a process of its own: in the benchmark process two labs (SIMD and
// no-SIMD) and TF.js are loaded, and every kernel case reaches the prepared
// kernel's wrapper in web/lib/lab.js through one closure. That wrapper's call
// of the wasm export then sees two wasm functions (one per lab), and V8
// inlines a JS-to-wasm call only where a call site has seen one target: 10-18
// ns more per call, measured in one process on the same kernel (CPU time,
// interleaved, 1 December), a sixth of a 1 Ki relu. With one lab the call
// has one target and is inlined.
//
// What is compared is what kernels.mjs compares: lab.kernel(name).forwardInto
// on two heap buffers from lab.createBuffer, against Float32Array.prototype.set
// of the same input array (benchInput). Three differences in how it is timed:
//   - every case (each kernel, each copy) is called from a call site of its
//     own (ownCallSite), as in a program that calls one kernel in its loop;
//   - process CPU time (process.cpuUsage), every case sampled once per round,
//     median over the rounds, so other processes on this shared machine do not
//     enter the samples (wall-clock samples here varied up to 2x);
//   - the copy goes into COPY_DESTINATIONS arrays and the baseline is the
//     fastest of them: a destination that lands a multiple of 4 KiB from its
//     source (the low 12 address bits equal) makes every load wait on the
//     store before it (4K aliasing), 2-3x slower, which would flatter the
//     ratio. The fastest copy is the strict baseline.
//
//   node tests/bench/kernels-one-lab.mjs '{"names":["relu"],"n":1024,"rounds":15,"minSampleMs":20}'
// prints { n, rounds, clock, ns: { <name>: median }, copySet (the fastest
// destination's median), copySets (each destination's), quartiles: { <name>,
// copySet: [q1, q3] }, samples } as JSON; benchKernels runs it through
// measureOneLab().
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ONE_LAB_ACTIVATIONS = ['relu', 'leaky_relu', 'prelu'];
export const ONE_LAB_SIZE = 1024;
const COPY_DESTINATIONS = 4;

/**
 * Runs this file in a child Node process and returns its result.
 * @param {{ names: string[], n: number, rounds: number, minSampleMs: number }} options
 */
export async function measureOneLab(options) {
  const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)],
    { maxBuffer: 1 << 24 });
  return JSON.parse(stdout);
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

// ns per call of fn over `iterations` calls, on process CPU time.
function sampleCpu(fn, iterations) {
  const t0 = cpuMs();
  for (let i = 0; i < iterations; i++) fn();
  return ((cpuMs() - t0) * 1e6) / iterations;
}

// Smallest power-of-two iteration count lasting minSampleMs of CPU time (also warms the JIT).
function calibrateCpu(fn, minSampleMs) {
  for (let iterations = 1; ; iterations *= 2) {
    const t0 = cpuMs();
    for (let i = 0; i < iterations; i++) fn();
    if (cpuMs() - t0 >= minSampleMs || iterations >= 1 << 24) return iterations;
  }
}

// The q-quantile of v (0.5: the median), interpolated between order statistics.
const quantile = (v, q) => {
  const s = [...v].sort((a, b) => a - b);
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};
const median = (v) => quantile(v, 0.5);

// () => <call> over `bound`, compiled as a function of its own: each case gets
// its own call site, as in a program that calls one kernel (or one copy) in
// its loop. Closures made from one arrow in a loop would share one call site,
// which then sees every kernel's wrapper and inlines none (3-5 ns per call).
const ownCallSite = (call, bound) => new Function(...Object.keys(bound), `return () => ${call};`)(...Object.values(bound));

async function main({ names, n, rounds, minSampleMs }) {
  const { loadLab } = await import('activation-lab');
  const { benchInput } = await import('./kernels.mjs');
  const lab = await loadLab();
  const x = benchInput(n);
  const a = lab.createBuffer(n);
  const b = lab.createBuffer(n);
  a.view().set(x);
  const cases = [];
  for (const name of names) {
    const kernel = lab.kernel(name);
    // What is timed computes f(x): the same bits as the by-name call.
    kernel.forwardInto(a, b);
    const want = lab.forward(name, x);
    const got = b.view();
    for (let i = 0; i < n; i++) {
      if (!Object.is(got[i], want[i])) throw new Error(`${name}: forwardInto gave ${got[i]} at ${i}, lab.forward ${want[i]}`);
    }
    cases.push({ key: name, fn: ownCallSite('kernel.forwardInto(a, b)', { kernel, a, b }) });
  }
  for (let d = 0; d < COPY_DESTINATIONS; d++) {
    const dst = new Float32Array(n);
    cases.push({ key: `copySet${d}`, fn: ownCallSite('dst.set(x)', { dst, x }) });
  }
  for (const c of cases) c.iterations = calibrateCpu(c.fn, minSampleMs);
  const samples = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (let r = 0; r < rounds; r++) for (const c of cases) samples[c.key].push(sampleCpu(c.fn, c.iterations));
  const ns = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
  const copySets = cases.filter((c) => c.key.startsWith('copySet')).map((c) => median(samples[c.key]));
  const fastest = copySets.indexOf(Math.min(...copySets));
  // Spread: the quartiles of each case's samples (the copy: its fastest destination).
  const quartiles = Object.fromEntries([...names, `copySet${fastest}`].map((key) =>
    [key.startsWith('copySet') ? 'copySet' : key, [quantile(samples[key], 0.25), quantile(samples[key], 0.75)]]));
  a.delete();
  b.delete();
  return { n, rounds, clock: 'process CPU time', ns, copySet: copySets[fastest], copySets, quartiles, samples };
}

// No top-level await: main() imports kernels.mjs, which imports this module.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(JSON.parse(process.argv[2])).then((result) => process.stdout.write(JSON.stringify(result)), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
