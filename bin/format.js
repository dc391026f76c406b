// Plain-text tables for the command line.

const fmt = (v, digits = 3) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));
const exp = (v) => (v === null || v === undefined ? '—' : Number(v).toExponential(1));

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function pickReports(history, count = 8) {
  if (history.length <= count) return history;
  const picks = new Set([0, history.length - 1]);
  for (let i = 1; i < count - 1; i++) picks.add(Math.round((i * (history.length - 1)) / (count - 1)));
  return [...picks].sort((a, b) => a - b).map((i) => history[i]);
}

export function formatTrainingExperiment(result) {
  const parts = [];
  for (const v of result.variants) {
    const layers = v.final.layers.length;
    const header = ['step', 'lr', 'loss', 'acc',
      ...Array.from({ length: layers }, (_, l) => `mean a${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `sat${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `inact${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `dead${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `|g${l + 1}|`)];
    const rows = pickReports(v.history, result.id === 'dying-relu' ? 10 : 8).map((r) => [
      r.step, fmt(r.learningRate, 2), fmt(r.trainLoss), fmt(r.testAccuracy),
      ...r.layers.map((l) => fmt(l.actMean)),
      ...r.layers.map((l) => fmt(l.saturatedFraction, 2)),
      ...r.layers.map((l) => fmt(l.inactiveFraction, 2)),
      ...r.layers.map((l) => fmt(l.deadFraction, 2)),
      ...r.layers.map((l) => exp(l.gradNorm)),
    ]);
    const init = v.init ? ` + ${v.init}` : '';
    const diverged = v.final.diverged ? ' (diverged)' : '';
    parts.push(`${v.activation}${init}: final test accuracy ${fmt(v.final.testAccuracy)}${diverged}\n${table(header, rows)}`);
  }
  return `${result.id}\n\n${parts.join('\n\n')}\n`;
}

export function formatBornDead(result, preset) {
  const parts = [];
  for (const init of preset.inits) {
    const rows = preset.depths.map((depth) => [depth, ...preset.widths.map((width) => {
      const cell = result.rows.find((r) => r.init === init && r.depth === depth && r.width === width);
      return fmt(cell.probability, 3);
    })]);
    parts.push(`${init}: P(born dead), rows depth, columns width (${preset.trials} trials each)\n${table(['depth', ...preset.widths.map((w) => `w=${w}`)], rows)}`);
  }
  return `born-dead\n\n${parts.join('\n\n')}\n`;
}

export function formatTrain(result) {
  const rows = result.history.map((r) => [r.step, fmt(r.trainLoss), fmt(r.testLoss), fmt(r.trainAccuracy), fmt(r.testAccuracy),
    r.layers.map((l) => fmt(l.deadFraction, 2)).join('/'), r.diverged ? 'diverged' : '']);
  return `train ${JSON.stringify(result.config)}\n\n${table(['step', 'train loss', 'test loss', 'train acc', 'test acc', 'dead', ''], rows)}\n`;
}

export function formatGcn(result) {
  const parts = [];
  for (const v of result.variants) {
    const layers = v.final.layers.length;
    const header = ['step', 'loss', 'acc', 'unlabelled',
      ...Array.from({ length: layers }, (_, l) => `mean a${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `sat${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `dead${l + 1}`),
      ...Array.from({ length: layers }, (_, l) => `|g${l + 1}|`)];
    const rows = pickReports(v.history, 6).map((r) => [
      r.step, fmt(r.loss), fmt(r.accuracy), fmt(r.testAccuracy),
      ...r.layers.map((l) => fmt(l.actMean)),
      ...r.layers.map((l) => fmt(l.saturatedFraction, 2)),
      ...r.layers.map((l) => fmt(l.deadFraction, 2)),
      ...r.layers.map((l) => exp(l.gradNorm)),
    ]);
    const diverged = v.final.diverged ? ' (diverged)' : '';
    parts.push(`${v.activation}: accuracy on the ${result.nodes - result.labelled.length} unlabelled members ${fmt(v.final.testAccuracy)}${diverged}\n`
      + `predicted faction (0 = Mr. Hi, 1 = Officer): ${v.predictions.join('')}\n${table(header, rows)}`);
  }
  const c = result.variants[0]?.config ?? {};
  return `gcn: ${result.graph}, labelled nodes ${result.labelled.join(', ')}, ${c.layer} layers ${JSON.stringify(c.hidden)} + output, `
    + `${c.optimizer} lr ${c.learningRate}, seed ${c.seed}\n\n${parts.join('\n\n')}\n`;
}

/** CSV (RFC 4180) of flat records: the union of their keys as the header, in first-seen order. */
export function toCsv(rows) {
  const keys = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n') + '\n';
}

// One block per lesson: verdict, claim, and the measured numbers as compact JSON lines.
export function formatLessons(results) {
  const header = table(['lesson', 'holds', 'seconds'], results.map((r) => [r.id, r.holds ? 'yes' : 'NO', (r.ms / 1000).toFixed(1)]));
  const blocks = results.map((r) => {
    const lines = Object.entries(r.measured).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    return `${r.id} — ${r.holds ? 'holds' : 'does NOT hold'}\n  claim: ${r.claim}\n${lines.join('\n')}`;
  });
  return `${header}\n\n${blocks.join('\n\n')}\n`;
}
