// window.__alab: a read-only view of the page's numbers for tests (every
// getter returns a copy), in test and dev builds only (see main.js). Nothing
// here changes the page except fault(kind), which makes the worker really
// fail (web/app/worker/faults.js), and gcnFault(), which starts a graph run
// the library rejects.
import { Chart } from './charts/setup.js';

export function installTestHook({ store, controller, client, fps, graphView }) {
  const copy = (v) => (v === undefined ? undefined : structuredClone(v));
  const hook = Object.freeze({
    state: () => copy(store.get()),
    link: () => store.link(),
    step: () => controller.step,
    running: () => controller.running,
    reason: () => controller.reason,
    mode: () => controller.setup?.mode ?? null,
    runs: () => Object.keys(controller.histories),
    history: (key = 'main') => copy(controller.points(key)),
    resolution: (key = 'main') => copy(controller.histories[key]?.resolution ?? null),
    // the run's event log: { total, byKind, recent } (bounded-history.js)
    events: (key = 'main') => copy(controller.events[key] ?? null),
    last: (key = 'main') => copy(controller.last(key)),
    configs: () => copy(controller.setupInfo?.configs ?? null),
    fps: () => fps.value,
    sought: () => controller.seekState?.step ?? null,
    forkStep: () => controller.forkInfo?.step ?? null,
    stateBytes: (which) => controller.stateBytes(which),
    units: (key = 'main') => copy(controller.units[key] ? { resolution: controller.units[key].resolution, widths: controller.units[key].widths, length: controller.units[key].values.length } : null),
    wasmBytes: () => controller.wasmBytes ?? null,
    // the labels Chart.js drew on one axis of the chart on `canvas` (a selector): [{ value, label }]
    // an axis title's lines, each line's drawn length in px and the length of the axis (px)
    axisTitle: (canvas, axis) => {
      const chart = Chart.getChart(document.querySelector(canvas));
      const scale = chart?.scales[axis];
      if (!scale?.options.title.display) return null;
      const lines = [].concat(scale.options.title.text);
      const font = scale.options.title.font ?? {};
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${font.style ?? 'normal'} ${font.weight ?? 'normal'} ${font.size ?? Chart.defaults.font.size}px ${font.family ?? Chart.defaults.font.family}`;
      return { lines, widths: lines.map((l) => ctx.measureText(l).width), room: axis === 'y' ? scale.height : scale.width };
    },
    // per dataset of the chart on `canvas`: its label, how many points, the pixel of its
    // first point and the colour the canvas has there (to see a lone point drawn)
    points: (canvas) => {
      const chart = Chart.getChart(document.querySelector(canvas));
      const ctx = chart?.ctx;
      const ratio = chart?.currentDevicePixelRatio ?? 1;
      return chart?.data.datasets.map((ds, i) => {
        const p = chart.getDatasetMeta(i).data[0];
        const rgba = p ? Array.from(ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data) : null;
        return { label: ds.label, n: ds.data.length, borderWidth: ds.borderWidth, x: p?.x ?? null, y: p?.y ?? null, rgba };
      }) ?? null;
    },
    ticks: (canvas, axis) => Chart.getChart(document.querySelector(canvas))?.scales[axis]?.ticks.map((k) => ({ value: k.value, label: k.label })) ?? null,
    // asks the worker to really fail in one of its ways (web/app/worker/faults.js)
    fault: (kind) => client.worker.postMessage({ tool: 'worker', type: 'test-fault', kind }),
    gcnFault: () => graphView.restart({ graph: 'no-such-graph' }),
  });
  Object.defineProperty(window, '__alab', { value: hook, writable: false, configurable: false });
}
