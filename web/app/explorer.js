// The activation explorer: f and f' of every catalogue entry on Chart.js.
// Draws only; the numbers come from the library.
import { Chart, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

const SAMPLES = 241;

/** x values on [-range, range] as a Float32Array. */
export function sampleGrid(range = 5, n = SAMPLES) {
  return Float32Array.from({ length: n }, (_, i) => -range + (2 * range * i) / (n - 1));
}

function points(x, y) {
  return Array.from(x, (xi, i) => ({ x: xi, y: y[i] }));
}

/** One card with a chart of f and f' for activation `a`; returns the Chart. */
export function drawActivationCard(container, lab, a, params) {
  const card = document.createElement('article');
  card.className = 'card';
  card.dataset.activation = a.name;
  const title = document.createElement('h3');
  title.textContent = a.label;
  const formula = document.createElement('p');
  formula.className = 'formula';
  formula.textContent = a.formula;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${a.label}: f(x) and f'(x) for x from -5 to 5`);
  const box = document.createElement('div');
  box.className = 'chart-box';
  box.append(canvas);
  card.append(title, formula, box);
  container.append(card);

  const x = sampleGrid();
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        { label: 'f(x)', data: points(x, lab.forward(a.name, x, params)), borderColor: '#1f6feb', borderWidth: 2, pointRadius: 0 },
        { label: "f'(x)", data: points(x, lab.derivative(a.name, x, params)), borderColor: '#d9480f', borderWidth: 2, borderDash: [5, 3], pointRadius: 0 },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: { type: 'linear', min: -5, max: 5 }, y: { type: 'linear', suggestedMin: -1.5, suggestedMax: 1.5 } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    },
  });
  return chart;
}
