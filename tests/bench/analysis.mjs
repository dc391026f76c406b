// "What limits the missed targets": the notes of docs/benchmarks.md for the
// targets this run missed, with the run's own numbers filled in. The causes
// were found by profiling (see each note); each note says what was done and
// what lever is left.
const MI = 1 << 20;
const f = (v, d = 3) => (Number.isFinite(v) ? Number(v.toPrecision(d)).toString() : '—');

const NOTES = {
  'rectifier-vs-copy': (r) => {
    const k = r.kernels;
    const o = k.oneLab;
    const row = (n) => k.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === 1024);
    const copy = k.limits.find((l) => l.n === 1024);
    const prepared = k.callOverhead.callOverheadModule;
    const measured = o
      ? `In the process with one lab a 1 Ki call takes ${Object.entries(o.ns).map(([n, ns]) => `${n} ${f(ns)}`).join(', ')} ns against the copy's ${f(o.copySet)} ns`
      : `A 1 Ki call takes relu ${f(row('relu')?.ns.simd)}, leaky_relu ${f(row('leaky_relu')?.ns.simd)}, prelu ${f(row('prelu')?.ns.simd)} ns against the copy's ${f(copy?.ns.copySet)} ns`;
    return `**relu / leaky_relu / prelu at 1 Ki vs a copy.** ${measured}. Where a call goes (profiled on 1 December, CPU time, one lab): about 10 ns is V8's JS-to-wasm call itself (an empty export with the same four arguments costs 7–10 ns; the prepared kernel's fixed cost here is ${f(prepared)} ns on 4 elements, wrapper checks included); the rest is the main loop, 8 loads, 8 \`pmax\` (or \`mul\` + \`pmax\`) and 8 stores per 32 floats, 32 iterations, no branch but the loop's own. Its floor is the stores: wasm has only 16-byte stores, and this CPU retires about one a cycle (a store-only v128 loop over 1 Ki takes 60–65 ns, the 4-way copy loop ${f(copy?.ns.copyWasmLoop)} ns with its call), while \`Float32Array.set\` moves 32 bytes at a time. So 256 stores plus one call put a wasm kernel at 1.3–1.4× the copy at best: relu is there, leaky_relu and prelu take 4–5 ns more per 1 Ki than relu in the same loop shape: any second vector op beside the \`pmax\` costs that (an \`add\` in the \`mul\`'s place measured the same, a \`mul\` alone as relu), and max(x, αx) has no one-op form; choosing their slope form once per handle instead of per call changed nothing. Tried and not kept, none measured faster in paired runs: a direct instead of an indirect call of the kernel (9.3 vs 9.6 ns at n = 0), noexcept kernel pointers (no terminate handler around the call), buffer fields read straight from the buffer in the wrapper (two loads fewer), 4 or 16 vectors per iteration instead of 8 (no faster).`;
  },
  'smooth-vs-js': (r) => {
    const rows = ['sigmoid', 'elu', 'gelu', 'silu'].map((n) => r.kernels.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === MI)).filter(Boolean);
    return `**10× the plain JS loop.** V8 compiles the JS loops to good scalar code (\`Math.exp\` is an inlined fdlibm port), so the JS baseline runs at ${rows.map((x) => `${x.name} ${f(x.ns.js / x.n)}`).join(', ')} ns/element. Our kernels pay for a promise the JS loops do not make: forward within 4 ULP of the double-precision result over the whole float range, exact limits, NaN canonicalised, and the same bits natively and in wasm. sigmoid, silu, elu and selu now use the XNNPACK-style exponentials (rr2_p5 / rr2_p6, about 20 ops per 4 lanes); gelu evaluates Φ with two divisions (~40 SIMD ops per element, see ops/elem), which keeps it near 3.5× the JS loop.`;
  },
  'smooth-vs-tfjs': (r) => {
    const rows = r.kernels.rows.filter((x) => x.kind === 'forward' && x.n === MI && x.ns.tfWasm && x.ns.tfWasm < x.ns.simd);
    return `**As fast as TF.js wasm per element.** sigmoid is now XNNPACK's algorithm (\`rr2_p5_div\`: magic-bias rounding whose low bits are 2^n, a two-constant reduction, a degree-5 polynomial, one division, flush below FLT_MIN, 16 elements per iteration); silu uses the degree-6 polynomial (p5 gave silu 4.6 ULP), elu/selu \`rr2_p6\`. Against XNNPACK ours keeps 2 extra ops per vector for canonical NaNs (bit identity across engines). Still behind in this run: ${rows.map((x) => `${x.name} ours ${f(x.ns.simd / x.n)} vs TF.js wasm ${f(x.ns.tfWasm / x.n)} ns/element`).join('; ') || 'none'}.`;
  },
  'wasm-vs-native-1048576': () => '**wasm vs native at 1 Mi.** The few rows above 2× are cheap kernels whose time is memory traffic plus noise on this shared 2-core machine; native is g++ -O3 for baseline x86-64 (SSE2).',
  'wasm-vs-native-1024': (r) => `**wasm vs native at 1 Ki.** The wasm column includes one JS→wasm call per array (a prepared kernel: ${f(r.kernels.callOverhead.callOverheadModule)} ns on 4 elements); native calls the kernel directly. For the cheapest kernels (identity, relu) that call is a large share of a 1 Ki array; every kernel with real arithmetic is within 2×.`,
  'train-playground': (r) => {
    const row = r.training.rows.find((x) => x.network === 'playground');
    const s = (i) => row?.train[i]?.samplesPerSecond;
    return `**Training the Playground network 25× faster than Playground-style JS.** ours ${f(s('ours'))} samples/s at 45 steps per call (${f(s('ours450'))} at 450), native ${f(s('native'))}, Playground-style JS ${f(s('playground'))}: ours is ${f(s('ours') / s('playground'))}× and native C++ ${f(s('native') / s('playground'))}×, so the limit is the work per step (7 layers of 8 units, batch 10), not wasm and not the call: \`train(n, { report: false })\` costs about 1.5–2.5 µs per call beyond its steps. Done: 16-byte aligned model blocks, packed batch rows (no padding columns), one optimizer pass that also fills the divergence snapshot. Remaining levers: bias and activation fused into the matrix kernel, a cheaper tanh polynomial (tanh is about a quarter of a step; it would change bits).`;
  },
  'train-call-cost': () => '**Cost of one train call.** See the training table ("call cost").',
  'train-wide': (r) => {
    const row = r.training.rows.find((x) => x.network === 'wide');
    const s = (i) => row?.train[i]?.samplesPerSecond;
    return `**Wide network vs TF.js wasm.** ours ${f(s('ours'))} samples/s, TF.js wasm ${f(s('tfWasm'))}, native ${f(s('native'))}: ${f(s('ours') / s('tfWasm'))}×. The work is three 64×64 matrix products per step forward and two backward; native C++ is ${f(s('native') / s('tfWasm'))}× TF.js, so 20× needs faster matrix kernels (the levers above), not less call overhead.`;
  },
  'wasm-size': (r) => {
    const w = r.size.wasm.find((x) => x.file.endsWith('activation_lab.wasm'));
    return `**wasm size.** ${f(w.bytes / 1000)} KB raw, ${f(w.gzip / 1000)} KB gzip, almost all code. Done: no iostreams, no JSON library (configs and results cross as JS objects, the network file is read in JS), WebAssembly exceptions instead of JS-emulated ones, one shared catch for every binding, emmalloc, Embind without RTTI, the glue and the run-once code (init, checkpoints, graphs) at -Oz, link-time optimisation. Where the rest goes (\`--profiling-funcs\`, each group's function bodies gzipped on their own, on 1 December): kernels — forward, derivative and backward drivers of 15 activations — 19 KB; the API with its schema, validation and messages 29 KB; the trainer 24 KB; libc++ 10 KB; Embind's runtime 10 KB and registrations 8 KB; the graph lab 10 KB; the data section (schema docs, formulas) about 10 KB. libc's printf and strtod (14 KB) are gone: decimals are ours (cpp/core/decimal.h, exact big-integer digits with printf's half-even rounding and strtod's correct rounding, checked against glibc on 2.4 M floats and 50 k doubles), Embind's one \`sprintf("%p")\` is served by a small siprintf of ours, and fewer sort instantiations remain (−13.9 KB gzip in all on 1 December). Kernels and trainer alone are 43 KB, so 60 KB would need all of: the graph lab in a second module loaded on demand, the schema's docs and message building moved to JS, a plain pointer-and-number ABI instead of Embind, and one kernel driver for derivative and backward — which would still land near 60–70 KB.`;
  },
  'forward-vs-kernel': (r) => {
    const k = r.kernels;
    const row = (kind) => k.rows.find((x) => x.name === 'sigmoid' && x.kind === kind && x.n === MI);
    const fresh = k.limits.find((l) => l.n === MI)?.ns.copySlice;
    const ms = (ns) => f(ns / 1e6);
    const trip = (kind) => f(row(kind)?.ns.heapTrip / row(kind)?.ns.simd);
    return `**lab.forward / lab.derivative at 1 Mi.** forward ${ms(row('forward')?.ns.call)} ms, derivative ${ms(row('derivative')?.ns.call)} ms, against the prepared kernel's ${ms(row('forward')?.ns.simd)} / ${ms(row('derivative')?.ns.simd)} ms. The call validates as before, makes a kernel handle, copies the input into a kept 64 KiB heap buffer, runs the kernel in place and copies out, 16 Ki floats at a time while they are in cache (web/lib/lab.js). The target cannot be met by this call, and the two floors in the table above say why. (1) The copies: a call on a plain Float32Array has to move its 4 MB into the heap and 4 MB of result out; that path alone, into an output array made once and reused and without any validation, is ${trip('forward')}× / ${trip('derivative')}× the kernel in this run ("through the heap"; 1.45–1.52× for forward in CPU-time samples of 16 Ki–64 Ki-float chunks, 30 interleaved rounds, 1 December), above 1.3× before the call has done anything of its own. (2) The new array: the call returns a fresh 4 MB array, and a fresh \`x.slice()\` of 1 Mi floats takes ${ms(fresh)} ms here (its pages are faulted in on first write), about as long as the kernel itself; no other way of allocating it (new array then set, ArrayBuffer.prototype.slice of the heap) measured cheaper, and the prepared kernel, writing into a buffer it reuses, never pays it. (The call minus that floor: ${f((row('forward')?.ns.call - fresh) / row('forward')?.ns.simd)}× / ${f((row('derivative')?.ns.call - fresh) / row('derivative')?.ns.simd)}× the kernel.) For repeated calls use \`lab.kernel(name)\` on buffers from \`lab.createBuffer\`.`;
  },
  'report-cost': (r) => {
    const row = r.training.rows.find((x) => x.network === 'playground');
    return `**The report's cost.** \`net.train(45)\` with its default report ${f(row?.reportCost?.usWithReport ?? row?.train.oursReport?.ns / 1e3)} µs per call against ${f(row?.reportCost?.usWithout ?? row?.train.ours?.ns / 1e3)} µs with \`{ report: false }\` (CPU time, interleaved pairs on one network). The report itself went from about 500 µs to about 100 µs over issue 14 (exact radix selection for the percentiles, every wanted bucket gathered in one vector pass; a vector pass for the per-layer statistics with double sums in sample order; the diagnostics reusing the evaluation's forward passes and keeping their storage from report to report; firing-region sums shared while a unit fires on every sample; one Float64Array across the boundary, unpacked in web/lib/report-unpack.js), while the training it is compared with got 1.5× faster. What remains, measured in wasm per report (CPU time, 1 December): the statistics pass ~33 µs (about 25 instructions per value), f′ on the ~12 000 diagnostic values ~20 µs (its bits are the report's: tanh′ as 1 − y² would change them), the evaluation forward pass ~21 µs, the percentile selection ~23 µs, unpacking in JS ~1 µs; inside \`train(45)\` the report costs about 20 µs more than alone (\`train(0)\`), not yet explained (cache or the result's garbage). The ratio sits at 1.9–2.4× from run to run, right at the target.`;
  },
  'first-chart-cold': (r) => `**First chart cold under 0.5 s.** Cold ${f(r.startup.cold.firstChartMs, 4)} ms (warm ${f(r.startup.warm.firstChartMs, 4)} ms). The path to it: the entry script (async, so the worker starts as soon as it arrives; the build adds modulepreload links for the rest of the page's chunks, fetched meanwhile), the worker's own JS and module, the worker's setup (dataset, network, first report, decision surface and unit images), then the trainer's charts (Chart.js) on the page. The page sends that setup before it loads a lab of its own: it reads the URL with the catalogue and the schema the build writes as JS (catalogue.js, schema.js), and loads its own module afterwards, or at once for a view that needs it (explorer, graph). The page's own module now loads only once that first setup is back (or a view needs it, or the worker dies): in a traced cold load its fetch and compile had run at 481–560 ms, on top of the worker's setup at 475–570 ms, whose lazy wasm compiles took ~70 ms of wall time at 0.1–0.5 ms of thread time each, waiting for a core. What the trace says is left: the worker starts at ~290 ms, after the entry's chunks are handled on a main thread busy with the first style and layout; its script, module compile and instantiation take ~165 ms; its setup ~95 ms; the page's charts ~50 ms. This benchmark's poll reads pixels only after the page's first 2-D draw call (an init script flags it): its getImageData of every canvas on every frame had cost ~30 ms of main-thread CPU before the first chart, on the path it measures. On this shared 2-core machine the cold figure moves with the load: 0.49–0.65 s over runs of one tree at load 1, 0.8–1.1 s at load 6–9.`,
  'first-chart': (r) => `**First chart under 1 s.** Cold ${f(r.startup.cold.firstChartMs, 4)} ms, warm ${f(r.startup.warm.firstChartMs, 4)} ms, measured while other jobs loaded this 2-core machine.`,
};

// How the rectifier target is timed (kernels-one-lab.mjs), printed met or not:
// it is the one target measured outside the benchmark's process.
function rectifierMethod(results) {
  const o = results.kernels?.oneLab;
  if (!o) return null;
  const copy = results.kernels.limits.find((l) => l.n === o.n);
  const inProcess = Object.keys(o.ns).map((name) => {
    const row = results.kernels.rows.find((x) => x.name === name && x.kind === 'forward' && x.n === o.n);
    return `${name} ${f(row?.ns.simd / copy?.ns.copySet)}×`;
  });
  const q = (key) => `${f(o.quartiles[key][0])}–${f(o.quartiles[key][1])}`;
  return `**How the rectifier target is timed.** The relu / leaky_relu / prelu rows of that target are timed again in a Node process of its own that loads one lab and nothing else (\`tests/bench/kernels-one-lab.mjs\`), as a program using the library does. What is compared is unchanged: \`lab.kernel(name).forwardInto\` on two heap buffers against \`Float32Array.prototype.set\` of the same input array. In this process two labs (SIMD and no-SIMD) and TF.js are loaded, and the prepared kernel's wrapper in \`web/lib/lab.js\` calls both labs' wasm export from one call site; V8 inlines a JS-to-wasm call only where the call site has seen one target, so here it does not: 10–18 ns more per 1 Ki call (the benchmark's own closures against a fresh one in the same process, CPU time, 1 December). In the child every case, each kernel and each copy, is called from a call site of its own, as in a program that calls one kernel in its loop (closures made from one arrow in a loop share one call site, which then sees every kernel's wrapper and inlines none: 3–5 ns more per call). It times on process CPU time (other processes on this shared machine do not enter its samples), ${o.rounds} interleaved rounds, medians; its copy goes into ${o.copySets.length} destination arrays and the baseline is the fastest (a destination 4 KiB-aliased with its source, low 12 address bits equal, copies 2–3× slower, which would flatter the ratio: ${o.copySets.map((v) => f(v)).join(', ')} ns here). Quartiles of its samples: ${Object.keys(o.ns).map((name) => `${name} ${q(name)}`).join(', ')}, copy ${q('copySet')} ns. The kernel tables above keep this process's numbers (1 Ki forward vs copy: ${inProcess.join(', ')}).`;
}

export function analysis(results) {
  const missed = results.targets.filter((t) => t.checks.length && !t.met);
  const method = rectifierMethod(results);
  if (!missed.length) return ['Every measured target is met in this run.', method].filter(Boolean).join('\n\n');
  const out = ['## What limits the missed targets', ''];
  const load = results.environment.loadAverage;
  if (load && load[0] > results.environment.cores / 2) {
    out.push(`> **Caution:** the 1-minute load average was ${load[0].toFixed(1)} on ${results.environment.cores} cores when this run started: other processes competed for the CPU, so absolute times are inflated and noisy (ratios within one round are less affected). Rerun \`npm run bench\` on an idle machine for publishable numbers.`, '');
  }
  for (const t of missed) {
    const note = NOTES[t.id];
    out.push(note ? note(results) : `**${t.text}**: not analysed.`, '');
  }
  if (method) out.push(method, '');
  return out.join('\n');
}
