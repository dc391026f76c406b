// The live diagnostics of one network: loss, dead share, saturated share,
// inactive share, mean activation, Glorot & Bengio's mean ± std band with the
// 98th percentile, and gradient norm per layer over steps, pre-activation
// histograms over f', PReLU alphas and the dead-unit event list. Draws only:
// every number comes from the library's reports.
import { Chart, LOSS_COLORS, layerColors, lineOptions } from './setup.js';
import { chartCard } from './chart-card.js';
import { layerSeries, series } from './series.js';
import { Histograms } from './histograms.js';
import { EventList } from './event-list.js';
import { glorotDatasets, glorotSeries } from './glorot.js';
import { el } from '../dom.js';
import { getLanguage, t } from '../i18n/i18n.js';

const LAYER_CHARTS = [
  { key: 'dead', titleKey: 'chart.dead', pick: (l) => l.deadFraction, opts: { yMin: 0, yMax: 1 } },
  { key: 'saturated', titleKey: 'chart.saturated', pick: (l) => l.saturatedFraction, opts: { yMin: 0, yMax: 1 } },
  { key: 'inactive', titleKey: 'chart.inactive', pick: (l) => l.inactiveFraction, opts: { yMin: 0, yMax: 1 } },
  { key: 'actMean', titleKey: 'chart.actMean', pick: (l) => l.actMean, opts: {} },
  { key: 'gradNorm', titleKey: 'chart.gradNorm', pick: (l) => (l.gradNorm > 0 ? l.gradNorm : null), opts: { yType: 'logarithmic' } },
];

export class Diagnostics {
  /** @param {HTMLElement} container @param {{ only?: string[] }} options only: chart keys to show (embed) */
  constructor(container, { only } = {}) {
    this.container = container;
    this.only = only ? new Set(only) : null;
    this.charts = {};
    this.layers = 0;
  }

  #wants(key) {
    return !this.only || this.only.has(key);
  }

  /**
   * Makes the charts for a network with `widths` hidden layers; fprime[l] =
   * {x, y} of f' per layer. For the same widths, activations, f' and language
   * as the last time (a new seed, new data, another learning rate) the charts
   * are kept and emptied: building them again costs 50-100 ms of main thread.
   */
  reset({ widths, fprime, activations }) {
    const shape = JSON.stringify([getLanguage(), widths, activations, fprime]);
    if (shape === this.shape && this.container.firstChild) {
      this.#clear();
      return;
    }
    this.destroy();
    this.shape = shape;
    this.layers = widths.length;
    this.container.replaceChildren();
    const colors = layerColors(this.layers);
    const layerLabel = (i) => `${t('chart.layer', { i: i + 1 })} · ${activations[i]}`;

    if (this.#wants('loss')) {
      const { card, canvas } = chartCard('loss', 'chart.loss', { getChart: () => this.charts.loss });
      this.container.append(card);
      this.charts.loss = new Chart(canvas, {
        type: 'line',
        data: { datasets: [
          { label: t('chart.train'), data: [], borderColor: LOSS_COLORS.train },
          { label: t('chart.test'), data: [], borderColor: LOSS_COLORS.test, borderDash: [5, 3] },
        ] },
        options: lineOptions({ yMin: 0 }),
      });
    }
    for (const spec of LAYER_CHARTS) {
      if (!this.#wants(spec.key)) continue;
      const { card, canvas } = chartCard(spec.key, spec.titleKey, { getChart: () => this.charts[spec.key] });
      this.container.append(card);
      this.charts[spec.key] = new Chart(canvas, {
        type: 'line',
        data: { datasets: colors.map((c, i) => ({ label: layerLabel(i), data: [], borderColor: c, backgroundColor: c })) },
        options: lineOptions(spec.opts),
      });
    }
    if (this.#wants('glorot')) {
      const { card, canvas } = chartCard('glorot', 'chart.glorot', { getChart: () => this.charts.glorot, height: 220 });
      card.classList.add('wide');
      this.container.append(card);
      const options = lineOptions();
      options.plugins.legend.labels.filter = (item) => item.text !== '';
      this.glorotColors = colors;
      this.glorotLabel = layerLabel;
      this.charts.glorot = new Chart(canvas, { type: 'line', data: { datasets: [] }, options });
    }
    if (this.#wants('histograms')) {
      const box = el('figure', { class: 'chart-card wide', dataset: { chart: 'histograms' } },
        el('figcaption', {}, el('span', { i18n: 'chart.histograms' }, t('chart.histograms'))));
      this.container.append(box);
      this.histograms = new Histograms(box, { fprime, colors, labels: widths.map((_, i) => layerLabel(i)) });
    } else this.histograms = null;
    if (this.#wants('alpha')) {
      const { card, canvas, body } = chartCard('alpha', 'chart.alpha', { getChart: () => this.charts.alpha });
      this.container.append(card);
      const prelu = activations.map((a, i) => (a === 'prelu' ? i : -1)).filter((i) => i >= 0);
      this.preluLayers = prelu;
      if (prelu.length === 0) {
        body.replaceChildren(el('p', { class: 'muted', i18n: 'chart.noAlpha' }, t('chart.noAlpha')));
        body.style.height = 'auto';
      } else {
        const datasets = [];
        for (const l of prelu) {
          const c = colors[l];
          datasets.push({ label: layerLabel(l), data: [], borderColor: c },
            { label: '', data: [], borderColor: 'transparent', pointRadius: 0 },
            { label: '', data: [], borderColor: 'transparent', backgroundColor: c.replace(')', ' / 0.18)'), fill: '-1' });
        }
        const options = lineOptions();
        options.plugins.legend.labels.filter = (item) => item.text !== '';
        this.charts.alpha = new Chart(canvas, { type: 'line', data: { datasets }, options });
      }
    }
    if (this.#wants('events')) {
      const box = el('figure', { class: 'chart-card', dataset: { chart: 'events' } },
        el('figcaption', {}, el('span', { i18n: 'chart.events' }, t('chart.events'))));
      this.container.append(box);
      this.events = new EventList(box);
    } else this.events = null;
  }

  // every series empty, fork copies dropped; update() fills them from the new run
  #clear() {
    for (const chart of Object.values(this.charts)) {
      const base = chart === this.charts.loss ? 2 : chart === this.charts.alpha ? chart.data.datasets.length : this.layers;
      chart.data.datasets.length = chart === this.charts.glorot ? 0 : Math.min(chart.data.datasets.length, base);
      for (const ds of chart.data.datasets) ds.data = [];
      chart.update('none');
    }
    this.histograms?.clear();
    this.events?.clear();
  }

  /**
   * Redraws from the whole run: `reports` are its chart points (a bounded
   * history's points(): min/max buckets, then recent reports), `last` the
   * report the histograms show (the latest, or the sought step's), `events`
   * an EventLog; `fork` (a fork's points, timeline) is drawn dashed beside
   * the run and `cursor` marks a step.
   */
  update(reports, { last = reports.at(-1), events, bands = [], xMax, fork = null, cursor = null } = {}) {
    const c = this.charts;
    const forkReports = fork;
    const forkSet = (chart, i, base, pts) => {
      const ds = chart.data.datasets;
      const k = base + i;
      if (!ds[k]) ds[k] = { label: '', data: [], borderColor: ds[i].borderColor, backgroundColor: ds[i].borderColor, borderDash: [2, 2], borderWidth: 2.6, fork: true };
      ds[k].data = pts;
    };
    if (c.loss) {
      c.loss.data.datasets[0].data = series(reports, (r) => r.trainLoss);
      c.loss.data.datasets[1].data = series(reports, (r) => r.testLoss);
      if (forkReports) {
        forkSet(c.loss, 0, 2, series(forkReports, (r) => r.trainLoss));
        forkSet(c.loss, 1, 2, series(forkReports, (r) => r.testLoss));
      } else c.loss.data.datasets.length = 2;
    }
    for (const spec of LAYER_CHARTS) {
      if (!c[spec.key]) continue;
      layerSeries(reports, this.layers, spec.pick).forEach((pts, i) => { c[spec.key].data.datasets[i].data = pts; });
      if (forkReports) layerSeries(forkReports, this.layers, spec.pick).forEach((pts, i) => forkSet(c[spec.key], i, this.layers, pts));
      else c[spec.key].data.datasets.length = this.layers;
    }
    if (c.glorot) {
      c.glorot.data.datasets = glorotDatasets(glorotSeries(reports, this.layers), this.glorotColors, this.glorotLabel, t('lessons.p98'));
    }
    if (c.alpha) {
      this.preluLayers.forEach((l, j) => {
        const ds = c.alpha.data.datasets;
        ds[3 * j].data = series(reports, (r) => r.layers?.[l]?.alpha?.mean);
        ds[3 * j + 1].data = series(reports, (r) => r.layers?.[l]?.alpha?.min);
        ds[3 * j + 2].data = series(reports, (r) => r.layers?.[l]?.alpha?.max);
      });
    }
    for (const chart of Object.values(c)) {
      chart.options.plugins.bands.ranges = bands;
      chart.options.plugins.cursor.step = cursor;
      chart.options.scales.x.max = xMax || undefined;
      chart.update('none');
    }
    if (last) this.histograms?.update(last);
    if (events) this.events?.update(events);
  }

  destroy() {
    for (const c of Object.values(this.charts)) c.destroy();
    this.charts = {};
    this.histograms?.destroy();
    this.histograms = null;
    this.shape = null;
  }
}
