/**
 * Sven (Bhattacharya, Horner et al. 2024, "Sven: Singular Value dEsceNt as a computationally efficient
 * natural gradient method"): for a regression loss L(θ) = (1/2n) Σ_i r_i(θ)², r_i = f(x_i; θ) − y_i, step
 *   Δθ = −η J⁺ r,  J = ∂r/∂θ (n × P, one row per sample),
 * with J⁺ the pseudoinverse of J truncated to its k largest singular directions, J⁺_k = V_k Σ_k⁻¹ U_kᵀ.
 * With k = rank J and n < P this is the minimum-norm Gauss–Newton step.
 *
 * Truncated SVD: RANDOMIZED range finder (Halko, Martinsson & Tropp 2011, Alg. 4.4), not Lanczos:
 * Y = (J Jᵀ)^q J Ω with Ω Gaussian P × ℓ, ℓ = min(k + oversample, n), re-orthonormalized after every
 * product (modified Gram–Schmidt); B = Qᵀ J (ℓ × P); Bᵀ = V Σ Wᵀ by one-sided (Hestenes) Jacobi;
 * U = Q W; keep the k largest. When ℓ = n (k + oversample ≥ n) Q spans ℝⁿ, and when ℓ = P = rank J (n > P) it
 * spans the range of J: either way the result is the exact SVD up to rounding.
 * With n > P and k = P (the under-parameterized limit) J⁺ = (JᵀJ)⁻¹Jᵀ and the step is the Gauss–Newton /
 * natural-gradient step −η (JᵀJ)⁻¹Jᵀr of the squared loss.
 * J comes from the shared network core (src/geometry/nn/regression.ts: one exact backward pass per sample).
 */
import { gaussian, type Random } from '../random';
import { matMul, transpose } from '../linalg/dense';

export interface TruncatedSvd {
  k: number;
  /** σ_1 ≥ … ≥ σ_k. */
  values: Float64Array;
  /** n × k, columns u_i (row-major n × k). */
  U: Float64Array;
  /** P × k, columns v_i (row-major P × k). */
  V: Float64Array;
}

/** Orthonormalizes the ℓ columns of Y (n × ℓ row-major) in place by modified Gram–Schmidt, twice. */
function orthonormalizeColumns(Y: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < l; c++) {
      for (let e = 0; e < c; e++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Y[i * l + c] * Y[i * l + e];
        for (let i = 0; i < n; i++) Y[i * l + c] -= s * Y[i * l + e];
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += Y[i * l + c] * Y[i * l + c];
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let i = 0; i < n; i++) Y[i * l + c] *= inv;
    }
  }
}

/** Randomized truncated SVD of J (n × P) keeping k directions (see the file comment). */
export function randomizedSvd(J: Float64Array, n: number, P: number, k: number, random: Random, oversample = 8, powerIterations = 2): TruncatedSvd {
  if (J.length !== n * P) throw new Error(`Jacobian has ${J.length} entries but n×P = ${n}×${P} needs ${n * P}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= Math.min(n, P))) throw new Error(`invalid rank k: ${k} (expected an integer in [1, min(n, P) = ${Math.min(n, P)}])`);
  const l = Math.min(k + oversample, n, P);
  const Y = new Float64Array(n * l);
  const Z = new Float64Array(P * l);
  for (let i = 0; i < P * l; i++) Z[i] = gaussian(random);
  const Jt = transpose(J, n, P);
  const applyJ = () => Y.set(matMul(J, Z, n, P, l)); // Y = J Z
  const applyJt = () => Z.set(matMul(Jt, Y, P, n, l)); // Z = Jᵀ Y
  applyJ();
  orthonormalizeColumns(Y, n, l);
  for (let q = 0; q < powerIterations; q++) {
    applyJt();
    orthonormalizeColumns(Z, P, l);
    applyJ();
    orthonormalizeColumns(Y, n, l);
  }
  // B = Qᵀ J is ℓ × P; Bᵀ = Jᵀ Q is what applyJt computes into Z (P × ℓ).
  applyJt();
  // Bᵀ = V Σ Wᵀ by one-sided Jacobi on its columns (accurate to ε·σ₁ for every σ, unlike eig(B Bᵀ)).
  const { sigma, rotation } = oneSidedJacobi(Z, P, l);
  const order = Array.from({ length: l }, (_, c) => c).sort((a, b) => sigma[b] - sigma[a]);
  const values = new Float64Array(k);
  const U = new Float64Array(n * k);
  const V = new Float64Array(P * k);
  for (let t = 0; t < k; t++) {
    const c = order[t];
    values[t] = sigma[c];
    const inv = sigma[c] > 0 ? 1 / sigma[c] : 0;
    for (let p = 0; p < P; p++) V[p * k + t] = Z[p * l + c] * inv;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let e = 0; e < l; e++) s += Y[i * l + e] * rotation[e * l + c];
      U[i * k + t] = s;
    }
  }
  return { k, values, U, V };
}

/**
 * out = J⁺_k r = Σ_{t<k, σ_t > cutoff·σ_1} v_t (u_tᵀ r)/σ_t (directions below the relative cutoff are dropped,
 * as a pseudoinverse drops zero singular values).
 */
export function pseudoinverseApply(svd: TruncatedSvd, r: ArrayLike<number>, out: Float64Array, cutoff = 1e-10): Float64Array {
  const { k, values, U, V } = svd;
  const n = r.length;
  const P = out.length;
  out.fill(0);
  for (let t = 0; t < k; t++) {
    if (!(values[t] > cutoff * values[0])) continue;
    let s = 0;
    for (let i = 0; i < n; i++) s += U[i * k + t] * r[i];
    s /= values[t];
    for (let p = 0; p < P; p++) out[p] += s * V[p * k + t];
  }
  return out;
}

/**
 * One-sided (Hestenes) Jacobi on the columns of A (rows × cols, row-major), in place: rotates column pairs until
 * all are orthogonal (|a_iᵀa_j| ≤ 1e-15 ‖a_i‖‖a_j‖), so A R = V Σ with R orthogonal (cols × cols). Returns σ (the
 * column norms, unsorted) and R; the columns of A end as σ_j v_j.
 */
export function oneSidedJacobi(A: Float64Array, rows: number, cols: number): { sigma: Float64Array; rotation: Float64Array } {
  const R = new Float64Array(cols * cols);
  for (let c = 0; c < cols; c++) R[c * cols + c] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < cols - 1; i++)
      for (let j = i + 1; j < cols; j++) {
        let a = 0;
        let b = 0;
        let g = 0;
        for (let p = 0; p < rows; p++) {
          const x = A[p * cols + i];
          const y = A[p * cols + j];
          a += x * x;
          b += y * y;
          g += x * y;
        }
        if (Math.abs(g) <= 1e-15 * Math.sqrt(a * b) || g === 0) continue;
        rotated = true;
        const zeta = (b - a) / (2 * g);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let p = 0; p < rows; p++) {
          const x = A[p * cols + i];
          const y = A[p * cols + j];
          A[p * cols + i] = c * x - s * y;
          A[p * cols + j] = s * x + c * y;
        }
        for (let p = 0; p < cols; p++) {
          const x = R[p * cols + i];
          const y = R[p * cols + j];
          R[p * cols + i] = c * x - s * y;
          R[p * cols + j] = s * x + c * y;
        }
      }
    if (!rotated) break;
  }
  const sigma = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let p = 0; p < rows; p++) s += A[p * cols + c] * A[p * cols + c];
    sigma[c] = Math.sqrt(s);
  }
  return { sigma, rotation: R };
}

/**
 * Dense reference: the full SVD of J (n × P, n ≤ P) by one-sided Jacobi on Jᵀ (P × n): Jᵀ R = V Σ, so
 * J = R Σ Vᵀ and U = R; all n directions, largest first. No random projection.
 */
export function denseSvd(J: Float64Array, n: number, P: number): TruncatedSvd {
  if (J.length !== n * P) throw new Error(`Jacobian has ${J.length} entries but n×P = ${n}×${P} needs ${n * P}`);
  if (n > P) throw new Error(`dense SVD here needs n ≤ P, got n = ${n}, P = ${P}`);
  const A = new Float64Array(P * n);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) A[p * n + i] = J[i * P + p];
  const { sigma, rotation } = oneSidedJacobi(A, P, n);
  const order = Array.from({ length: n }, (_, c) => c).sort((a, b) => sigma[b] - sigma[a]);
  const k = n;
  const values = new Float64Array(k);
  const U = new Float64Array(n * k);
  const V = new Float64Array(P * k);
  for (let t = 0; t < k; t++) {
    const c = order[t];
    values[t] = sigma[c];
    const inv = sigma[c] > 0 ? 1 / sigma[c] : 0;
    for (let p = 0; p < P; p++) V[p * k + t] = A[p * n + c] * inv;
    for (let i = 0; i < n; i++) U[i * k + t] = rotation[i * n + c];
  }
  return { k, values, U, V };
}
