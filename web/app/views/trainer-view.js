// The trainer: settings form, Play/Pause/Step/Reset/spike, decision boundary,
// network diagram, summary, exports and the live diagnostics of one network.
// It draws the run controller's data and forwards input to the store.
import { BoundaryView } from '../boundary.js';
import { Diagnostics } from '../charts/diagnostics.js';
import { NetworkDiagram } from '../diagram.js';
import { bindControls, bindLayerBuilder } from '../controls.js';
import { PlayBar } from '../playbar.js';
import { downloadHistoryCsv, downloadHistoryJson, downloadNetworkJson } from '../export.js';
import { fmt } from '../dom.js';
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
    this.diagram = new NetworkDiagram(root.querySelector('#diagram'));
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
    if (kind === 'setup') this.#setup();
    if (kind === 'network') downloadNetworkJson(payload.main);
    this.#schedule();
  }

  #setup() {
    const info = this.controller.setupInfo;
    const config = info.configs.main;
    const acts = Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation);
    const outputs = config.output === 'softmax' ? config.classes : 1;
    const drawInfo = { data: info.data, bounds: info.bounds, output: config.output, classes: info.data.classes };
    this.boundary.setData(drawInfo);
    this.preview.setData(drawInfo);
    this.diagram.reset({ inputs: info.data.inputs, widths: config.hidden, outputs, activations: acts, saturating: info.saturating.main });
    this.diagnostics.reset({ widths: config.hidden, fprime: info.fprime.main, activations: acts });
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
    const last = c.last('main');
    if (c.surfaces.main) this.boundary.setSurface(c.surfaces.main);
    this.diagram.update(last);
    if (this.gate.due(c.running)) this.diagnostics.update(c.points('main'), { last, events: c.events.main, bands: c.bands(), xMax: c.setup?.schedule.maxSteps });
    this.#summary(last);
  }

  #summary(last) {
    if (!last) return;
    const acc = last.testAccuracy ?? last.trainAccuracy;
    let text = t('train.summary', { train: fmt(last.trainLoss), test: fmt(last.testLoss), acc: acc === null || acc === undefined ? '–' : `${(100 * acc).toFixed(1)}%` });
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

  /** Language changed: rebuild what holds translated labels. */
  relabel() {
    this.render(this.store.get());
    if (this.active() && this.controller.setupInfo) {
      this.#setup();
      this.draw();
    }
  }
}
