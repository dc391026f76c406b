// The decision-boundary image: the network's output on a grid (from the
// library's predictGrid, computed in the worker) painted in Playground's
// orange–white–blue, with the training points (filled) and test points
// (hollow) on top. 1-D regression draws the predicted curve instead.
const NEG = [245, 147, 34];    // orange: class 0 / low values
const POS = [8, 119, 189];     // blue: class 1 / high values
const CLASS_COLORS = [[245, 147, 34], [8, 119, 189], [47, 158, 68], [214, 51, 108], [121, 80, 242], [240, 140, 0], [12, 166, 120], [92, 124, 250]];

function mix(c, t) {
  // t in [-1, 1]: -1 → NEG, 0 → white, 1 → POS
  const target = t < 0 ? NEG : POS;
  const a = Math.min(1, Math.abs(t)) * 0.85;
  return [255 + (target[0] - 255) * a, 255 + (target[1] - 255) * a, 255 + (target[2] - 255) * a];
}

/** Maps a head output to [-1, 1] for colouring: sigmoid 0..1, tanh/linear values as they are. */
function signedValue(v, output) {
  return output === 'sigmoid' ? 2 * v - 1 : Math.max(-1, Math.min(1, v));
}

export class BoundaryView {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.data = null;
  }

  setData({ data, bounds, output, classes }) {
    this.data = data;
    this.bounds = bounds;
    this.output = output;
    this.classes = classes;
    this.surface = null;
    this.draw();
  }

  setSurface(surface) {
    this.surface = surface;
    this.draw();
  }

  /**
   * Where first-layer rectifier units switch on: lines w₀x + w₁y + b = 0,
   * [{ w0, w1, b, state, focused }] (a dead unit's line lies outside the data).
   */
  setLines(lines) {
    this.lines = lines ?? [];
    this.draw();
  }

  #drawLines() {
    const { ctx } = this;
    const { xMin, xMax, yMin, yMax } = this.bounds;
    for (const { w0, w1, b, state, focused } of this.lines ?? []) {
      const pts = [];
      if (Math.abs(w1) > 1e-9) for (const x of [xMin, xMax]) pts.push([x, -(w0 * x + b) / w1]);
      if (Math.abs(w0) > 1e-9) for (const y of [yMin, yMax]) pts.push([-(w1 * y + b) / w0, y]);
      const inside = pts.filter(([x, y]) => x >= xMin - 1e-6 && x <= xMax + 1e-6 && y >= yMin - 1e-6 && y <= yMax + 1e-6);
      if (inside.length < 2) continue;   // the whole plane is on one side
      ctx.strokeStyle = state === 'dead' ? '#4b5563' : '#111827';
      ctx.globalAlpha = focused ? 1 : 0.45;
      ctx.lineWidth = focused ? 3 : 1.2;
      ctx.setLineDash(state === 'dead' ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(this.#px(inside[0][0]), this.#py(inside[0][1]));
      ctx.lineTo(this.#px(inside[1][0]), this.#py(inside[1][1]));
      ctx.stroke();
      if (focused) {
        // a tick on the side where the unit is on (w·x + b > 0)
        const mx = (inside[0][0] + inside[1][0]) / 2, my = (inside[0][1] + inside[1][1]) / 2;
        const n = Math.hypot(w0, w1) || 1, len = (xMax - xMin) * 0.05;
        ctx.beginPath();
        ctx.moveTo(this.#px(mx), this.#py(my));
        ctx.lineTo(this.#px(mx + (w0 / n) * len), this.#py(my + (w1 / n) * len));
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  #px(x) { return ((x - this.bounds.xMin) / (this.bounds.xMax - this.bounds.xMin)) * this.canvas.width; }
  #py(y) { return this.canvas.height - ((y - this.bounds.yMin) / (this.bounds.yMax - this.bounds.yMin)) * this.canvas.height; }

  draw() {
    const { ctx, canvas } = this;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (!this.data) return;
    if (this.data.inputs > 2) {
      this.#drawImages();
      return;
    }
    if (this.surface?.kind === 'grid') this.#drawGrid(this.surface);
    this.#drawAxes();
    if (this.data.inputs === 1) this.#drawCurvePoints();
    else this.#drawPoints();
    if (this.data.inputs === 2) this.#drawLines();
  }

  // Image data (shapeset): no 2-D plane to paint, so the first training
  // images are shown as grey tiles with their class in the corner.
  #drawImages() {
    const { ctx, canvas, data } = this;
    const side = Math.round(Math.sqrt(data.inputs));
    if (side * side !== data.inputs) return;
    const per = canvas.width >= 200 ? 4 : 3;
    const tile = Math.floor(canvas.width / per);
    const n = Math.min(per * per, data.y.length);
    for (let k = 0; k < n; k++) {
      const img = new ImageData(side, side);
      for (let p = 0; p < data.inputs; p++) {
        const v = 255 - Math.round(255 * data.x[k * data.inputs + p]);
        img.data.set([v, v, v, 255], 4 * p);
      }
      const tmp = new OffscreenCanvas(side, side);
      tmp.getContext('2d').putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      const x = (k % per) * tile, y = Math.floor(k / per) * tile;
      ctx.drawImage(tmp, x + 1, y + 1, tile - 2, tile - 2);
      if (canvas.width >= 200) {
        ctx.fillStyle = '#5f3dc4';
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText(String(data.y[k]), x + 4, y + 13);
      }
    }
  }

  #drawGrid({ resolution, values, outputs }) {
    const img = new ImageData(resolution, resolution);
    for (let r = 0; r < resolution; r++) {
      for (let c = 0; c < resolution; c++) {
        const i = r * resolution + c;
        let rgb;
        if (outputs > 1) {
          let best = 0;
          for (let k = 1; k < outputs; k++) if (values[i * outputs + k] > values[i * outputs + best]) best = k;
          const p = values[i * outputs + best];
          const base = CLASS_COLORS[best % CLASS_COLORS.length];
          const a = 0.25 + 0.55 * Math.max(0, (p - 1 / outputs) / (1 - 1 / outputs));
          rgb = base.map((ch) => 255 + (ch - 255) * a);
        } else {
          rgb = mix(null, signedValue(values[i], this.output));
        }
        const o = ((resolution - 1 - r) * resolution + c) * 4;   // row 0 is yMin: bottom of the image
        img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
      }
    }
    const tmp = new OffscreenCanvas(resolution, resolution);
    tmp.getContext('2d').putImageData(img, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(tmp, 0, 0, this.canvas.width, this.canvas.height);
  }

  #drawAxes() {
    const { ctx } = this;
    ctx.strokeStyle = 'rgba(0,0,0,0.12)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(this.#px(0), 0); ctx.lineTo(this.#px(0), this.canvas.height);
    ctx.moveTo(0, this.#py(0)); ctx.lineTo(this.canvas.width, this.#py(0));
    ctx.stroke();
  }

  #pointColor(label) {
    if (this.classes > 2) return CLASS_COLORS[label % CLASS_COLORS.length];
    if (this.classes === 2) return label > 0 ? POS : NEG;
    return mix(null, Math.max(-1, Math.min(1, label))).map((v) => v * 0.85);
  }

  #drawPoints() {
    const { ctx } = this;
    const r = Math.max(2.5, this.canvas.width / 110);
    const draw = (x, y, filled) => {
      for (let i = 0; i < y.length; i++) {
        const [cr, cg, cb] = this.#pointColor(y[i]);
        ctx.beginPath();
        ctx.arc(this.#px(x[2 * i]), this.#py(x[2 * i + 1]), r, 0, 2 * Math.PI);
        ctx.fillStyle = filled ? `rgb(${cr},${cg},${cb})` : '#fff';
        ctx.strokeStyle = filled ? '#fff' : `rgb(${cr},${cg},${cb})`;
        ctx.lineWidth = filled ? 1 : 1.8;
        ctx.fill();
        ctx.stroke();
      }
    };
    draw(this.data.testX, this.data.testY, false);
    draw(this.data.x, this.data.y, true);
  }

  #drawCurvePoints() {
    const { ctx } = this;
    const dot = (x, y, color) => {
      for (let i = 0; i < y.length; i++) {
        ctx.beginPath();
        ctx.arc(this.#px(x[i]), this.#py(y[i]), 2.5, 0, 2 * Math.PI);
        ctx.fillStyle = color;
        ctx.fill();
      }
    };
    dot(this.data.testX, this.data.testY, 'rgba(245,147,34,0.6)');
    dot(this.data.x, this.data.y, 'rgba(8,119,189,0.7)');
    if (this.surface?.kind === 'curve') {
      ctx.strokeStyle = '#1d232b';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      this.surface.xs.forEach((x, i) => {
        const px = this.#px(x), py = this.#py(this.surface.values[i]);
        if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      });
      ctx.stroke();
    }
  }
}
