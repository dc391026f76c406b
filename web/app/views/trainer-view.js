// The trainer: settings form, Play/Pause/Step/Reset/spike, decision boundary,
// network diagram, summary, exports and the live diagnostics of one network.
// It draws the run controller's data and forwards input to the store.
import { BoundaryView } from '../boundary.js';
import { Diagnostics } from '../charts/diagnostics.js';
import { NetworkDiagram } from '../diagram.js';
import { RECTIFIERS, UnitCloseup } from '../unit-closeup.js';
import { TimelineBar } from '../timeline-bar.js';
import { bindControls, bindLayerBuilder } from '../controls.js';
import { PlayBar } from '../playbar.js';
import { downloadHistoryCsv, downloadHistoryJson, downloadNetworkJson } from '../export.js';
import { fmt, percent } from '../format.js';
import { chartGate } from '../charts/series.js';
import { t } from '../i18n/i18n.js';
import { MAX_LAYERS, MAX_UNITS } from '../state.js';

export class TrainerView {
  constructor(root, { store, controller, activations, onReset, onSpike }) {
    this.root = root;
    this.store = store;
    this.controller = controller;
    this.renderControls = bindControls(root.querySelector('#train-controls'), store, { activations });
    this.renderBuilder = bindLayerBuilder(root.querySelector('#layer-builder'), root.querySelector('#per-layer'), store,
      { activations, maxLayers: MAX_LAYERS, maxUnits: MAX_UNITS });
    root.querySelector('#train-controls').addEventListener('submit', (e) => e.preventDefault());
    root.querySelector('#new-seed').addEventListener('click', () => store.set({ seed: Math.floor(Math.random() * 100000) }));
    this.playbar = new PlayBar(root.querySelector('#train-playbar'), controller, { onReset, onSpike });
    this.boundary = new BoundaryView(root.querySelector('#boundary'));
    this.preview = new BoundaryView(root.querySelector('#data-preview'));
    this.activationInfo = activations;
    this.diagram = new NetworkDiagram(root.querySelector('#diagram'), { onUnit: (l, j, { pin }) => this.#focusUnit(l, j, pin) });
    this.closeup = new UnitCloseup(root.querySelector('#closeup'), { onClose: () => { this.pinned = null; this.focus = null; this.closeup.hide(); this.#schedule(); } });
    this.timeline = new TimelineBar(root.querySelector('#timeline'), controller, { activations });
    this.focus = null;    // { layer, unit } shown in the close-up
    this.pinned = null;   // set by a click: hovering does not move it
    this.diagnostics = new Diagnostics(root.querySelector('#diagnostics'));
    this.summary = root.querySelector('#train-summary');
    root.querySelector('#export-csv').addEventListener('click', () => downloadHistoryCsv(controller.points('main')));
    root.querySelector('#export-json').addEventListener('click', () => downloadHistoryJson({
      settings: store.get(), configs: controller.setupInfo?.configs,
      histories: Object.fromEntries(Object.keys(controller.histories).map((k) => [k, controller.points(k)])) }));
    root.querySelector('#export-net').addEventListener('click', () => controller.exportNetwork());
    this.pending = false;
    this.gate = chartGate();
  }

  /** True when the controller's session is the trainer's. */
  active() {
    return this.controller.setup?.mode === 'train';
  }

  /** Controller events. */
  onRun(kind, payload) {
    if (!this.active()) return;
    if (kind === 'setup') { this.focus = this.pinned = null; this.closeup.hide(); this.#setup(); }
    if (kind === 'fork') this.#setup();
    if (kind === 'network') downloadNetworkJson(payload.main);
    this.#schedule();
  }

  #setup() {
    const info = this.controller.setupInfo;
    const config = info.configs.main;
    const acts = Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation);
    const outputs = config.output === 'softmax' ? config.classes : 1;
    const drawInfo = { data: info.data, bounds: info.bounds, output: config.output, classes: info.data.classes };
    this.boundaryFork = false;
    this.boundary.setData(drawInfo);
    this.preview.setData(drawInfo);
    // Image data has no 2-D decision plane: the card then shows training images, and says so.
    const caption = this.root.querySelector('#boundary')?.parentElement?.querySelector('figcaption');
    if (caption) {
      caption.dataset.i18n = info.data.inputs > 2 ? 'train.images' : 'train.boundary';
      caption.textContent = t(caption.dataset.i18n);
    }
    this.acts = acts;
    this.widths = config.hidden;
    this.properties = acts.map((a) => this.activationInfo.find((x) => x.name === a)?.properties);
    // after a fork the diagram shows the fork's network (it may have another activation in a layer)
    const fork = this.controller.forkInfo?.configs?.fork;
    const shownActs = fork ? (Array.isArray(fork.activation) ? fork.activation : fork.hidden.map(() => fork.activation)) : acts;
    this.shownActs = shownActs;
    this.diagram.reset({ inputs: info.data.inputs, widths: config.hidden, outputs, activations: shownActs, output: config.output,
      properties: shownActs.map((a) => this.activationInfo.find((x) => x.name === a)?.properties) });
    if (this.focus) this.diagram.setFocus(this.focus);
    // The charts (Chart.js: most of a setup's time, 100-200 ms) are built two
    // frames later, once the boundary and the diagram are drawn and on screen.
    const charts = { widths: config.hidden, fprime: info.fprime.main, activations: acts };
    const token = (this.chartsToken = (this.chartsToken ?? 0) + 1);
    this.chartsPending = true;
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
      if (token !== this.chartsToken) return;
      this.diagnostics.reset(charts);
      this.chartsPending = false;
      this.chartsFresh = true;
      this.draw();
    }, 0)));
  }

  #focusUnit(layer, unit, pin) {
    if (this.pinned && !pin) return;
    if (pin) this.pinned = { layer, unit };
    this.focus = { layer, unit };
    this.diagram.setFocus(this.focus);
    this.#schedule();
  }

  /** What the page shows: the sought step of the original, or the live run (original or fork). */
  shown() {
    const c = this.controller;
    if (c.seekState) {
      const step = c.seekState.step;
      return { key: 'main', step, report: c.seekState.reports.main, surface: c.seekState.surfaces?.main, units: c.seekState.units?.main,
        history: c.points('main').filter((r) => r.step <= step), unitHistory: (c.unitHistory.main ?? []).filter((r) => r.step <= step),
        events: c.events.main, sought: true };
    }
    const key = c.liveKey();
    const before = (list) => (list ?? []).filter((r) => r.step < c.forkInfo.step);
    const forked = key === 'fork';
    const history = forked ? [...before(c.points('main')), ...c.points('fork')] : c.points(key);
    const unitHistory = forked ? [...before(c.unitHistory.main), ...(c.unitHistory.fork ?? [])] : c.unitHistory[key] ?? [];
    const events = forked ? forkEvents(c.events.main, c.events.fork, c.forkInfo.step) : c.events[key];
    return { key, step: c.step, report: c.last(key), surface: c.surfaces[key], units: c.units[key], history, unitHistory, events, sought: false };
  }

  /** Redraws at the next animation frame (reports arrive at most 10 times a second). */
  #schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const c = this.controller;
    this.playbar.render();
    if (!this.active() || !c.setupInfo) return;
    const shown = this.shown();
    const last = shown.report ?? c.last('main');
    // a fork may train on other data (its noise): the boundary shows the data of the network shown
    const forkData = shown.key === 'fork' && c.forkInfo?.data;
    if (Boolean(forkData) !== this.boundaryFork) {
      this.boundaryFork = Boolean(forkData);
      const info = c.setupInfo;
      this.boundary.setData({ data: forkData || info.data, bounds: (forkData && c.forkInfo.bounds) || info.bounds,
        output: info.configs.main.output, classes: info.data.classes });
    }
    if (shown.surface) this.boundary.surface = shown.surface;
    this.diagram.update(last);
    this.diagram.setUnits(shown.units);
    this.diagram.setSurface(shown.surface);
    this.boundary.setLines(this.#onLines(shown.units, last));
    // charts redraw at most every CHART_MS while training (series.js), at once when paused or sought
    if (!this.chartsPending && (this.chartsFresh || this.gate.due(c.running))) {
      this.chartsFresh = false;
      this.diagnostics.update(c.points('main'), { last, events: shown.events, bands: c.bands(), xMax: c.setup?.schedule.maxSteps,
        fork: c.histories.fork ? c.points('fork') : null, cursor: shown.sought ? shown.step : c.forkInfo ? c.forkInfo.step : null });
    }
    this.timeline.render();
    if (this.focus) {
      const { layer, unit } = this.focus;
      const state = last?.layers?.[layer]?.deadUnits?.includes(unit) ? 'dead' : last?.layers?.[layer]?.saturatedUnits?.includes(unit) ? 'saturated' : 'alive';
      const fprime = shown.key === 'fork' ? c.forkInfo?.fprime?.fork : c.setupInfo.fprime.main;
      this.closeup.show({ layer, unit, activation: this.shownActs[layer], properties: this.activationInfo.find((x) => x.name === this.shownActs[layer])?.properties,
        state, units: shown.units, history: shown.history, unitHistory: shown.unitHistory, widths: this.widths, fprime,
        index: this.widths.slice(0, layer).reduce((a, b) => a + b, 0) + unit });
    }
    document.body.dataset.sought = shown.sought ? String(shown.step) : '';
    this.#summary(last);
  }

  // First-layer rectifier units: where each switches on, over the data plot.
  #onLines(units, report) {
    if (!units?.layout || !this.shownActs?.length || !RECTIFIERS.has(this.shownActs[0])) return [];
    const w = units.layout.find((x) => x.name === 'hidden0.weight');
    const b = units.layout.find((x) => x.name === 'hidden0.bias');
    if (!w || w.shape[1] !== 2) return [];
    const dead = new Set(report?.layers?.[0]?.deadUnits ?? []);
    return Array.from({ length: w.shape[0] }, (_, j) => ({ w0: units.weights[w.offset + 2 * j], w1: units.weights[w.offset + 2 * j + 1],
      b: units.weights[b.offset + j], state: dead.has(j) ? 'dead' : 'alive', focused: this.focus?.layer === 0 && this.focus?.unit === j }));
  }

  #summary(last) {
    if (!last) return;
    const acc = last.testAccuracy ?? last.trainAccuracy;
    let text = t('train.summary', { train: fmt(last.trainLoss), test: fmt(last.testLoss), acc: percent(acc, 1) });
    if (last.diverged) text += ` ${t('train.diverged', { step: last.divergedAtStep ?? last.step })}`;
    else if (this.controller.reason === 'finished') text += ` ${t('train.finished', { step: this.controller.step })}`;
    this.summary.textContent = text;
    const top = last.layers?.[last.layers.length - 1];
    const dead = last.layers?.length ? last.layers.reduce((s, l, i) => s + l.deadFraction * this.controller.setupInfo.configs.main.hidden[i], 0)
      / this.controller.setupInfo.configs.main.hidden.reduce((a, b) => a + b, 0) : 0;
    Object.assign(this.summary.dataset, {
      step: String(last.step), trainLoss: String(last.trainLoss), testLoss: String(last.testLoss),
      deadFraction: String(dead), topActMean: String(top?.actMean ?? ''), diverged: String(last.diverged),
    });
  }

  /** Settings changed: refresh the form. */
  render(state) {
    this.renderControls(state);
    this.renderBuilder(state);
  }

  /** The worker died: draw the stopped run. */
  onWorkerDeath() {
    this.draw();
  }

  /** Language changed: rebuild what holds translated labels. */
  relabel() {
    this.render(this.store.get());
    if (this.active() && this.controller.setupInfo) {
      this.#setup();
      this.draw();
    }
  }
}

// The event list of a fork: the original's events before the fork step, then
// the fork's own (an EventLog's shape: total, byKind, recent).
function forkEvents(main, fork, step) {
  const recent = [...(main?.recent ?? []).filter((e) => e.step < step), ...(fork?.recent ?? [])];
  const byKind = {};
  for (const e of recent) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return { total: recent.length, byKind, recent };
}
