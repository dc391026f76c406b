// A run's report history in bounded memory, however long the run: the most
// recent reports at full resolution, older ones downsampled into buckets that
// keep each number's minimum and maximum (with the step where each occurred),
// so a chart of the whole run still shows every spike and every dip. When
// the buckets are full, neighbours are merged pairwise and the bucket width
// doubles (the multi-resolution scheme of TensorBoard's reservoir and of
// min/max decimation in plotting tools).
//
// Budget per run (defaults): RECENT full reports + BUCKETS buckets. A bucket
// holds 4 numbers per numeric field of a report (min, max, and their steps),
// about 1 KB for a 4-layer network, so one trainer run stays near 1 MB
// whatever its length and a 4-network compare session near 4 MB; a chart
// series has at most RECENT + 2 * BUCKETS = 384 points (charts are a few
// hundred pixels wide, and fewer points keep each redraw short). Nothing here knows the
// shape of a report: numbers are found by walking plain objects and arrays
// of objects (typed arrays, number arrays, strings and booleans are left to
// the full-resolution part).

export const RECENT = 128;
export const BUCKETS = 128;

export class BoundedHistory {
  /** @param {{ recent?: number, buckets?: number }} [options] */
  constructor({ recent = RECENT, buckets = BUCKETS } = {}) {
    if (!(Number.isInteger(recent) && recent >= 1)) throw new RangeError(`recent must be an integer >= 1, got ${recent}`);
    if (!(Number.isInteger(buckets) && buckets >= 2 && buckets % 2 === 0)) throw new RangeError(`buckets must be an even integer >= 2, got ${buckets}`);
    this.recentCap = recent;
    this.bucketCap = buckets;
    this.clear();
  }

  clear() {
    this.recent = [];        // full reports, oldest first
    this.buckets = [];       // closed and open buckets, oldest first
    this.width = 1;          // reports per bucket at the current resolution
    this.fields = new FieldTable();
    this.count = 0;          // reports ever pushed
    this.cache = null;
  }

  get length() { return this.count; }

  /** Appends a report (steps must not decrease). */
  push(report) {
    this.count += 1;
    this.recent.push(report);
    this.cache = null;
    if (this.recent.length > this.recentCap) this.#archive(this.recent.shift());
  }

  /** The latest report, or null. */
  last() { return this.recent.at(-1) ?? null; }

  /**
   * The whole run as chart points, oldest first: for each bucket one or two
   * reports of its numeric fields (the field's minimum and maximum, in the
   * order they occurred, at the bucket's first and last step), then the
   * recent reports themselves. Cached until the next push.
   */
  points() {
    if (this.cache) return this.cache;
    const out = [];
    for (const b of this.buckets) out.push(...this.#bucketReports(b));
    out.push(...this.recent);
    this.cache = out;
    return out;
  }

  /** The number of reports in the downsampled part and its bucket width (for a caption or test). */
  get resolution() {
    return { recent: this.recent.length, buckets: this.buckets.length, width: this.width, archived: this.count - this.recent.length };
  }

  #archive(report) {
    const values = this.fields.read(report);
    let b = this.buckets.at(-1);
    if (!b || b.n >= this.width) {
      if (this.buckets.length >= this.bucketCap) {
        this.#halve();
        b = this.buckets.at(-1);
      }
      if (!b || b.n >= this.width) {
        b = newBucket(report.step);
        this.buckets.push(b);
      }
    }
    addToBucket(b, report.step, values);
  }

  // Merges neighbours pairwise: half as many buckets, each twice as wide.
  #halve() {
    const merged = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const c = this.buckets[i + 1];
      merged.push(c ? mergeBuckets(a, c) : a);
    }
    this.buckets = merged;
    this.width *= 2;
  }

  #bucketReports(b) {
    if (b.reports) return b.reports;
    const first = { step: b.from };
    const second = { step: b.to };
    const n = this.fields.paths.length;
    for (let i = 0; i < n && i < b.min.length; i++) {
      if (!(b.seen[i])) continue;
      const path = this.fields.paths[i];
      const minFirst = b.minAt[i] <= b.maxAt[i];
      setPath(first, path, minFirst ? b.min[i] : b.max[i]);
      setPath(second, path, minFirst ? b.max[i] : b.min[i]);
    }
    first.downsampled = b.n;
    second.downsampled = b.n;
    b.reports = b.from === b.to ? [first] : [first, second];
    return b.reports;
  }
}

// Numeric leaves of a report as paths ['layers', 0, 'deadFraction'] with a
// stable index each; a field first seen late gets the next index.
class FieldTable {
  constructor() {
    this.paths = [];
    this.index = new Map();
  }

  /** [[index, value]...] of every finite number in the report (except `step`). */
  read(report) {
    const out = [];
    const walk = (obj, prefix) => {
      for (const [k, v] of Object.entries(obj)) {
        if (prefix.length === 0 && (k === 'step' || k === 'downsampled')) continue;
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) continue;
          const path = [...prefix, k];
          const key = path.join('\u0000');
          let i = this.index.get(key);
          if (i === undefined) {
            i = this.paths.length;
            this.paths.push(path);
            this.index.set(key, i);
          }
          out.push(i, v);
        } else if (Array.isArray(v)) {
          v.forEach((item, j) => { if (item && typeof item === 'object' && !ArrayBuffer.isView(item)) walk(item, [...prefix, k, j]); });
        } else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
          walk(v, [...prefix, k]);
        }
      }
    };
    walk(report, []);
    return out;
  }
}

function newBucket(step) {
  return { from: step, to: step, n: 0, min: [], max: [], minAt: [], maxAt: [], seen: [], reports: null };
}

function addToBucket(b, step, values) {
  b.to = step;
  b.n += 1;
  b.reports = null;
  for (let j = 0; j < values.length; j += 2) {
    const i = values[j];
    const v = values[j + 1];
    if (!b.seen[i]) {
      b.seen[i] = true;
      b.min[i] = b.max[i] = v;
      b.minAt[i] = b.maxAt[i] = step;
      continue;
    }
    if (v < b.min[i]) { b.min[i] = v; b.minAt[i] = step; }
    if (v > b.max[i]) { b.max[i] = v; b.maxAt[i] = step; }
  }
}

function mergeBuckets(a, c) {
  const m = newBucket(a.from);
  m.to = c.to;
  m.n = a.n + c.n;
  const len = Math.max(a.seen.length, c.seen.length);
  for (let i = 0; i < len; i++) {
    const sa = a.seen[i], sc = c.seen[i];
    if (!sa && !sc) continue;
    m.seen[i] = true;
    if (sa && (!sc || a.min[i] <= c.min[i])) { m.min[i] = a.min[i]; m.minAt[i] = a.minAt[i]; } else { m.min[i] = c.min[i]; m.minAt[i] = c.minAt[i]; }
    if (sa && (!sc || a.max[i] >= c.max[i])) { m.max[i] = a.max[i]; m.maxAt[i] = a.maxAt[i]; } else { m.max[i] = c.max[i]; m.maxAt[i] = c.maxAt[i]; }
  }
  return m;
}

function setPath(obj, path, value) {
  let o = obj;
  for (let d = 0; d < path.length - 1; d++) {
    const k = path[d];
    if (o[k] === undefined) o[k] = typeof path[d + 1] === 'number' ? [] : {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
}

/**
 * Events (e.g. a unit died) in bounded memory: the newest `keep` in full and
 * a count per kind over the whole run.
 */
export class EventLog {
  constructor({ keep = 200 } = {}) {
    this.keep = keep;
    this.clear();
  }

  clear() {
    this.recent = [];
    this.total = 0;
    this.byKind = {};
  }

  add(events) {
    if (!events?.length) return;
    for (const e of events) {
      this.total += 1;
      this.byKind[e.kind] = (this.byKind[e.kind] ?? 0) + 1;
    }
    this.recent.push(...events.slice(-this.keep));
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
  }
}
