// Pre-activation histograms, one small chart per hidden layer: the share of
// (unit, sample) pre-activations per bin, drawn over f' of the layer's
// activation (scaled to the same height), so one sees how much of the mass
// sits where f' is ~0 (saturated or dead).
import { Chart } from './setup.js';
import { el } from '../dom.js';

export class Histograms {
  /** fprime[l] = { x: number[], y: number[] } (f' on a grid), colors and labels per layer. */
  constructor(container, { fprime, colors, labels }) {
    this.charts = [];
    const grid = el('div', { class: 'histograms' });
    container.append(grid);
    labels.forEach((label, l) => {
      const canvas = el('canvas', { role: 'img', 'aria-label': label });
      grid.append(el('div', { class: 'histogram' }, el('div', { class: 'histogram-title' }, label), el('div', { class: 'chart-box', style: 'height:110px' }, canvas)));
      const f = fprime[l];
      const peak = Math.max(...f.y.map(Math.abs), 1e-9);
      this.charts.push(new Chart(canvas, {
        type: 'bar',
        data: { datasets: [
          { type: 'line', label: "f'", data: f.x.map((x, i) => ({ x, y: f.y[i] / peak })), borderColor: '#d9480f', borderWidth: 1.5, pointRadius: 0, order: 0 },
          { type: 'bar', label: 'z', data: [], backgroundColor: colors[l], barPercentage: 1, categoryPercentage: 1, order: 1 },
        ] },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
          // ticks every 3 from -6: the default step of 5 put '5' and '6' side by side
          scales: { x: { type: 'linear', min: -6, max: 6, ticks: { stepSize: 3 } }, y: { min: 0, max: 1.05, display: false } },
          plugins: { legend: { display: false }, tooltip: { enabled: false } },
        },
      }));
    });
  }

  /** Draws the histograms of `report` (bins normalised to the tallest). */
  update(report) {
    this.charts.forEach((chart, l) => {
      const h = report.layers?.[l]?.histogram;
      if (!h) return;
      const counts = Array.from(h.counts);
      const top = Math.max(...counts, 1);
      const w = (h.max - h.min) / counts.length;
      chart.data.datasets[1].data = counts.map((c, i) => ({ x: h.min + w * (i + 0.5), y: c / top }));
      chart.update('none');
    });
  }

  /** Empties the bars (a new run); the f' curves stay. */
  clear() {
    for (const chart of this.charts) {
      chart.data.datasets[1].data = [];
      chart.update('none');
    }
  }

  destroy() {
    for (const c of this.charts) c.destroy();
  }
}
