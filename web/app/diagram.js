// The network diagram: inputs, hidden units and outputs as an SVG, each
// hidden unit marked alive, saturated or dead from the latest report. A unit
// is dead when the library lists it in layers[l].deadUnits. Saturation comes
// per unit from layers[l].saturatedUnits when the report has it; otherwise,
// for activations bounded on both sides (sigmoid, tanh, softsign), the layer's
// saturated share tints its live units (full tint = every (unit, sample) pair
// saturated). For rectifiers f' = 0 below zero is "off", not saturation: only
// a unit off for every sample (dead) is marked.
import { el, svgEl } from './dom.js';
import { t } from './i18n/i18n.js';

const W = 420;
const H = 220;
const ALIVE = '#1c7ed6';
const SATURATED = '#f59f00';
const DEAD = '#adb5bd';

export class NetworkDiagram {
  constructor(container) {
    this.svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'diagram', role: 'img' });
    this.legend = el('p', { class: 'legend' },
      el('span', { class: 'swatch', style: `background:${ALIVE}` }), el('span', { i18n: 'train.legendAlive' }, t('train.legendAlive')),
      el('span', { class: 'swatch', style: `background:${SATURATED}` }), el('span', { i18n: 'train.legendSaturated' }, t('train.legendSaturated')),
      el('span', { class: 'swatch', style: `background:${DEAD}` }), el('span', { i18n: 'train.legendDead' }, t('train.legendDead')));
    container.append(this.svg, this.legend);
  }

  /** Lays out a network: inputs, hidden widths, outputs. */
  reset({ inputs, widths, outputs, activations, saturating }) {
    this.svg.replaceChildren();
    this.widths = widths;
    this.saturating = saturating ?? widths.map(() => true);
    const columns = [inputs, ...widths, outputs];
    const dx = W / (columns.length + 0.2);
    const pos = columns.map((n, c) => {
      const gap = Math.min(24, (H - 30) / n);
      const top = (H - 12 - gap * (n - 1)) / 2;
      return Array.from({ length: n }, (_, i) => ({ x: dx * (c + 0.6), y: top + gap * i, r: Math.max(1.6, Math.min(8, gap * 0.38)) }));
    });
    const edges = svgEl('g', { class: 'edges' });
    // At most ~600 edges per pair of columns (a 128-wide layer pair has 16384):
    // tens of thousands of SVG lines stall the page, and a sample reads the same.
    const MAX_EDGES = 600;
    for (let c = 0; c + 1 < pos.length; c++) {
      const from = pos[c], to = pos[c + 1];
      const stride = Math.max(1, Math.ceil((from.length * to.length) / MAX_EDGES));
      for (let k = 0; k < from.length * to.length; k += stride) {
        const a = from[Math.floor(k / to.length)], b = to[k % to.length];
        edges.append(svgEl('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
      }
    }
    this.svg.append(edges);
    this.units = [];
    pos.forEach((col, c) => {
      const g = svgEl('g', { class: c === 0 ? 'inputs' : c === pos.length - 1 ? 'outputs' : 'hidden' });
      const circles = col.map((p) => {
        const circle = svgEl('circle', { cx: p.x, cy: p.y, r: p.r });
        g.append(circle);
        return circle;
      });
      if (c > 0 && c < pos.length - 1) {
        this.units.push(circles);
        const label = svgEl('text', { x: col[0].x, y: H - 2, 'text-anchor': 'middle' });
        label.textContent = activations[c - 1];
        g.append(label);
      }
      this.svg.append(g);
    });
    this.update(null);
  }

  /** Marks the hidden units from a report (null: all alive). */
  update(report) {
    let dead = 0, saturated = 0;
    this.units.forEach((circles, l) => {
      const layer = report?.layers?.[l];
      const deadSet = new Set(layer?.deadUnits ?? []);
      const satSet = layer?.saturatedUnits ? new Set(layer.saturatedUnits) : null;
      const tint = satSet || !this.saturating[l] ? 0 : layer?.saturatedFraction ?? 0;
      circles.forEach((c, i) => {
        let state = 'alive';
        if (deadSet.has(i)) state = 'dead';
        else if (satSet?.has(i)) state = 'saturated';
        c.setAttribute('class', state);
        if (state === 'dead') dead++;
        if (state === 'saturated') saturated++;
        c.setAttribute('fill', state === 'dead' ? DEAD : state === 'saturated' ? SATURATED : mixHex(ALIVE, SATURATED, tint));
      });
    });
    const total = this.widths?.reduce((a, b) => a + b, 0) ?? 0;
    this.svg.dataset.dead = String(dead);
    this.svg.dataset.saturated = String(saturated);
    this.svg.setAttribute('aria-label', `${t('train.diagram')}: ${total - dead} ${t('train.legendAlive')}, ${dead} ${t('train.legendDead')}`);
  }
}

function mixHex(a, b, t) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(v + (pb[i] - v) * Math.min(1, Math.max(0, t)))).join(',')})`;
}
