// Draws a lesson's chart (result.chart from web/lib/lessons.js) into a box:
// line and bar charts with Chart.js, loss-surface heat maps on a plain
// canvas, the Glorot & Bengio per-layer band chart. Draws only.
import { Chart, RUN_COLORS, layerColors, lineOptions, logTickLabel, stripeCoincident } from './setup.js';
import { glorotDatasets } from './glorot.js';
import { el } from '../dom.js';
import { fixed } from '../format.js';
import { t } from '../i18n/i18n.js';

const PALETTE = [...RUN_COLORS, '#7048e8', '#495057', '#e8590c', '#0c8599'];

function card(titleText, height = 260) {
  const canvas = el('canvas', { role: 'img', 'aria-label': titleText });
  const box = el('figure', { class: 'chart-card wide lesson-chart' },
    el('figcaption', {}, el('span', {}, titleText)), el('div', { class: 'chart-box', style: `height:${height}px` }, canvas));
  return { box, canvas };
}

function points(x, values) {
  const out = [];
  values.forEach((y, i) => out.push({ x: x[i], y: y === null || !Number.isFinite(y) ? null : y }));
  return out;
}

// The y title runs along the plot's height: a longer one is cut at both ends
// ("(capped at 3; gap = div"). How high the plot is depends on the legend's
// rows, known only once the chart is laid out: the yTitleFit plugin then breaks
// the title at spaces into lines that fit (lines widen the axis, they do not
// change its height, so one more pass settles it).
function axisTitles(options, spec) {
  options.scales.x.title = { display: true, text: spec.xLabel };
  yTitle(options, spec.yLabel);
}

function yTitle(options, text) {
  options.scales.y.title = { display: true, text };
  options.plugins.yTitleFit = { text };
}

/** `text` broken at spaces into lines no longer than `room` (as measured); one line stays a string. */
export function wrapToFit(text, room, measure) {
  if (typeof text !== 'string' || measure(text) <= room) return text;
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && measure(`${last} ${word}`) <= room) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length === 1 ? lines[0] : lines;
}

const yTitleFit = {
  id: 'yTitleFit',
  afterLayout(chart, _args, opts) {
    const scale = chart.scales.y;
    const title = chart.options.scales?.y?.title;
    if (!opts?.text || !scale || !title?.display || !(scale.height > 0)) return;
    const f = { ...Chart.defaults.font, ...(scale.options.title?.font ?? {}) };
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = `${f.style ?? 'normal'} ${f.weight ?? 'normal'} ${f.size}px ${f.family}`;
    const text = wrapToFit(opts.text, scale.height - 4, (s) => ctx.measureText(s).width);
    ctx.restore();
    if (JSON.stringify(text) === JSON.stringify(title.text)) return;
    title.text = text;
    requestAnimationFrame(() => { if (chart.canvas) chart.update('none'); });
  },
};

function makeChart(canvas, config) {
  return new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), yTitleFit] });
}

function lines(spec, title) {
  const { box, canvas } = card(title);
  const options = lineOptions({ yType: spec.logY ? 'logarithmic' : 'linear' });
  if (spec.logY) options.scales.y.ticks.callback = (v) => Number(v).toExponential(0);
  options.scales.x.type = spec.logX ? 'logarithmic' : 'linear';
  if (spec.logX) options.scales.x.ticks.callback = logTickLabel;
  options.scales.x.min = undefined;
  options.elements.point.radius = spec.logX ? 3 : 0;
  options.spanGaps = false;
  options.plugins.bands = { ranges: spec.bands ?? [] };
  axisTitles(options, spec);
  const datasets = spec.series.map((s, i) => ({ label: s.name, data: points(spec.x, s.values), borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length] }));
  stripeCoincident(datasets);
  if (spec.target !== undefined) {
    const xs = spec.x.filter((v) => Number.isFinite(v));
    datasets.push({ label: t('lessons.target'), data: [{ x: xs[0], y: spec.target }, { x: xs.at(-1), y: spec.target }], borderColor: '#868e96', borderDash: [6, 4], borderWidth: 1 });
  }
  return { box, chart: makeChart(canvas, { type: 'line', data: { datasets }, options }) };
}

function bars(spec, title, { log = false } = {}) {
  const { box, canvas } = card(title, 240);
  const series = spec.series ?? [{ name: spec.yLabel, values: spec.values }];
  const options = lineOptions({ yType: log ? 'logarithmic' : 'linear', yMin: log ? undefined : 0 });
  options.parsing = true;
  if (log) options.scales.y.ticks.callback = (v) => Number(v).toExponential(0);
  options.scales.x = { type: 'category', title: { display: true, text: spec.xLabel } };
  yTitle(options, spec.yLabel);
  if (series.length === 1) options.plugins.legend.display = false;
  const data = {
    labels: spec.x,
    datasets: series.map((s, i) => ({ label: s.name, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
  };
  return { box, chart: makeChart(canvas, { type: 'bar', data, options }) };
}

function histogram(spec, title) {
  const { box, canvas } = card(title, 240);
  const options = lineOptions({ yMin: 0 });
  options.scales.x.min = undefined;
  axisTitles(options, spec);
  const width = spec.x[1] - spec.x[0];
  options.plugins.bands = { ranges: [[spec.marker.value - width * 0.08, spec.marker.value + width * 0.08]], color: 'rgba(214, 51, 108, 0.9)' };
  const datasets = [{ type: 'bar', label: spec.series[0].name, data: points(spec.x, spec.series[0].values), backgroundColor: PALETTE[1], barPercentage: 1, categoryPercentage: 1 },
    { type: 'line', label: `${spec.marker.name}: ${fixed(spec.marker.value, 4)}`, data: [], borderColor: PALETTE[0], backgroundColor: PALETTE[0] }];
  return { box, chart: makeChart(canvas, { type: 'bar', data: { datasets }, options }) };
}

// log10(loss + 0.001) per map on a dark violet (low) → yellow (high) ramp;
// minima as rings (white: global, red: spurious) with their loss.
function heatmaps(spec, title) {
  const size = 240;
  const box = el('figure', { class: 'chart-card wide lesson-chart' }, el('figcaption', {}, el('span', {}, title)));
  const row = el('div', { class: 'heatmap-row' });
  box.append(row);
  const scale = (v) => Math.log10(v + 1e-3);  // contrast near the minima, where the loss is ~0
  for (const map of spec.maps) {
    const all = map.values.map(scale);
    const lo = Math.min(...all), hi = Math.max(...all);
    const canvas = el('canvas', { width: size, height: size, class: 'heatmap', role: 'img', 'aria-label': map.name });
    const g = canvas.getContext('2d');
    const r = spec.resolution, cell = size / r;
    for (let j = 0; j < r; j++) {
      for (let i = 0; i < r; i++) {
        const v = (scale(map.values[j * r + i]) - lo) / (hi - lo || 1);
        g.fillStyle = `hsl(${(265 - 215 * v).toFixed(0)} 70% ${(14 + 62 * v).toFixed(0)}%)`;
        g.fillRect(i * cell, size - (j + 1) * cell, cell + 0.5, cell + 0.5);
      }
    }
    const px = (w) => ((w - spec.range[0]) / (spec.range[1] - spec.range[0])) * size;
    g.lineWidth = 2;
    g.font = '11px system-ui, sans-serif';
    map.minima.forEach((m, k) => {
      const x = px(m.w), y = size - px(m.b);
      g.strokeStyle = k === 0 ? '#ffffff' : '#ff4d6d';
      g.beginPath();
      g.arc(x, y, 7, 0, 2 * Math.PI);
      g.stroke();
      g.fillStyle = '#ffffff';
      g.fillText(`${k === 0 ? t('lessons.global') : t('lessons.local')} ${Number(m.loss).toPrecision(2)}`, Math.min(x + 9, size - 70), Math.max(12, y - 8));
    });
    row.append(el('div', { class: 'heatmap-cell' }, canvas,
      el('p', { class: 'muted' }, `${map.name} — ${t('lessons.minima', { n: map.minima.length })}; ${spec.xLabel} → , ${spec.yLabel} ↑ ∈ [${spec.range.join(', ')}]`)));
  }
  return { box, chart: null };
}

function glorot(spec, title) {
  const { box, canvas } = card(title, 300);
  const colors = layerColors(spec.layers.length);
  const pts = (v) => v.map((y, i) => ({ x: spec.x[i], y }));
  const layers = spec.layers.map((l) => ({ mean: pts(l.mean), std: pts(l.std), p98: pts(l.p98) }));
  const options = lineOptions({ yMin: 0, yMax: 1 });
  axisTitles(options, spec);
  options.plugins.legend.labels.filter = (item) => item.text !== '';
  const datasets = glorotDatasets(layers, colors, (i) => t('chart.layer', { i: i + 1 }), t('lessons.p98'));
  return { box, chart: makeChart(canvas, { type: 'line', data: { datasets }, options }) };
}

// The same run's saturated share per layer: the top layer enters its flat tail.
function saturatedShare(spec) {
  const { box, canvas } = card(t('chart.saturated'), 180);
  const colors = layerColors(spec.layers.length);
  const options = lineOptions({ yMin: 0, yMax: 1 });
  axisTitles(options, { xLabel: spec.xLabel, yLabel: t('lessons.saturatedAxis') });
  const datasets = spec.layers.map((l, i) => ({ label: t('chart.layer', { i: i + 1 }), data: l.saturated.map((y, k) => ({ x: spec.x[k], y })), borderColor: colors[i], backgroundColor: colors[i] }));
  return { box, chart: makeChart(canvas, { type: 'line', data: { datasets }, options }) };
}

// tanh and softsign from the same preset: the 98th percentile per layer (the paper's Figs. 3-4).
function variantsP98(spec) {
  const out = [];
  for (const [name, layers] of Object.entries(spec.variants)) {
    if (name === 'sigmoid') continue;
    const { box, canvas } = card(t('lessons.p98Of', { name }), 200);
    const colors = layerColors(layers.length);
    const options = lineOptions({ yMin: 0, yMax: 1 });
    axisTitles(options, { xLabel: spec.xLabel, yLabel: t('lessons.p98') });
    const datasets = layers.map((l, i) => ({ label: t('chart.layer', { i: i + 1 }), data: l.p98.map((y, k) => ({ x: spec.x[k], y })), borderColor: colors[i], backgroundColor: colors[i] }));
    out.push({ box, chart: makeChart(canvas, { type: 'line', data: { datasets }, options }) });
  }
  return out;
}

// Decision surfaces (probability of class 1 on a grid, orange 0 → white ½ → blue 1) with the test points.
function boundaries(spec, title) {
  const size = 220;
  const box = el('figure', { class: 'chart-card wide lesson-chart' }, el('figcaption', {}, el('span', {}, title)));
  const row = el('div', { class: 'heatmap-row' });
  box.append(row);
  const [lo, hi] = spec.range;
  const px = (v) => ((v - lo) / (hi - lo)) * size;
  for (const map of spec.maps) {
    const canvas = el('canvas', { width: size, height: size, class: 'heatmap', role: 'img', 'aria-label': map.name });
    const g = canvas.getContext('2d');
    const r = spec.resolution, cell = size / r;
    for (let j = 0; j < r; j++) {
      for (let i = 0; i < r; i++) {
        const p = map.values[j * r + i];
        const a = Math.min(1, Math.abs(2 * p - 1)) * 0.85;
        const target = p < 0.5 ? [245, 147, 34] : [8, 119, 189];
        g.fillStyle = `rgb(${target.map((c) => Math.round(255 + (c - 255) * a)).join(',')})`;
        g.fillRect(i * cell, size - (j + 1) * cell, cell + 0.5, cell + 0.5);
      }
    }
    if (map.line) {
      // w0 x + w1 y + b = 0, clipped to the square: two points on its left/right or top/bottom edges.
      const { w: [w0, w1], b } = map.line;
      const ends = Math.abs(w1) > Math.abs(w0)
        ? [lo, hi].map((x) => [x, -(w0 * x + b) / w1])
        : [lo, hi].map((y) => [-(w1 * y + b) / w0, y]);
      g.strokeStyle = '#212529';
      g.lineWidth = 2;
      g.setLineDash([6, 4]);
      g.beginPath();
      g.moveTo(px(ends[0][0]), size - px(ends[0][1]));
      g.lineTo(px(ends[1][0]), size - px(ends[1][1]));
      g.stroke();
      g.setLineDash([]);
    }
    for (const [x, y, label] of spec.points) {
      g.fillStyle = label > 0.5 ? '#1864ab' : '#d9480f';
      g.beginPath();
      g.arc(px(x), size - px(y), 2.2, 0, 2 * Math.PI);
      g.fill();
    }
    row.append(el('div', { class: 'heatmap-cell' }, canvas, el('p', { class: 'muted' }, map.name)));
  }
  return { box, chart: null };
}

/** Renders result.chart into `container`; returns the Chart.js instances (to destroy later). */
export function renderLessonChart(container, chart, title, language = 'en', titles = {}) {
  const parts = [];
  if (chart.kind === 'lines') parts.push(lines(chart, title));
  else if (chart.kind === 'bars') parts.push(bars(chart, title));
  else if (chart.kind === 'histogram') parts.push(histogram(chart, title));
  else if (chart.kind === 'heatmaps') parts.push(heatmaps(chart, title));
  else if (chart.kind === 'glorot') parts.push(glorot(chart, title), saturatedShare(chart), ...variantsP98(chart));
  if (chart.boundaries) parts.push(boundaries(chart.boundaries, titles.boundary ?? title));
  if (chart.side) parts.push(bars({ ...chart.side, xLabel: t('chart.layerAxis') }, chart.side.title?.[language] ?? chart.side.yLabel, { log: true }));
  container.replaceChildren(...parts.map((p) => p.box));
  return parts.map((p) => p.chart).filter(Boolean);
}
