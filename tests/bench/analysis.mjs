// "What limits the missed targets": the notes of docs/benchmarks.md for the
// targets this run missed, with the run's own numbers filled in. The causes
// were found by profiling (see each note); the proposed changes are in files
// owned by the kernel and trainer code, not by the benchmark.
const MI = 1 << 20;
const f = (v, d = 3) => (Number.isFinite(v) ? Number(v.toPrecision(d)).toString() : '—');

const NOTES = {
  'rectifier-vs-copy': (r) => {
    const k = r.kernels;
    const relu = k.rows.find((x) => x.name === 'relu' && x.kind === 'forward' && x.n === 1024)?.ns.simd;
    const copy = k.limits.find((l) => l.n === 1024);
    const call = k.callOverhead.callOverhead;
    return `**relu / leaky_relu at 1 Ki vs a copy.** A 1 Ki relu call takes ${f(relu)} ns, of which about ${f(call)} ns is the fixed cost of one lab call (measured on 4 elements): the façade's checks, two \`std::string\` arguments marshalled by Embind (name and params JSON), the registry lookup by name and the params JSON parse. The copy it is compared with costs ${f(copy?.ns.copySet)} ns (\`Float32Array.set\`), ${f(copy?.ns.copyWasm)} ns (\`memory.copy\`); a bare JS→wasm export call costs about 20 ns. The kernel itself is memory-bound at 1 Mi (relu ≈ the copy there). Fix (bindings and façade, not the kernels): a copy-free entry point without strings — a plain exported C function \`alab_apply(kind, activation index, x ptr, y ptr, n, alpha, lower, upper, training, seed)\` called through \`Module._alab_apply\`, with the index and parameters resolved once in JS (see the proposal in the benchmark report to the lead); expected ≈ 20 ns + kernel, i.e. within ~1.5-2× of the copy. At 1 Mi the rectifiers are already within ${f(k.rows.find((x) => x.name === 'relu' && x.kind === 'forward' && x.n === MI)?.ns.simd / k.limits.find((l) => l.n === MI)?.ns.copySet)}× of the copy.`;
  },
  'smooth-vs-js': (r) => {
    const rows = ['sigmoid', 'elu', 'gelu', 'silu'].map((n) => r.kernels.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === MI)).filter(Boolean);
    return `**10× the plain JS loop.** V8 compiles the JS loops to good scalar code: \`Math.exp\` is an inlined fdlibm port and \`Math.tanh\` a fast builtin, so the JS baseline runs at ${rows.map((x) => `${x.name} ${f(x.ns.js / x.n)}`).join(', ')} ns/element. Our kernels pay for accuracy the JS loops (and the A&S erf, 1.5e-7 absolute) do not have: every exp goes through \`vm::exp\`'s double-float Cody-Waite reduction (TwoSum + Fast2Sum, ~50 SIMD ops per 4 lanes, 1 ULP), gelu through the two-division \`normal_cdf\` (110 ops), and the sigmoid family divides; tanh (one expm1, one division) is the closest. Reaching 10× for the others needs a cheaper exp (below); 4 lanes is the ceiling of wasm SIMD, so 10× over a scalar loop leaves little room for extra operations.`;
  },
  'smooth-vs-tfjs': (r) => {
    const rows = ['sigmoid', 'elu'].map((n) => r.kernels.rows.find((x) => x.name === n && x.kind === 'forward' && x.n === MI)).filter(Boolean);
    return `**As fast as TF.js wasm per element.** TF.js's single-op sigmoid and elu are XNNPACK micro-kernels (\`f32_vsigmoid__wasmsimd_rr2_p5_div\`, \`f32_velu__wasmsimd_rr2_p6\`): a two-constant range reduction, a degree-5/6 polynomial, no double-float steps, unrolled by 16-24 elements. Here: ${rows.map((x) => `${x.name} ours ${f(x.ns.simd / x.n)} vs TF.js wasm ${f(x.ns.tfWasm / x.n)} ns/element`).join('; ')}. The gap is the op count of our exp (accuracy: 1 ULP exp, ≤ 4 ULP sigmoid guaranteed over the whole float range, bit-identical natively and in wasm) — XNNPACK's kernels are a few ULP and do not canonicalise NaN. Our composite-free silu, gelu, mish, softplus and tanh beat TF.js, whose versions are several ops with a tensor each. Fix (vmath.h / activation_kernels.h): a \`vm::exp_fast\` with the XNNPACK-style reduction for sigmoid, silu and elu, kept only if the existing accuracy tests (≤ 4 ULP forward) still pass.`;
  },
  'wasm-vs-native-1048576': () => '**wasm vs native at 1 Mi.** The few rows above 2× are the cheap kernels (rectifiers, softsign derivative) whose time is memory traffic plus noise on this shared 2-core machine; native is SSE2 through SIMDe (no AVX), so the comparison is per-instruction, not per-register-width. Rerun on a quiet machine before reading anything into these rows.',
  'wasm-vs-native-1024': (r) => `**wasm vs native at 1 Ki.** The wasm column includes one JS call per array (about ${f(r.kernels.callOverhead.callOverhead)} ns, see above); native calls the kernel directly. For cheap kernels (rectifiers, softsign, identity) that call is most of the time; the lean entry point proposed for the copy target fixes this too. Expensive kernels (sigmoid, gelu, mish, …) are within 2×.`,
  'train-playground': (r) => {
    const row = r.training.rows.find((x) => x.network === 'playground');
    const s = (i) => row?.train[i]?.samplesPerSecond;
    return `**Training the Playground network 20× faster than Playground-style JS.** ours ${f(s('ours'))} samples/s, native ${f(s('native'))}, Playground-style JS ${f(s('playground'))}: even native C++ is only ${f(s('native') / s('playground'))}× the JS, so the limit is the work per step, not wasm. \`perf\` on the native trainer (\`alab_bench --benchmark_filter=train/playground\`) shows where it goes: the tanh derivative inside \`backward_array<Tanh>\` 28 %, \`forward_array<Tanh>\` 24 %, \`dense_backward\` 24 %, \`dense_forward\` 9 %; snapshot, finiteness checks, grad norms, shuffling together < 6 %. With 8 units per layer the matrix work is small and the activation dominates: the backward pass recomputes tanh' from z (an exp and two divisions per element, chosen for accuracy near saturation) instead of using the stored output (1 − a², two operations), and batch 10 is padded to 12 columns (20 % of every kernel wasted). V8 runs the per-neuron JS well at this size. Fixes (trainer and registry owners): (1) an optional "derivative from output" kernel in the registry for tanh (1 − a²) and sigmoid (a(1 − a)), used by the trainer's backward — about −25 % of the step; (2) a cheaper exp/expm1 for the trainer's tanh (see the TF.js note); (3) in \`dense_backward\`, accumulate dW with vertical adds over a transposed block instead of one horizontal 4-lane sum per weight. The wider network, where the matrix work dominates, is ${f(r.training.rows.find((x) => x.network === 'wide')?.train.ours?.samplesPerSecond / r.training.rows.find((x) => x.network === 'wide')?.train.playground?.samplesPerSecond)}× Playground-style.`;
  },
  'train-wide': () => '**Wide network vs TF.js wasm.** See the training table.',
  'wasm-size': (r) => {
    const w = r.size.wasm.find((x) => x.file.endsWith('activation_lab.wasm'));
    return `**wasm size.** ${f(w.bytes / 1000)} KB raw, ${f(w.gzip / 1000)} KB gzip; almost all of it is the code section (the data section is ~33 KB). The module now carries the trainer, its JSON config/report code (nlohmann::json is header-only templates, instantiated per use) and C++ exceptions (\`-fexceptions\`: every call that may throw goes through an \`invoke_*\` JS trampoline). Every activation kernel is a template instantiated three times (forward, derivative, backward) with vmath fully inlined. Object files compiled alone for wasm at -O3 (measured once while writing this suite): \`nn/config.cpp\` 195 KB (nlohmann::json parsing and validation), \`core/activations.cpp\` 82 KB (the kernels), \`nn/network.cpp\` 77 KB, everything else in nn/ and core/ < 25 KB each. Levers, in expected order of payoff: \`-Oz\`/\`-Os\` for everything but the kernels and dense layers (or \`-flto\` + \`--gc-sections\`); replace nlohmann::json in the wasm build by a small hand-written reader/writer for the few flat objects the API exchanges (params, config, report); keep exceptions out of hot code. Measure with \`--profiling-funcs\` (function names) before choosing.`;
  },
  'first-chart': (r) => `**First chart under 1 s.** Cold ${f(r.startup.cold.firstChartMs, 4)} ms, warm ${f(r.startup.warm.firstChartMs, 4)} ms, measured while other jobs loaded this 2-core machine. The page must download and compile the ${f(r.size?.wasm.find((x) => x.file.endsWith('activation_lab.wasm'))?.bytes / 1000)} KB wasm before drawing anything and computes the catalogue (properties measured from the kernels) at start; a smaller module (see size) and drawing the first chart from a precomputed catalogue would both shorten it.`,
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
