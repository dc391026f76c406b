// Training and decision-boundary benchmarks on two networks:
//   playground  2-8-8-8-8-8-8-1 tanh, batch 10 (TensorFlow Playground's largest)
//   wide        2-64-64-64-1 relu, batch 64
// Every implementation trains on the same data (Playground's spiral, 250
// training points) with plain SGD, squared error and a tanh output unit:
//   ours        lab.createNetwork + net.train(stepsPerCall, { report: false }) (batched SIMD wasm)
//   oursReport  the same with the default report, net.train(stepsPerCall) (Playground's network)
//   playground  the per-neuron JS network of playground-nn.mjs, one batch per call
//   tfWasm      TF.js layers (tf.sequential of dense layers), optimizer.minimize
//   tfCpu       per step, on the wasm and cpu backends
// Decision boundary: outputs on a 100x100 grid over [-6, 6]^2 — ours
// net.predictGrid, Playground's per-point forward (as its heatmap does), TF.js
// model.predict on a 10000x2 tensor read back with dataSync.
import { PlaygroundNetwork } from './playground-nn.mjs';
import { timeCases } from './timing.mjs';

export const NETWORKS = [
  { id: 'playground', label: '2-8-8-8-8-8-8-1 tanh, batch 10', hidden: [8, 8, 8, 8, 8, 8], activation: 'tanh', init: 'xavier', batchSize: 10, learningRate: 0.03 },
  { id: 'wide', label: '2-64-64-64-1 relu, batch 64', hidden: [64, 64, 64], activation: 'relu', init: 'he', batchSize: 64, learningRate: 0.01 },
];
export const TRAINING_IMPLEMENTATIONS = ['ours', 'ours450', 'oursReport', 'playground', 'tfWasm', 'tfCpu'];
export const GRID_RESOLUTION = 100;
export const UNIT_GRID_RESOLUTIONS = [GRID_RESOLUTION, 40];
// ours: mini-batch steps per net.train call; ours450 the same network with
// 10x more steps per call, to show what one call costs beyond its steps.
export const STEPS_PER_CALL = 45;
export const LONG_STEPS_PER_CALL = 450;

/** True once the trainer's JS API (issue 3) is in the library. */
export function hasTrainer(lab) {
  return typeof lab.createNetwork === 'function';
}

/** Playground's two-arm spiral (no noise): n points, labels ±1, as flat x (n, 2) and y (n). */
export function spiral(n) {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const half = n >> 1;
  for (let i = 0; i < n; i++) {
    const arm = i < half ? 0 : 1;
    const k = i - arm * half;
    const r = (k / half) * 5;
    const t = (1.75 * k * 2 * Math.PI) / half + arm * Math.PI;
    x[2 * i] = r * Math.sin(t);
    x[2 * i + 1] = r * Math.cos(t);
    y[i] = arm === 0 ? 1 : -1;
  }
  // A fixed interleaving (every other point) so batches mix both arms.
  const order = Array.from({ length: n }, (_, i) => (i % 2 ? half + (i >> 1) : i >> 1));
  return { x: Float32Array.from(order.flatMap((i) => [x[2 * i], x[2 * i + 1]])), y: Float32Array.from(order, (i) => y[i]), n };
}

function gridPoints(resolution) {
  const g = new Float32Array(2 * resolution * resolution);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      g[2 * (r * resolution + c)] = -6 + (12 * c) / (resolution - 1);
      g[2 * (r * resolution + c) + 1] = -6 + (12 * r) / (resolution - 1);
    }
  }
  return g;
}

function oursCases(lab, net, data, stepsPerCall = STEPS_PER_CALL, { report = false } = {}) {
  const config = {
    inputs: 2, hidden: net.hidden, activation: net.activation, output: 'tanh', init: net.init,
    optimizer: 'sgd', learningRate: net.learningRate, batchSize: net.batchSize, seed: 1,
  };
  const model = lab.createNetwork(config);
  model.setData({ x: data.x, y: data.y, inputs: 2 });
  return {
    model,
    train: { fn: report ? () => model.train(stepsPerCall) : () => model.train(stepsPerCall, { report: false }), samples: stepsPerCall * net.batchSize },
    grid: { fn: () => model.predictGrid(-6, 6, -6, 6, GRID_RESOLUTION) },
    // Every hidden unit's image (the page's diagram): at the boundary's grid and at the page's 40x40.
    unitGrid: Object.fromEntries(UNIT_GRID_RESOLUTIONS.map((res) => [res, () => model.unitGrid(-6, 6, -6, 6, res)])),
    finish: () => {
      const r = model.train(0, { report: true });
      model.delete();
      return { finalLoss: r.trainLoss, diverged: r.diverged };
    },
  };
}

function playgroundCases(net, data) {
  const model = new PlaygroundNetwork([2, ...net.hidden, 1], net.activation, 'tanh', 1);
  const points = Array.from({ length: data.n }, (_, i) => [data.x[2 * i], data.x[2 * i + 1]]);
  let cursor = 0;
  const grid = gridPoints(GRID_RESOLUTION);
  const gridRows = Array.from({ length: grid.length / 2 }, (_, i) => [grid[2 * i], grid[2 * i + 1]]);
  const out = new Float32Array(gridRows.length);
  return {
    train: {
      fn: () => {
        for (let b = 0; b < net.batchSize; b++) {
          model.forward(points[cursor]);
          model.backward(data.y[cursor]);
          cursor = (cursor + 1) % data.n;
        }
        model.update(net.learningRate);
      },
      samples: net.batchSize,
    },
    grid: { fn: () => { for (let i = 0; i < gridRows.length; i++) out[i] = model.forward(gridRows[i]); } },
    finish: () => ({ finalLoss: model.loss(points, data.y), diverged: false }),
  };
}

function tfCases(tfjs, backend, net, data) {
  const { tf, tfl } = tfjs;
  const model = tfl.sequential();
  net.hidden.forEach((units, l) => model.add(tfl.layers.dense({
    units, activation: net.activation, kernelInitializer: net.init === 'he' ? 'heNormal' : 'glorotUniform',
    ...(l === 0 ? { inputShape: [2] } : {}),
  })));
  model.add(tfl.layers.dense({ units: 1, activation: 'tanh' }));
  const optimizer = tf.train.sgd(net.learningRate);
  // Pre-sliced batches, so that only training is timed.
  const batches = [];
  for (let s = 0; s + net.batchSize <= data.n; s += net.batchSize) {
    batches.push([tf.tensor2d(data.x.subarray(2 * s, 2 * (s + net.batchSize)), [net.batchSize, 2]),
      tf.tensor2d(data.y.subarray(s, s + net.batchSize), [net.batchSize, 1])]);
  }
  const grid = tf.tensor2d(gridPoints(GRID_RESOLUTION), [GRID_RESOLUTION * GRID_RESOLUTION, 2]);
  const halfMse = (y, p) => tf.mul(0.5, tf.losses.meanSquaredError(y, p));
  let cursor = 0;
  return {
    train: {
      fn: () => {
        const [xb, yb] = batches[cursor];
        cursor = (cursor + 1) % batches.length;
        optimizer.minimize(() => halfMse(yb, model.apply(xb)));
      },
      samples: net.batchSize,
    },
    grid: { fn: () => { const p = model.predict(grid); p.dataSync(); p.dispose(); } },
    finish: () => {
      const all = tf.tensor2d(data.x, [data.n, 2]);
      const loss = tf.tidy(() => halfMse(tf.tensor2d(data.y, [data.n, 1]), model.predict(all)).dataSync()[0]);
      all.dispose();
      for (const t of [...batches.flat(), grid]) t.dispose();
      optimizer.dispose();
      model.dispose();
      return { finalLoss: loss, diverged: !Number.isFinite(loss) };
    },
    backend,
  };
}

/**
 * What one net.train call costs beyond its steps: one network trained
 * alternately with 45 and 450 steps per call, `rounds` pairs, each sample
 * timed on the process's CPU time (time the machine gave to other processes
 * does not count, unlike the wall-clock table: a 5 % effect drowns in that
 * noise on a shared machine). Returns ns per sample of each (medians) and the
 * extra share of 45 steps per call.
 */
// Medians of two ways of calling net.train on one network, sampled as
// interleaved pairs on process CPU time (other processes on this shared machine
// do not enter a sample; wall-clock cases timed apart swing by +-15 % between
// runs). Each way: { steps, options, callsPerSample: the share of the first
// way's calls (1 or 1/10) }; the first way is calibrated to minSampleMs.
// Returns each way's median CPU µs per call and the spread of the pair ratios.
function interleavedCpuPairs(model, ways, { rounds, minSampleMs }) {
  const cpuUs = ({ steps, options }, calls) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) model.train(steps, options);
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / calls;
  };
  let calls = 1;
  while (cpuUs(ways[0], calls) * calls < minSampleMs * 1e3 && calls < 1 << 16) calls *= 2;
  const samples = ways.map(() => []);
  for (let r = 0; r < rounds; r++) {
    ways.forEach((way, k) => samples[k].push(cpuUs(way, Math.max(1, Math.round(calls * way.callsPerSample)))));
  }
  const med = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const ratios = samples[0].map((a, i) => a / samples[1][i]).sort((a, b) => a - b);
  return { us: samples.map(med), pairRatios: [ratios[0], ratios[ratios.length - 1]] };
}

// The cost of one call: 45 steps per call against 450, per sample.
function measureCallCost(lab, net, data, { rounds, minSampleMs }) {
  const { model, finish } = oursCases(lab, net, data);
  const plain = { report: false };
  const { us: [short, long] } = interleavedCpuPairs(model, [
    { steps: STEPS_PER_CALL, options: plain, callsPerSample: 1 },
    { steps: LONG_STEPS_PER_CALL, options: plain, callsPerSample: 1 / 10 },
  ], { rounds, minSampleMs });
  finish();
  const nsPerSample = (us, steps) => (us * 1e3) / (steps * net.batchSize);
  const nsShort = nsPerSample(short, STEPS_PER_CALL);
  const nsLong = nsPerSample(long, LONG_STEPS_PER_CALL);
  return { nsPerSample: nsShort, nsPerSample450: nsLong, extraPercent: (nsShort / nsLong - 1) * 100, rounds };
}

// The report's cost as issue 14 states it: net.train(45) with its default
// report against net.train(45, { report: false }), on one network.
function measureReportCost(lab, net, data, { rounds, minSampleMs }) {
  const { model, finish } = oursCases(lab, net, data);
  const { us: [withReport, without], pairRatios } = interleavedCpuPairs(model, [
    { steps: STEPS_PER_CALL, options: undefined, callsPerSample: 1 },
    { steps: STEPS_PER_CALL, options: { report: false }, callsPerSample: 1 },
  ], { rounds, minSampleMs });
  finish();
  return { usWithReport: withReport, usWithout: without, ratio: withReport / without, pairRatios, rounds };
}

/**
 * @returns {Promise<{ rows: object[], trainer: boolean }>} one row per network
 *   with train: { impl: { ns, samples } } (ns per call), grid: { impl: ns } and
 *   unitGrid: { resolution: ns } (ours: every hidden unit's image, net.unitGrid).
 */
export async function benchTraining({ lab, tfjs, repetitions, minSampleMs, networks = NETWORKS, log = () => {} }) {
  const trainer = hasTrainer(lab);
  const data = trainer && typeof lab.dataset === 'function'
    ? (() => { const d = lab.dataset('spiral', { n: 500, noise: 0, seed: 7, trainFraction: 0.5 }); return { x: d.x, y: Float32Array.from(d.y, (v) => (v > 0 ? 1 : -1)), n: d.y.length }; })()
    : spiral(250);
  const rows = [];
  const cases = [];
  const finishers = [];
  for (const net of networks) {
    const row = { network: net.id, label: net.label, batchSize: net.batchSize, units: net.hidden.reduce((a, b) => a + b, 0),
      train: {}, grid: {}, unitGrid: {}, final: {} };
    rows.push(row);
    const impls = { playground: playgroundCases(net, data) };
    if (trainer) {
      impls.ours = oursCases(lab, net, data);
      // The same network object as ours (a step costs the same at any point of
      // training): the two differ only in steps per call, not in where their
      // blocks happen to lie in memory.
      const { model } = impls.ours;
      impls.ours450 = {
        train: { fn: () => model.train(LONG_STEPS_PER_CALL, { report: false }), samples: LONG_STEPS_PER_CALL * net.batchSize },
        finish: () => ({ finalLoss: NaN, diverged: false }),
      };
      if (net.id === 'playground') impls.oursReport = oursCases(lab, net, data, STEPS_PER_CALL, { report: true });
    }
    if (tfjs) {
      for (const [impl, backend] of [['tfWasm', 'wasm'], ['tfCpu', 'cpu']]) {
        await tfjs.use(backend);
        impls[impl] = tfCases(tfjs, backend, net, data);
      }
    }
    for (const [impl, c] of Object.entries(impls)) {
      const group = c.backend ? impl : 'lab';
      const enter = c.backend ? () => tfjs.use(c.backend) : undefined;
      cases.push({ key: `train/${net.id}/${impl}`, group, enter, fn: c.train.fn, store: (ns) => { row.train[impl] = { ns, samples: c.train.samples }; } });
      const trainOnly = impl === 'ours450' || impl === 'oursReport';
      if (!trainOnly) cases.push({ key: `grid/${net.id}/${impl}`, group, enter, fn: c.grid.fn, store: (ns) => { row.grid[impl] = ns; } });
      if (!trainOnly) {
        for (const [res, fn] of Object.entries(c.unitGrid ?? {})) {
          cases.push({ key: `unitGrid${res}/${net.id}/${impl}`, group, enter, fn, store: (ns) => { row.unitGrid[res] = ns; } });
        }
      }
      finishers.push(async () => { await enter?.(); row.final[impl] = c.finish(); });
    }
  }
  const order = ['lab', 'tfWasm', 'tfCpu'];
  cases.sort((p, q) => order.indexOf(p.group) - order.indexOf(q.group));
  log(`training: ${cases.length} cases x ${repetitions} repetitions${trainer ? '' : ' (trainer API not in the library yet: no "ours" rows)'}`);
  const timed = await timeCases(cases, { repetitions, minSampleMs, onProgress: (r, t) => log(`training: round ${r}/${t}`) });
  for (const c of cases) c.store(timed.get(c.key).ns);
  if (trainer) {
    for (const [i, net] of networks.entries()) rows[i].callCost = measureCallCost(lab, net, data, { rounds: Math.max(5, 5 * repetitions), minSampleMs });
    const pgIndex = networks.findIndex((n) => n.id === 'playground');
    if (pgIndex >= 0) rows[pgIndex].reportCost = measureReportCost(lab, networks[pgIndex], data, { rounds: Math.max(5, 5 * repetitions), minSampleMs });
  }
  for (const f of finishers) await f();
  return { rows, trainer };
}
