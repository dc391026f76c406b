// A small deterministic force layout (Fruchterman & Reingold 1991): nodes
// repel with k²/d, edges pull with d²/k, and a temperature that cools
// linearly caps each move. Start positions come from a seeded generator
// (mulberry32), and every loop runs in index order, so one seed gives one
// picture. Returns positions scaled into [0, 1]².

/** mulberry32: 32-bit state, a uniform float in [0, 1) per call. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {number} nodes
 * @param {Int32Array|number[]} edges flat pairs [u0, v0, u1, v1, ...]
 * @param {{ seed?: number, iterations?: number }} [options]
 * @returns {Float64Array} (nodes × 2) positions in [0, 1]
 */
export function forceLayout(nodes, edges, { seed = 1, iterations = 400 } = {}) {
  const random = seededRandom(seed);
  const pos = new Float64Array(nodes * 2);
  for (let i = 0; i < nodes * 2; i++) pos[i] = random();
  const k = Math.sqrt(1 / Math.max(1, nodes));
  const disp = new Float64Array(nodes * 2);
  for (let it = 0; it < iterations; it++) {
    const temperature = 0.1 * (1 - it / iterations) + 1e-4;
    disp.fill(0);
    for (let i = 0; i < nodes; i++) {
      for (let j = i + 1; j < nodes; j++) {
        const dx = pos[2 * i] - pos[2 * j];
        const dy = pos[2 * i + 1] - pos[2 * j + 1];
        const d2 = Math.max(dx * dx + dy * dy, 1e-9);
        const f = (k * k) / d2;   // (k²/d) along the unit vector (dx, dy)/d
        disp[2 * i] += dx * f; disp[2 * i + 1] += dy * f;
        disp[2 * j] -= dx * f; disp[2 * j + 1] -= dy * f;
      }
    }
    for (let e = 0; e < edges.length; e += 2) {
      const u = edges[e], v = edges[e + 1];
      const dx = pos[2 * u] - pos[2 * v];
      const dy = pos[2 * u + 1] - pos[2 * v + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      const f = d / k;            // (d²/k) along the unit vector
      disp[2 * u] -= dx * f; disp[2 * u + 1] -= dy * f;
      disp[2 * v] += dx * f; disp[2 * v + 1] += dy * f;
    }
    for (let i = 0; i < nodes; i++) {
      // a weak pull to the centre keeps disconnected parts on the canvas
      disp[2 * i] += (0.5 - pos[2 * i]) * 0.05;
      disp[2 * i + 1] += (0.5 - pos[2 * i + 1]) * 0.05;
      const dx = disp[2 * i], dy = disp[2 * i + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > 0) {
        const step = Math.min(d, temperature) / d;
        pos[2 * i] += dx * step;
        pos[2 * i + 1] += dy * step;
      }
    }
  }
  return normalise(pos, nodes);
}

function normalise(pos, nodes) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < nodes; i++) {
    minX = Math.min(minX, pos[2 * i]); maxX = Math.max(maxX, pos[2 * i]);
    minY = Math.min(minY, pos[2 * i + 1]); maxY = Math.max(maxY, pos[2 * i + 1]);
  }
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const out = new Float64Array(nodes * 2);
  for (let i = 0; i < nodes; i++) {
    out[2 * i] = (pos[2 * i] - minX) / span + (1 - (maxX - minX) / span) / 2;
    out[2 * i + 1] = (pos[2 * i + 1] - minY) / span + (1 - (maxY - minY) / span) / 2;
  }
  return out;
}
