// Glorot & Bengio's Figure 2 as Chart.js datasets: per hidden layer, the
// mean activation as a line with a ±1 std band, and the 98th percentile
// dashed. Used by the trainer's diagnostics and by the saturation lesson.

/**
 * Datasets for `layers` = [{ mean: [{x, y}], std: [{x, y}], p98: [{x, y}] }]
 * (point arrays over steps), coloured by `colors`, labelled by `label(i)`.
 */
export function glorotDatasets(layers, colors, label, p98Label) {
  const out = [];
  layers.forEach((l, i) => {
    const c = colors[i];
    const lower = l.mean.map((p, k) => ({ x: p.x, y: p.y - (l.std[k]?.y ?? 0) }));
    const upper = l.mean.map((p, k) => ({ x: p.x, y: p.y + (l.std[k]?.y ?? 0) }));
    out.push(
      { label: '', data: lower, borderColor: 'transparent', pointRadius: 0, fill: false },
      { label: '', data: upper, borderColor: 'transparent', backgroundColor: c.replace(')', ' / 0.16)'), pointRadius: 0, fill: '-1' },
      { label: label(i), data: l.mean, borderColor: c, backgroundColor: c, borderWidth: 2 },
      { label: `${label(i)} · ${p98Label}`, data: l.p98, borderColor: c, borderDash: [4, 3], borderWidth: 1.2 },
    );
  });
  return out;
}

/** Per-layer {mean, std, p98} point arrays from a report history (reports with layers). */
export function glorotSeries(reports, layers) {
  return Array.from({ length: layers }, (_, l) => {
    const pick = (f) => reports.filter((r) => r.layers?.[l]).map((r) => ({ x: r.step, y: f(r.layers[l]) }));
    return { mean: pick((x) => x.actMean), std: pick((x) => x.actStd), p98: pick((x) => x.actPercentiles?.[2] ?? x.actMean) };
  });
}
