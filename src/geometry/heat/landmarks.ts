/**
 * The landmark heat-geodesic path (as in landmark Isomap and PHATE): the heat kernel is
 * applied only to L landmark indicator columns (n×L instead of n×n), Varadhan distances
 * are formed landmark × all, and the embedding is landmark MDS.
 *
 *  - Landmarks: seeded farthest-point sampling in input space (first landmark drawn from
 *    `random`, then each next one maximizes the Euclidean distance to the chosen set).
 *    L ≥ n takes every point, in input order.
 *  - Heat columns: C = exp(−tL) E_L by the same Chebyshev recurrence as the full path
 *    (`heatKernelColumns`, the fused recurrence on the n×L indicator block): n·L·K sparse
 *    products instead of n·n·K.
 *  - Diagonal term. Varadhan's volume term needs H_jj for every j, and H_jj exactly costs
 *    n columns. Deliberate approximation: with ℓ(j) = argmax_ℓ H_{jℓ} the heat-nearest
 *    landmark (its diagonal entry is exact: it is in column ℓ),
 *        Ĥ_jj = H_{ℓℓ} · deg_j / deg_ℓ   (normalized Laplacian),   Ĥ_jj = H_{ℓℓ}  (combinatorial),
 *    because for the normalized Laplacian H_t → φφᵀ with φ_i ∝ √deg_i, so the diagonal
 *    follows the degree, and for the combinatorial one the limit is constant. Landmarks use
 *    their own exact value, so L = n reproduces the full path. The error enters d² as
 *    σ·4t·log((H_ii+Ĥ_jj)/(H_ii+H_jj)). Measured on the seeded benchmark Swiss roll
 *    (n = 800, L = 150, t = 160): median relative error of Ĥ_jj 2.6 %, 95th percentile 39 %,
 *    worst 60 % (without the degree factor: 16 %, 73 %, 169 %); tested in
 *    tests/unit/heat/landmarks.test.ts.
 *  - Landmark MDS (de Silva & Tenenbaum 2004, "Sparse multidimensional scaling using
 *    landmark points", §3): classical MDS of the L×L block Δ gives X_L = V Λ^{1/2};
 *    optional SMACOF on the L×L block; then every point j is triangulated by
 *        x_j = −½ (X_Lᵀ X_L)^{−1} X_Lᵀ (δ_j − δ̄),
 *    δ_j its squared distances to the landmarks and δ̄ the column means of Δ^{∘2}
 *    (for X_L from classical MDS, (X_LᵀX_L)^{−1}X_Lᵀ = Λ^{−1/2}Vᵀ, the paper's L#; we use
 *    the least-squares form so it also applies after SMACOF moved the landmarks), and
 *    finally refined by `pointIterations` majorization steps of its own stress against the
 *    fixed landmarks, Σ_ℓ (‖x_j − x_ℓ‖ − δ_jℓ)²:  x_j⁺ = (1/L) Σ_ℓ [x_ℓ + δ_jℓ (x_j − x_ℓ)/‖x_j − x_ℓ‖]
 *    (the Guttman transform with the landmarks held fixed; the stress never increases).
 *    Landmark rows keep their X_L position.
 */
import type { Random } from '../random';
import { chebyshevTruncationBound, heatKernelColumns } from './chebyshev';
import { degrees } from './graph';
import { graphStage, type GraphStage, type HeatGeodesicOptions } from './heatGeodesic';
import { classicalMds, smacof } from './mds';
import { HEAT_LOG_FLOOR } from './varadhan';

/**
 * Default landmark count. End to end at n = 2000 on the benchmark Swiss roll (one core):
 * L = 80: 0.78 s, L = 100: 0.92 s, L = 150: 1.37 s, all with Spearman 0.995 (the full path:
 * 0.996 in ~20 s); the cost is linear in L.
 */
export const DEFAULT_LANDMARKS = 100;
/** Per-point majorization steps after triangulation (raised Spearman 0.979 → 0.994 at n = 2000). */
export const LANDMARK_POINT_ITERATIONS = 20;

/** Seeded farthest-point sampling of `count` landmarks (all points, in order, when count ≥ n). */
export function farthestPointLandmarks(x: ArrayLike<number>, n: number, d: number, count: number, random: Random): Int32Array {
  if (!Number.isInteger(count) || count < 1) throw new Error(`invalid landmark count: ${count} (need an integer ≥ 1)`);
  if (count >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(count);
  const nearest = new Float64Array(n).fill(Infinity);
  let next = Math.min(n - 1, Math.floor(random() * n));
  for (let s = 0; s < count; s++) {
    out[s] = next;
    const o = next * d;
    let best = -1;
    for (let i = 0; i < n; i++) {
      let d2 = 0;
      for (let c = 0; c < d; c++) {
        const t = x[i * d + c] - x[o + c];
        d2 += t * t;
      }
      if (d2 < nearest[i]) nearest[i] = d2;
      if (nearest[i] > best) {
        best = nearest[i];
        next = i;
      }
    }
  }
  return out;
}

/**
 * Varadhan distances landmark × all (n×L row-major) from the heat columns C = H[:, landmarks]
 * (n×L), with the heat-nearest-landmark estimate of H_jj described above.
 */
export function varadhanLandmarkDistances(
  columns: Float64Array,
  n: number,
  landmarks: Int32Array,
  t: number,
  sigma: number,
  degree?: Float64Array,
): Float64Array {
  const m = landmarks.length;
  if (columns.length !== n * m) throw new Error(`heat columns have ${columns.length} entries but ${n}×${m} needs ${n * m}`);
  if (!(t > 0)) throw new Error(`invalid diffusion time t: ${t} (need t > 0)`);
  if (!(sigma >= 0 && sigma <= 2)) throw new Error(`invalid σ: ${sigma} (need 0 ≤ σ ≤ 2)`);
  const diag = heatDiagonalEstimate(columns, n, landmarks, degree);
  const out = new Float64Array(n * m);
  for (let j = 0; j < n; j++) {
    for (let q = 0; q < m; q++) {
      const l = landmarks[q];
      if (l === j) continue;
      const hij = Math.max(0, columns[j * m + q]);
      const sq = -4 * t * Math.log(hij + HEAT_LOG_FLOOR) + sigma * 4 * t * Math.log(0.5 * (diag[l] + diag[j]) + HEAT_LOG_FLOOR);
      out[j * m + q] = Math.sqrt(Math.max(0, sq));
    }
  }
  // the full path symmetrizes H; do the same on the landmark × landmark block
  for (let q = 0; q < m; q++) {
    const i = landmarks[q];
    for (let r = q + 1; r < m; r++) {
      const j = landmarks[r];
      const hij = Math.max(0, 0.5 * (columns[i * m + r] + columns[j * m + q]));
      const sq = -4 * t * Math.log(hij + HEAT_LOG_FLOOR) + sigma * 4 * t * Math.log(0.5 * (diag[i] + diag[j]) + HEAT_LOG_FLOOR);
      const v = Math.sqrt(Math.max(0, sq));
      out[i * m + r] = v;
      out[j * m + q] = v;
    }
  }
  return out;
}

/**
 * Ĥ_jj: exact for landmarks; otherwise H_{ℓℓ} of the heat-nearest landmark ℓ (clipped at 0),
 * times deg_j/deg_ℓ when `degree` is given (normalized Laplacian).
 */
export function heatDiagonalEstimate(columns: Float64Array, n: number, landmarks: Int32Array, degree?: Float64Array): Float64Array {
  const m = landmarks.length;
  const diag = new Float64Array(n).fill(-1);
  for (let q = 0; q < m; q++) diag[landmarks[q]] = Math.max(0, columns[landmarks[q] * m + q]);
  for (let j = 0; j < n; j++) {
    if (diag[j] >= 0) continue;
    let best = 0;
    for (let q = 1; q < m; q++) if (columns[j * m + q] > columns[j * m + best]) best = q;
    const l = landmarks[best];
    diag[j] = degree && degree[l] > 0 ? (diag[l] * degree[j]) / degree[l] : diag[l];
  }
  return diag;
}

export interface LandmarkMdsOptions {
  /** SMACOF iterations on the L×L landmark block. */
  iterations?: number;
  /** Majorization steps per non-landmark point against the fixed landmarks. */
  pointIterations?: number;
}

/**
 * Landmark MDS: `delta` is n×L (row j: distances from point j to each landmark), `landmarks`
 * the landmark rows. Returns n×dims, input order.
 */
export function landmarkMds(delta: Float64Array, n: number, landmarks: Int32Array, dims: number, random: Random, options: LandmarkMdsOptions = {}): Float64Array {
  const m = landmarks.length;
  if (delta.length !== n * m) throw new Error(`landmark distances have ${delta.length} entries but ${n}×${m} needs ${n * m}`);
  if (!Number.isInteger(dims) || dims < 1 || dims >= m) throw new Error(`invalid embedding dimension: ${dims} (need 1 ≤ dims < L = ${m})`);
  const block = new Float64Array(m * m);
  for (let q = 0; q < m; q++) block.set(delta.subarray(landmarks[q] * m, landmarks[q] * m + m), q * m);
  let xl = classicalMds(block, m, dims, random);
  if ((options.iterations ?? 0) > 0) xl = smacof(block, m, dims, xl, options.iterations ?? 0).embedding;
  // centre X_L (SMACOF keeps the centroid, classical MDS is centred; this is a no-op up to rounding)
  const centre = new Float64Array(dims);
  for (let q = 0; q < m; q++) for (let c = 0; c < dims; c++) centre[c] += xl[q * dims + c] / m;
  const xc = new Float64Array(m * dims);
  for (let q = 0; q < m; q++) for (let c = 0; c < dims; c++) xc[q * dims + c] = xl[q * dims + c] - centre[c];
  // P = (X_cᵀ X_c)^{−1} X_cᵀ (dims×L), by a small Cholesky-free Gauss–Jordan solve
  const gram = new Float64Array(dims * dims);
  for (let q = 0; q < m; q++) for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) gram[a * dims + b] += xc[q * dims + a] * xc[q * dims + b];
  const inverse = invertSmall(gram, dims);
  const pseudo = new Float64Array(dims * m);
  for (let a = 0; a < dims; a++) for (let q = 0; q < m; q++) {
    let s = 0;
    for (let b = 0; b < dims; b++) s += inverse[a * dims + b] * xc[q * dims + b];
    pseudo[a * m + q] = s;
  }
  const meanSq = new Float64Array(m);
  for (let q = 0; q < m; q++) for (let r = 0; r < m; r++) meanSq[r] += (block[q * m + r] * block[q * m + r]) / m;
  const slot = new Int32Array(n).fill(-1);
  for (let q = 0; q < m; q++) slot[landmarks[q]] = q;
  const out = new Float64Array(n * dims);
  const pointIterations = options.pointIterations ?? 0;
  const y = new Float64Array(dims);
  for (let j = 0; j < n; j++) {
    if (slot[j] >= 0) {
      for (let c = 0; c < dims; c++) out[j * dims + c] = xl[slot[j] * dims + c];
      continue;
    }
    const row = j * m;
    for (let a = 0; a < dims; a++) {
      let s = 0;
      for (let q = 0; q < m; q++) s += pseudo[a * m + q] * (delta[row + q] * delta[row + q] - meanSq[q]);
      out[j * dims + a] = -0.5 * s + centre[a];
    }
    for (let it = 0; it < pointIterations; it++) {
      y.fill(0);
      for (let q = 0; q < m; q++) {
        let d2 = 0;
        for (let c = 0; c < dims; c++) {
          const t = out[j * dims + c] - xl[q * dims + c];
          d2 += t * t;
        }
        const dist = Math.sqrt(d2);
        const scale = dist > 0 ? delta[row + q] / dist : 0;
        for (let c = 0; c < dims; c++) y[c] += xl[q * dims + c] + scale * (out[j * dims + c] - xl[q * dims + c]);
      }
      for (let c = 0; c < dims; c++) out[j * dims + c] = y[c] / m;
    }
  }
  return out;
}

function invertSmall(a: Float64Array, d: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) p = r;
    if (m[p * d + c] === 0) throw new Error(`landmark configuration is degenerate: rank < ${d}`);
    for (let k = 0; k < d; k++) {
      [m[c * d + k], m[p * d + k]] = [m[p * d + k], m[c * d + k]];
      [inv[c * d + k], inv[p * d + k]] = [inv[p * d + k], inv[c * d + k]];
    }
    const piv = m[c * d + c];
    for (let k = 0; k < d; k++) {
      m[c * d + k] /= piv;
      inv[c * d + k] /= piv;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = m[r * d + c];
      for (let k = 0; k < d; k++) {
        m[r * d + k] -= f * m[c * d + k];
        inv[r * d + k] -= f * inv[c * d + k];
      }
    }
  }
  return inv;
}

export interface LandmarkHeatResult extends GraphStage {
  landmarks: Int32Array;
  /** n×L heat columns H[:, landmarks]. */
  columns: Float64Array;
  /** n×L Varadhan distances to the landmarks. */
  distances: Float64Array;
  truncationBound: number;
}

/** Graph → Laplacian → Chebyshev heat columns at the landmarks → landmark Varadhan distances. */
export function heatGeodesicLandmarkDistances(
  x: ArrayLike<number>,
  n: number,
  d: number,
  options: Omit<HeatGeodesicOptions, 'heat'> & { landmarks: number },
  random: Random,
): LandmarkHeatResult {
  const stage = graphStage(x, n, d, options);
  return { ...stage, ...landmarkHeatDistances(stage, x, n, d, options, random) };
}

/** The landmark stages after the graph (for callers that already built it). */
export function landmarkHeatDistances(
  stage: GraphStage,
  x: ArrayLike<number>,
  n: number,
  d: number,
  options: Pick<HeatGeodesicOptions, 't' | 'order' | 'sigma' | 'laplacian'> & { landmarks: number },
  random: Random,
  /** Computes the heat columns (default `heatKernelColumns`; the CPU path may pass its WASM twin, same math). */
  heatColumns: typeof heatKernelColumns = heatKernelColumns,
): Omit<LandmarkHeatResult, keyof GraphStage> {
  const landmarks = farthestPointLandmarks(x, n, d, options.landmarks, random);
  const columns = heatColumns(stage.laplacian, stage.lambdaMax, options.t, options.order, landmarks);
  const degree = options.laplacian === 'normalized' ? degrees(stage.graph.weights) : undefined;
  const distances = varadhanLandmarkDistances(columns, n, landmarks, options.t, options.sigma, degree);
  if (stage.components.count > 1) capLandmarkDistances(distances, n, landmarks, stage.components.labels);
  return { landmarks, columns, distances, truncationBound: chebyshevTruncationBound(options.t, stage.lambdaMax, options.order) };
}

/** As `capComponentDistances`, on the n×L block. */
export function capLandmarkDistances(distances: Float64Array, n: number, landmarks: Int32Array, labels: Int32Array): void {
  const m = landmarks.length;
  let within = 0;
  for (let j = 0; j < n; j++) for (let q = 0; q < m; q++) {
    const v = distances[j * m + q];
    if (labels[j] === labels[landmarks[q]] && Number.isFinite(v)) within = Math.max(within, v);
  }
  const cap = 1.5 * (within || 1);
  for (let j = 0; j < n; j++) for (let q = 0; q < m; q++) {
    if (labels[j] !== labels[landmarks[q]] || !Number.isFinite(distances[j * m + q])) distances[j * m + q] = cap;
  }
}
