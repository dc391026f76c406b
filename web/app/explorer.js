// The activation gallery: one small card per catalogue entry with f and f'
// on Chart.js; a card is a button that selects the activation in the explorer.
// Draws only; the numbers come from the library.
import { Chart } from './charts/setup.js';
import { el } from './dom.js';

const SAMPLES = 241;
export const F_COLOR = '#1f6feb';
export const D_COLOR = '#d9480f';

/** x values on [-range, range] as a Float32Array. */
export function sampleGrid(range = 5, n = SAMPLES) {
  return Float32Array.from({ length: n }, (_, i) => -range + (2 * range * i) / (n - 1));
}

export function points(x, y) {
  return Array.from(x, (xi, i) => ({ x: xi, y: y[i] }));
}

/** The two datasets (f solid blue, f' dashed orange) of an activation on grid x. */
export function curveDatasets(lab, name, x, params) {
  return [
    { label: 'f(x)', data: points(x, lab.forward(name, x, params)), borderColor: F_COLOR, borderWidth: 2, pointRadius: 0 },
    { label: "f'(x)", data: points(x, lab.derivative(name, x, params)), borderColor: D_COLOR, borderWidth: 2, borderDash: [5, 3], pointRadius: 0 },
  ];
}

/** One card with a chart of f and f' for activation `a`; returns the Chart. */
export function drawActivationCard(container, lab, a, { onSelect } = {}) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${a.label}: f(x) and f'(x) for x from -5 to 5` });
  const card = el('button', { type: 'button', class: 'card', dataset: { activation: a.name }, 'aria-pressed': 'false', on: { click: () => onSelect?.(a.name) } },
    el('span', { class: 'card-title' }, a.label),
    el('span', { class: 'formula' }, a.formula),
    el('span', { class: 'chart-box small' }, canvas));
  container.append(card);
  const x = sampleGrid();
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: curveDatasets(lab, a.name, x) },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, events: [],
      scales: { x: { type: 'linear', min: -5, max: 5, ticks: { maxTicksLimit: 5 } }, y: { type: 'linear', suggestedMin: -1.5, suggestedMax: 1.5, ticks: { maxTicksLimit: 5 } } },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
  });
}
