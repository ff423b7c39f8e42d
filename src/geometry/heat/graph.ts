/**
 * The affinity graph of a point cloud (Huguet et al. 2023, §4; the PHATE alpha-decay
 * kernel, Moon et al. 2019, eq. 1): k nearest neighbours, an adaptive bandwidth
 * σ_i = distance from x_i to its k-th neighbour, the kernel
 *     K_ij = exp(−(‖x_i − x_j‖ / σ_i)^α),
 * and the symmetrization W = (K + Kᵀ)/2. α = 2 is a plain (adaptive) Gaussian kernel.
 *
 * Deviation from graphtools: the kernel is evaluated on the 2k nearest neighbours
 * (not a radius search) and entries below `threshold` (1e-4, graphtools' default)
 * are dropped. With α ≥ 10 the kernel is < e^{−2.6} beyond 1.1σ_i, so the 2k
 * neighbours hold every entry above the threshold in practice.
 */
import { knnBruteForce, type NeighbourLists } from '../linalg/distances';
import { csrFromTriplets, type CsrMatrix } from './sparse';

export interface AffinityOptions {
  k: number;
  /** Decay exponent α > 0 (HeatGeo's default is 40). */
  alpha: number;
  /** Entries of K below this are dropped (graphtools' `thresh`). */
  threshold?: number;
  /** Precomputed neighbours (e.g. from the GPU kNN kernel); must hold ≥ k per point. */
  neighbours?: NeighbourLists;
}

export interface AffinityGraph {
  /** Symmetric n×n affinities W, zero diagonal. */
  weights: CsrMatrix;
  /** Adaptive bandwidths σ_i (distance to the k-th neighbour). */
  bandwidth: Float64Array;
  /** The neighbour lists the graph was built from. */
  neighbours: NeighbourLists;
}

/** Neighbours searched for the kernel: 2k, capped at n − 1. */
export function kernelNeighbourCount(k: number, n: number): number {
  return Math.min(n - 1, 2 * k);
}

export function affinityGraph(x: ArrayLike<number>, n: number, d: number, options: AffinityOptions): AffinityGraph {
  const { k, alpha } = options;
  const threshold = options.threshold ?? 1e-4;
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new Error(`invalid k: ${k} (need 1 ≤ k < number of points = ${n})`);
  if (!(alpha > 0)) throw new Error(`invalid decay α: ${alpha} (need α > 0)`);
  const neighbours = options.neighbours ?? knnBruteForce(x, n, d, kernelNeighbourCount(k, n));
  const kk = neighbours.k;
  if (kk < k) throw new Error(`neighbour lists hold ${kk} per point but k = ${k}`);
  const bandwidth = new Float64Array(n);
  for (let i = 0; i < n; i++) bandwidth[i] = Math.sqrt(neighbours.squaredDistances[i * kk + k - 1]);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = bandwidth[i];
    for (let p = 0; p < kk; p++) {
      const j = neighbours.indices[i * kk + p];
      const dist = Math.sqrt(neighbours.squaredDistances[i * kk + p]);
      // σ_i = 0 happens only for duplicate points; treat them as fully connected to their twins.
      const kij = s > 0 ? Math.exp(-((dist / s) ** alpha)) : dist === 0 ? 1 : 0;
      if (kij < threshold) continue;
      // (K + Kᵀ)/2 as two half-weight triplets; duplicates are summed by csrFromTriplets
      rows.push(i, j);
      cols.push(j, i);
      vals.push(kij / 2, kij / 2);
    }
  }
  return { weights: csrFromTriplets(n, n, rows, cols, vals), bandwidth, neighbours };
}

/** Degrees d_i = Σ_j W_ij. */
export function degrees(w: CsrMatrix): Float64Array {
  const out = new Float64Array(w.rows);
  for (let i = 0; i < w.rows; i++) for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) out[i] += w.values[p];
  return out;
}

/** Connected components of the graph (label per node, components numbered 0.. in order of first node). */
export function connectedComponents(w: CsrMatrix): { labels: Int32Array; count: number } {
  const labels = new Int32Array(w.rows).fill(-1);
  const stack = new Int32Array(w.rows);
  let count = 0;
  for (let s = 0; s < w.rows; s++) {
    if (labels[s] >= 0) continue;
    let top = 0;
    stack[top++] = s;
    labels[s] = count;
    while (top > 0) {
      const i = stack[--top];
      for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
        const j = w.colIndex[p];
        if (labels[j] < 0) {
          labels[j] = count;
          stack[top++] = j;
        }
      }
    }
    count++;
  }
  return { labels, count };
}
