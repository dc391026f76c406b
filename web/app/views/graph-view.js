// The graph convolution lab: semi-supervised node classification on Zachary's
// karate club with one labelled member per faction, trained in the worker
// (gcn-* messages, web/app/graph/gcn-session.js), drawn as the graph coloured
// by prediction, the moving 2-D embedding, loss/accuracy and per-layer
// saturation/dead diagnostics; and a graph Fourier view (Laplacian
// eigenvectors on the graph, a spectral filter) computed with the library on
// this thread. Settings live in the store (gActs, gLayer, gLr, gSeed, gK,
// gFilter, gT, gOrder) and so in the URL.
import { el, setChildren } from '../dom.js';
import { fmt } from '../format.js';
import { t } from '../i18n/i18n.js';
import { Chart } from '../charts/setup.js';
import { forceLayout } from '../graph/force-layout.js';
import { drawEmbedding, drawGraph, FACTION_COLORS, probabilityColor, signedColor } from '../graph/graph-draw.js';
import { BoundedHistory } from '../bounded-history.js';
import '../graph/graph.css';

const GRAPH = 'karate';
const LABELLED = [0, 33];
const HIDDEN = [16, 2];
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
const RUN_KEYS = ['gActs', 'gLayer', 'gLr', 'gSeed'];
const FOURIER_KEYS = ['gK', 'gFilter', 'gT', 'gOrder'];

export class GraphView {
  constructor(root, { lab, store, client, activations }) {
    this.root = root;
    this.lab = lab;
    this.store = store;
    this.client = client;
    this.activations = activations.map((a) => a.name);
    this.built = false;
    this.id = 0;
    this.history = new BoundedHistory();
    this.frame = null;
    this.running = false;
    this.runKey = '';
    this.fourierKey = '';
  }

  /** Config of the training run for a state (what lab.createGcn receives). */
  static config(state) {
    return { layer: state.gLayer, order: 2, hidden: HIDDEN, activation: state.gActs, optimizer: 'adam', learningRate: state.gLr, weightDecay: 5e-4, seed: state.gSeed };
  }

  render(state, { visible }) {
    if (!visible) return;
    if (!this.built) this.#build();
    if (this.staleLabels) this.#rebuildLabels();
    const runKey = JSON.stringify(RUN_KEYS.map((k) => state[k]));
    if (runKey !== this.runKey) {
      this.runKey = runKey;
      this.#setup(false);
    }
    const fourierKey = JSON.stringify(FOURIER_KEYS.map((k) => state[k]));
    if (fourierKey !== this.fourierKey) {
      this.fourierKey = fourierKey;
      this.#drawFourier(state);
    }
    this.#explainIdentity(state);
  }

  /** Worker messages of the gcn tool: frame, error (shown here, and only here). */
  onMessage(msg) {
    if (msg.runId !== this.id) return;
    if (msg.type === 'error') {
      this.running = false;
      this.error = msg.message;
      this.#drawError();
      this.#drawButtons();
      return;
    }
    if (msg.type === 'frame') {
      this.frame = msg;
      this.running = msg.running;
      if (this.history.last()?.step !== msg.report.step) this.history.push(msg.report);
      this.#drawRun();
    }
  }

  /** Language changed: the charts are rebuilt when the view is next shown (at once if it is). */
  relabel() {
    if (this.built) this.staleLabels = true;
  }

  #rebuildLabels() {
    this.staleLabels = false;
    // The charts take their titles and legends anew when drawn (#drawChart,
    // #drawFourier): kept, not rebuilt (that cost 50-70 ms of main thread).
    this.#buildControls();
    this.#drawRun();
    this.fourierKey = '';
  }

  // ---- training run

  /** A new worker: the run starts again. */
  onWorkerRestart() {
    this.restart();
  }

  /** A fresh run of the current settings (after a worker restart); `graph` for tests of a failing setup. */
  restart({ play = false, graph = GRAPH } = {}) {
    if (this.built) this.#setup(play, graph);
  }

  #drawError() {
    if (!this.errorBox) return;
    this.errorBox.hidden = !this.error;
    this.errorBox.textContent = this.error ? t('error.config', { message: this.error }) : '';
  }

  #setup(play, graph = GRAPH) {
    this.id += 1;
    this.history.clear();
    this.frame = null;
    this.running = play;
    this.error = null;
    this.#drawError();
    this.client.post('gcn', this.id, { type: 'setup', play, setup: { graph, labelled: LABELLED, config: GraphView.config(this.store.get()) } });
    this.#drawRun();
  }

  #play() {
    if (this.frame?.finished || this.error) return this.#setup(true);
    this.running = !this.running;
    this.client.post('gcn', this.id, { type: this.running ? 'play' : 'pause' });
    this.#drawButtons();
  }

  #drawRun() {
    this.#drawButtons();
    const f = this.frame;
    const g = this.graph;
    const r = f?.report;
    const predicted = (i) => (f ? (f.probs[i] >= 0.5 ? 1 : 0) : null);
    const wrong = new Set();
    if (f) for (let i = 0; i < g.nodes; i++) if (predicted(i) !== g.labels[i]) wrong.add(i);
    drawGraph(this.canvas.graph, {
      nodes: g.nodes, edges: g.edges, positions: this.positions, marked: new Set(LABELLED), wrong,
      fill: (i) => (f ? probabilityColor(f.probs[i]) : (LABELLED.includes(i) ? FACTION_COLORS[g.labels[i]] : '#e2e5ea')),
    });
    if (f) drawEmbedding(this.canvas.embedding, { points: f.embedding, colour: (i) => FACTION_COLORS[g.labels[i]], marked: new Set(LABELLED) });
    this.summary.textContent = r
      ? t('graph.summary', { step: r.step, loss: fmt(r.loss), acc: fmt(r.testAccuracy), wrong: wrong.size })
      : t('graph.starting');
    this.root.dataset.step = String(r?.step ?? 0);
    this.root.dataset.accuracy = String(r?.testAccuracy ?? '');
    this.#drawChart();
    this.#drawDiagnostics(r);
  }

  #drawButtons() {
    if (!this.playButton) return;
    this.playButton.textContent = t(this.running ? 'graph.pause' : (this.frame?.finished ? 'graph.again' : 'graph.play'));
  }

  #drawChart() {
    const pts = (pick) => this.history.points().map((r) => ({ x: r.step, y: pick(r) })).filter((p) => Number.isFinite(p.y));
    const data = {
      datasets: [
        { label: t('graph.loss'), data: pts((r) => r.loss), borderColor: '#7c3aed', yAxisID: 'loss', pointRadius: 0, borderWidth: 2 },
        { label: t('graph.accuracy'), data: pts((r) => r.testAccuracy), borderColor: '#059669', yAxisID: 'acc', pointRadius: 0, borderWidth: 2 },
      ],
    };
    if (!this.chart) {
      this.chart = new Chart(this.canvas.chart, {
        type: 'line', data,
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
          scales: {
            x: { type: 'linear', title: { display: true, text: t('graph.step') } },
            loss: { type: 'linear', position: 'left', min: 0, title: { display: true, text: t('graph.loss') } },
            acc: { type: 'linear', position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: t('graph.accuracy') } },
          },
        },
      });
    } else {
      this.chart.data = data;
      const { x, loss, acc } = this.chart.options.scales;
      x.title.text = t('graph.step');
      loss.title.text = t('graph.loss');
      acc.title.text = t('graph.accuracy');
      this.chart.update('none');
    }
  }

  #drawDiagnostics(r) {
    const acts = this.store.get().gActs;
    const head = el('tr', {}, ...['graph.layer', 'graph.activation', 'graph.meanAct', 'graph.saturated', 'graph.inactive', 'graph.dead', 'graph.gradNorm']
      .map((k) => el('th', { scope: 'col' }, t(k))));
    const rows = HIDDEN.map((width, l) => {
      const d = r?.layers?.[l];
      const bad = (v) => (v !== undefined && v >= 0.5 ? 'warn' : null);
      return el('tr', { dataset: { layer: l } },
        el('th', { scope: 'row' }, t('graph.layerName', { n: l + 1, width })),
        el('td', {}, acts[l]),
        el('td', {}, fmt(d?.actMean)),
        el('td', { class: bad(d?.saturatedFraction) }, fmt(d?.saturatedFraction, 2)),
        el('td', { class: bad(d?.inactiveFraction) }, fmt(d?.inactiveFraction, 2)),
        el('td', { class: bad(d?.deadFraction) }, d ? `${fmt(d.deadFraction, 2)} (${d.deadUnits.length}/${width})` : '–'),
        el('td', {}, fmt(d?.gradNorm)));
    });
    setChildren(this.diagnostics, el('table', { class: 'graph-diag' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  }

  #explainIdentity(state) {
    const identity = state.gActs.filter((a) => a === 'identity').length;
    this.identityNote.classList.toggle('highlight', identity > 0);
    this.identityNote.textContent = t(identity === state.gActs.length ? 'graph.identityAll' : 'graph.identity');
  }

  // ---- graph Fourier

  #drawFourier(state) {
    const g = this.graph;
    const k = Math.min(state.gK, g.nodes - 1);
    const v = this.fourier.vector(k);
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    drawGraph(this.canvas.vector, { nodes: g.nodes, edges: g.edges, positions: this.positions, fill: (i) => signedColor(v[i] / (max || 1)), labels: false });
    const lambda = this.fourier.eigenvalues[k];
    this.vectorReadout.textContent = t('graph.eigen', { k, lambda: Math.abs(lambda) < 1e-6 ? '0' : fmt(lambda, 4) });

    const options = state.gFilter === 'low_pass' ? { kind: 'low_pass', keep: Math.max(1, Math.round(state.gT) + 1) }
      : state.gFilter === 'heat_chebyshev' ? { kind: 'heat_chebyshev', t: state.gT, order: state.gOrder }
        : { kind: 'heat', t: state.gT };
    const f = this.lab.graphFilter(g, this.signal, options);
    const scale = (arr) => { let m = 0; for (const x of arr) m = Math.max(m, Math.abs(x)); return m || 1; };
    const si = scale(this.signal), so = scale(f.output);
    drawGraph(this.canvas.input, { nodes: g.nodes, edges: g.edges, positions: this.positions, fill: (i) => signedColor(this.signal[i] / si), labels: false });
    drawGraph(this.canvas.output, { nodes: g.nodes, edges: g.edges, positions: this.positions, fill: (i) => signedColor(f.output[i] / so), labels: false });
    this.filterReadout.textContent = options.kind === 'heat_chebyshev'
      ? t('graph.chebReadout', { order: state.gOrder, t: fmt(state.gT), lmax: fmt(f.lambdaMax, 3) })
      : options.kind === 'low_pass' ? t('graph.lowReadout', { keep: options.keep }) : t('graph.heatReadout', { t: fmt(state.gT) });
    this.root.dataset.filterOutput = Array.from(f.output.slice(0, 3), (x) => x.toFixed(4)).join(',');

    const labels = Array.from(this.fourier.eigenvalues, (l) => (Math.abs(l) < 5e-3 ? '0' : l.toFixed(2)));
    const data = {
      labels,
      datasets: [
        { type: 'bar', label: t('graph.inSpectrum'), data: Array.from(f.inputSpectrum, Math.abs), backgroundColor: 'rgba(100, 116, 139, 0.5)', yAxisID: 'y' },
        { type: 'bar', label: t('graph.outSpectrum'), data: Array.from(f.outputSpectrum, Math.abs), backgroundColor: 'rgba(124, 58, 237, 0.75)', yAxisID: 'y' },
        { type: 'line', label: t('graph.response'), data: Array.from(f.response), borderColor: '#059669', pointRadius: 0, borderWidth: 2, yAxisID: 'h' },
      ],
    };
    if (!this.spectrumChart) {
      this.spectrumChart = new Chart(this.canvas.spectrum, {
        type: 'bar', data,
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          scales: {
            x: { title: { display: true, text: 'λ' }, ticks: { maxTicksLimit: 12 } },
            y: { min: 0, title: { display: true, text: '|x̂|' } },
            h: { position: 'right', min: -0.1, max: 1.1, grid: { drawOnChartArea: false }, title: { display: true, text: 'h(λ)' } },
          },
        },
      });
    } else {
      this.spectrumChart.data = data;
      this.spectrumChart.update('none');
    }
  }

  // ---- DOM

  #build() {
    this.built = true;
    this.graph = this.lab.graph(GRAPH);
    this.positions = forceLayout(this.graph.nodes, this.graph.edges, { seed: 7 });
    this.fourier = this.lab.graphFourier(this.graph);
    // The signal to filter: +1 on Mr. Hi, −1 on the officer, 0 elsewhere.
    this.signal = new Float32Array(this.graph.nodes);
    this.signal[0] = 1;
    this.signal[33] = -1;
    const canvas = (id, w, h, label) => el('canvas', { id, width: w, height: h, role: 'img', 'aria-label': label, class: 'graph-canvas' });
    this.canvas = {
      graph: canvas('gcn-graph', 440, 380, 'karate club graph'),
      embedding: canvas('gcn-embedding', 300, 300, 'node embedding'),
      chart: el('canvas', { id: 'gcn-chart' }),
      vector: canvas('fourier-vector', 340, 300, 'eigenvector'),
      input: canvas('filter-input', 260, 230, 'signal'),
      output: canvas('filter-output', 260, 230, 'filtered signal'),
      spectrum: el('canvas', { id: 'fourier-spectrum' }),
    };
    this.controls = el('div', { class: 'panel graph-controls' });
    this.fourierControls = el('div', { class: 'panel graph-controls' });
    this.summary = el('p', { class: 'readout', 'aria-live': 'polite' });
    this.errorBox = el('p', { class: 'banner warn', id: 'graph-error', role: 'alert', hidden: true });
    this.diagnostics = el('div', { class: 'table-scroll' });
    this.identityNote = el('p', { class: 'identity-note' });
    this.vectorReadout = el('p', { class: 'readout' });
    this.filterReadout = el('p', { class: 'readout' });
    const fig = (key, ...children) => el('figure', { class: 'panel' }, el('figcaption', { i18n: key }, t(key)), ...children);
    setChildren(this.root,
      el('h2', { id: 'graph-title', i18n: 'graph.title' }, t('graph.title')),
      el('p', { class: 'muted', i18n: 'graph.intro' }, t('graph.intro')),
      this.errorBox,
      el('div', { class: 'graph-layout' },
        this.controls,
        fig('graph.graphCaption', this.canvas.graph, this.summary, el('p', { class: 'muted small', i18n: 'graph.legend' }, t('graph.legend'))),
        fig('graph.embedding', this.canvas.embedding, el('p', { class: 'muted small', i18n: 'graph.embeddingNote' }, t('graph.embeddingNote')))),
      el('div', { class: 'graph-layout two' },
        fig('graph.chart', el('div', { class: 'chart-box graph-chart' }, this.canvas.chart)),
        fig('graph.diagnostics', this.diagnostics, this.identityNote)),
      el('h2', { i18n: 'graph.fourierTitle' }, t('graph.fourierTitle')),
      el('p', { class: 'muted', i18n: 'graph.fourierIntro' }, t('graph.fourierIntro')),
      el('div', { class: 'graph-layout' },
        this.fourierControls,
        fig('graph.vector', this.canvas.vector, this.vectorReadout),
        fig('graph.filter', el('div', { class: 'filter-pair' },
          el('div', {}, el('span', { class: 'muted small', i18n: 'graph.signalIn' }, t('graph.signalIn')), this.canvas.input),
          el('div', {}, el('span', { class: 'muted small', i18n: 'graph.signalOut' }, t('graph.signalOut')), this.canvas.output)),
        this.filterReadout)),
      fig('graph.spectrum', el('div', { class: 'chart-box graph-chart' }, this.canvas.spectrum)));
    this.#buildControls();
  }

  #buildControls() {
    const s = this.store.get();
    const set = (patch) => this.store.set(patch);
    const select = (key, values, value, onChange, labelOf = (v) => v) => el('label', {}, el('span', {}, t(key)),
      el('select', { on: { change: (e) => onChange(e.target.value) } },
        ...values.map((v) => el('option', { value: String(v), selected: String(v) === String(value) }, labelOf(v)))));
    const range = (key, min, max, step, value, onInput) => {
      const out = el('output', {}, String(value));
      return el('label', {}, el('span', {}, t(key)),
        el('span', { class: 'row' },
          el('input', { type: 'range', min, max, step, value: String(value), dataset: { setting: key }, on: { input: (e) => { out.textContent = e.target.value; onInput(Number(e.target.value)); } } }),
          out));
    };
    this.playButton = el('button', { type: 'button', id: 'gcn-play', class: 'primary', on: { click: () => this.#play() } });
    setChildren(this.controls,
      select('graph.layerKind', ['gcn', 'chebyshev'], s.gLayer, (v) => set({ gLayer: v }), (v) => t(`graph.kind.${v}`)),
      select('graph.act1', this.activations, s.gActs[0], (v) => set({ gActs: [v, this.store.get().gActs[1]] })),
      select('graph.act2', this.activations, s.gActs[1], (v) => set({ gActs: [this.store.get().gActs[0], v] })),
      select('graph.lr', LEARNING_RATES, s.gLr, (v) => set({ gLr: Number(v) })),
      el('label', {}, el('span', {}, t('graph.seed')),
        el('input', { type: 'number', min: 0, max: 4294967295, step: 1, value: String(s.gSeed), on: { change: (e) => set({ gSeed: Number(e.target.value) }) } })),
      el('div', { class: 'row buttons' }, this.playButton,
        el('button', { type: 'button', id: 'gcn-step', on: { click: () => { this.running = false; this.client.post('gcn', this.id, { type: 'step', steps: 1 }); } } }, t('graph.step1')),
        el('button', { type: 'button', id: 'gcn-reset', on: { click: () => this.#setup(false) } }, t('graph.reset'))),
      el('p', { class: 'muted small' }, t('graph.setupNote', { hidden: HIDDEN.join(' → ') })));
    setChildren(this.fourierControls,
      range('graph.k', 0, this.graph.nodes - 1, 1, s.gK, (v) => set({ gK: v })),
      select('graph.filterKind', ['heat', 'heat_chebyshev', 'low_pass'], s.gFilter, (v) => set({ gFilter: v }), (v) => t(`graph.filter.${v}`)),
      range('graph.t', 0, 20, 0.5, s.gT, (v) => set({ gT: v })),
      range('graph.order', 1, 20, 1, s.gOrder, (v) => set({ gOrder: v })),
      el('p', { class: 'muted small' }, t('graph.filterNote')));
    this.#drawButtons();
  }
}
