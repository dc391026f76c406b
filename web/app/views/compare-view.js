// Compare mode: 2–4 copies of the trainer's network (same seed, same data)
// with different activations/initialisations, trained side by side: one
// decision boundary per network and overlaid loss, dead-share and top-layer
// mean-activation curves, and one small unit diagram per network.
import { BoundaryView } from '../boundary.js';
import { NetworkDiagram } from '../diagram.js';
import { Chart, RUN_COLORS, lineOptions, stripeCoincident } from '../charts/setup.js';
import { chartCard } from '../charts/chart-card.js';
import { chartGate, networkDeadFraction, series } from '../charts/series.js';
import { PlayBar } from '../playbar.js';
import { el } from '../dom.js';
import { fmt, percent } from '../format.js';
import { t } from '../i18n/i18n.js';
import { MAX_COMPARE, initNames } from '../state.js';

const CHARTS = [
  { key: 'cmpLoss', titleKey: 'compare.loss', pick: (r) => r.trainLoss, opts: { yMin: 0 } },
  { key: 'cmpDead', titleKey: 'compare.dead', pick: null, opts: { yMin: 0, yMax: 1 } },
  { key: 'cmpAct', titleKey: 'compare.actTop', pick: (r) => r.layers?.[r.layers.length - 1]?.actMean, opts: {} },
];

export class CompareView {
  constructor(root, { store, controller, activations, onReset, onSpike }) {
    this.root = root;
    this.store = store;
    this.controller = controller;
    this.activations = activations;
    this.runsBox = root.querySelector('#compare-runs');
    this.chartsBox = root.querySelector('#compare-charts');
    this.playbar = new PlayBar(root.querySelector('#compare-playbar'), controller, { onReset, onSpike });
    this.charts = {};
    this.boundaries = [];
    this.pending = false;
    this.gate = chartGate();
  }

  active() {
    return this.controller.setup?.mode === 'compare';
  }

  onRun(kind) {
    if (!this.active()) return;
    if (kind === 'setup') this.#setup();
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /**
   * The run picker, built from the settings: rebuilt only when the runs
   * change (a slider drag elsewhere re-renders every view, and rebuilding four
   * cards, diagrams and charts costs a frame or more); a language change
   * relabels it in place (relabel).
   */
  render(state) {
    const cardsKey = state.runs.map((r) => `${r.act}:${r.init}`).join(',');
    if (cardsKey === this.cardsKey) return;
    this.cardsKey = cardsKey;
    const label = new Map(this.activations.map((a) => [a.name, a.label]));
    const setRun = (i, patch) => {
      const runs = state.runs.map((r) => ({ ...r }));
      Object.assign(runs[i], patch);
      this.store.set({ runs });
    };
    this.runCards = state.runs.map((r, i) => {
      const n = i + 1;
      const act = el('select', { dataset: { label: 'compare.activation', labelRun: n }, on: { change: (e) => setRun(i, { act: e.target.value }) } },
        ...this.activations.map((a) => el('option', { value: a.name }, a.label)));
      act.value = r.act;
      const init = el('select', { dataset: { label: 'compare.init', labelRun: n }, on: { change: (e) => setRun(i, { init: e.target.value }) } },
        ...initNames(this.store.ctx).map((v) => el('option', { value: v }, v)));
      init.value = r.init;
      const remove = el('button', { type: 'button', class: 'small', dataset: { label: 'compare.remove', labelRun: n }, disabled: state.runs.length <= 2,
        on: { click: () => this.store.set({ runs: state.runs.filter((_, j) => j !== i) }) } }, '×');
      const canvas = el('canvas', { width: 220, height: 220, role: 'img', 'aria-label': `${label.get(r.act)} + ${r.init}` });
      const stats = el('p', { class: 'run-stats', dataset: { run: `run${i}` } });
      const diagram = el('div', { class: 'run-diagram' });
      return el('div', { class: 'panel run-card', style: `border-top: 4px solid ${RUN_COLORS[i]}` },
        el('div', { class: 'run-head' }, act, init, remove), canvas, diagram, stats);
    });
    const add = el('button', { type: 'button', i18n: 'compare.add', disabled: state.runs.length >= MAX_COMPARE,
      on: { click: () => this.store.set({ runs: [...state.runs, { act: 'elu', init: 'he' }] }) } }, t('compare.add'));
    this.runsBox.replaceChildren(...this.runCards, el('div', { class: 'add-run' }, add));
    this.relabel();
    this.boundaries = this.runCards.map((card) => new BoundaryView(card.querySelector('canvas')));
    this.diagrams = this.runCards.map((card) => new NetworkDiagram(card.querySelector('.run-diagram'), { compact: true }));
    // New cards need their boundaries and diagrams, and the charts their
    // titles in the current language.
    if (this.active() && this.controller.setupInfo) this.#setup();
  }

  /**
   * Language changed (and new cards): the cards' accessible names, in place.
   * (Their other text and the charts' titles are data-i18n, which
   * setLanguage translates; run and activation names are not translated.)
   */
  relabel() {
    for (const e of this.runsBox.querySelectorAll('[data-label]')) e.setAttribute('aria-label', t(e.dataset.label, { i: Number(e.dataset.labelRun) }));
  }

  /** The worker died: draw the stopped runs. */
  onWorkerDeath() {
    this.draw();
  }

  #setup() {
    const info = this.controller.setupInfo;
    this.boundaries.forEach((b, i) => {
      const config = info.configs[`run${i}`];
      if (config) b.setData({ data: info.data, bounds: info.bounds, output: config.output, classes: info.data.classes });
      const acts = config ? (Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation)) : [];
      if (config) this.diagrams[i]?.reset({ inputs: info.data.inputs, widths: config.hidden, outputs: config.output === 'softmax' ? config.classes : 1,
        activations: acts, output: config.output, properties: acts.map((a) => this.activations.find((x) => x.name === a)?.properties) });
    });
    const label = new Map(this.activations.map((a) => [a.name, a.label]));
    const datasets = () => Object.values(info.configs).map((cfg, i) => {
      const act = Array.isArray(cfg.activation) ? cfg.activation[0] : cfg.activation;
      return { label: `${label.get(act) ?? act} + ${cfg.init}`, data: [], borderColor: RUN_COLORS[i], backgroundColor: RUN_COLORS[i] };
    });
    // A new session: the charts are kept and given the new runs' (empty) series;
    // building them again costs tens of milliseconds of main thread each.
    if (this.chartsBox.childElementCount === CHARTS.length && Object.keys(this.charts).length === CHARTS.length) {
      for (const spec of CHARTS) {
        this.charts[spec.key].data.datasets = datasets();
        this.charts[spec.key].update('none');
      }
      return;
    }
    for (const c of Object.values(this.charts)) c.destroy();
    this.charts = {};
    this.chartsBox.replaceChildren();
    for (const spec of CHARTS) {
      const { card, canvas } = chartCard(spec.key, spec.titleKey, { height: 220, getChart: () => this.charts[spec.key] });
      this.chartsBox.append(card);
      this.charts[spec.key] = new Chart(canvas, { type: 'line', data: { datasets: datasets() }, options: lineOptions(spec.opts) });
    }
  }

  draw() {
    this.playbar.render();
    const c = this.controller;
    if (!this.active() || !c.setupInfo) return;
    const keys = Object.keys(c.setupInfo.configs);
    const charts = this.gate.due(c.running);
    keys.forEach((key, i) => {
      const reports = charts ? c.points(key) : [];
      const widths = c.setupInfo.configs[key].hidden;
      for (const spec of charts ? CHARTS : []) {
        const chart = this.charts[spec.key];
        if (!chart) continue;
        chart.data.datasets[i].data = series(reports, spec.pick ?? ((r) => networkDeadFraction(r, widths)));
      }
      if (c.surfaces[key]) this.boundaries[i]?.setSurface(c.surfaces[key]);
      const last = c.last(key);
      const diagram = this.diagrams?.[i];
      if (diagram?.widths) {
        diagram.update(last);
        diagram.setUnits(c.units[key]);
        diagram.setSurface(c.surfaces[key]);
      }
      const stats = this.runCards?.[i]?.querySelector('.run-stats');
      if (stats && last) {
        const dead = networkDeadFraction(last, widths);
        const acc = last.testAccuracy ?? last.trainAccuracy;
        stats.textContent = t('compare.stats', { step: last.step, loss: fmt(last.trainLoss), acc: percent(acc, 1), dead: percent(dead ?? 0) })
          + (last.diverged ? t('compare.diverged') : '');
        Object.assign(stats.dataset, { deadFraction: String(dead ?? 0), trainLoss: String(last.trainLoss), step: String(last.step), topActMean: String(last.layers?.at(-1)?.actMean ?? '') });
      }
    });
    for (const chart of charts ? Object.values(this.charts) : []) {
      stripeCoincident(chart.data.datasets);
      chart.options.plugins.bands.ranges = c.bands();
      chart.options.scales.x.max = c.setup?.schedule.maxSteps || undefined;
      chart.update('none');
    }
  }
}
