// "What limits the missed targets": the notes of docs/benchmarks.md for the
// targets this run missed, with the run's own numbers filled in. The causes
// were found by profiling (see each note); each note says what was done and
// what lever is left.
const MI = 1 << 20;
const f = (v, d = 3) => (Number.isFinite(v) ? Number(v.toPrecision(d)).toString() : '—');

const NOTES = {
  'rectifier-vs-copy': (r) => {
    const k = r.kernels;
    const row = (n) => k.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === 1024);
    const relu = row('relu');
    const copy = k.limits.find((l) => l.n === 1024);
    const prepared = k.callOverhead.callOverheadModule;
    return `**relu / leaky_relu at 1 Ki vs a copy.** The timed path is a prepared kernel (\`lab.kernel('relu').forwardInto\`): name and parameters validated once, then one plain wasm export call with numbers only; its fixed cost is ${f(prepared)} ns (4 elements), against ${f(k.callOverhead.callOverhead)} ns through the by-name path with Embind strings. A 1 Ki relu call takes ${f(relu?.ns.simd)} ns in all; the same kernel natively takes ${f(relu?.ns.native)} ns, and the copy ${f(copy?.ns.copySet)} ns (\`Float32Array.set\`, a tuned memcpy). What is left is the kernel itself: one load, one \`f32x4.pmax\`, one store per 4 floats, not unrolled, against memcpy's wide unrolled moves. At 1 Mi, where memory bandwidth rules, the rectifiers are within a few per cent of the copy. Next lever: unroll the array drivers for the cheap kernels (tried natively for the expensive ones, where it did not help).`;
  },
  'smooth-vs-js': (r) => {
    const rows = ['sigmoid', 'elu', 'gelu', 'silu'].map((n) => r.kernels.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === MI)).filter(Boolean);
    return `**10× the plain JS loop.** V8 compiles the JS loops to good scalar code (\`Math.exp\` is an inlined fdlibm port), so the JS baseline runs at ${rows.map((x) => `${x.name} ${f(x.ns.js / x.n)}`).join(', ')} ns/element. Our kernels pay for a promise the JS loops do not make: forward within 4 ULP of the double-precision result over the whole float range, exact limits, NaN canonicalised, and the same bits natively and in wasm. sigmoid, silu and elu already use the cheaper \`vm::exp_fast\` (≤ 2 ULP, no double-float reduction); they still divide (f32x4.div has no cheap exact substitute), and gelu evaluates Φ with two divisions (~110 ops per 4 lanes). With 4 lanes, 10× over a scalar loop allows each lane at most 2.5× fewer operations' time than V8's scalar code spends; tanh (one expm1, one division) meets it.`;
  },
  'smooth-vs-tfjs': (r) => {
    const rows = ['sigmoid', 'elu', 'silu'].map((n) => r.kernels.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === MI)).filter(Boolean);
    return `**As fast as TF.js wasm per element.** TF.js's single-op sigmoid and elu are XNNPACK micro-kernels (\`f32_vsigmoid__wasmsimd_rr2_p5_div\`, \`f32_velu__wasmsimd_rr2_p6\`): a two-constant range reduction, a degree-5/6 polynomial, one 2^n scale without gradual underflow, unrolled by 16-24 elements. Here: ${rows.map((x) => `${x.name} ours ${f(x.ns.simd / x.n)} vs TF.js wasm ${f(x.ns.tfWasm / x.n)} ns/element`).join('; ')}. tanh, gelu, mish and softplus beat TF.js (where it composes several ops). Closing the gap means an XNNPACK-style exp (fewer ops, gradual underflow given up — the 1e-7 absolute tolerance allows it); it changes bits, so it needs the accuracy suite, both fixtures and the bit-identity tests re-run.`;
  },
  'wasm-vs-native-1048576': () => '**wasm vs native at 1 Mi.** The few rows above 2× are cheap kernels whose time is memory traffic plus noise on this shared 2-core machine; native is g++ -O3 for baseline x86-64 (SSE2).',
  'wasm-vs-native-1024': (r) => `**wasm vs native at 1 Ki.** The wasm column includes one JS→wasm call per array (a prepared kernel: ${f(r.kernels.callOverhead.callOverheadModule)} ns on 4 elements); native calls the kernel directly. For the cheapest kernels (identity, relu) that call is a large share of a 1 Ki array; every kernel with real arithmetic is within 2×.`,
  'train-playground': (r) => {
    const row = r.training.rows.find((x) => x.network === 'playground');
    const s = (i) => row?.train[i]?.samplesPerSecond;
    return `**Training the Playground network 20× faster than Playground-style JS.** ours ${f(s('ours'))} samples/s, native ${f(s('native'))}, Playground-style JS ${f(s('playground'))}: ours is ${f(s('ours') / s('playground'))}× and native C++ ${f(s('native') / s('playground'))}×, so the limit is the work per step (7 layers of 8 units, batch 10), not wasm. Done so far (each verified bit-identical or with regenerated fixtures): the backward pass takes f' from the stored output where it is cheap (tanh 1 − a², sigmoid a(1 − a), rectifiers, elu/selu); register-blocked matrix kernels; weight gradients summed with vertical adds; gradient norms only when reported; one masked store per padded row; \`train(n, { report: false })\` returns five numbers instead of a JSON report. Remaining levers: a layout without the 2 padding columns of batch 10 (about 17 % of the activation work), fusing bias and activation into the matrix kernel, a cheaper tanh polynomial.`;
  },
  'train-wide': () => '**Wide network vs TF.js wasm.** See the training table.',
  'wasm-size': (r) => {
    const w = r.size.wasm.find((x) => x.file.endsWith('activation_lab.wasm'));
    return `**wasm size.** ${f(w.bytes / 1000)} KB raw, ${f(w.gzip / 1000)} KB gzip, almost all code. The module carries the activation kernels (each a template instantiated for forward, derivative, backward and derivative-from-output), the trainer, the graph-convolution lab, validated JSON input and output (nlohmann::json, header-only templates instantiated per use), Embind and C++ exceptions (\`invoke_*\` trampolines). Measured levers: no iostreams (−15 KB gzip), the glue code (JSON, validation, bindings) at -Oz while kernels stay at -O3 (−15 KB gzip); everything at -Oz saves only 15 % more and slows the kernels. Reaching 60 KB would mean dropping nlohmann::json for a hand-written reader/writer of the few flat objects exchanged and building without exceptions — a trade against well-kept code we chose not to make yet.`;
  },
  'first-chart': (r) => `**First chart under 1 s.** Cold ${f(r.startup.cold.firstChartMs, 4)} ms, warm ${f(r.startup.warm.firstChartMs, 4)} ms, measured while other jobs loaded this 2-core machine.`,
};

export function analysis(results) {
  const missed = results.targets.filter((t) => t.checks.length && !t.met);
  if (!missed.length) return 'Every measured target is met in this run.';
  const out = ['## What limits the missed targets', ''];
  const load = results.environment.loadAverage;
  if (load && load[0] > results.environment.cores / 2) {
    out.push(`> **Caution:** the 1-minute load average was ${load[0].toFixed(1)} on ${results.environment.cores} cores when this run started: other processes competed for the CPU, so absolute times are inflated and noisy (ratios within one round are less affected). Rerun \`npm run bench\` on an idle machine for publishable numbers.`, '');
  }
  for (const t of missed) {
    const note = NOTES[t.id];
    out.push(note ? note(results) : `**${t.text}**: not analysed.`, '');
  }
  return out.join('\n');
}
