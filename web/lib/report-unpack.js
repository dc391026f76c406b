// The training report from the Float64Array the binding packs it into
// (cpp/bindings/report_adapters.h, report_val): one crossing of the
// WebAssembly boundary instead of one per field. Builds the object of
// cpp/nn/report.h with the keys in the order they always had (alphabetical),
// every non-finite number (NaN marks an absent value) as null.
//
// Layout, all doubles, in order:
//   header  version, histogram bins, histogram min, histogram max, step,
//           learningRate, batchLoss, trainLoss, testLoss, trainAccuracy,
//           testAccuracy, diverged (0/1), divergedAtStep, gradNormRatio,
//           number of layers, number of events
//   layer   preMean, preStd, actMean, actStd, p2, p50, p98, saturatedFraction,
//           inactiveFraction, deadFraction, meanAbsDerivative, gradNorm,
//           number of dead units, of saturated units, of alpha values (-1: no
//           alpha), the histogram counts, the dead units, the saturated units,
//           and with alpha: mean, min, max, the values
//   event   step, layer, unit, died (1/0), learningRate, number of centre
//           coordinates (-1: no region), share, the centre

const VERSION = 1;   // kPackedReportVersion

const orNull = (v) => (Number.isFinite(v) ? v : null);

function numbers(p, from, n) {
  const out = new Array(n);
  for (let k = 0; k < n; k++) out[k] = orNull(p[from + k]);
  return out;
}

/**
 * The report object of one packed report: a Float64Array view of the
 * module's heap, read here at once (before any other call into the module
 * could grow the heap and detach it).
 */
export function unpackReport(p) {
  if (p[0] !== VERSION) throw new Error(`packed report version ${p[0]}; this library reads version ${VERSION} (rebuild the WebAssembly module)`);
  const bins = p[1], histogramMin = p[2], histogramMax = p[3];
  const layerCount = p[14], eventCount = p[15];
  let i = 16;
  const layers = new Array(layerCount);
  for (let l = 0; l < layerCount; l++) {
    const dead = p[i + 12], saturated = p[i + 13], alphaCount = p[i + 14];
    const head = i;
    i += 15;
    const counts = new Array(bins);
    for (let b = 0; b < bins; b++) counts[b] = p[i + b];
    i += bins;
    const deadUnits = new Array(dead);
    for (let k = 0; k < dead; k++) deadUnits[k] = p[i + k];
    i += dead;
    const saturatedUnits = new Array(saturated);
    for (let k = 0; k < saturated; k++) saturatedUnits[k] = p[i + k];
    i += saturated;
    let alpha = null;
    if (alphaCount >= 0) {
      alpha = { max: orNull(p[i + 2]), mean: orNull(p[i]), min: orNull(p[i + 1]), values: numbers(p, i + 3, alphaCount) };
      i += 3 + alphaCount;
    }
    layers[l] = {
      actMean: orNull(p[head + 2]),
      actPercentiles: numbers(p, head + 4, 3),
      actStd: orNull(p[head + 3]),
      alpha,
      deadFraction: orNull(p[head + 9]),
      deadUnits,
      gradNorm: orNull(p[head + 11]),
      histogram: { counts, max: histogramMax, min: histogramMin },
      inactiveFraction: orNull(p[head + 8]),
      meanAbsDerivative: orNull(p[head + 10]),
      preMean: orNull(p[head]),
      preStd: orNull(p[head + 1]),
      saturatedFraction: orNull(p[head + 7]),
      saturatedUnits,
    };
  }
  const events = new Array(eventCount);
  for (let e = 0; e < eventCount; e++) {
    const centre = p[i + 5];
    const region = centre >= 0 ? { center: numbers(p, i + 7, centre), share: orNull(p[i + 6]) } : null;
    events[e] = {
      kind: p[i + 3] === 1 ? 'died' : 'revived',
      layer: p[i + 1],
      learningRate: orNull(p[i + 4]),
      region,
      step: p[i],
      unit: p[i + 2],
    };
    i += 7 + Math.max(0, centre);
  }
  return {
    batchLoss: orNull(p[6]),
    diverged: p[11] === 1,
    divergedAtStep: orNull(p[12]),
    events,
    gradNormRatio: orNull(p[13]),
    layers,
    learningRate: orNull(p[5]),
    step: p[4],
    testAccuracy: orNull(p[10]),
    testLoss: orNull(p[8]),
    trainAccuracy: orNull(p[9]),
    trainLoss: orNull(p[7]),
  };
}
