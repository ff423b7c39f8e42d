/**
 * Taylor series at τ = 0 of the per-sample cross-entropy along a step with logits
 * linearized (Sao 2026, §2):
 *
 *   ℓ(τ) = log F(τ) − (z_y + a_y τ),   F(τ) = Σ_k exp(z_k + a_k τ).
 *
 * With p = softmax(z), log F(τ) = log F(0) + log E_p[e^{aτ}]: the cumulant generating
 * function of the slope a drawn from p. So ℓ's coefficients are
 *   c_0 = LSE(z) − z_y,  c_1 = E_p[a] − a_y,  c_n = κ_n/n! (n ≥ 2),
 * κ_n the cumulants of the softmax-weighted slope distribution.
 *
 * Recursion (derived here): write M(u) = E_p[e^{bu}] = Σ m_n u^n with b = s(a − c) the
 * slopes centred at c = (max a + min a)/2 and scaled by s = 2/Δ_a into [−1, 1], so
 * m_n = E_p[b^n]/n! stays O(1/n!), and (a − c)τ = b·u with u = τ/s. L(u) = log M(u) = Σ L_n u^n satisfies M' = M·L', i.e.
 *   n m_n = Σ_{j=1}^{n} j L_j m_{n−j}  ⇒  L_n = m_n − (1/n) Σ_{j=1}^{n−1} j L_j m_{n−j}   (m_0 = 1).
 * Then with u = τ/s: c_n = L_n s^{−n} (n ≥ 1), plus c − a_y added to c_1. Centring removes
 * the (max|a|)^n growth of raw moments and scaling keeps L_n ~ (s/ρ*)^n ≤ (2/π)^n.
 *
 * Cauchy–Hadamard: the radius of convergence is 1/limsup |c_n|^{1/n} = ρ*, the distance to
 * the nearest zero of F. `rootTest` returns |c_n|^{−1/n}.
 */
import { partitionAt } from './partition';

/**
 * Coefficients c_0..c_order of ℓ(τ) for one sample. `label` is y; pass null for log F(τ)
 * alone (c_0 = log F(0), c_1 = E_p[a]).
 */
export function lossTaylorCoefficients(z: ArrayLike<number>, a: ArrayLike<number>, label: number | null, order: number): Float64Array {
  const K = z.length;
  if (a.length !== K) throw new Error(`logits have ${K} entries but slopes have ${a.length}`);
  if (!(Number.isInteger(order) && order >= 0)) throw new Error(`invalid Taylor order: ${order} (expected an integer ≥ 0)`);
  if (label !== null && !(Number.isInteger(label) && label >= 0 && label < K)) {
    throw new Error(`invalid label: ${label} (expected an integer in [0, ${K - 1}])`);
  }
  let zmax = -Infinity;
  let amin = Infinity;
  let amax = -Infinity;
  for (let k = 0; k < K; k++) {
    zmax = Math.max(zmax, z[k]);
    amin = Math.min(amin, a[k]);
    amax = Math.max(amax, a[k]);
  }
  const p = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) total += p[k] = Math.exp(z[k] - zmax);
  for (let k = 0; k < K; k++) p[k] /= total;
  const lse = zmax + Math.log(total);
  const centre = 0.5 * (amax + amin);
  const spread = amax - amin;
  const c = new Float64Array(order + 1);
  c[0] = lse - (label === null ? 0 : z[label]);
  if (order === 0) return c;
  // With Δ_a = 0, log F is linear in τ: every coefficient beyond the first vanishes.
  const scale = spread > 0 ? 2 / spread : 1;
  const b = new Float64Array(K);
  for (let k = 0; k < K; k++) b[k] = scale * (a[k] - centre);
  // m_n = E_p[b^n]/n!, built term by term as p_k b_k^n/n!.
  const m = new Float64Array(order + 1);
  const power = Float64Array.from(p);
  m[0] = 1;
  for (let n = 1; n <= order; n++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      power[k] *= b[k] / n;
      s += power[k];
    }
    m[n] = s;
  }
  const L = new Float64Array(order + 1);
  for (let n = 1; n <= order; n++) {
    let s = 0;
    for (let j = 1; j < n; j++) s += j * L[j] * m[n - j];
    L[n] = m[n] - s / n;
  }
  // u = τ/scale: the u^n coefficient L_n becomes L_n/scale^n; the centre adds c·τ to log F.
  let sn = 1;
  for (let n = 1; n <= order; n++) {
    sn /= scale;
    c[n] = L[n] * sn;
  }
  c[1] += centre - (label === null ? 0 : a[label]);
  return c;
}

/** |c_n|^{−1/n} for n = 1..N (index n; entry 0 is NaN). Tends to the radius ρ* along the limsup. */
export function rootTest(coefficients: ArrayLike<number>): Float64Array {
  const out = new Float64Array(coefficients.length);
  out[0] = NaN;
  for (let n = 1; n < coefficients.length; n++) out[n] = Math.pow(Math.abs(coefficients[n]), -1 / n);
  return out;
}

/**
 * Radius estimate from the tail of the root test: min over n in (N − window, N] of
 * |c_n|^{−1/n} (the limsup of |c_n|^{1/n} realized on a window, since conjugate pairs of
 * zeros make |c_n| oscillate).
 */
export function rootTestRadius(coefficients: ArrayLike<number>, window = 8): number {
  const r = rootTest(coefficients);
  let best = Infinity;
  for (let n = Math.max(1, r.length - window); n < r.length; n++) best = Math.min(best, r[n]);
  return best;
}

/** Σ_{n ≤ order} c_n τ^n by Horner's rule. */
export function evaluateTaylor(coefficients: ArrayLike<number>, tau: number, order = coefficients.length - 1): number {
  let s = 0;
  for (let n = Math.min(order, coefficients.length - 1); n >= 0; n--) s = s * tau + coefficients[n];
  return s;
}

/** The linearized loss ℓ(τ) = log F(τ) − (z_y + a_y τ) at real τ (log F alone when label is null). */
export function lossAlongStep(z: ArrayLike<number>, a: ArrayLike<number>, label: number | null, tau: number): number {
  const v = partitionAt(z, a, tau, 0);
  const lse = v.shift + Math.log(v.re);
  return label === null ? lse : lse - (z[label] + a[label] * tau);
}
