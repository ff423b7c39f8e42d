/**
 * Multidimensional scaling.
 *  - classical (Torgerson 1952): B = −½ J D^{∘2} J with J = I − 11ᵀ/n; X = V_d Λ_d^{1/2}
 *    from the top-d eigenpairs (negative eigenvalues clipped to 0);
 *  - metric, by stress majorization (SMACOF; de Leeuw 1977, Borg & Groenen, Modern
 *    Multidimensional Scaling, ch. 8): minimise σ(X) = Σ_{i<j} (‖x_i − x_j‖ − δ_ij)² by the
 *    Guttman transform X⁺ = (1/n) B(X) X with B_ij = −δ_ij/‖x_i − x_j‖ (i ≠ j, 0 when the
 *    points coincide), B_ii = −Σ_{j≠i} B_ij. Unit weights; the stress never increases.
 * Embeddings are n×dims row-major.
 */
import { symmetricEigen } from '../linalg/symmetricEigen';
import type { Random } from '../random';
import { lanczosTop } from '../spectral/lanczos';

/**
 * Dense eigensolver up to this size, Lanczos above. Lanczos needs only a few dozen products with B
 * for the top `dims` pairs; the dense solver is O(n³) (≈ 35–180 ms at n = 200 against a few ms).
 */
export const CLASSICAL_MDS_DENSE_LIMIT = 100;

export function classicalMds(delta: ArrayLike<number>, n: number, dims: number, random: Random): Float64Array {
  if (delta.length !== n * n) throw new Error(`distance matrix has ${delta.length} entries but ${n}×${n} needs ${n * n}`);
  if (!Number.isInteger(dims) || dims < 1 || dims >= n) throw new Error(`invalid embedding dimension: ${dims} (need 1 ≤ dims < n = ${n})`);
  const b = new Float64Array(n * n);
  const rowMean = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const sq = delta[i * n + j] * delta[i * n + j];
      b[i * n + j] = sq;
      s += sq;
    }
    rowMean[i] = s / n;
    total += s;
  }
  const grand = total / (n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = -0.5 * (b[i * n + j] - rowMean[i] - rowMean[j] + grand);
  }
  let values: Float64Array;
  let vectors: Float64Array;
  if (n <= CLASSICAL_MDS_DENSE_LIMIT) {
    const e = symmetricEigen(b, n);
    values = new Float64Array(dims);
    vectors = new Float64Array(dims * n);
    for (let c = 0; c < dims; c++) {
      values[c] = e.values[n - 1 - c];
      vectors.set(e.vectors.subarray((n - 1 - c) * n, (n - c) * n), c * n);
    }
  } else {
    const top = lanczosTop(
      (x, out) => {
        for (let i = 0; i < n; i++) {
          let s = 0;
          const o = i * n;
          for (let j = 0; j < n; j++) s += b[o + j] * x[j];
          out[i] = s;
        }
      },
      n,
      dims,
      Math.max(3 * dims + 30, 40),
      random,
    );
    values = top.values;
    vectors = top.vectors;
  }
  const x = new Float64Array(n * dims);
  for (let c = 0; c < dims; c++) {
    const s = Math.sqrt(Math.max(0, values[c]));
    for (let i = 0; i < n; i++) x[i * dims + c] = s * vectors[c * n + i];
  }
  return x;
}

/** Raw stress Σ_{i<j} (‖x_i − x_j‖ − δ_ij)². */
export function stress(x: ArrayLike<number>, delta: ArrayLike<number>, n: number, dims: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const t = x[i * dims + c] - x[j * dims + c];
        d2 += t * t;
      }
      const r = Math.sqrt(d2) - delta[i * n + j];
      s += r * r;
    }
  }
  return s;
}

/** Stress-1 (Kruskal): sqrt(σ / Σ_{i<j} δ_ij²), scale-free. */
export function normalizedStress(x: ArrayLike<number>, delta: ArrayLike<number>, n: number, dims: number): number {
  let den = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) den += delta[i * n + j] ** 2;
  return den > 0 ? Math.sqrt(stress(x, delta, n, dims) / den) : 0;
}

/** One Guttman transform X⁺ = (1/n) B(X) X, written into `out` (n×dims). */
export function guttmanTransform(x: ArrayLike<number>, delta: ArrayLike<number>, n: number, dims: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let diag = 0;
    const oi = i * dims;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d2 = 0;
      const oj = j * dims;
      for (let c = 0; c < dims; c++) {
        const t = x[oi + c] - x[oj + c];
        d2 += t * t;
      }
      const dist = Math.sqrt(d2);
      const bij = dist > 0 ? -delta[i * n + j] / dist : 0;
      diag -= bij;
      for (let c = 0; c < dims; c++) out[oi + c] += bij * x[oj + c];
    }
    for (let c = 0; c < dims; c++) out[oi + c] = (out[oi + c] + diag * x[oi + c]) / n;
  }
}

/**
 * SMACOF from `init` for `iterations` steps (stopping early, `converged`, when the relative
 * stress decrease is below `tolerance`). `onIterate(k, X, stress)` sees every iterate. Runs of
 * a few steps each, chained, stop where one long run stops (the criterion compares each
 * iterate with the one before it, recomputed identically at the start of a run).
 */
export function smacof(
  delta: ArrayLike<number>,
  n: number,
  dims: number,
  init: Float64Array,
  iterations: number,
  options: { tolerance?: number; onIterate?: (k: number, x: Float64Array, stress: number) => void } = {},
): { embedding: Float64Array; stress: number; iterations: number; converged: boolean } {
  if (init.length !== n * dims) throw new Error(`initial embedding has ${init.length} entries but ${n}×${dims} needs ${n * dims}`);
  let x = Float64Array.from(init);
  let next = new Float64Array(n * dims);
  const run = smacofLoop(stress(x, delta, n, dims), iterations, options.tolerance ?? 0, (k) => {
    guttmanTransform(x, delta, n, dims, next);
    [x, next] = [next, x];
    const s = stress(x, delta, n, dims);
    options.onIterate?.(k, x, s);
    return s;
  });
  return { embedding: x, ...run };
}

/**
 * SMACOF's iteration and stopping rule, apart from how a step is computed: `step(k)` takes
 * iterate k (1-based) and returns its stress; the loop stops after `iterations` steps or once
 * the relative stress decrease is ≤ `tolerance` (that step counts, `converged`). Shared by
 * `smacof` and the WASM host (src/kernels/wasm/heatKernels.ts), so both stop at the same step.
 */
export function smacofLoop(initialStress: number, iterations: number, tolerance: number, step: (k: number) => number): { stress: number; iterations: number; converged: boolean } {
  let last = initialStress;
  let k = 0;
  while (k < iterations) {
    const s = step(++k);
    const done = last - s <= tolerance * last;
    last = s;
    if (done) return { stress: last, iterations: k, converged: true };
  }
  return { stress: last, iterations: k, converged: false };
}
