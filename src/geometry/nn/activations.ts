/**
 * Pointwise activations σ with their first and second derivatives, in f64.
 *
 *  - tanh:      σ = tanh x,            σ' = 1 − σ²,            σ'' = −2σ(1 − σ²)
 *  - relu:      σ = max(0, x),         σ' = [x > 0],           σ'' = 0 (almost everywhere; PyTorch's convention σ'(0) = 0)
 *  - gelu:      σ = x Φ(x) (exact, erf form, PyTorch's default),
 *               σ' = Φ(x) + x φ(x),    σ'' = φ(x)(2 − x²)
 *  - softplus:  σ = log(1 + eˣ),       σ' = s = 1/(1 + e⁻ˣ),   σ'' = s(1 − s)
 *
 * Φ and φ are the standard normal CDF and density. Second derivatives are what the
 * R-operator's backward pass needs (Pearlmutter 1994, "Fast exact multiplication by the Hessian").
 */
export type Activation = 'tanh' | 'relu' | 'gelu' | 'softplus';

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'gelu', 'softplus'];

const INV_SQRT_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) to about 1e-15 relative accuracy.
 * |x| < 3: the everywhere-positive series erf x = (2/√π) e^{−x²} Σₙ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
 * (no cancellation). |x| ≥ 3: erfc by its continued fraction (modified Lentz), erf = 1 − erfc.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  const value = 1 - erfcLarge(ax);
  return x < 0 ? -value : value;
}

/** erfc(x) for x ≥ 3 by the continued fraction erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcLarge(x: number): number {
  if (x > 27) return 0;
  const tiny = 1e-300;
  // f = x + K_{n≥1} (n/2) / x, evaluated by Lentz's method.
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? tiny : d;
    c = x + an / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal CDF Φ(x) = (1 + erf(x/√2))/2. */
export function normalCdf(x: number): number {
  if (x < -3 * Math.SQRT2) return 0.5 * erfcLarge(-x * INV_SQRT_2);
  return 0.5 * (1 + erf(x * INV_SQRT_2));
}

/** Applies σ to `z[0..count)`, writing σ into `out`, σ' into `d1` and σ'' into `d2`. */
export function activate(
  activation: Activation,
  z: Float64Array,
  count: number,
  out: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
): void {
  switch (activation) {
    case 'tanh':
      for (let i = 0; i < count; i++) {
        const t = Math.tanh(z[i]);
        const s = 1 - t * t;
        out[i] = t;
        d1[i] = s;
        d2[i] = -2 * t * s;
      }
      return;
    case 'relu':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        const on = x > 0;
        out[i] = on ? x : 0;
        d1[i] = on ? 1 : 0;
        d2[i] = 0;
      }
      return;
    case 'gelu':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        const cdf = normalCdf(x);
        const pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        out[i] = x * cdf;
        d1[i] = cdf + x * pdf;
        d2[i] = pdf * (2 - x * x);
      }
      return;
    case 'softplus':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        // log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}) without overflow.
        out[i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
        d1[i] = s;
        d2[i] = s * (1 - s);
      }
      return;
  }
}

/** σ alone at one point (for tests and small callers). */
export function activationValue(activation: Activation, x: number): number {
  const z = new Float64Array([x]);
  const o = new Float64Array(1);
  activate(activation, z, 1, o, new Float64Array(1), new Float64Array(1));
  return o[0];
}
