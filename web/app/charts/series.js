// Turns a run's chart points (a bounded history's points(), at most
// RECENT + 2 * BUCKETS of them: see bounded-history.js) into chart series:
// per-layer series over steps.

/** Charts of a running session are redrawn at most this often (reports come 10 times a second). */
export const CHART_MS = 250;

/** A gate for chart redraws: due() is true when stopped, or CHART_MS after the last redraw. */
export function chartGate() {
  let last = -Infinity;
  return {
    due(running) {
      const now = performance.now();
      if (running && now - last < CHART_MS) return false;
      last = now;
      return true;
    },
  };
}

/** Points {x: step, y} of pick(report); null/non-finite values are skipped. */
export function series(reports, pick) {
  const pts = [];
  for (const r of reports) {
    const y = pick(r);
    if (y !== null && y !== undefined && Number.isFinite(y)) pts.push({ x: r.step, y });
  }
  return pts;
}

/** One series per hidden layer of pick(layerReport). */
export function layerSeries(reports, layers, pick) {
  return Array.from({ length: layers }, (_, l) => series(reports, (r) => (r.layers?.[l] ? pick(r.layers[l]) : null)));
}

/** Share of dead units over the whole network: sum of dead units / sum of widths. */
export function networkDeadFraction(report, widths) {
  if (!report?.layers?.length) return null;
  let dead = 0, total = 0;
  report.layers.forEach((l, i) => { dead += l.deadFraction * widths[i]; total += widths[i]; });
  return total ? dead / total : 0;
}

/** Spike windows [from, to] seen in a history: consecutive reports whose learningRate exceeds the base. */
export function spikeRanges(schedule, manualSpikes) {
  const ranges = [];
  if (schedule?.spike) ranges.push([schedule.spike.at, schedule.spike.at + schedule.spike.steps]);
  for (const s of manualSpikes ?? []) ranges.push(s);
  return ranges;
}
