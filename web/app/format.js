// The page's number formats, one place for all: every figure a view shows
// goes through one of these (missing values show as '–').

const MISSING = '–';
const missing = (v) => v === null || v === undefined;

/** A number with a few significant digits (exponent when tiny or huge), '∞'/'−∞', or '–' when missing. */
export function fmt(v, digits = 3) {
  if (missing(v) || Number.isNaN(v)) return MISSING;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

/** A share in [0, 1] as a percentage with `digits` decimals ("12%", "12.5%"), or '–' when missing. */
export function percent(v, digits = 0) {
  return missing(v) ? MISSING : `${(100 * v).toFixed(digits)}%`;
}

/** A number with exactly `digits` decimals ("0.25"), or '–' when missing. */
export function fixed(v, digits) {
  return missing(v) ? MISSING : v.toFixed(digits);
}

/** A tick label: up to 3 significant digits, no trailing zeros ("0.1", "1.5", "2e-5"). */
export function tickNumber(v) {
  if (missing(v) || !Number.isFinite(v)) return fmt(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(3)));
  return v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
}
