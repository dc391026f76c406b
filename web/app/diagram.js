// The network diagram, Playground style: every hidden unit is a small image
// of its activation f(z) over the input plane (net.unitGrid, from the worker),
// framed by its state from the latest report — alive, saturated (layers[l].
// saturatedUnits) or dead (layers[l].deadUnits, drawn as a flat grey tile).
// Inputs show x₁ and x₂, the output tile is the decision boundary. Links
// are coloured by the weight's sign and their width is proportional to |w|;
// each unit's bias is the small square at its lower left. Without 2-D data
// (or before the first images) tiles are filled with their state colour.
//
// One canvas draws everything; a focusable button over each hidden unit
// (one tab stop, arrow keys move) reports hover, click and focus through
// onUnit(layer, unit, { pin }) so the page can open the close-up.
import { el } from './dom.js';
import { fixed } from './format.js';
import { t } from './i18n/i18n.js';
import { FRAME, LINK, NEG, POS, activationScale, colorOf, inputImage, layerScales, unitImage } from './unit-tile.js';

const STATE_FILL = { alive: '#dbe7f5', saturated: '#f7d9b5', dead: '#d1d5db' };
// Columns wider than this (the 1024 pixels of a 32×32 image, a 1000-unit layer)
// show this many evenly spaced units and the links among them: a million links
// would stall the page, and a sample reads the same.
const MAX_SHOWN = 32;

/** Unit indices drawn for a column of n units (all of them up to MAX_SHOWN). */
function shownUnits(n) {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: MAX_SHOWN }, (_, k) => Math.round((k * (n - 1)) / (MAX_SHOWN - 1)));
}

export class NetworkDiagram {
  /** @param {{ onUnit?(layer, unit, opts), compact?: boolean }} options */
  constructor(container, { onUnit, compact = false } = {}) {
    this.onUnit = onUnit;
    this.compact = compact;
    this.root = el('div', { class: `diagram${compact ? ' compact' : ''}`, role: compact ? 'img' : 'group' });
    this.canvas = el('canvas', { class: 'diagram-canvas', 'aria-hidden': 'true' });
    this.hits = el('div', { class: 'diagram-hits' });
    this.root.append(this.canvas, this.hits);
    const sw = (color, key, dashed) => [el('span', { class: `swatch frame${dashed ? ' dashed' : ''}`, style: `border-color:${color}` }), el('span', { i18n: key }, t(key))];
    this.legend = el('p', { class: 'legend' },
      ...sw(FRAME.alive, 'train.legendAlive'), ...sw(FRAME.saturated, 'train.legendSaturated'), ...sw(FRAME.dead, 'train.legendDead', true),
      el('span', { class: 'swatch line', style: `background:${LINK.pos}` }), el('span', { i18n: 'diagram.positive' }, t('diagram.positive')),
      el('span', { class: 'swatch line', style: `background:${LINK.neg}` }), el('span', { i18n: 'diagram.negative' }, t('diagram.negative')));
    container.append(this.root, compact ? '' : this.legend);
    this.units = null;
    this.surface = null;
    this.states = [];
    this.focus = null;
    this.dirty = false;
    new ResizeObserver(() => this.#schedule()).observe(this.root);
  }

  /** Lays out a network: inputs, hidden widths, outputs, and per layer the activation's properties. */
  reset({ inputs, widths, outputs, activations, properties = [], output = 'sigmoid' }) {
    this.inputs = inputs;
    this.widths = widths;
    this.outputs = outputs;
    this.shown = [inputs, ...widths, outputs].map(shownUnits);
    this.offsets = widths.map((_, l) => widths.slice(0, l).reduce((a, b) => a + b, 0));
    this.activations = activations;
    this.output = output;
    this.scales = widths.map((_, l) => activationScale(properties[l]));
    this.units = null;
    this.surface = null;
    this.states = widths.map((w) => Array(w).fill('alive'));
    this.focus = null;
    this.#buildHits();
    this.update(null);
  }

  #buildHits() {
    this.hits.replaceChildren();
    this.lastKey = null;
    this.hitLayout = '';
    // compact diagrams (compare cards, embed) are pictures only: no focus stops
    this.buttons = this.compact ? [] : this.widths.map((w, l) => this.shown[l + 1].map((j, k) => {
      const b = el('button', { type: 'button', class: 'unit-hit', tabindex: l === 0 && k === 0 ? '0' : '-1', dataset: { layer: String(l), unit: String(j) } });
      b.addEventListener('mouseenter', () => this.onUnit?.(l, j, { pin: false }));
      b.addEventListener('focus', () => { this.#rove(l, k); this.onUnit?.(l, j, { pin: false }); });
      b.addEventListener('click', () => this.onUnit?.(l, j, { pin: true }));
      b.addEventListener('keydown', (e) => this.#key(e, l, k));
      this.hits.append(b);
      return b;
    }));
    this.#schedule();
  }

  #rove(l, j) {
    for (const col of this.buttons) for (const b of col) b.tabIndex = -1;
    this.buttons[l][j].tabIndex = 0;
  }

  // k is the button's place in its column (the unit index when every unit is shown)
  #key(e, l, k) {
    const move = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
    if (!move) return;
    e.preventDefault();
    const count = (layer) => this.buttons[layer].length;
    const nl = Math.max(0, Math.min(this.widths.length - 1, l + move[0]));
    const nk = Math.max(0, Math.min(count(nl) - 1, move[0] ? Math.round((k / Math.max(1, count(l) - 1)) * (count(nl) - 1)) : k + move[1]));
    this.buttons[nl][nk].focus();
  }

  /** Unit states from a report (null: all alive). */
  update(report) {
    let dead = 0, saturated = 0;
    this.states = (this.widths ?? []).map((w, l) => {
      const layer = report?.layers?.[l];
      const deadSet = new Set(layer?.deadUnits ?? []);
      const satSet = new Set(layer?.saturatedUnits ?? []);
      return Array.from({ length: w }, (_, j) => {
        const s = deadSet.has(j) ? 'dead' : satSet.has(j) ? 'saturated' : 'alive';
        if (s === 'dead') dead++;
        if (s === 'saturated') saturated++;
        return s;
      });
    });
    const total = this.widths?.reduce((a, b) => a + b, 0) ?? 0;
    Object.assign(this.root.dataset, { dead: String(dead), saturated: String(saturated), units: String(total) });
    this.root.setAttribute('aria-label', `${t('train.diagram')}: ${total - dead - saturated} ${t('train.legendAlive')}, ${saturated} ${t('train.legendSaturated')}, ${dead} ${t('train.legendDead')}`);
    this.#labelHits();
    this.#schedule();
  }

  /** Every hidden unit's image and the weights: { resolution, values, widths, weights, layout }. */
  setUnits(units) {
    this.units = units ?? null;
    this.#labelHits();
    this.#schedule();
  }

  /** The decision surface (the output tile). */
  setSurface(surface) {
    this.surface = surface ?? null;
    this.#schedule();
  }

  /** Highlights a unit (the close-up's), or none. */
  setFocus(focus) {
    this.focus = focus;
    this.#schedule();
  }

  /** The bias of unit j of layer l from the last weights, or null. */
  bias(l, j) {
    const u = this.units;
    const b = u?.layout?.find((x) => x.name === `hidden${l}.bias`);
    return b ? u.weights[b.offset + j] : null;
  }

  #labelHits() {
    if (!this.buttons) return;
    this.buttons.forEach((col, l) => col.forEach((b, k) => {
      const j = this.shown[l + 1][k];
      const state = this.states[l]?.[j] ?? 'alive';
      const bias = this.bias(l, j);
      b.dataset.state = state;
      b.setAttribute('aria-label', t('diagram.unitLabel', { layer: l + 1, unit: j + 1, act: this.activations[l],
        state: t(`train.legend${state[0].toUpperCase()}${state.slice(1)}`), bias: fixed(bias, 2) }));
    }));
  }

  // What a redraw depends on; an unchanged key skips the redraw (reports come
  // 10 times a second, unit images 4 times).
  #drawKey() {
    return [this.units, this.surface, this.states.map((c) => c.join('')).join('|'), this.focus?.layer, this.focus?.unit, this.root.clientWidth];
  }

  #schedule() {
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(() => {
      this.dirty = false;
      const key = this.#drawKey();
      if (this.lastKey && key.every((v, i) => v === this.lastKey[i])) return;
      this.lastKey = key;
      this.draw();
    });
  }

  #layout(width, height) {
    const columns = this.shown.map((c) => c.length);
    const most = Math.max(...columns);
    const pad = this.compact ? 4 : 8;
    const colW = (width - 2 * pad) / columns.length;
    const size = Math.max(6, Math.min(this.compact ? 22 : 40, colW * 0.55, ((height - 2 * pad - (this.compact ? 0 : 12)) / most) * 0.8));
    return columns.map((n, c) => {
      const label = this.compact ? 0 : 12;   // room for the activation names
      const gap = Math.min(size * 1.35, (height - 2 * pad - label - size) / Math.max(1, n - 1));
      const top = (height - label - (gap * (n - 1) + size)) / 2;
      return Array.from({ length: n }, (_, i) => ({ x: pad + colW * c + (colW - size) / 2, y: top + gap * i, s: size }));
    });
  }

  /** Draws the whole diagram now (normally at the next animation frame). */
  draw() {
    if (!this.widths) return;
    const t0 = performance.now();
    const width = Math.max(120, this.root.clientWidth || 420);
    const most = Math.max(...this.shown.map((c) => c.length));
    const height = this.compact ? Math.max(120, Math.min(220, most * 22)) : Math.max(220, Math.min(640, most * 26));
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const pos = this.#layout(width, height);
    this.#drawLinks(ctx, pos);
    this.#drawTiles(ctx, pos);
    if (!this.compact) {
      ctx.fillStyle = '#4b5563';
      ctx.font = '10px system-ui, sans-serif';
      ctx.textAlign = 'center';
      // the activation under each layer, shortened to fit its column (8 layers of "sigmoid" would overlap)
      const colW = pos.length > 1 ? pos[1][0].x - pos[0][0].x : width;
      pos.slice(1, -1).forEach((col, l) => {
        let name = this.activations[l];
        while (name.length > 2 && ctx.measureText(name).width > colW - 2) name = name.slice(0, -1);
        if (name !== this.activations[l]) name = `${name.slice(0, -1)}.`;
        ctx.fillText(name, col[0].x + col[0].s / 2, height - 2);
      });
      ctx.textAlign = 'start';
    }
    // the hit buttons over the hidden tiles (moved only when the layout changes)
    const layoutKey = `${width}x${height}`;
    if (layoutKey !== this.hitLayout) {
      this.hitLayout = layoutKey;
      pos.slice(1, -1).forEach((col, l) => col.forEach((p, k) => {
        const b = this.buttons[l]?.[k];
        if (b) b.style.cssText = `left:${p.x}px;top:${p.y}px;width:${p.s}px;height:${p.s}px`;
      }));
      this.root.style.height = `${height}px`;
    }
    // for the frame-rate benchmark (tests/bench/page-fps.mjs): redraws and their main-thread time
    this.root.dataset.draws = String(Number(this.root.dataset.draws ?? 0) + 1);
    this.root.dataset.drawMs = String(Number(this.root.dataset.drawMs ?? 0) + performance.now() - t0);
  }

  #weights(name) {
    const u = this.units;
    const w = u?.layout?.find((x) => x.name === `${name}.weight`);
    return w ? { values: u.weights, offset: w.offset, rows: w.shape[0], cols: w.shape[1] } : null;
  }

  #drawLinks(ctx, pos) {
    const names = [...this.widths.map((_, l) => `hidden${l}`), 'output'];
    const mats = names.map((n) => this.#weights(n));
    let wmax = 1e-6;
    for (const m of mats) if (m) for (let i = 0; i < m.rows * m.cols; i++) wmax = Math.max(wmax, Math.abs(m.values[m.offset + i]));
    const widest = Math.max(...this.shown.map((c) => c.length));
    const dense = widest > 8;
    const alpha = widest > 16 ? 0.35 : dense ? 0.55 : 0.7;
    for (let c = 0; c + 1 < pos.length; c++) {
      const m = mats[c];
      for (let kb = 0; kb < pos[c + 1].length; kb++) {
        const b = pos[c + 1][kb];
        const j = this.shown[c + 1][kb];
        for (let ka = 0; ka < pos[c].length; ka++) {
          const a = pos[c][ka];
          const i = this.shown[c][ka];
          const w = m ? m.values[m.offset + j * m.cols + i] : 0;
          ctx.strokeStyle = !m ? '#d5dbe3' : w >= 0 ? LINK.pos : LINK.neg;
          ctx.globalAlpha = m ? alpha : 1;
          // width ∝ |w| (largest weight of the net = 4 px, 3 px when dense); a hairline floor keeps tiny weights visible
          ctx.lineWidth = m ? Math.max(0.25, ((dense ? 3 : 4) * Math.abs(w)) / wmax) : 0.6;
          ctx.beginPath();
          ctx.moveTo(a.x + a.s, a.y + a.s / 2);
          ctx.lineTo(b.x, b.y + b.s / 2);
          ctx.stroke();
        }
      }
    }
    ctx.globalAlpha = 1;
  }

  #tileCanvas(img) {
    this.tmp ??= document.createElement('canvas');
    if (this.tmp.width !== img.width) { this.tmp.width = img.width; this.tmp.height = img.height; }
    this.tmp.getContext('2d').putImageData(img, 0, 0);
    return this.tmp;
  }

  #drawTiles(ctx, pos) {
    const u = this.units;
    const res = u?.resolution;
    const pixels = res * res;
    const scales = u ? layerScales(this.scales, u.values, this.widths, pixels) : this.scales;
    ctx.imageSmoothingEnabled = false;
    // inputs
    pos[0].forEach((p, k) => {
      const i = this.shown[0][k];
      if (this.inputs === 2 && u) ctx.drawImage(this.#tileCanvas(inputImage(i, 16)), p.x, p.y, p.s, p.s);
      else { ctx.fillStyle = '#e9ecef'; ctx.fillRect(p.x, p.y, p.s, p.s); }
      ctx.strokeStyle = '#495057';
      ctx.lineWidth = 1;
      ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.s - 1, p.s - 1);
    });
    // hidden units
    pos.slice(1, -1).forEach((col, l) => col.forEach((p, k) => {
      const j = this.shown[l + 1][k];
      const unit = this.offsets[l] + j;
      const state = this.states[l]?.[j] ?? 'alive';
      if (u && u.values.length >= (unit + 1) * pixels) {
        if (this.tileImg?.width !== res) this.tileImg = new ImageData(res, res);
        ctx.drawImage(this.#tileCanvas(unitImage(u.values, unit * pixels, res, scales[l], state === 'dead', this.tileImg)), p.x, p.y, p.s, p.s);
      } else {
        ctx.fillStyle = STATE_FILL[state];
        ctx.fillRect(p.x, p.y, p.s, p.s);
      }
      const focused = this.focus && this.focus.layer === l && this.focus.unit === j;
      ctx.strokeStyle = FRAME[state];
      ctx.lineWidth = focused ? 3.5 : state === 'alive' ? 1.5 : 2.5;
      ctx.setLineDash(state === 'dead' ? [3, 2] : []);
      ctx.strokeRect(p.x, p.y, p.s, p.s);
      ctx.setLineDash([]);
      if (focused) { ctx.strokeStyle = '#111827'; ctx.lineWidth = 1; ctx.strokeRect(p.x - 3, p.y - 3, p.s + 6, p.s + 6); }
      const bias = this.bias(l, j);
      if (bias !== null) {
        const bs = Math.max(2.5, Math.min(p.s * 0.32, 2.5 + Math.abs(bias) * 2.5));
        ctx.fillStyle = bias >= 0 ? `rgb(${POS})` : `rgb(${NEG})`;
        ctx.fillRect(p.x - bs * 0.6, p.y + p.s - bs * 0.4, bs, bs);
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 0.8;
        ctx.strokeRect(p.x - bs * 0.6, p.y + p.s - bs * 0.4, bs, bs);
      }
    }));
    // output: the boundary
    const surface = this.surface;
    pos[pos.length - 1].forEach((p) => {
      if (surface?.kind === 'grid' && surface.outputs === 1) {
        const s = this.output === 'sigmoid' ? { lo: 0, hi: 1, mid: 0.5 } : { lo: -1, hi: 1, mid: 0 };
        const r = surface.resolution;
        const img = new ImageData(r, r);
        for (let i = 0; i < r * r; i++) {
          const [R, G, B] = colorOf(surface.values[i], s);
          const row = Math.floor(i / r), c = i % r;
          const o = ((r - 1 - row) * r + c) * 4;
          img.data[o] = R; img.data[o + 1] = G; img.data[o + 2] = B; img.data[o + 3] = 255;
        }
        ctx.drawImage(this.#tileCanvas(img), p.x, p.y, p.s, p.s);
      } else {
        ctx.fillStyle = '#e9ecef';
        ctx.fillRect(p.x, p.y, p.s, p.s);
      }
      ctx.strokeStyle = '#1f2937';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(p.x, p.y, p.s, p.s);
    });
  }
}
