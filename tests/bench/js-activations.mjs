// The plain-JavaScript baseline: what a user writes without the lab — one
// loop per activation over Float32Arrays with Math.exp, Math.tanh, ...
// Each loop is compiled separately (new Function) so that V8 inlines its
// expression, as it would for a hand-written loop: one shared loop calling a
// function per activation would be megamorphic and unfairly slow.
// Parameters are the registry defaults, passed in from the catalogue.

/**
 * erf by Abramowitz & Stegun 7.1.26 (max abs error 1.5e-7): the simple
 * approximation a JS user would paste; JavaScript's Math has no erf.
 */
export function erf(x) {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return s * (1 - poly * Math.exp(-a * a));
}

const SELU_L = 1.0507009873554805;
const SELU_A = 1.6732632423543773;

// name -> [forward, derivative] as expressions in x and the parameters p.
// sp(x) = softplus, sg(x) = sigmoid (helpers below, inlined by V8).
const EXPRESSIONS = {
  identity: ['x', '1'],
  sigmoid: ['1 / (1 + Math.exp(-x))', '(s = 1 / (1 + Math.exp(-x))) * (1 - s)'],
  tanh: ['Math.tanh(x)', '1 - (s = Math.tanh(x)) * s'],
  relu: ['x > 0 ? x : 0', 'x > 0 ? 1 : 0'],
  leaky_relu: ['x > 0 ? x : p.alpha * x', 'x > 0 ? 1 : p.alpha'],
  prelu: ['x > 0 ? x : p.alpha * x', 'x > 0 ? 1 : p.alpha'],
  rrelu: ['x > 0 ? x : x / ((p.lower + p.upper) / 2)', 'x > 0 ? 1 : 2 / (p.lower + p.upper)'],
  elu: ['x > 0 ? x : p.alpha * (Math.exp(x) - 1)', 'x > 0 ? 1 : p.alpha * Math.exp(x)'],
  selu: [`x > 0 ? ${SELU_L} * x : ${SELU_L * SELU_A} * (Math.exp(x) - 1)`, `x > 0 ? ${SELU_L} : ${SELU_L * SELU_A} * Math.exp(x)`],
  gelu: ['0.5 * x * (1 + erf(x * Math.SQRT1_2))', '0.5 * (1 + erf(x * Math.SQRT1_2)) + x * 0.3989422804014327 * Math.exp(-0.5 * x * x)'],
  silu: ['x / (1 + Math.exp(-x))', '(s = 1 / (1 + Math.exp(-x))) * (1 + x * (1 - s))'],
  softplus: ['Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))', '1 / (1 + Math.exp(-x))'],
  softsign: ['x / (1 + Math.abs(x))', '1 / ((s = 1 + Math.abs(x)) * s)'],
  step: ['x > 0 ? 1 : 0', '0'],
  mish: [
    'x * Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))))',
    '(s = Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))))) + x * (1 - s * s) / (1 + Math.exp(-x))',
  ],
};

/**
 * The JS loop for one activation: (x, y) => void writing f(x) or f'(x) into
 * y, or undefined when there is no JS baseline for this name.
 * @param {'forward'|'derivative'} kind
 * @param {object} params the activation's parameters ({ alpha } etc.)
 */
export function jsLoop(name, kind, params = {}) {
  const expr = EXPRESSIONS[name]?.[kind === 'forward' ? 0 : 1];
  if (expr === undefined) return undefined;
  // The parameters become constants, as in code written for one setting.
  const p = Object.entries(params).map(([k, v]) => `const p_${k} = ${Number(v)};`).join(' ');
  const body = expr.replace(/p\.(\w+)/g, 'p_$1');
  // eslint-disable-next-line no-new-func
  return new Function('erf', `${p} return function ${name}_${kind}(xs, ys) {
    const n = xs.length; let s;
    for (let i = 0; i < n; i++) { const x = xs[i]; ys[i] = ${body}; }
  };`)(erf);
}

/** Names with a plain-JS baseline. */
export const jsNames = Object.keys(EXPRESSIONS);
