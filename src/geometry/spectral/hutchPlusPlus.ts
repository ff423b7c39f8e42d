/**
 * Hutch++ trace estimation (Meyer, Musco, Musco & Woodruff 2021, "Hutch++: Optimal Stochastic
 * Trace Estimation", SOSA; Algorithm 1). With m products split as s = ⌊m/3⌋ sketch products,
 * s exact products and r = m − 2s Hutchinson products:
 *   1. S ∈ {±1}^{n×s}, Q = orth(A S)                         (s products)
 *   2. t_low = tr(Qᵀ A Q) = Σ_j q_jᵀ A q_j                    (s products, exact given Q)
 *   3. G ∈ {±1}^{n×r}, g' = (I − QQᵀ) g,
 *      t_rest = (1/r) Σ g'ᵀ A g'                               (r products, Hutchinson on the deflated remainder)
 *   tr(A) ≈ t_low + t_rest.
 * The estimate is unbiased for every Q (tr(A) = tr(QᵀAQ) + tr((I−QQᵀ)A(I−QQᵀ))), and the
 * variance of step 3 is that of Hutchinson on the deflated matrix, whose Frobenius norm loses the
 * s largest eigenvalues: for a spectrum with a few outliers that is most of it.
 *
 * `standardError` is the sample standard deviation of the r remainder samples / √r: the standard
 * error conditional on the sketch Q (step 2 has no variance given Q).
 *
 * Deviation from the paper: Q is built by two passes of modified Gram–Schmidt instead of a
 * Householder QR; columns whose residual norm falls below 1e-10 of the sketch's largest are
 * dropped (A S has rank < s), and for a sketch of rank n (s ≥ n) the remainder is zero exactly.
 */
import { rademacher, type Random } from '../random';
import { dot } from './operator';
import { type AsyncLinearOperator, type Process, runProcess, runProcessAsync } from './process';
import type { LinearOperator } from './operator';
import type { TraceEstimate } from './hutchinson';

export interface HutchPlusPlusEstimate extends TraceEstimate {
  /** tr(QᵀAQ), the exactly-computed part. */
  lowRankTrace: number;
  /** Rank of Q actually used. */
  sketchRank: number;
  /** Operator products used (= the requested m). */
  products: number;
}

/** The split of m products: s sketch, s exact, m − 2s remainder probes. m ≥ 3 so each stage gets one. */
export function hutchPlusPlusSplit(products: number): { sketch: number; remainder: number } {
  if (!Number.isInteger(products) || products < 3) throw new Error(`Hutch++ products ${products}; expected an integer ≥ 3`);
  const sketch = Math.floor(products / 3);
  return { sketch, remainder: products - 2 * sketch };
}

export function hutchPlusPlusTrace(op: LinearOperator, products: number, random: Random): HutchPlusPlusEstimate {
  return runProcess(hutchPlusPlusProcess(op.size, products, random), op);
}

export function hutchPlusPlusTraceAsync(
  op: AsyncLinearOperator,
  products: number,
  random: Random,
  checkpoint?: () => Promise<void>,
): Promise<HutchPlusPlusEstimate> {
  return runProcessAsync(hutchPlusPlusProcess(op.size, products, random), op, checkpoint);
}

export function* hutchPlusPlusProcess(n: number, products: number, random: Random): Process<HutchPlusPlusEstimate> {
  const { sketch, remainder } = hutchPlusPlusSplit(products);
  // 1. Sketch A S, one column at a time, orthonormalized into the rows of q.
  const q = new Float64Array(sketch * n);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  let rank = 0;
  let largest = 0;
  for (let j = 0; j < sketch; j++) {
    for (let i = 0; i < n; i++) x[i] = rademacher(random);
    yield { x, out: w };
    const before = Math.sqrt(dot(w, w));
    largest = Math.max(largest, before);
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r < rank; r++) {
        const o = r * n;
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * q[o + i];
        for (let i = 0; i < n; i++) w[i] -= s * q[o + i];
      }
    }
    const norm = Math.sqrt(dot(w, w));
    if (!(norm > 1e-10 * largest) || rank >= n) continue;
    const o = rank * n;
    for (let i = 0; i < n; i++) q[o + i] = w[i] / norm;
    rank++;
  }
  // 2. tr(QᵀAQ) exactly (given Q). Unused sketch slots still cost their product so that the
  // number of products is always m, as the comparison with Hutchinson needs.
  let lowRankTrace = 0;
  for (let j = 0; j < sketch; j++) {
    if (j < rank) x.set(q.subarray(j * n, (j + 1) * n));
    else x.fill(0);
    yield { x, out: w };
    if (j < rank) lowRankTrace += dot(x, w);
  }
  // 3. Hutchinson on (I − QQᵀ) A (I − QQᵀ).
  const samples = new Float64Array(remainder);
  for (let s = 0; s < remainder; s++) {
    for (let i = 0; i < n; i++) x[i] = rademacher(random);
    for (let r = 0; r < rank; r++) {
      const o = r * n;
      let c = 0;
      for (let i = 0; i < n; i++) c += x[i] * q[o + i];
      for (let i = 0; i < n; i++) x[i] -= c * q[o + i];
    }
    yield { x, out: w };
    samples[s] = dot(x, w);
  }
  let mean = 0;
  for (const v of samples) mean += v;
  mean /= remainder;
  let variance = 0;
  for (const v of samples) variance += (v - mean) ** 2;
  // With one remainder probe there is no spread to measure; a full-rank sketch leaves nothing to estimate.
  const standardError = rank >= n ? 0 : remainder > 1 ? Math.sqrt(variance / (remainder - 1) / remainder) : Infinity;
  return { estimate: lowRankTrace + mean, standardError, samples, lowRankTrace, sketchRank: rank, products };
}
