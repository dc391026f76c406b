// The targets of issues 5, 14 and 15, evaluated on one run's results. Each target is
// { id, text, checks: [{ what, value, limit, met }] }; a ratio is written so
// that bigger is better for speed-ups ("x faster") and smaller is better for
// slow-downs against a limit ("x the copy", "x native").

const SPEED = (a, b) => (a && b ? a / b : null);  // a/b: time ratio

export function evaluateTargets(results) {
  const { kernels, training, size, startup, page } = results;
  const row = (name, kind, n) => kernels?.rows.find((r) => r.name === name && r.kind === kind && r.n === n);
  const limit = (n) => kernels?.limits.find((l) => l.n === n);
  const targets = [];
  const add = (id, text, checks) => targets.push({ id, text, checks: checks.filter((c) => c.value !== null && c.value !== undefined) });
  const ki = 1024;
  const mi = 1 << 20;

  if (page?.rows?.length) {
    const p = page.rows[0];
    add('page-fps', 'the trainer keeps >= 30 frames/s at normal speed with 6x8 units drawn as 40x40 images (headless Chromium)',
      [{ what: `${p.view}: frames/s`, value: p.fps, limit: '>= 30', met: p.fps >= 30 }]);
  }
  if (kernels) {
    // Timed in a process with one lab when kernels.mjs could (kernels-one-lab.mjs).
    const oneLab = limit(ki)?.ns.copySetOneLab !== undefined;
    add('rectifier-vs-copy', 'relu, leaky_relu, prelu forward at 1 Ki within 1.5x of a plain copy (Float32Array.set)',
      ['relu', 'leaky_relu', 'prelu'].map((name) => {
        const value = oneLab
          ? SPEED(row(name, 'forward', ki)?.ns.simdOneLab, limit(ki)?.ns.copySetOneLab)
          : SPEED(row(name, 'forward', ki)?.ns.simd, limit(ki)?.ns.copySet);
        return { what: `${name} / copy${oneLab ? ', one lab' : ''}`, value, limit: '<= 1.5', met: value !== null && value <= 1.5 };
      }));
    const smooth = ['sigmoid', 'tanh', 'silu', 'gelu', 'elu'];
    add('smooth-vs-js', 'sigmoid, tanh, silu, gelu, elu forward at 1 Mi at least 10x the plain JS loop',
      smooth.map((name) => {
        const r = row(name, 'forward', mi);
        const value = SPEED(r?.ns.js, r?.ns.simd);
        return { what: `${name}: JS / ours`, value, limit: '>= 10', met: value !== null && value >= 10 };
      }));
    const withTf = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'softsign', 'mish'];
    add('smooth-vs-tfjs', 'every kernel TF.js has, forward at 1 Mi, at least as fast per element as TF.js wasm',
      withTf.map((name) => {
        const r = row(name, 'forward', mi);
        const value = SPEED(r?.ns.tfWasm, r?.ns.simd);
        return { what: `${name}: TF.js wasm / ours`, value, limit: '>= 1', met: value !== null && value >= 1 };
      }));
    add('forward-vs-kernel', 'lab.forward / lab.derivative(\'sigmoid\', x) at 1 Mi within 1.3x of the prepared kernel (issue 14)',
      ['forward', 'derivative'].map((kind) => {
        const r = row('sigmoid', kind, mi);
        const value = SPEED(r?.ns.call, r?.ns.simd);
        return { what: `lab.${kind} / prepared kernel`, value, limit: '<= 1.3', met: value !== null && value <= 1.3 };
      }));
    for (const n of [mi, ki]) {
      const checks = kernels.rows.filter((r) => r.n === n && r.ns.native).map((r) => {
        const value = SPEED(r.ns.simd, r.ns.native);
        return { what: `${r.kind} ${r.name}: wasm / native`, value, limit: '<= 2', met: value <= 2 };
      });
      add(`wasm-vs-native-${n}`, `SIMD wasm within 2x of native for every kernel at ${n === mi ? '1 Mi' : '1 Ki (one JS call, overhead included)'}`, checks);
    }
  }
  if (training?.trainer) {
    const net = (id) => training.rows.find((r) => r.network === id);
    const sps = (r, impl) => r?.train[impl]?.samplesPerSecond;
    const pg = net('playground');
    const wide = net('wide');
    add('train-playground', 'Training, Playground network, 45 steps per call: at least 25x the Playground-style JS and 5x TF.js wasm', [
      { what: 'ours / Playground-style JS', value: SPEED(sps(pg, 'ours'), sps(pg, 'playground')), limit: '>= 25' },
      { what: 'ours / TF.js wasm', value: SPEED(sps(pg, 'ours'), sps(pg, 'tfWasm')), limit: '>= 5' },
    ].map((c) => ({ ...c, met: c.value !== null && c.value >= Number(c.limit.slice(3)) })));
    add('train-call-cost', 'Training: the cost of one net.train call at most 5 % extra per sample at 45 steps per call against 450', [pg, wide].filter(Boolean).map((r) => {
      const value = r.callCost?.extraPercent ?? null;
      return { what: `${r.network}: extra CPU time per sample (%)`, value, limit: '<= 5', met: value !== null && value <= 5 };
    }));
    // interleaved on one network, CPU time (training.mjs measureReportCost); the wall-clock cases otherwise
    const reportCost = pg?.reportCost?.ratio ?? SPEED(pg?.train.oursReport?.ns, pg?.train.ours?.ns);
    add('report-cost', 'net.train(45) with its default report within 2x of net.train(45, { report: false }) on Playground\'s network (issue 14)', [
      { what: pg?.reportCost ? 'with report / without (CPU time)' : 'with report / without', value: reportCost, limit: '<= 2', met: reportCost !== null && reportCost <= 2 },
    ]);
    add('train-wide', 'Training, wide network: at least 20x TF.js wasm', [
      { what: 'ours / TF.js wasm', value: SPEED(sps(wide, 'ours'), sps(wide, 'tfWasm')), limit: '>= 20' },
    ].map((c) => ({ ...c, met: c.value !== null && c.value >= 20 })));
  }
  if (size) {
    const wasm = size.wasm.find((w) => w.file.endsWith('activation_lab.wasm'));
    add('wasm-size', 'wasm at most 60 KB gzip', [{ what: 'activation_lab.wasm gzip (KB)', value: wasm && wasm.gzip / 1000, limit: '<= 60', met: wasm && wasm.gzip <= 60000 }]);
  }
  if (startup) {
    add('first-chart-cold', 'first chart cold under 0.5 s (issue 14; headless Chromium, local static server)', [
      { what: 'cold load (s)', value: startup.cold.firstChartMs / 1000, limit: '< 0.5', met: startup.cold.firstChartMs < 500 },
    ]);
    add('first-chart', 'first chart in under 1 s (headless Chromium, local static server)', [
      { what: 'cold load (s)', value: startup.cold.firstChartMs / 1000, limit: '< 1', met: startup.cold.firstChartMs < 1000 },
      { what: 'warm load (s)', value: startup.warm.firstChartMs / 1000, limit: '< 1', met: startup.warm.firstChartMs < 1000 },
    ]);
  }
  for (const t of targets) t.met = t.checks.length > 0 && t.checks.every((c) => c.met);
  return targets;
}
