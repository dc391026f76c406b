// Canvas drawing for the graph lab: the graph with coloured nodes, and a 2-D
// scatter of the node embedding. Pure drawing: values in, pixels out.

export const FACTION_COLORS = ['#2563eb', '#ea580c'];   // class 0, class 1

/** Blend of the two faction colours by p = P(class 1), through a light grey. */
export function probabilityColor(p) {
  const a = [37, 99, 235], b = [234, 88, 12], mid = [226, 229, 234];
  const t = Math.min(1, Math.max(0, p));
  const [from, to, s] = t < 0.5 ? [a, mid, t * 2] : [mid, b, (t - 0.5) * 2];
  const c = from.map((v, i) => Math.round(v + (to[i] - v) * s));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Diverging colour for a value in [-1, 1]: blue (negative), white, red (positive). */
export function signedColor(v) {
  const t = Math.max(-1, Math.min(1, v));
  const base = t < 0 ? [37, 99, 235] : [220, 38, 38];
  const s = Math.abs(t);
  const c = base.map((x) => Math.round(255 + (x - 255) * s));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function setup(canvas) {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width, h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * ratio)) { canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio); }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

/**
 * Draws the graph. positions (n × 2) in [0, 1]; fill(i) gives node i's colour;
 * marked: Set of labelled nodes (drawn with a thick ring); wrong: Set of nodes
 * drawn with a red dashed ring.
 */
export function drawGraph(canvas, { nodes, edges, positions, fill, marked = new Set(), wrong = new Set(), labels = true }) {
  const { ctx, w, h } = setup(canvas);
  const pad = 16;
  // fill the canvas, but stretch one axis at most 1.6× the other; centred
  let sx = w - 2 * pad, sy = h - 2 * pad;
  sx = Math.min(sx, 1.6 * sy);
  sy = Math.min(sy, 1.6 * sx);
  const size = Math.min(sx, sy);
  const x0 = (w - sx) / 2, y0 = (h - sy) / 2;
  const X = (i) => x0 + positions[2 * i] * sx;
  const Y = (i) => y0 + positions[2 * i + 1] * sy;
  ctx.strokeStyle = 'rgba(100, 116, 139, 0.45)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let e = 0; e < edges.length; e += 2) {
    ctx.moveTo(X(edges[e]), Y(edges[e]));
    ctx.lineTo(X(edges[e + 1]), Y(edges[e + 1]));
  }
  ctx.stroke();
  const r = nodes > 60 ? 5 : Math.max(5, Math.min(9, size / 40));
  ctx.font = `${nodes > 60 ? 8 : 10}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < nodes; i++) {
    ctx.beginPath();
    ctx.arc(X(i), Y(i), r, 0, 2 * Math.PI);
    ctx.fillStyle = fill(i);
    ctx.fill();
    ctx.lineWidth = marked.has(i) ? 3 : 1;
    ctx.strokeStyle = marked.has(i) ? '#111827' : 'rgba(17, 24, 39, 0.5)';
    ctx.stroke();
    if (wrong.has(i)) {
      ctx.beginPath();
      ctx.setLineDash([3, 2]);
      ctx.arc(X(i), Y(i), r + 3.5, 0, 2 * Math.PI);
      ctx.strokeStyle = '#dc2626';
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (labels) {
      ctx.fillStyle = '#111827';
      ctx.fillText(String(i), X(i), Y(i));
    }
  }
}

/** Scatter of points (n × 2), fitted to the canvas; colour(i), marked as in drawGraph. */
export function drawEmbedding(canvas, { points, colour, marked = new Set() }) {
  const { ctx, w, h } = setup(canvas);
  const n = points.length / 2;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i]); maxX = Math.max(maxX, points[2 * i]);
    minY = Math.min(minY, points[2 * i + 1]); maxY = Math.max(maxY, points[2 * i + 1]);
  }
  const pad = 14;
  const sx = Math.max(maxX - minX, 1e-6), sy = Math.max(maxY - minY, 1e-6);
  const X = (v) => pad + ((v - minX) / sx) * (w - 2 * pad);
  const Y = (v) => h - pad - ((v - minY) / sy) * (h - 2 * pad);
  ctx.strokeStyle = 'rgba(100, 116, 139, 0.35)';
  ctx.strokeRect(0.5, 0.5, w - 1, h - 1);
  for (let i = 0; i < n; i++) {
    ctx.beginPath();
    ctx.arc(X(points[2 * i]), Y(points[2 * i + 1]), marked.has(i) ? 6 : 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = colour(i);
    ctx.fill();
    ctx.lineWidth = marked.has(i) ? 2.5 : 0.8;
    ctx.strokeStyle = '#111827';
    ctx.stroke();
  }
}
