/**
 * M-FAC over a sliding window of the last m gradients, updated in O(mP + m²) per new gradient once the window is
 * full (Frantar, Kurtic & Alistarh, NeurIPS 2021, §3.2, the dynamic setting; the static recursion is ./mfac.ts).
 *
 * Why an update exists. With the gradients in age order (oldest first) the recursion of ./mfac.ts is an inverse
 * LDLᵀ factorization of the m × m matrix M = mI + K/λ, K = G Gᵀ:
 *   M = L D Lᵀ,  L unit lower triangular,  λB = L⁻¹,  D = diag(1/c)
 * (from F̂⁻¹ = I/λ − Σ c_i v_i v_iᵀ = I/λ − λ⁻² Gᵀ M⁻¹ G, Woodbury). Sliding the window deletes the first row and
 * column of M and appends a last one:
 *  - delete: M[1:, 1:] = L₂₂ (D₂ + d₀ p pᵀ) L₂₂ᵀ with p = L₂₂⁻¹ l = −λ B[1:, 0] and d₀ = 1/c₀. The diagonal plus
 *    rank one factors as L̃ D' L̃ᵀ with L̃_rj = p_r β_j (r > j) by the recurrence d'_j = d_j + α p_j²,
 *    β_j = α p_j / d'_j, α ← α d_j / d'_j, α₀ = d₀ (Gill, Golub, Murray & Saunders 1974, method C1). Then
 *    B' = L̃⁻¹ B[1:, 1:] (forward substitution with a running sum, O(m) per column) and c' = 1/d': O(m²).
 *  - append: one Gram column (O(mP)) and the recursion's last row (O(m²)).
 * The paper states O(dm + m³) for adding or removing a gradient; this factorization update is O(m²) in the
 * coefficients. While the window fills, F̂ = λI + (1/count) Σ g gᵀ changes its scaling with every gradient (M gains
 * a multiple of I), so the coefficients are rebuilt (O(count³)); only full windows slide.
 * Gradients sit in a ring of m slots; `start` is the oldest. K, B and c are kept in age order.
 */
import { mfacCoefficientRow, type MfacScratch, mfacScratch } from './mfac';

export interface MfacWindow {
  readonly m: number;
  readonly P: number;
  readonly lambda: number;
  /** Gradients in a ring of m slots (m × P); slot (start + i) mod m holds the i-th oldest. */
  readonly G: Float64Array;
  /** Age-ordered Gram matrix, recursion coefficients (lower triangular) and c, stride m; the first `count` are live. */
  readonly K: Float64Array;
  readonly B: Float64Array;
  readonly c: Float64Array;
  start: number;
  count: number;
  /** Pushes that slid the window by the O(m²) update (the rest rebuilt while it filled). */
  slides: number;
  readonly scratch: { s: Float64Array; p: Float64Array; beta: Float64Array; column: Float64Array; apply: MfacScratch };
}

export function createMfacWindow(m: number, P: number, lambda: number): MfacWindow {
  if (!(Number.isInteger(m) && m >= 1)) throw new Error(`invalid window m: ${m} (expected a positive integer)`);
  if (!(Number.isInteger(P) && P >= 1)) throw new Error(`invalid parameter count P: ${P} (expected a positive integer)`);
  if (!(lambda > 0 && Number.isFinite(lambda))) throw new Error(`invalid damping λ: ${lambda} (expected a positive number)`);
  return {
    m,
    P,
    lambda,
    G: new Float64Array(m * P),
    K: new Float64Array(m * m),
    B: new Float64Array(m * m),
    c: new Float64Array(m),
    start: 0,
    count: 0,
    slides: 0,
    scratch: { s: new Float64Array(m), p: new Float64Array(m), beta: new Float64Array(m), column: new Float64Array(m), apply: mfacScratch(m) },
  };
}

/** The live gradients in age order (a copy, count × P), for a fresh rebuild or a dense reference. */
export function mfacWindowGradients(w: MfacWindow): Float64Array {
  const out = new Float64Array(w.count * w.P);
  for (let i = 0; i < w.count; i++) out.set(w.G.subarray(((w.start + i) % w.m) * w.P, ((w.start + i) % w.m + 1) * w.P), i * w.P);
  return out;
}

/** Deletes the oldest gradient's row and column from K, B and c (the window must be full). O(m²). */
function dropOldest(w: MfacWindow): void {
  const { m, K, B, c, lambda } = w;
  const { p, beta } = w.scratch;
  const n = m - 1;
  for (let r = 0; r < n; r++) p[r] = -lambda * B[(r + 1) * m];
  let alpha = 1 / c[0];
  for (let j = 0; j < n; j++) {
    const d = 1 / c[j + 1];
    const dn = d + alpha * p[j] * p[j];
    beta[j] = (alpha * p[j]) / dn;
    alpha = (alpha * d) / dn;
    c[j] = 1 / dn;
  }
  // B' = L̃⁻¹ B[1:, 1:], column by column, in place (each write lands on an entry already read).
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let r = k; r < n; r++) {
      const x = B[(r + 1) * m + k + 1] - p[r] * sum;
      B[r * m + k] = x;
      sum += beta[r] * x;
    }
  }
  for (let r = 0; r < n; r++) {
    B[r * m + n] = 0;
    B[n * m + r] = 0;
    for (let k = 0; k < n; k++) K[r * m + k] = K[(r + 1) * m + k + 1];
  }
  w.start = (w.start + 1) % m;
  w.count = n;
}

/** Adds gradient g (length P; copied) as the newest; a full window drops its oldest first. */
export function mfacWindowPush(w: MfacWindow, g: ArrayLike<number>): void {
  const { m, P, G, K, B, c, lambda } = w;
  if (g.length !== P) throw new Error(`gradient has ${g.length} entries but P = ${P}`);
  const sliding = w.count === m;
  if (sliding) dropOldest(w);
  const i = w.count;
  const slot = (w.start + i) % m;
  G.set(g, slot * P);
  for (let j = 0; j <= i; j++) {
    const row = ((w.start + j) % m) * P;
    let s = 0;
    for (let q = 0; q < P; q++) s += g[q] * G[row + q];
    K[j * m + i] = s;
    K[i * m + j] = s;
  }
  w.count = i + 1;
  if (sliding) {
    mfacCoefficientRow(K, m, i, m, lambda, B, c, w.scratch.s);
    w.slides++;
  } else {
    // Filling: the scaling 1/count changed, so every row is redone.
    for (let r = 0; r < w.count; r++) mfacCoefficientRow(K, m, r, w.count, lambda, B, c, w.scratch.s);
  }
}

/** out = F̂⁻¹ x for the window's F̂ = λI + (1/count) Σ g gᵀ, O(count·P + count²). `out` may not alias `x`. */
export function mfacWindowApply(w: MfacWindow, x: ArrayLike<number>, out = new Float64Array(w.P)): Float64Array {
  const { m, P, G, B, c, lambda, count } = w;
  if (x.length !== P) throw new Error(`vector has ${x.length} entries but P = ${P}`);
  const { q, w: wv } = w.scratch.apply;
  for (let i = 0; i < count; i++) {
    const a = ((w.start + i) % m) * P;
    let t = 0;
    for (let p = 0; p < P; p++) t += G[a + p] * x[p];
    q[i] = t;
  }
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (let k = 0; k <= i; k++) t += B[i * m + k] * q[k];
    wv[i] = c[i] * t;
  }
  for (let k = 0; k < count; k++) {
    let t = 0;
    for (let i = k; i < count; i++) t += B[i * m + k] * wv[i];
    q[k] = t;
  }
  for (let p = 0; p < P; p++) out[p] = x[p] / lambda;
  for (let k = 0; k < count; k++) {
    const gk = q[k];
    const a = ((w.start + k) % m) * P;
    for (let p = 0; p < P; p++) out[p] -= gk * G[a + p];
  }
  return out;
}
