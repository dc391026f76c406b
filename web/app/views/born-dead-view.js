// Born dead: the depth × width table of the probability that a ReLU network
// with 1-D input is born dead, estimated by the library (lab.bornDead) in the
// worker, cell by cell, drawn as a heat map table (numbers stay readable).
import { el } from '../dom.js';
import { fixed } from '../format.js';
import { t } from '../i18n/i18n.js';
import { bindControls } from '../controls.js';
import { BORN_DEAD_DEPTHS, BORN_DEAD_SEED, BORN_DEAD_WIDTHS } from '../experiments.js';

export class BornDeadView {
  constructor(root, { store, client, activations }) {
    this.root = root;
    this.store = store;
    this.client = client;
    this.renderControls = bindControls(root.querySelector('.borndead-controls'), store, { activations });
    this.box = root.querySelector('#borndead-table');
    this.progress = root.querySelector('#borndead-progress');
    root.querySelector('#borndead-run').addEventListener('click', () => this.compute());
    this.id = 0;
    this.computed = null;
  }

  /** Starts (or restarts) the computation for the current settings. */
  compute() {
    const s = this.store.get();
    this.id += 1;
    this.done = 0;
    this.key = `${s.bdInit}:${s.bdTrials}`;
    this.#table();
    this.client.post('born-dead', this.id, { type: 'start', depths: BORN_DEAD_DEPTHS, widths: BORN_DEAD_WIDTHS, init: s.bdInit, trials: s.bdTrials, seed: BORN_DEAD_SEED });
  }

  #table() {
    const head = el('tr', {}, el('th', { scope: 'col' }, `${t('borndead.depth')} \\ ${t('borndead.width')}`),
      ...BORN_DEAD_WIDTHS.map((w) => el('th', { scope: 'col' }, String(w))));
    this.cells = new Map();
    const rows = BORN_DEAD_DEPTHS.map((d) => el('tr', {}, el('th', { scope: 'row' }, String(d)),
      ...BORN_DEAD_WIDTHS.map((w) => {
        const td = el('td', { class: 'heat pending', dataset: { depth: d, width: w } }, '…');
        this.cells.set(`${d}x${w}`, td);
        return td;
      })));
    this.box.replaceChildren(el('table', { class: 'heatmap', dataset: { init: this.store.get().bdInit } },
      el('caption', {}, `${t('borndead.init')}: ${this.store.get().bdInit}`), el('thead', {}, head), el('tbody', {}, ...rows)));
    this.#progress();
  }

  #progress() {
    const total = BORN_DEAD_DEPTHS.length * BORN_DEAD_WIDTHS.length;
    this.progress.textContent = t('borndead.progress', { done: this.done, total });
    this.box.dataset.done = String(this.done === total);
  }

  /** Worker messages of the born-dead tool: cell, done, error. */
  onMessage(msg) {
    if (msg.runId !== this.id) return;
    if (msg.type === 'error') {
      this.progress.textContent = t('error.config', { message: msg.message });
      return;
    }
    if (msg.type === 'cell') {
      const td = this.cells.get(`${msg.depth}x${msg.width}`);
      if (!td) return;
      const p = msg.probability;
      td.textContent = fixed(p, 2);
      td.classList.remove('pending');
      td.dataset.p = String(p);
      td.style.background = heat(p);
      td.style.color = textOn(heat(p));
      td.title = t('borndead.cellLabel', { depth: msg.depth, width: msg.width, p: fixed(p, 3) });
      this.done += 1;
      this.#progress();
    }
  }

  /** Settings changed (or the view was opened): recompute when the inputs differ. */
  render(state, { visible }) {
    this.renderControls(state);
    if (visible && this.key !== `${state.bdInit}:${state.bdTrials}`) this.compute();
  }

  relabel() {
    this.key = null;
  }

  /** A new worker: the table is computed again (at once when shown). */
  onWorkerRestart({ visible }) {
    this.relabel();
    if (visible) this.compute();
  }
}

// white → red → dark red
// White or black text, whichever contrasts more with the cell's colour (WCAG
// relative luminance): one of the two always reaches 4.5:1 (a dark grey does not).
function textOn(hsl) {
  const [h, sPct, lPct] = hsl.match(/[\d.]+/g).map(Number);
  const s = sPct / 100, l = lPct / 100;
  const f = (n) => { const k = (n + h / 30) % 12; return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)); };
  const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * lin(f(0)) + 0.7152 * lin(f(8)) + 0.0722 * lin(f(4));
  return 1.05 / (y + 0.05) >= (y + 0.05) / 0.05 ? '#fff' : '#000';
}

function heat(p) {
  const v = Math.max(0, Math.min(1, p));
  const hue = 8;
  const light = 97 - 62 * v;
  return `hsl(${hue} ${Math.round(30 + 60 * v)}% ${light.toFixed(0)}%)`;
}
