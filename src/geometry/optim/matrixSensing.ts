/**
 * Matrix sensing with factored gradient descent (Xiong, Ding & Du, ICLR 2024, "How
 * over-parameterization slows down gradient descent in matrix sensing: the curses of
 * symmetry and initialization").
 *
 * Ground truth M* = U diag(σ) Uᵀ ∈ ℝ^{n×n}, rank r, PSD, σ geometric from σ₁ = 1 to σ_r = 1/κ.
 * Measurements: m matrices B_i ∈ ℝ^{n×n} with N(0, 1) entries and y_i = ⟨B_i, M*⟩.
 * - Symmetric losses use the symmetric A_i = (B_i + B_iᵀ)/2 (the same numbers: ⟨B_i, S⟩ = ⟨A_i, S⟩
 *   for symmetric S): f(X) = (1/2m) Σ_i (⟨A_i, XXᵀ⟩ − y_i)², ∇f(X) = (2/m) Σ_i r_i A_i X.
 * - The asymmetric loss uses B_i itself (the paper's asymmetric setting, where FGᵀ need not be
 *   symmetric and its antisymmetric part must be observed): f(F, G) = (1/2m) Σ_i (⟨B_i, FGᵀ⟩ − y_i)²,
 *   ∇_F = (1/m) Σ_i r_i B_i G, ∇_G = (1/m) Σ_i r_i B_iᵀ F.
 * E[⟨B, S⟩ A] = S for symmetric S and E[⟨B, M⟩ B] = M, so for large m these are GD on the population
 * losses ½‖XXᵀ − M*‖²_F and ½‖FGᵀ − M*‖²_F.
 *
 * Matrices are row-major Float64Arrays; the measurements are one m·n·n array (B_i at i·n²).
 */
import { symmetricEigen } from '../linalg/symmetricEigen';
import { gaussian, type Random } from '../random';

export interface SensingProblem {
  n: number;
  r: number;
  m: number;
  /** n×n ground truth. */
  Mstar: Float64Array;
  /** m·n·n: the raw measurement matrices B_i. */
  measurements: Float64Array;
  /** y_i = ⟨B_i, M*⟩. */
  y: Float64Array;
}

export interface SensingProblemOptions {
  n: number;
  r: number;
  m: number;
  /** Condition number σ₁/σ_r of M* (≥ 1). */
  kappa: number;
  /**
   * 'gaussian' (default): N(0, 1) entries. 'basis': the m = n² scaled unit matrices B = n·E_jl, for which
   * (1/m) Σ ⟨B_i, S⟩ B_i = S exactly: an identity measurement map, so GD is the population dynamics.
   */
  measurement?: 'gaussian' | 'basis';
}

function checkInteger(name: string, v: number, min: number, max = Infinity): void {
  if (!(Number.isInteger(v) && v >= min && v <= max)) throw new Error(`invalid ${name}: ${v} (expected an integer in [${min}, ${max}])`);
}

/** Orthonormal columns (n×r, row-major) from Gaussian columns by modified Gram–Schmidt. */
export function randomOrthonormal(n: number, r: number, random: Random): Float64Array {
  const u = new Float64Array(n * r);
  for (let i = 0; i < n * r; i++) u[i] = gaussian(random);
  for (let j = 0; j < r; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += u[i * r + j] * u[i * r + p];
      for (let i = 0; i < n; i++) u[i * r + j] -= dot * u[i * r + p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += u[i * r + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) u[i * r + j] /= norm;
  }
  return u;
}

/** The spectrum of M*: σ_j = κ^{−j/(r−1)}, j = 0…r−1 (σ₁ = 1, σ_r = 1/κ). */
export function groundTruthSpectrum(r: number, kappa: number): Float64Array {
  return Float64Array.from({ length: r }, (_, j) => (r === 1 ? 1 : kappa ** (-j / (r - 1))));
}

/** A seeded problem: M* = U diag(σ) Uᵀ with U uniform on the Stiefel manifold, then the measurements. */
export function makeSensingProblem(options: SensingProblemOptions, random: Random): SensingProblem {
  const { n, r, kappa } = options;
  checkInteger('n', n, 1, 1000);
  checkInteger('r', r, 1, n);
  if (!(Number.isFinite(kappa) && kappa >= 1)) throw new Error(`invalid condition number kappa: ${kappa} (expected ≥ 1)`);
  const basis = options.measurement === 'basis';
  const m = basis ? n * n : options.m;
  checkInteger('m', m, 1, 1e6);
  const u = randomOrthonormal(n, r, random);
  const sigma = groundTruthSpectrum(r, kappa);
  const Mstar = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < r; p++) s += u[i * r + p] * sigma[p] * u[j * r + p];
      Mstar[i * n + j] = s;
    }
  const measurements = new Float64Array(m * n * n);
  if (basis) for (let i = 0; i < m; i++) measurements[i * n * n + i] = n;
  else for (let i = 0; i < measurements.length; i++) measurements[i] = gaussian(random);
  return withProblem(n, r, Mstar, measurements);
}

/** Builds a problem from explicit M* and B_i (e.g. a loaded file or a fixture); y_i = ⟨B_i, M*⟩. */
export function withProblem(n: number, r: number, Mstar: Float64Array, measurements: Float64Array): SensingProblem {
  const nn = n * n;
  if (Mstar.length !== nn) throw new Error(`M* has ${Mstar.length} entries but n = ${n} needs ${nn}`);
  if (measurements.length % nn !== 0 || measurements.length === 0) throw new Error(`measurements hold ${measurements.length} numbers, not a positive multiple of n² = ${nn}`);
  const m = measurements.length / nn;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < nn; j++) s += measurements[i * nn + j] * Mstar[j];
    y[i] = s;
  }
  return { n, r, m, Mstar, measurements, y };
}

/** Workspace for the gradients (preallocated once per problem and width). */
export interface SensingWork {
  product: Float64Array;
  residualSum: Float64Array;
  residuals: Float64Array;
}

export function sensingWork(problem: SensingProblem): SensingWork {
  const nn = problem.n * problem.n;
  return { product: new Float64Array(nn), residualSum: new Float64Array(nn), residuals: new Float64Array(problem.m) };
}

/** P = F Gᵀ (n×n) for n×k factors. */
function outer(F: Float64Array, G: Float64Array, n: number, k: number, out: Float64Array): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += F[i * k + p] * G[j * k + p];
      out[i * n + j] = s;
    }
}

/** r_i = ⟨B_i, P⟩ − y_i and S = (1/m) Σ r_i B_i; returns the loss (1/2m) Σ r_i². */
function residualSum(problem: SensingProblem, work: SensingWork): number {
  const { n, m, measurements, y } = problem;
  const nn = n * n;
  const P = work.product;
  const S = work.residualSum;
  S.fill(0);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    const off = i * nn;
    let dot = 0;
    for (let j = 0; j < nn; j++) dot += measurements[off + j] * P[j];
    const ri = dot - y[i];
    work.residuals[i] = ri;
    loss += ri * ri;
    const c = ri / m;
    for (let j = 0; j < nn; j++) S[j] += c * measurements[off + j];
  }
  return loss / (2 * m);
}

/** f(X) = (1/2m) Σ (⟨A_i, XXᵀ⟩ − y_i)² for X ∈ ℝ^{n×k}. */
export function symmetricLoss(problem: SensingProblem, X: Float64Array, k: number, work = sensingWork(problem)): number {
  outer(X, X, problem.n, k, work.product);
  return residualSum(problem, work);
}

/** ∇f(X) = (2/m) Σ r_i A_i X with A_i = (B_i + B_iᵀ)/2, written into `out` (n×k); returns f(X). */
export function symmetricGradient(problem: SensingProblem, X: Float64Array, k: number, out: Float64Array, work = sensingWork(problem)): number {
  const n = problem.n;
  outer(X, X, n, k, work.product);
  const loss = residualSum(problem, work);
  const S = work.residualSum;
  // 2 · sym(S) X = (S + Sᵀ) X.
  for (let i = 0; i < n; i++)
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (S[i * n + j] + S[j * n + i]) * X[j * k + p];
      out[i * k + p] = s;
    }
  return loss;
}

/** f(F, G) = (1/2m) Σ (⟨B_i, FGᵀ⟩ − y_i)². */
export function asymmetricLoss(problem: SensingProblem, F: Float64Array, G: Float64Array, k: number, work = sensingWork(problem)): number {
  outer(F, G, problem.n, k, work.product);
  return residualSum(problem, work);
}

/** ∇_F = (1/m) Σ r_i B_i G and ∇_G = (1/m) Σ r_i B_iᵀ F into outF, outG (n×k); returns f(F, G). */
export function asymmetricGradient(
  problem: SensingProblem,
  F: Float64Array,
  G: Float64Array,
  k: number,
  outF: Float64Array,
  outG: Float64Array,
  work = sensingWork(problem),
): number {
  const n = problem.n;
  outer(F, G, n, k, work.product);
  const loss = residualSum(problem, work);
  const S = work.residualSum;
  for (let i = 0; i < n; i++)
    for (let p = 0; p < k; p++) {
      let sf = 0;
      let sg = 0;
      for (let j = 0; j < n; j++) {
        sf += S[i * n + j] * G[j * k + p];
        sg += S[j * n + i] * F[j * k + p];
      }
      outF[i * k + p] = sf;
      outG[i * k + p] = sg;
    }
  return loss;
}

/** ‖F Gᵀ − M*‖_F. */
export function factorError(problem: SensingProblem, F: Float64Array, G: Float64Array, k: number): number {
  const n = problem.n;
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let v = -problem.Mstar[i * n + j];
      for (let p = 0; p < k; p++) v += F[i * k + p] * G[j * k + p];
      s += v * v;
    }
  return Math.sqrt(s);
}

/** Singular values of an n×k matrix, descending: square roots of the eigenvalues of its k×k Gram matrix. */
export function singularValues(X: Float64Array, n: number, k: number): Float64Array {
  const gram = new Float64Array(k * k);
  for (let p = 0; p < k; p++)
    for (let q = 0; q <= p; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[i * k + p] * X[i * k + q];
      gram[p * k + q] = gram[q * k + p] = s;
    }
  const { values } = symmetricEigen(gram, k);
  return Float64Array.from({ length: k }, (_, i) => Math.sqrt(Math.max(0, values[k - 1 - i])));
}

/**
 * The one-step modification as implemented here: once, the factors are rebalanced by
 *   (F, G) ← (F (GᵀG)^{1/2}, G (GᵀG)^{−1/2}),
 * which leaves FGᵀ unchanged and makes G's columns orthonormal, so every direction of G —
 * the k − r spurious ones of size ≈ α included — gets singular value 1. GD continues from there;
 * the F-update then contracts the error at a rate set by σ(G) = 1 instead of α.
 * In place. Throws when GᵀG is singular (G rank-deficient).
 */
export function rebalanceFactors(F: Float64Array, G: Float64Array, n: number, k: number): void {
  const gram = new Float64Array(k * k);
  for (let p = 0; p < k; p++)
    for (let q = 0; q <= p; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += G[i * k + p] * G[i * k + q];
      gram[p * k + q] = gram[q * k + p] = s;
    }
  const { values, vectors } = symmetricEigen(gram, k);
  if (!(values[0] > 0)) throw new Error(`cannot rebalance: GᵀG is singular (smallest eigenvalue ${values[0]})`);
  // V rows are eigenvectors: (GᵀG)^s = Σ_e λ_e^s v_e v_eᵀ.
  const power = (s: number) => {
    const out = new Float64Array(k * k);
    for (let e = 0; e < k; e++) {
      const l = values[e] ** s;
      for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) out[p * k + q] += l * vectors[e * k + p] * vectors[e * k + q];
    }
    return out;
  };
  const half = power(0.5);
  const minusHalf = power(-0.5);
  const row = new Float64Array(k);
  const apply = (A: Float64Array, T: Float64Array) => {
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < k; q++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i * k + p] * T[p * k + q];
        row[q] = s;
      }
      A.set(row, i * k);
    }
  };
  apply(F, half);
  apply(G, minusHalf);
}

/**
 * The m·n² part of every gradient above, for a given product P (n², row-major): r_i = ⟨B_i, P⟩ − y_i and
 * S = (1/m) Σ_i r_i B_i. The CPU reference of the sensingResidual kernel.
 */
export function measurementResiduals(problem: SensingProblem, P: ArrayLike<number>): { residuals: Float64Array; sum: Float64Array } {
  const nn = problem.n * problem.n;
  if (P.length !== nn) throw new Error(`P has ${P.length} entries but n = ${problem.n} needs ${nn}`);
  const work = sensingWork(problem);
  work.product.set(P);
  residualSum(problem, work);
  return { residuals: work.residuals, sum: work.residualSum };
}
