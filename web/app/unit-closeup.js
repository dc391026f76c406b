// A unit's close-up: its large image (with the off-region shaded for
// rectifiers), its pre-activation histogram over f′, its incoming weights
// and bias, the history of its active / inactive / saturated shares over the
// run, and its autopsy (when it died or revived, at which learning rate, and
// the size of the update that did it). Draws only what the worker sent.
import { el } from './dom.js';
import { fmt, percent as pct } from './format.js';
import { t } from './i18n/i18n.js';
import { FRAME, LINK, activationScale, layerScales, unitImage } from './unit-tile.js';

export const RECTIFIERS = new Set(['relu', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu']);
const SHARE_COLORS = { active: '#2b6cb0', saturated: '#c05600', inactive: '#9ca3af' };

export class UnitCloseup {
  constructor(container, { onClose } = {}) {
    this.root = el('section', { class: 'closeup panel', hidden: true, 'aria-live': 'polite', 'aria-labelledby': 'closeup-title' });
    this.title = el('h3', { id: 'closeup-title' });
    this.close = el('button', { type: 'button', class: 'closeup-close', i18n: 'closeup.close', on: { click: () => onClose?.() } }, t('closeup.close'));
    this.image = el('canvas', { class: 'closeup-image', width: 200, height: 200, role: 'img' });
    this.hist = el('canvas', { class: 'closeup-hist', width: 260, height: 120, role: 'img' });
    this.shares = el('canvas', { class: 'closeup-shares', width: 260, height: 90, role: 'img' });
    this.weights = el('ul', { class: 'closeup-weights' });
    this.autopsy = el('div', { class: 'closeup-autopsy' });
    const fig = (key, node) => el('figure', {}, el('figcaption', { i18n: key }, t(key)), node);
    this.root.append(el('header', {}, this.title, this.close),
      el('div', { class: 'closeup-grid' }, fig('closeup.image', this.image), fig('closeup.histogram', this.hist),
        fig('closeup.weights', this.weights), fig('closeup.shares', this.shares)),
      el('h4', { i18n: 'closeup.autopsy' }, t('closeup.autopsy')), this.autopsy);
    container.append(this.root);
    this.target = null;
  }

  get open() { return !this.root.hidden; }

  hide() {
    this.root.hidden = true;
    this.target = null;
  }

  /**
   * Shows unit `unit` of hidden layer `layer`: { layer, unit, index (in
   * [layer][unit] order), activation, properties (the registry's), state,
   * units (the worker's unitImages entry), history (reports), widths, fprime }.
   */
  show(target) {
    this.target = target;
    this.root.hidden = false;
    this.render();
  }

  render() {
    const g = this.target;
    if (!g) return;
    const { layer, unit, state, history } = g;
    this.root.dataset.layer = String(layer);
    this.root.dataset.unit = String(unit);
    this.root.dataset.state = state;
    this.title.textContent = t('closeup.title', { layer: layer + 1, unit: unit + 1, act: g.activation, state: t(`train.legend${state[0].toUpperCase()}${state.slice(1)}`) });
    this.title.style.borderColor = FRAME[state];
    this.#image(g);
    this.#histogram(g);
    this.#weights(g);
    this.#shares(g.unitHistory ?? [], g.index);
    this.#autopsy(history, g.unitHistory ?? [], layer, unit);
  }

  #image({ units, layer, unit, properties, activation, state, widths }) {
    const ctx = this.image.getContext('2d');
    ctx.fillStyle = '#f1f3f5';
    ctx.fillRect(0, 0, 200, 200);
    if (!units) { this.image.setAttribute('aria-label', t('closeup.noImage')); return; }
    const res = units.resolution, pixels = res * res;
    const index = widths.slice(0, layer).reduce((a, b) => a + b, 0) + unit;
    const scales = layerScales(widths.map((_, l) => (l === layer ? activationScale(properties) : { lo: -1, hi: 1, mid: 0, fixed: true })), units.values, widths, pixels);
    const img = unitImage(units.values, index * pixels, res, scales[layer], state === 'dead');
    const tmp = document.createElement('canvas');
    tmp.width = tmp.height = res;
    tmp.getContext('2d').putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tmp, 0, 0, 200, 200);
    let on = 0;
    if (RECTIFIERS.has(activation)) {
      // the off-region (f(z) <= 0: z <= 0 for every rectifier) hatched
      ctx.fillStyle = 'rgba(55,65,81,0.28)';
      const cell = 200 / res;
      for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) {
        const v = units.values[index * pixels + r * res + c];
        if (v > 0) { on++; continue; }
        if ((r + c) % 2 === 0) ctx.fillRect(c * cell, (res - 1 - r) * cell, cell, cell);
      }
    }
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < pixels; i++) { const v = units.values[index * pixels + i]; lo = Math.min(lo, v); hi = Math.max(hi, v); }
    this.image.dataset.min = String(lo);
    this.image.dataset.max = String(hi);
    this.image.setAttribute('aria-label', t('closeup.imageLabel', { min: fmt(lo), max: fmt(hi),
      on: RECTIFIERS.has(activation) ? `${Math.round((100 * on) / pixels)}%` : '–' }));
  }

  #histogram({ units, layer, unit, widths, fprime }) {
    const ctx = this.hist.getContext('2d');
    const W = 260, H = 120, pad = 14;
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, H);
    const stats = units?.stats;
    const index = widths.slice(0, layer).reduce((a, b) => a + b, 0) + unit;
    const x = (z) => pad + ((z + 6) / 12) * (W - 2 * pad);
    if (stats) {
      const counts = stats.histogram.subarray(index * stats.bins, (index + 1) * stats.bins);
      const max = Math.max(1, ...counts);
      const bw = (W - 2 * pad) / stats.bins;
      ctx.fillStyle = '#6b8fbf';
      counts.forEach((c, b) => { const h = (c / max) * (H - 2 * pad); ctx.fillRect(pad + b * bw + 0.5, H - pad - h, bw - 1, h); });
      this.hist.dataset.total = String(counts.reduce((a, b) => a + b, 0));
    }
    const f = fprime?.[layer];
    if (f) {
      const m = Math.max(1e-6, ...f.y.map(Math.abs));
      ctx.strokeStyle = '#b45309';
      ctx.lineWidth = 2;
      ctx.beginPath();
      f.x.forEach((z, i) => { const px = x(z), py = H - pad - (Math.abs(f.y[i]) / m) * (H - 2 * pad); if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py); });
      ctx.stroke();
    }
    ctx.fillStyle = '#374151';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillText('−6', pad - 4, H - 2);
    ctx.fillText('0', x(0) - 3, H - 2);
    ctx.fillText('6', W - pad - 4, H - 2);
    ctx.fillText("f′", W - pad - 10, pad);
    this.hist.setAttribute('aria-label', t('closeup.histogramLabel'));
  }

  #weights({ units, layer, unit }) {
    this.weights.replaceChildren();
    const w = units?.layout?.find((x) => x.name === `hidden${layer}.weight`);
    const b = units?.layout?.find((x) => x.name === `hidden${layer}.bias`);
    if (!w) return;
    const fanIn = w.shape[1];
    const vals = Array.from({ length: fanIn }, (_, k) => units.weights[w.offset + unit * fanIn + k]);
    const bias = units.weights[b.offset + unit];
    const m = Math.max(1e-6, ...vals.map(Math.abs), Math.abs(bias));
    const row = (label, v) => el('li', {},
      el('span', { class: 'wname' }, label),
      el('span', { class: 'wbar', style: `width:${(48 * Math.abs(v)) / m}px;background:${v >= 0 ? LINK.pos : LINK.neg}` }),
      el('span', { class: 'wval' }, fmt(v)));
    const names = layer === 0 ? ['x₁', 'x₂', 'x₃', 'x₄'] : [];
    const shown = Math.min(fanIn, 16);
    for (let k = 0; k < shown; k++) this.weights.append(row(names[k] ?? t('closeup.from', { unit: k + 1 }), vals[k]));
    if (fanIn > shown) this.weights.append(el('li', { class: 'muted' }, t('closeup.more', { n: fanIn - shown })));
    this.weights.append(row(t('closeup.bias'), bias));
    this.weights.dataset.bias = String(bias);
  }

  #shares(unitHistory, index) {
    const ctx = this.shares.getContext('2d');
    const W = 260, H = 90;
    ctx.clearRect(0, 0, W, H);
    const pts = unitHistory;
    if (!pts.length) return;
    const s0 = pts[0].step, s1 = Math.max(s0 + 1, pts[pts.length - 1].step);
    const x = (s) => ((s - s0) / (s1 - s0)) * W;
    const stride = Math.max(1, Math.ceil(pts.length / 300));
    let prev = null;
    for (let i = 0; i < pts.length; i += stride) {
      const r = pts[i];
      const a = r.active[index], s = r.saturated[index];
      const x0 = prev === null ? 0 : x(prev), x1 = Math.max(x0 + 1, x(r.step));
      ctx.fillStyle = SHARE_COLORS.active; ctx.fillRect(x0, 0, x1 - x0, a * H);
      ctx.fillStyle = SHARE_COLORS.saturated; ctx.fillRect(x0, a * H, x1 - x0, s * H);
      ctx.fillStyle = SHARE_COLORS.inactive; ctx.fillRect(x0, (a + s) * H, x1 - x0, H - (a + s) * H);
      prev = r.step;
    }
    const last = pts[pts.length - 1];
    Object.assign(this.shares.dataset, { active: String(last.active[index]), inactive: String(last.inactive[index]), saturated: String(last.saturated[index]) });
    this.shares.setAttribute('aria-label', t('closeup.sharesLabel', { active: pct(last.active[index]), saturated: pct(last.saturated[index]), inactive: pct(last.inactive[index]) }));
  }

  #autopsy(history, unitHistory, layer, unit) {
    const events = [];
    for (const r of history) for (const e of r.events ?? []) if (e.layer === layer && e.unit === unit) events.push(e);
    const sizes = new Map();
    for (const r of unitHistory) for (const z of r.sizes ?? []) if (z.layer === layer && z.unit === unit) sizes.set(z.step, z);
    this.autopsy.replaceChildren();
    this.autopsy.dataset.events = String(events.length);
    if (!events.length) {
      this.autopsy.append(el('p', { class: 'muted' }, t('closeup.noEvents')));
      return;
    }
    const list = el('ol', {});
    for (const e of events) {
      const where = e.region?.center?.length ? t('closeup.where', { x: e.region.center.map((v) => fmt(v, 2)).join(', '), share: pct(e.region.share) }) : '';
      const z = sizes.get(e.step);
      const size = z ? t('closeup.update', { du: fmt(z.updateNorm), before: fmt(z.weightNormBefore), b0: fmt(z.biasBefore), b1: fmt(z.biasAfter) }) : '';
      list.append(el('li', { dataset: { kind: e.kind, step: String(e.step), lr: String(e.learningRate) } },
        t(e.kind === 'died' ? 'closeup.died' : 'closeup.revived', { step: e.step, lr: fmt(e.learningRate) }), ' ', size, ' ', where));
    }
    this.autopsy.append(list);
  }
}

