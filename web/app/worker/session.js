// A training session inside the worker: one dataset, 1..4 networks trained in
// lockstep with the same schedule (the trainer uses one, compare mode several).
// Reports are taken every `reportEvery` steps and the learning rate follows the
// schedule step by step, so a replay from the same settings gives the same
// report history whatever the pace or the moment of Pause.
import { networkConfig } from '../run-setup.js';

const GRID_RESOLUTION = 64;
const CURVE_POINTS = 161;
export const UNIT_RESOLUTION = 40;   // each hidden unit's image in the diagram

export class Session {
  /** @param lab the library; @param setup from run-setup.js workerSetup() */
  constructor(lab, setup) {
    this.lab = lab;
    this.schedule = { ...setup.schedule };
    this.baseLr = setup.stateForConfig.lr;
    this.data = lab.dataset(setup.data.name, {
      n: setup.data.n, noise: setup.data.noise, seed: setup.data.seed,
      trainFraction: setup.data.trainFraction, classes: setup.data.classes,
      ...(setup.data.name === 'shapeset' ? { size: setup.data.size ?? 8 } : {}),
    });
    this.bounds = dataBounds(this.data);
    this.runs = [];
    try {
      for (const { key, override } of setup.runs) {
        const config = networkConfig(setup.stateForConfig, this.data.inputs, override);
        const net = lab.createNetwork(config);
        this.runs.push({ key, config, net, lr: config.learningRate, stopped: false });
        net.setData(this.data);
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
    this.step = 0;
    this.manualSpikeUntil = -1;
    // Changes made while training (live settings, spikes) with the step they
    // took effect at, so a replay from a checkpoint (timeline.js) repeats them.
    this.log = [];
    this.checkpoints = null;   // a Checkpoints (timeline.js) when rewind is on
    this.lastWeights = {};     // by run key: weights at the last report (update sizes of died/revived units)
    this.unitLog = {};         // by run key: per-report unit shares and update sizes not yet taken (takeUnitLog)
  }

  /** The dataset and configs, for the page to draw. */
  describe() {
    const { x, y, testX, testY, inputs, classes } = this.data;
    return {
      data: { x, y, testX, testY, inputs, classes },
      bounds: this.bounds,
      configs: Object.fromEntries(this.runs.map((r) => [r.key, r.config])),
      fprime: Object.fromEntries(this.runs.map((r) => [r.key, this.#layerDerivatives(r.config)])),
      saturating: Object.fromEntries(this.runs.map((r) => [r.key, layerNames(r.config).map((n) => saturates(this.lab, n))])),
    };
  }

  // f' of each hidden layer's activation on [-6, 6], drawn under the histograms.
  #layerDerivatives(config) {
    const x = Float32Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
    return layerNames(config).map((name) => ({ x: Array.from(x), y: Array.from(this.lab.derivative(name, x)) }));
  }

  /** Reports of every run at the current step (no training). */
  initialReports() {
    return Object.fromEntries(this.runs.map((r) => [r.key, this.#recordUnits(r, r.net.train(0, { report: true }))]));
  }

  get finished() {
    return (this.schedule.maxSteps > 0 && this.step >= this.schedule.maxSteps) || this.runs.every((r) => r.stopped);
  }

  /** The learning rate the schedule prescribes for step s (0-based update index). */
  lrAt(s) {
    const spike = this.schedule.spike;
    if (spike && s >= spike.at && s < spike.at + spike.steps) return spike.lr;
    if (s < this.manualSpikeUntil) return this.schedule.manualSpike.lr;
    return this.baseLr;
  }

  /** Steps until the learning rate may change or a report is due. */
  #chunkEnd(limit) {
    let end = Math.min(limit, (Math.floor(this.step / this.schedule.reportEvery) + 1) * this.schedule.reportEvery);
    const spike = this.schedule.spike;
    for (const b of [spike?.at, spike ? spike.at + spike.steps : undefined, this.manualSpikeUntil, this.pendingLog?.[0]?.step]) {
      if (b !== undefined && b > this.step && b < end) end = b;
    }
    if (this.schedule.maxSteps > 0) end = Math.min(end, this.schedule.maxSteps);
    const k = this.checkpoints?.every;
    if (k) end = Math.min(end, (Math.floor(this.step / k) + 1) * k);
    return end;
  }

  /**
   * Trains up to `maxSteps` steps (stopping early at the end of the schedule);
   * returns { reports: {key: [report...]}, steps }.
   */
  advance(maxSteps) {
    const reports = {};
    const target = this.step + maxSteps;
    const start = this.step;
    while (this.step < target && !this.finished) {
      // A fork repeats the original's later changes at their steps (timeline.js).
      while (this.pendingLog?.length && this.pendingLog[0].step <= this.step) {
        const e = this.pendingLog.shift();
        if (e.live) this.setLive(e.live);
        if (e.spike) this.spikeNow();
      }
      const end = this.#chunkEnd(target);
      const lr = this.lrAt(this.step);
      const report = end % this.schedule.reportEvery === 0 || (this.schedule.maxSteps > 0 && end >= this.schedule.maxSteps);
      for (const run of this.runs) {
        if (run.stopped) continue;
        if (run.lr !== lr) {
          run.net.setLearningRate(lr);
          run.lr = lr;
        }
        const r = run.net.train(end - this.step, { report });
        if (report) (reports[run.key] ??= []).push(this.#recordUnits(run, r));
        if (r.diverged) run.stopped = true;
      }
      this.step = end;
      this.checkpoints?.atStep(this);
    }
    return { reports, steps: this.step - start };
  }

  // Beside each report (which stays the library's, bit for bit): the per-unit
  // shares for the close-up's history, and for each died / revived event the
  // size of the update that did it — the change of the unit's incoming
  // weights and bias since the previous report.
  #recordUnits(run, report) {
    if (!report.layers?.length) return report;
    const stats = run.net.unitStats();
    run.unitStats = stats;
    const entry = { step: report.step, active: Array.from(stats.active), inactive: Array.from(stats.inactive), saturated: Array.from(stats.saturated), sizes: [] };
    const w = run.net.getWeights();
    const before = this.lastWeights[run.key];
    if (before && report.events?.length) {
      const layout = run.net.layout;
      for (const e of report.events) {
        const W = layout.find((t) => t.name === `hidden${e.layer}.weight`);
        const b = layout.find((t) => t.name === `hidden${e.layer}.bias`);
        const fanIn = W.shape[1];
        let du = 0, norm = 0;
        const idx = [...Array.from({ length: fanIn }, (_, k) => W.offset + e.unit * fanIn + k), b.offset + e.unit];
        for (const i of idx) { du += (w[i] - before[i]) ** 2; norm += before[i] ** 2; }
        entry.sizes.push({ step: e.step, layer: e.layer, unit: e.unit, updateNorm: Math.sqrt(du), weightNormBefore: Math.sqrt(norm),
          biasBefore: before[b.offset + e.unit], biasAfter: w[b.offset + e.unit] });
      }
    }
    this.lastWeights[run.key] = w;
    (this.unitLog[run.key] ??= []).push(entry);
    return report;
  }

  /** The unit-log entries recorded since the last call, by run key. */
  takeUnitLog() {
    const out = this.unitLog;
    this.unitLog = {};
    return out;
  }

  /** Every hidden unit's image per run (2-D data only): [layer][unit][pixel] at UNIT_RESOLUTION. */
  unitImages() {
    if (this.data.inputs !== 2) return null;
    const b = this.bounds;
    return Object.fromEntries(this.runs.map((r) => [r.key, { resolution: UNIT_RESOLUTION, widths: [...r.config.hidden],
      values: r.net.unitGrid(b.xMin, b.xMax, b.yMin, b.yMax, UNIT_RESOLUTION),
      stats: r.unitStats ? { histogram: r.unitStats.histogram, bins: r.unitStats.bins } : null,
      weights: r.net.getWeights(), layout: r.net.layout }]));
  }

  /** A learning-rate spike starting at the next step. */
  spikeNow() {
    this.log.push({ step: this.step, spike: true });
    this.manualSpikeUntil = this.step + this.schedule.manualSpike.steps;
  }

  /** Applies settings that do not need a rebuild: base learning rate, pace, spike values. */
  setLive({ lr, schedule }) {
    this.log.push({ step: this.step, live: structuredClone({ lr, schedule }) });
    if (typeof lr === 'number') this.baseLr = lr;
    if (schedule) Object.assign(this.schedule, { stepsPerSecond: schedule.stepsPerSecond, manualSpike: schedule.manualSpike });
    if (schedule?.spike && this.schedule.spike) Object.assign(this.schedule.spike, { lr: schedule.spike.lr, steps: schedule.spike.steps });
  }

  /** Decision surface per run: a grid (2-D inputs) or a curve (1-D inputs). */
  surfaces() {
    const out = {};
    const b = this.bounds;
    for (const run of this.runs) {
      if (this.data.inputs === 2) {
        out[run.key] = { kind: 'grid', resolution: GRID_RESOLUTION, outputs: run.config.output === 'softmax' ? run.config.classes : 1,
          values: run.net.predictGrid(b.xMin, b.xMax, b.yMin, b.yMax, GRID_RESOLUTION) };
      } else if (this.data.inputs === 1) {
        const xs = Float32Array.from({ length: CURVE_POINTS }, (_, i) => b.xMin + ((b.xMax - b.xMin) * i) / (CURVE_POINTS - 1));
        out[run.key] = { kind: 'curve', xs, values: run.net.predict(xs) };
      }
    }
    return out;
  }

  networkJson() {
    return Object.fromEntries(this.runs.map((r) => [r.key, r.net.toJSON()]));
  }

  dispose() {
    for (const run of this.runs) run.net.delete();
    this.runs = [];
  }
}

function layerNames(config) {
  return Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation);
}

// Saturation in the diagram's sense: bounded on both sides, so large |z| flattens f (sigmoid, tanh, softsign).
function saturates(lab, name) {
  const p = lab.activation(name)?.properties;
  return Boolean(p?.boundedBelow && p?.boundedAbove);
}

// A symmetric square around the data (Playground draws [-6, 6]).
function dataBounds({ x, testX, inputs, y, testY }) {
  let m = 1;
  for (const a of [x, testX]) for (const v of a) m = Math.max(m, Math.abs(v));
  const r = Math.ceil(m * 1.05 * 2) / 2;
  if (inputs === 1) {
    let lo = Infinity, hi = -Infinity;
    for (const a of [y, testY]) for (const v of a) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    return { xMin: -r, xMax: r, yMin: Math.min(-1, lo) - 0.25, yMax: Math.max(1, hi) + 0.25 };
  }
  return { xMin: -r, xMax: r, yMin: -r, yMax: r };
}
