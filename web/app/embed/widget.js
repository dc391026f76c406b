// One guided experiment as a self-contained widget: Start/Pause/Reset, the
// experiment's networks trained side by side in a worker, one chart that shows
// the effect (per-layer mean activation for saturation, dead share per network
// for dying ReLU), small decision boundaries and a one-line explanation. Used
// by embed.html (iframe) and by the <activation-lab> custom element.
import { BoundaryView } from '../boundary.js';
import { NetworkDiagram } from '../diagram.js';
import { Chart, RUN_COLORS, layerColors, lineOptions, stripeCoincident } from '../charts/setup.js';
import { chartGate, layerSeries, networkDeadFraction, series } from '../charts/series.js';
import { el } from '../dom.js';
import { fmt, percent } from '../format.js';
import { t } from '../i18n/i18n.js';
import { activationLabel } from '../../lib/catalogue.js';
import { DYING_RELU, SATURATION } from '../experiments.js';
import { RunController } from '../run-controller.js';
import { WorkerClient } from '../worker-client.js';
import { defaultState } from '../state.js';
import { workerSetup } from '../run-setup.js';

export const WIDGET_EXPERIMENTS = { saturation: SATURATION, 'dying-relu': DYING_RELU };

const quoted = (v) => (typeof v === 'string' && v !== '' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : t('embed.none'));

/** The note for a setting of the embed (URL parameter or attribute) that is not used: its name, value, what is allowed, what is used. */
export function settingNotice(key, value, allowed, used) {
  return t('embed.badSetting', { key, value: quoted(value), allowed: allowed.join(', '), def: used });
}

/** The note for an `origins` entry that is not an http(s) origin. */
export function originNotice(value) {
  return t('embed.badOrigin', { value: quoted(value) });
}

export class ExperimentWidget {
  /**
   * @param root element (or shadow root) to draw into
   * @param {{ experiment: string, speed?: string, onEvent?(msg), workerFactory?, linkBase?: string, notices?: string[] }} options
   *   notices: lines shown under the title (settings of the embed that were not used, see settingNotice)
   */
  constructor(root, { experiment, speed = 'normal', onEvent, workerFactory, linkBase, notices = [] }) {
    this.root = root;
    // own keys only: 'constructor', '__proto__' or 'toString' must not pick up Object.prototype members
    this.experiment = typeof experiment === 'string' && Object.hasOwn(WIDGET_EXPERIMENTS, experiment) ? WIDGET_EXPERIMENTS[experiment] : undefined;
    this.onEvent = onEvent ?? (() => {});
    this.notes = notices.length ? el('ul', { class: 'alab-notes', role: 'status' }, ...notices.map((n) => el('li', {}, n))) : null;
    if (!this.experiment) {
      root.append(el('p', { class: 'alab-error', role: 'alert' }, t('embed.unknown', { value: quoted(experiment) })), this.notes ?? '');
      return;
    }
    const state = { ...defaultState(), ...this.experiment.settings, runs: this.experiment.compare, speed };
    this.state = state;
    this.setup = () => workerSetup(state, { compare: true });
    this.client = new WorkerClient({
      onMessage: (msg) => this.controller.receive(msg),
      onDeath: (message) => this.#died(message),
    }, workerFactory);
    this.controller = new RunController(this.client);
    this.gate = chartGate();
    this.controller.on((kind) => this.#onRun(kind));
    this.#build(linkBase);
    this.autoplay = false;
    this.client.ready.then(() => {
      this.controller.start(this.setup(), { play: this.autoplay });
      this.onEvent({ type: 'ready', experiment: this.experiment.id });
    });
  }

  #build(linkBase) {
    const e = this.experiment;
    this.startButton = el('button', { type: 'button', class: 'alab-primary', dataset: { action: 'start' }, on: { click: () => this.toggle() } }, t('embed.start'));
    this.resetButton = el('button', { type: 'button', dataset: { action: 'reset' }, on: { click: () => this.reset() } }, t('embed.reset'));
    this.stepText = el('span', { class: 'alab-step' }, t('train.stepCount', { step: 0 }));
    this.canvas = el('canvas', { role: 'img', 'aria-label': t(e.headline === 'dead' ? 'compare.dead' : 'chart.actMean') });
    this.chartTitle = el('div', { class: 'alab-chart-title' });
    this.boundaries = el('div', { class: 'alab-boundaries' });
    this.stats = el('p', { class: 'alab-stats', 'aria-live': 'polite' });
    this.banner = el('div', { class: 'alab-banner', role: 'alert', hidden: true });
    const link = linkBase ? el('a', { href: `${linkBase}?${new URLSearchParams({ exp: e.id })}`, target: '_blank', rel: 'noopener' }, t('embed.open')) : null;
    this.box = el('div', { class: 'alab-widget', dataset: { experiment: e.id, step: '0', running: 'false' } },
      el('div', { class: 'alab-head' }, el('strong', {}, t(e.titleKey)), link),
      this.notes,
      el('div', { class: 'alab-bar' }, this.startButton, this.resetButton, this.stepText),
      this.banner,
      el('p', { class: 'alab-explain' }, t(e.paragraphs[0], { at: this.state.spikeAt, lr: this.state.spikeLr, steps: this.state.spikeSteps })),
      this.chartTitle,
      el('div', { class: 'alab-chart' }, this.canvas),
      this.boundaries, this.stats);
    // One unit diagram (the first network) where the widget is wide enough for legible tiles.
    this.diagramBox = el('div', { class: 'alab-diagram', hidden: true });
    this.box.append(this.diagramBox);
    this.diagram = new NetworkDiagram(this.diagramBox, { compact: true });
    this.root.append(this.box);
  }

  /** Start (or resume) training; before the worker is ready, training starts once it is. */
  start() {
    if (!this.controller.setup) this.autoplay = true;
    else if (!this.controller.running && this.controller.reason !== 'finished') this.controller.play();
  }
  pause() { if (this.controller.running) this.controller.pause(); }
  toggle() { (this.controller.running ? this.pause() : this.start()); }
  /** Back to step 0 (paused). */
  reset() { this.controller.start(this.setup()); }

  #died(message) {
    this.banner.hidden = false;
    this.banner.replaceChildren(el('span', {}, t('worker.died', { message })),
      el('button', { type: 'button', on: { click: () => { this.banner.hidden = true; this.client.restart(); this.client.ready.then(() => this.reset()); } } }, t('worker.restart')));
    this.onEvent({ type: 'state', experiment: this.experiment.id, running: false, reason: 'worker-died' });
  }

  #onRun(kind) {
    const c = this.controller;
    if (kind === 'setup') this.#setupCharts();
    if (kind === 'state' || kind === 'reset') this.onEvent({ type: 'state', experiment: this.experiment.id, running: c.running, reason: c.reason, step: c.step });
    if (kind === 'update' || kind === 'state') this.onEvent({ type: 'progress', experiment: this.experiment.id, step: c.step, running: c.running, runs: this.summary() });
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /** Per-network numbers of the latest reports: { label: { step, trainLoss, deadFraction, topActMean } }. */
  summary() {
    const c = this.controller;
    const out = {};
    for (const [key, config] of Object.entries(c.setupInfo?.configs ?? {})) {
      const last = c.last(key);
      if (!last) continue;
      out[this.#label(config)] = { step: last.step, trainLoss: last.trainLoss, deadFraction: networkDeadFraction(last, config.hidden), topActMean: last.layers?.at(-1)?.actMean ?? null };
    }
    return out;
  }

  #label(config) {
    const act = Array.isArray(config.activation) ? config.activation[0] : config.activation;
    return this.experiment.headline === 'actMean' ? `${activationLabel(act)} + ${config.init}` : activationLabel(act);
  }

  #setupCharts() {
    const info = this.controller.setupInfo;
    const keys = Object.keys(info.configs);
    this.chart?.destroy();
    let datasets;
    if (this.experiment.headline === 'actMean') {
      // Glorot & Bengio's figure: every layer of the first (sigmoid) network
      const colors = layerColors(info.configs[keys[0]].hidden.length);
      datasets = colors.map((c, i) => ({ label: t('chart.layer', { i: i + 1 }), data: [], borderColor: c, backgroundColor: c }));
      this.chartTitle.textContent = `${t('chart.actMean')} · ${this.#label(info.configs[keys[0]])}`;
    } else {
      datasets = keys.map((k, i) => ({ label: this.#label(info.configs[k]), data: [], borderColor: RUN_COLORS[i], backgroundColor: RUN_COLORS[i] }));
      this.chartTitle.textContent = t('compare.dead');
    }
    const options = lineOptions(this.experiment.headline === 'dead' ? { yMin: 0, yMax: 1 } : {});
    this.chart = new Chart(this.canvas, { type: 'line', data: { datasets }, options });
    this.views = keys.map((k, i) => {
      const canvas = el('canvas', { width: 120, height: 120, role: 'img', 'aria-label': this.#label(info.configs[k]) });
      const cap = el('span', { style: `border-bottom: 3px solid ${RUN_COLORS[i]}` }, this.#label(info.configs[k]));
      return { key: k, view: new BoundaryView(canvas), node: el('figure', {}, canvas, el('figcaption', {}, cap)) };
    });
    this.boundaries.replaceChildren(...this.views.map((v) => v.node));
    const first = info.configs[keys[0]];
    const acts = Array.isArray(first.activation) ? first.activation : first.hidden.map(() => first.activation);
    this.diagram.reset({ inputs: info.data.inputs, widths: first.hidden, outputs: first.output === 'softmax' ? first.classes : 1, activations: acts, output: first.output });
    for (const v of this.views) {
      const config = info.configs[v.key];
      v.view.setData({ data: info.data, bounds: info.bounds, output: config.output, classes: info.data.classes });
    }
  }

  draw() {
    const c = this.controller;
    this.startButton.textContent = t(c.running ? 'embed.pause' : 'embed.start');
    this.startButton.disabled = !c.setupInfo || c.reason === 'finished';
    this.stepText.textContent = t('train.stepCount', { step: c.step });
    Object.assign(this.box.dataset, { step: String(c.step), running: String(c.running), reason: c.reason });
    if (!c.setupInfo || !this.chart) return;
    const keys = Object.keys(c.setupInfo.configs);
    if (!this.gate.due(c.running)) return;
    if (this.experiment.headline === 'actMean') {
      const reports = c.points(keys[0]);
      layerSeries(reports, this.chart.data.datasets.length, (l) => l.actMean).forEach((pts, i) => { this.chart.data.datasets[i].data = pts; });
    } else {
      keys.forEach((k, i) => { this.chart.data.datasets[i].data = series(c.points(k), (r) => networkDeadFraction(r, c.setupInfo.configs[k].hidden)); });
    }
    stripeCoincident(this.chart.data.datasets);
    this.chart.options.plugins.bands.ranges = c.bands();
    this.chart.options.scales.x.max = c.setup?.schedule.maxSteps || undefined;
    this.chart.update('none');
    for (const v of this.views) if (c.surfaces[v.key]) v.view.setSurface(c.surfaces[v.key]);
    const key = keys[0];
    this.diagramBox.hidden = !(this.box.clientWidth >= 420 && c.setupInfo.data.inputs === 2);
    if (!this.diagramBox.hidden && this.diagram.widths) {
      this.diagram.update(c.last(key));
      this.diagram.setUnits(c.units[key]);
      this.diagram.setSurface(c.surfaces[key]);
    }
    const parts = Object.entries(this.summary()).map(([label, s]) => this.experiment.headline === 'dead'
      ? `${label}: ${percent(s.deadFraction ?? 0)}`
      : `${label}: ${fmt(s.topActMean)}`);
    this.stats.textContent = `${t(this.experiment.headline === 'dead' ? 'compare.dead' : 'compare.actTop')} — ${parts.join(' · ')}`;
  }

  destroy() {
    this.client?.terminate();
    this.chart?.destroy();
  }
}
