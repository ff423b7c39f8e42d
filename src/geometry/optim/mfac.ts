/**
 * M-FAC inverse-Fisher-vector products (Frantar, Kurtic & Alistarh, NeurIPS 2021, "M-FAC: Efficient
 * Matrix-Free Approximations of Second-Order Information", the static algorithm of §3.1).
 *
 * Damped empirical Fisher over m gradients g_1…g_m ∈ ℝ^P (rows of G, m × P row-major):
 *   F̂ = λI + (1/m) Σ_i g_i g_iᵀ.
 * Woodbury/Sherman–Morrison recursion (F̂_0 = λI, F̂_i = F̂_{i−1} + g_i g_iᵀ/m):
 *   F̂_i⁻¹ = F̂_{i−1}⁻¹ − v_i v_iᵀ / (m + g_iᵀ v_i),  v_i = F̂_{i−1}⁻¹ g_i,
 * so F̂⁻¹x = x/λ − Σ_i c_i (v_iᵀ x) v_i with c_i = 1/(m + g_iᵀ v_i).
 * F̂ is never formed: each v_i is kept as a combination of the gradients, v_i = Σ_k B_ik g_k (B lower
 * triangular, m × m), and every inner product goes through the Gram matrix K = G Gᵀ:
 *   B_i· = e_i/λ − Σ_{j<i} c_j (B_j· K_·i) B_j·,   c_j = 1/(m + B_j· K_·j).
 * Setup: K in O(m²P), B in O(m³).
 * Query: q = Gx (mP), a = Bq (m²), w_i = c_i a_i, γ = Bᵀw (m²), F̂⁻¹x = x/λ − Gᵀγ (mP): O(mP + m²).
 * A sliding window (the oldest gradient leaves, a new one enters) updates K and B in O(mP + m²) instead:
 * ./mfacWindow.ts.
 */
import { checkDimension } from '../linalg/dense';

export interface MfacFactor {
  readonly m: number;
  readonly P: number;
  readonly lambda: number;
  /** Gradients, m × P row-major (a view on the caller's array; not copied). */
  readonly G: Float64Array;
  /** Lower-triangular coefficients of v_i in the gradients, m × m. */
  readonly B: Float64Array;
  /** c_i = 1/(m + g_iᵀ v_i). */
  readonly c: Float64Array;
}

/** K = G Gᵀ (m × m) for G m × P row-major. */
export function gramMatrix(G: ArrayLike<number>, m: number, P: number, out = new Float64Array(m * m)): Float64Array {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      const a = i * P;
      const b = j * P;
      for (let p = 0; p < P; p++) s += G[a + p] * G[b + p];
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
  return out;
}

/** Builds the coefficients B, c from the Gram matrix K (m × m) and the damping λ > 0. */
export function mfacFactor(G: Float64Array, m: number, P: number, lambda: number, K?: Float64Array): MfacFactor {
  checkDimension('gradient count m', m);
  checkDimension('parameter count P', P);
  if (G.length !== m * P) throw new Error(`gradients have ${G.length} entries but m×P = ${m}×${P} needs ${m * P}`);
  if (!(lambda > 0 && Number.isFinite(lambda))) throw new Error(`invalid damping λ: ${lambda} (expected a positive number)`);
  const gram = K ?? gramMatrix(G, m, P);
  if (gram.length !== m * m) throw new Error(`Gram matrix has ${gram.length} entries but m×m = ${m * m}`);
  const B = new Float64Array(m * m);
  const c = new Float64Array(m);
  const s = new Float64Array(m);
  for (let i = 0; i < m; i++) mfacCoefficientRow(gram, m, i, m, lambda, B, c, s);
  return { m, P, lambda, G, B, c };
}

/**
 * Row i of the recursion (all rows j < i done): B_i· = e_i/λ − Σ_{j<i} c_j (B_j· K_·i) B_j·, c_i = 1/(μ + B_i· K_·i),
 * with μ the Fisher's 1/μ scaling (μ = m). K, B are `stride`-strided; `s` is scratch of length ≥ i. O(i²).
 */
export function mfacCoefficientRow(gram: Float64Array, stride: number, i: number, mu: number, lambda: number, B: Float64Array, c: Float64Array, s: Float64Array): void {
  // s_j = v_jᵀ g_i = B_j· K_·i for j < i
  for (let j = 0; j < i; j++) {
    let t = 0;
    for (let k = 0; k <= j; k++) t += B[j * stride + k] * gram[k * stride + i];
    s[j] = t;
  }
  for (let k = 0; k < i; k++) B[i * stride + k] = 0;
  B[i * stride + i] = 1 / lambda;
  for (let j = 0; j < i; j++) {
    const f = c[j] * s[j];
    for (let k = 0; k <= j; k++) B[i * stride + k] -= f * B[j * stride + k];
  }
  let gv = 0;
  for (let k = 0; k <= i; k++) gv += B[i * stride + k] * gram[k * stride + i];
  c[i] = 1 / (mu + gv);
}

/** Scratch for `mfacApply` (length-m vectors), so repeated queries allocate nothing. */
export interface MfacScratch {
  q: Float64Array;
  w: Float64Array;
}

export function mfacScratch(m: number): MfacScratch {
  return { q: new Float64Array(m), w: new Float64Array(m) };
}

/** out = F̂⁻¹ x in O(mP + m²). `out` may not alias `x`. */
export function mfacApply(f: MfacFactor, x: ArrayLike<number>, out = new Float64Array(f.P), scratch = mfacScratch(f.m)): Float64Array {
  const { m, P, G, B, c, lambda } = f;
  if (x.length !== P) throw new Error(`vector has ${x.length} entries but P = ${P}`);
  const { q, w } = scratch;
  for (let i = 0; i < m; i++) {
    let t = 0;
    const a = i * P;
    for (let p = 0; p < P; p++) t += G[a + p] * x[p];
    q[i] = t;
  }
  // w_i = c_i (B q)_i
  for (let i = 0; i < m; i++) {
    let t = 0;
    for (let k = 0; k <= i; k++) t += B[i * m + k] * q[k];
    w[i] = c[i] * t;
  }
  // γ = Bᵀ w, stored back into q
  for (let k = 0; k < m; k++) {
    let t = 0;
    for (let i = k; i < m; i++) t += B[i * m + k] * w[i];
    q[k] = t;
  }
  for (let p = 0; p < P; p++) out[p] = x[p] / lambda;
  for (let k = 0; k < m; k++) {
    const g = q[k];
    const a = k * P;
    for (let p = 0; p < P; p++) out[p] -= g * G[a + p];
  }
  return out;
}

/** Dense F̂ = λI + (1/m) Gᵀ G (P × P), for the reference solve and small P only. */
export function denseFisher(G: ArrayLike<number>, m: number, P: number, lambda: number): Float64Array {
  const F = new Float64Array(P * P);
  for (let i = 0; i < m; i++) {
    const a = i * P;
    for (let r = 0; r < P; r++) {
      const gr = G[a + r] / m;
      if (gr === 0) continue;
      for (let s = 0; s <= r; s++) F[r * P + s] += gr * G[a + s];
    }
  }
  for (let r = 0; r < P; r++) {
    F[r * P + r] += lambda;
    for (let s = 0; s < r; s++) F[s * P + r] = F[r * P + s];
  }
  return F;
}

/** Solves A x = b for symmetric positive definite A (n × n) by a dense Cholesky factorization, O(n³/3). */
export function choleskySolve(A: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  if (A.length !== n * n) throw new Error(`matrix has ${A.length} entries but n×n = ${n}×${n}`);
  if (b.length !== n) throw new Error(`right-hand side has ${b.length} entries but n = ${n}`);
  const L = Float64Array.from(A);
  for (let j = 0; j < n; j++) {
    let d = L[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0)) throw new Error(`matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = L[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k];
    x[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}
