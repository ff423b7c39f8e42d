/**
 * Pairwise squared Euclidean distances and brute-force k-nearest neighbours.
 * Points are row-major: X has shape n×d, Y has shape m×d.
 */

/** D[i, j] = ‖x_i − y_j‖², shape n×m, computed as a sum of squared differences (no cancellation). */
export function pairwiseSquaredDistances(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  m: number,
  d: number,
): Float64Array {
  if (x.length !== n * d) throw new Error(`first point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  if (y.length !== m * d) throw new Error(`second point set has ${y.length} entries but ${m} points × ${d} dims needs ${m * d}`);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = x[i * d + c] - y[j * d + c];
        s += t * t;
      }
      out[i * m + j] = s;
    }
  }
  return out;
}

export interface NeighbourLists {
  /** n×k neighbour indices, nearest first; ties broken by the smaller index. */
  indices: Int32Array;
  /** n×k squared distances matching `indices`. */
  squaredDistances: Float64Array;
  k: number;
}

/**
 * The k nearest neighbours of every point among the others (a point is not its own
 * neighbour), by brute force: O(n² d) time, O(n k) memory.
 */
export function knnBruteForce(x: ArrayLike<number>, n: number, d: number, k: number): NeighbourLists {
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new Error(`invalid k: ${k} (need 1 ≤ k < number of points = ${n})`);
  }
  if (x.length !== n * d) throw new Error(`point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  const indices = new Int32Array(n * k);
  const dist = new Float64Array(n * k);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = x[i * d + c] - x[j * d + c];
        s += t * t;
      }
      // insertion into the sorted list; strict < keeps the smaller index on ties
      if (s < bestD[k - 1]) {
        let p = k - 1;
        while (p > 0 && bestD[p - 1] > s) {
          bestD[p] = bestD[p - 1];
          bestI[p] = bestI[p - 1];
          p--;
        }
        bestD[p] = s;
        bestI[p] = j;
      }
    }
    indices.set(bestI, i * k);
    dist.set(bestD, i * k);
  }
  return { indices, squaredDistances: dist, k };
}
