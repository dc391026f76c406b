// The activation explorer: pick an activation, move its parameter sliders and
// watch f and f' redraw; read f and f' under the pointer (or with ←/→ on the
// focused chart); the property table and the gallery of every activation.
import { Chart } from '../charts/setup.js';
import { curveDatasets, drawActivationCard, sampleGrid } from '../explorer.js';
import { el } from '../dom.js';
import { fmt } from '../format.js';
import { t } from '../i18n/i18n.js';
import { renderPropertiesTable } from './properties-table.js';

const RANGE = 6;
const CARDS_PER_TASK = 3;
// Slider spans: the library's allowed ranges, narrowed to what is worth seeing.
const SLIDER = { alpha: { min: -2, max: 2, step: 0.01 }, lower: { min: 1, max: 20, step: 0.1 }, upper: { min: 1, max: 20, step: 0.1 } };
// The URL setting of each activation parameter (the one place that pairs them).
const URL_KEY = { alpha: 'fa', lower: 'fl', upper: 'fu' };
// Every parameter back to the catalogue's default.
const DEFAULT_PARAMS = Object.freeze(Object.fromEntries(Object.values(URL_KEY).map((key) => [key, null])));

const crosshair = {
  id: 'crosshair',
  afterDatasetsDraw(chart, _args, opts) {
    if (opts?.x === null || opts?.x === undefined) return;
    const { ctx, chartArea, scales } = chart;
    const px = scales.x.getPixelForValue(opts.x);
    ctx.save();
    ctx.strokeStyle = 'rgba(29,35,43,0.45)';
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(px, chartArea.top);
    ctx.lineTo(px, chartArea.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

export class ExplorerView {
  /** @param root the view's section; @param store the page state store */
  constructor(root, { lab, store }) {
    this.lab = lab;
    this.store = store;
    this.root = root;
    this.grid = sampleGrid(RANGE, 481);
    this.cursor = null;
    this.select = root.querySelector('#fn-select');
    this.paramsBox = root.querySelector('#fn-params');
    this.readout = root.querySelector('#fn-readout');
    this.formula = root.querySelector('#fn-formula');
    this.tableBox = root.querySelector('#fn-properties');
    for (const a of lab.activations) this.select.append(el('option', { value: a.name }, a.label));
    this.select.addEventListener('change', () => this.store.set({ fn: this.select.value, ...DEFAULT_PARAMS }));
    root.querySelector('#fn-reset').addEventListener('click', () => this.store.set({ ...DEFAULT_PARAMS }));
    this.chart = null;  // the chart and the gallery are drawn when the view is first shown (#build)
    this.shown = null;
  }

  // The chart now; the gallery's cards (a chart each, 5-10 ms) a few per task,
  // so that opening the view is no long task. #explorer gets data-gallery =
  // "drawn" when the last card is.
  #build() {
    this.#makeChart(this.root.querySelector('#fn-chart'));
    const gallery = this.root.querySelector('#explorer');
    const onSelect = (name) => {
      this.store.set({ fn: name, ...DEFAULT_PARAMS });
      this.select.focus();
    };
    const todo = [...this.lab.activations];
    this.cards = [];
    const drawSome = () => {
      for (const a of todo.splice(0, CARDS_PER_TASK)) this.cards.push(drawActivationCard(gallery, this.lab, a, { onSelect }));
      if (todo.length) setTimeout(drawSome, 0);
      else gallery.dataset.gallery = 'drawn';
      this.#markSelected(this.select.value);
    };
    setTimeout(drawSome, 0);
  }

  #markSelected(name) {
    for (const card of this.root.querySelectorAll('#explorer [data-activation]')) {
      card.setAttribute('aria-pressed', String(card.dataset.activation === name));
    }
  }

  #makeChart(canvas) {
    this.canvas = canvas;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
        events: ['mousemove', 'mouseout', 'touchstart', 'touchmove'],
        onHover: (event, _els, chart) => {
          if (event.type === 'mouseout') return;
          const x = chart.scales.x.getValueForPixel(event.x);
          if (x >= -RANGE && x <= RANGE) this.#setCursor(x);
        },
        scales: { x: { type: 'linear', min: -RANGE, max: RANGE }, y: { type: 'linear', suggestedMin: -1.5, suggestedMax: 2 } },
        plugins: { legend: { position: 'bottom' }, tooltip: { enabled: false }, crosshair: { x: null } },
      },
      plugins: [crosshair],
    });
    canvas.tabIndex = 0;
    canvas.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? 1 : 0.1;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        const x = (this.cursor ?? 0) + (e.key === 'ArrowLeft' ? -step : step);
        this.#setCursor(Math.max(-RANGE, Math.min(RANGE, Math.round(x * 100) / 100)));
      }
    });
  }

  /** The parameters in effect: URL values where set, else the catalogue defaults, kept in the library's ranges. */
  params(state) {
    const a = this.lab.activation(state.fn);
    const out = {};
    for (const [name, def] of Object.entries(a.params)) {
      const v = state[URL_KEY[name]];
      const [lo, hi] = a.paramRanges[name] ?? [-Infinity, Infinity];
      out[name] = v === null || v === undefined || v < lo || v > hi ? def : v;
    }
    if (out.lower !== undefined && out.upper !== undefined && out.lower > out.upper) out.upper = out.lower;
    return out;
  }

  /** Draws the chosen activation (only while the view is shown). */
  render(state, { visible = true } = {}) {
    if (!visible) return;
    if (!this.chart) this.#build();
    const a = this.lab.activation(state.fn);
    const params = this.params(state);
    this.select.value = a.name;
    this.formula.textContent = `${a.formula}    ${a.derivativeFormula}`;
    if (this.shown !== a.name) this.#renderSliders(a);
    for (const input of this.paramsBox.querySelectorAll('input[type=range]')) {
      input.value = String(params[input.name]);
      input.nextElementSibling.textContent = fmt(params[input.name]);
    }
    this.shown = a.name;
    this.currentParams = Object.keys(params).length ? params : undefined;
    this.chart.data.datasets = curveDatasets(this.lab, a.name, this.grid, this.currentParams);
    this.chart.options.plugins.crosshair.x = this.cursor;
    this.chart.update('none');
    this.canvas.setAttribute('aria-label', t('explore.chartLabel', { label: a.label }));
    this.#markSelected(a.name);
    renderPropertiesTable(this.tableBox, this.lab.activations, a.name, (name) => this.store.set({ fn: name, ...DEFAULT_PARAMS }));
    this.#renderReadout();
  }

  /** Language changed: the sliders are rebuilt on the next render. */
  relabel() {
    this.shown = null;
  }

  #renderSliders(a) {
    const names = Object.keys(a.params);
    if (names.length === 0) {
      this.paramsBox.replaceChildren(el('p', { class: 'muted' }, t('explore.noParams')));
      return;
    }
    this.paramsBox.replaceChildren(...names.map((name) => {
      const [lo, hi] = a.paramRanges[name];
      const s = SLIDER[name];
      const id = `fn-param-${name}`;
      const input = el('input', { type: 'range', id, name, min: Math.max(lo, s.min), max: Math.min(hi, s.max), step: s.step });
      input.addEventListener('input', () => this.store.set({ [URL_KEY[name]]: Number(input.value) }, { replace: true }));
      return el('div', { class: 'slider' }, el('label', { for: id }, name), input, el('output', { for: id }));
    }));
  }

  #setCursor(x) {
    this.cursor = x;
    this.chart.options.plugins.crosshair.x = x;
    this.chart.update('none');
    this.#renderReadout();
  }

  #renderReadout() {
    if (this.cursor === null) {
      this.readout.textContent = t('explore.readoutHint');
      return;
    }
    const x = new Float32Array([this.cursor]);
    const name = this.select.value;
    const f = this.lab.forward(name, x, this.currentParams)[0];
    const d = this.lab.derivative(name, x, this.currentParams)[0];
    this.readout.textContent = t('explore.readout', { x: fmt(this.cursor, 3), f: fmt(f, 4), d: fmt(d, 4) });
    Object.assign(this.readout.dataset, { x: String(this.cursor), f: String(f), d: String(d) });
  }
}
