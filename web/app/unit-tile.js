// Colours of the per-unit pictures: one scale per activation range, shared by
// the diagram tiles, the close-up and the output (boundary) tile.
//   bounded both sides (sigmoid, tanh, softsign): the range's own ends are the
//     ends of the scale, its midpoint is white — a saturated unit is hard
//     orange / blue, a unit in its linear part shows soft shades;
//   otherwise (relu, elu, gelu, ...): 0 is white and ±scale the ends, with
//     scale the largest |f| of the layer's images, so one layer's units are
//     comparable and a unit that is 0 everywhere is flat white.
// Dead units are drawn greyed (low-contrast grey of the same image).
// Colours follow Playground: orange for low / negative, blue for high / positive.
export const NEG = [245, 147, 34];
export const POS = [8, 119, 189];
export const FRAME = { alive: '#2b6cb0', saturated: '#c05600', dead: '#6b7280' };
export const LINK = { pos: 'rgb(8,119,189)', neg: 'rgb(230,120,20)' };

/** The scale for an activation: { lo, mid, hi, fixed } (fixed: bounded both sides). */
export function activationScale(properties) {
  if (properties?.boundedAbove && properties?.boundedBelow) {
    const lo = properties.lowerBound, hi = properties.upperBound;
    return { lo, hi, mid: (lo + hi) / 2, fixed: true };
  }
  return { lo: -1, hi: 1, mid: 0, fixed: false };
}

/** Per layer: the scale with hi/lo widened to the layer's largest |f - mid| when not fixed. */
export function layerScales(scales, values, widths, pixels) {
  let unit = 0;
  return widths.map((w, l) => {
    const s = scales[l];
    if (s.fixed) { unit += w; return s; }
    let m = 1e-6;
    const end = (unit + w) * pixels;
    for (let i = unit * pixels; i < end; i++) { const a = Math.abs(values[i] - s.mid); if (a > m && Number.isFinite(a)) m = a; }
    unit += w;
    return { ...s, lo: s.mid - m, hi: s.mid + m };
  });
}

/** RGB of v on scale s. */
export function colorOf(v, s) {
  const t = v >= s.mid ? (v - s.mid) / (s.hi - s.mid || 1) : -(s.mid - v) / (s.mid - s.lo || 1);
  const target = t < 0 ? NEG : POS;
  const a = Math.min(1, Math.abs(t) || 0) * 0.92;
  return [255 + (target[0] - 255) * a, 255 + (target[1] - 255) * a, 255 + (target[2] - 255) * a];
}

const LUT_SIZE = 256;
const lutCache = new Map();

// 256 colours from scale.lo to scale.hi (RGBA, dead: greyed), cached per scale.
function lut(scale, dead) {
  const key = `${scale.lo},${scale.mid},${scale.hi},${dead}`;
  let table = lutCache.get(key);
  if (table) return table;
  table = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const v = scale.lo + ((scale.hi - scale.lo) * i) / (LUT_SIZE - 1);
    let [R, G, B] = colorOf(v, scale);
    if (dead) {
      const grey = 0.3 * R + 0.59 * G + 0.11 * B;
      R = G = B = 200 + (grey - 200) * 0.25;
    }
    table.set([R, G, B, 255], 4 * i);
  }
  if (lutCache.size > 256) lutCache.clear();
  lutCache.set(key, table);
  return table;
}

/**
 * Paints one unit's image (resolution², row 0 = yMin = bottom) into `img`
 * (a new ImageData when not given). dead: a greyed, low-contrast copy.
 */
export function unitImage(values, offset, resolution, scale, dead = false, img = new ImageData(resolution, resolution)) {
  const d = img.data;
  const table = lut(scale, dead);
  const k = (LUT_SIZE - 1) / (scale.hi - scale.lo || 1);
  for (let r = 0; r < resolution; r++) {
    const row = offset + r * resolution;
    let o = (resolution - 1 - r) * resolution * 4;
    for (let c = 0; c < resolution; c++, o += 4) {
      const v = values[row + c];
      let i = Math.round((v - scale.lo) * k);
      i = i > LUT_SIZE - 1 ? LUT_SIZE - 1 : i >= 0 ? i : 0;   // NaN → 0
      const t = 4 * i;
      d[o] = table[t]; d[o + 1] = table[t + 1]; d[o + 2] = table[t + 2]; d[o + 3] = 255;
    }
  }
  return img;
}

/** An ImageData of one input coordinate over the plane (the diagram's input tiles). */
export function inputImage(which, resolution) {
  const img = new ImageData(resolution, resolution);
  const s = { lo: -1, hi: 1, mid: 0 };
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const v = which === 0 ? (2 * c) / (resolution - 1) - 1 : (2 * r) / (resolution - 1) - 1;
      const [R, G, B] = colorOf(v, s);
      const o = ((resolution - 1 - r) * resolution + c) * 4;
      img.data[o] = R; img.data[o + 1] = G; img.data[o + 2] = B; img.data[o + 3] = 255;
    }
  }
  return img;
}
