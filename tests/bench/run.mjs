// `npm run bench`: the whole benchmark suite in one Node process — kernels,
// training, decision boundary (ours, the same C++ without SIMD, plain JS, a
// Playground-style network, TF.js wasm and cpu, copies as the memory-bound
// limit), the native Google Benchmark for the wasm/native ratio, download
// sizes and start-up in headless Chromium. Writes docs/benchmarks.md and
// docs/benchmarks.json.
//
//   node tests/bench/run.mjs [--quick] [--repetitions N] [--min-sample-ms N]
//                            [--only kernels,training,native,size,startup,page]
//                            [--activations relu,gelu] [--out-dir docs]
// --quick: 3 rounds of 5 ms samples (a rough look in ~1 minute).
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadLab } from 'activation-lab';

import { root } from '../../scripts/build.mjs';
import { environment } from './environment.mjs';
import { countOps } from './count-ops.mjs';
import { benchKernels } from './kernels.mjs';
import { runNativeBench } from './native.mjs';
import { writeReport } from './report.mjs';
import { buildSite, measureSizes } from './size.mjs';
import { measureStartup } from './startup.mjs';
import { measurePageFps } from './page-fps.mjs';
import { evaluateTargets } from './targets.mjs';
import { loadTf } from './tfjs.mjs';
import { benchTraining } from './training.mjs';

const PARTS = ['kernels', 'training', 'native', 'size', 'startup', 'page'];
export const SIZES = [1024, 1 << 20];

/**
 * Runs the selected parts and returns the results object (see report.mjs).
 * Used by this script and by the smoke test (tiny sizes, one repetition).
 */
export async function runBenchmarks({
  repetitions = 5, minSampleMs = 20, sizes = SIZES, parts = PARTS, activations, networks,
  nativeRepetitions = 3, nativeMinTime = 0.05, startupRepetitions = 3, ops = false, log = () => {},
} = {}) {
  const started = Date.now();
  const lab = await loadLab();
  const scalarLab = await loadLab({ simd: false });
  const tfjs = await loadTf();
  if (tfjs) tfjs.tf.enableProdMode();  // TF.js at its fastest: no debug checks
  else log('TF.js not installed: no TF.js columns (npm install)');
  const results = { environment: environment(root, tfjs), settings: { repetitions, minSampleMs, sizes } };

  const lap = (part) => log(`${part}: done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (parts.includes('kernels')) {
    results.kernels = await benchKernels({ lab, scalarLab, tfjs, sizes, repetitions, minSampleMs, names: activations, log });
    if (ops) try {
      results.kernels.ops = countOps();  // SIMD instructions per element (roofline column)
    } catch (error) {
      log(`kernels: no op counts (${error.message.split('\n')[0]}): em++ and llvm-objdump are needed`);
    }
    lap('kernels');
  }
  if (parts.includes('training')) {
    const t = await benchTraining({ lab, tfjs, repetitions, minSampleMs: Math.max(minSampleMs, 50), networks, log });
    for (const r of t.rows) for (const v of Object.values(r.train)) v.samplesPerSecond = v.samples / (v.ns * 1e-9);
    results.training = t;
    lap('training');
  }
  if (parts.includes('native')) {
    log('native: build/native/alab_bench');
    const native = runNativeBench({ root, repetitions: nativeRepetitions, minTime: nativeMinTime });
    if (!native) log('native: build/native/alab_bench not found (npm run build:native with libbenchmark-dev): no native column');
    else {
      results.nativeContext = native.context;
      for (const r of results.kernels?.rows ?? []) r.ns.native = native.ns[`${r.kind}/${r.name}/${r.n}`];
      for (const l of results.kernels?.limits ?? []) l.ns.nativeMemcpy = native.ns[`copy/memcpy/${l.n}`];
      for (const r of results.training?.rows ?? []) {
        const key = Object.keys(native.ns).find((k) => k.startsWith(`train/${r.network}_`));
        if (key) r.train.native = { ns: native.ns[key], samples: r.batchSize, samplesPerSecond: r.batchSize / (native.ns[key] * 1e-9) };
        const grid = Object.keys(native.ns).find((k) => k.startsWith(`grid/${r.network}_`));
        if (grid) r.grid.native = native.ns[grid];
      }
    }
  }
  if (parts.includes('size')) {
    const site = await buildSite(root);
    try {
      results.size = measureSizes(root, site.dir);
    } finally {
      site.remove();
    }
  }
  if (parts.includes('startup')) {
    log('startup: headless Chromium');
    results.startup = await measureStartup({ repetitions: startupRepetitions, log });
    lap('startup');
  }
  if (parts.includes('page')) {
    log('page: frame rate in headless Chromium while training with unit images');
    results.page = await measurePageFps({ log });
    lap('page');
  }
  results.targets = evaluateTargets(results);
  results.seconds = (Date.now() - started) / 1000;
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      repetitions: { type: 'string' },
      'min-sample-ms': { type: 'string' },
      only: { type: 'string' },
      activations: { type: 'string' },
      'out-dir': { type: 'string', default: path.join(root, 'docs') },
    },
  });
  const parts = values.only ? values.only.split(',') : PARTS;
  for (const p of parts) if (!PARTS.includes(p)) throw new RangeError(`--only: unknown part "${p}"; allowed: ${PARTS.join(', ')}`);
  const results = await runBenchmarks({
    repetitions: Number(values.repetitions ?? (values.quick ? 3 : 5)),
    minSampleMs: Number(values['min-sample-ms'] ?? (values.quick ? 5 : 20)),
    parts,
    activations: values.activations?.split(','),
    ops: true,
    log: (m) => console.error(m),
  });
  const out = values['out-dir'];
  writeReport(results, { markdownPath: path.join(out, 'benchmarks.md'), jsonPath: path.join(out, 'benchmarks.json') });
  console.log(`wrote ${path.relative(process.cwd(), path.join(out, 'benchmarks.md'))} and benchmarks.json in ${results.seconds.toFixed(0)} s`);
  for (const t of results.targets) console.log(`${t.met ? 'met   ' : t.checks.length ? 'MISSED' : 'n/a   '} ${t.text}`);
}
