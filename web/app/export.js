// Exports of a run: the report history as CSV or JSON, the network as JSON.
import { download } from './dom.js';

const LAYER_FIELDS = ['preMean', 'preStd', 'actMean', 'actStd', 'saturatedFraction', 'deadFraction', 'meanAbsDerivative', 'gradNorm'];
// downsampled: set on the min/max rows of a bounded history's older part (the number of reports the row stands for)
const TOP_FIELDS = ['step', 'learningRate', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'gradNormRatio', 'diverged', 'downsampled'];

/** The history as CSV: one row per report (or per min/max row of a downsampled stretch), per-layer columns layer1_deadFraction, ... */
export function historyCsv(history) {
  const layers = Math.max(0, ...history.map((r) => r.layers?.length ?? 0));
  const header = [...TOP_FIELDS];
  for (let l = 1; l <= layers; l++) header.push(...LAYER_FIELDS.map((f) => `layer${l}_${f}`), `layer${l}_alphaMean`);
  const rows = history.map((r) => {
    const row = TOP_FIELDS.map((f) => r[f]);
    for (let l = 0; l < layers; l++) {
      const L = r.layers?.[l];
      row.push(...LAYER_FIELDS.map((f) => L?.[f]), L?.alpha?.mean);
    }
    return row.map((v) => (v === null || v === undefined ? '' : String(v))).join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function downloadHistoryCsv(history, name = 'activation-lab-history.csv') {
  download(name, historyCsv(history), 'text/csv');
}

export function downloadHistoryJson({ settings, configs, histories }, name = 'activation-lab-history.json') {
  download(name, JSON.stringify({ format: 'activation-lab/history', version: 1, settings, configs, histories }, null, 1), 'application/json');
}

export function downloadNetworkJson(json, name = 'activation-lab-network.json') {
  download(name, typeof json === 'string' ? json : JSON.stringify(json), 'application/json');
}
