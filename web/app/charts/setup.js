// Chart.js registration, shared options, the layer and run palettes, and a
// small plugin that shades learning-rate spikes (options.plugins.bands).
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Ticks, Tooltip,
} from 'chart.js';
import { tickNumber } from '../format.js';

const bandsPlugin = {
  id: 'bands',
  beforeDatasetsDraw(chart, _args, opts) {
    const bands = opts?.ranges;
    if (!bands?.length) return;
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.fillStyle = opts.color ?? 'rgba(220, 38, 38, 0.16)';
    for (const [from, to] of bands) {
      const x0 = Math.max(chartArea.left, scales.x.getPixelForValue(from));
      const x1 = Math.min(chartArea.right, Math.max(scales.x.getPixelForValue(to), x0 + 2));
      if (x1 > x0) ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
    }
    ctx.restore();
  },
};

// The timeline's cursor (options.plugins.cursor.step): a vertical line at that step.
const cursorPlugin = {
  id: 'cursor',
  afterDatasetsDraw(chart, _args, opts) {
    const step = opts?.step;
    if (step === null || step === undefined) return;
    const { ctx, chartArea, scales } = chart;
    const x = scales.x.getPixelForValue(step);
    if (!(x >= chartArea.left - 1 && x <= chartArea.right + 1)) return;
    ctx.save();
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

// A series of one report (step 0, before Play, or after Reset) is one point, and
// lines are drawn without points: it would show nothing. Such a point is drawn
// here as a dot (options.plugins.lonePoint.radius; the elements' own radius
// options are shared and kept by Chart.js across 'none' updates).
const lonePointPlugin = {
  id: 'lonePoint',
  afterDatasetsDraw(chart, _args, opts) {
    if (!opts?.radius) return;
    const { ctx } = chart;
    ctx.save();
    chart.data.datasets.forEach((ds, i) => {
      if (!ds.label || ds.data?.length !== 1 || !chart.isDatasetVisible(i)) return;
      const point = chart.getDatasetMeta(i).data[0];
      if (!point || !Number.isFinite(point.x) || !Number.isFinite(point.y)) return;
      ctx.fillStyle = ds.borderColor ?? '#4a5563';
      ctx.beginPath();
      ctx.arc(point.x, point.y, opts.radius, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale,
  BarController, BarElement, Filler, Legend, Tooltip, bandsPlugin, cursorPlugin, lonePointPlugin);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", "Noto Sans SC", sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.color = '#4a5563';

export { Chart };

/** n colours from light (layer 1) to dark (top layer), as in Glorot & Bengio's figure. */
export function layerColors(n) {
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 1 : i / (n - 1);
    const hue = 195 + 85 * t;
    const light = 62 - 38 * t;
    return `hsl(${hue.toFixed(0)} 70% ${light.toFixed(0)}%)`;
  });
}

/** Distinct colours for the networks of compare mode. */
export const RUN_COLORS = ['#d6336c', '#1c7ed6', '#2f9e44', '#f59f00'];

export const LOSS_COLORS = { train: '#1f6feb', test: '#d9480f' };

/**
 * Tick labels of a logarithmic axis: the ticks Chart.js chooses to label
 * (1, 2, 5 × 10^k), written short ("0.1", "2e-5"); its own labels carry the
 * digits of the smallest tick on every one ("0.100000").
 */
export function logTickLabel(value, index, ticks) {
  const label = Ticks.formatters.logarithmic.call(this, value, index, ticks);
  return label === '' ? '' : tickNumber(value);
}

const LINE_WIDTH = 1.8;

// Legend entries with the plain line width (a striped, widened line is not another kind of line).
function thinLegendLabels(chart) {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => ({ ...item, lineWidth: Math.min(item.lineWidth ?? LINE_WIDTH, LINE_WIDTH) }));
}

/**
 * Keeps coinciding series visible. Chart.js draws the first dataset on top; a
 * series equal at every point to k series before it is drawn k × 3 px wider,
 * so identical lines (dying ReLU's cures, all at 0 dead) show as nested
 * stripes of their colours instead of one hiding the rest. Sets borderWidth
 * of `datasets` (those labelled ''; helper bands, are left alone).
 */
export function stripeCoincident(datasets, base = LINE_WIDTH, step = 3) {
  const same = (a, b) => a.length > 0 && a.length === b.length && a.every((p, i) => p.x === b[i].x && p.y === b[i].y);
  const lines = datasets.filter((ds) => ds.label !== '' && Array.isArray(ds.data));
  lines.forEach((ds, i) => { ds.borderWidth = base + step * lines.slice(0, i).filter((other) => same(ds.data, other.data)).length; });
}

/** Common options of the step-axis line charts. */
export function lineOptions({ yType = 'linear', yMin, yMax, xTitle } = {}) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    elements: { point: { radius: 0 }, line: { borderWidth: LINE_WIDTH, tension: 0 } },
    scales: {
      x: { type: 'linear', min: 0, title: { display: Boolean(xTitle), text: xTitle }, ticks: { maxTicksLimit: 6, precision: 0 } },   // steps: whole numbers
      y: { type: yType, min: yMin, max: yMax, ticks: { maxTicksLimit: 6, ...(yType === 'logarithmic' ? { callback: logTickLabel } : {}) } },
    },
    // datasets labelled '' (a fork's dashed copies, helper bands) stay out of the legend
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 2, padding: 8, filter: (item) => item.text !== '', generateLabels: thinLegendLabels } }, tooltip: { enabled: true }, bands: { ranges: [] }, cursor: { step: null }, lonePoint: { radius: 3 } },
  };
}
