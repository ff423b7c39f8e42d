/**
 * The heat-geodesic pipeline on the CPU (Huguet et al. 2023, Alg. 1): affinity graph →
 * Laplacian → heat kernel → Varadhan distances, as three stage functions
 * (`graphStage`, `heatKernelStage`, `heatDistanceStage`) that the heat/embed job calls one by
 * one (caching each) and `heatGeodesicDistances` calls in a row; `comparatorDistanceStage` gives
 * the comparators' distances on the same graph. The heat kernel has three routes:
 *  - 'chebyshev': the Chebyshev expansion of order K (any n; bound Σ_{k>K}|c_k|);
 *  - 'eigen': the truncated eigendecomposition V_m e^{−tΛ_m} V_mᵀ (heatEigen.ts; the dense
 *    eigendecomposition is O(n³) once per graph, then n²m per t);
 *  - 'exact': every eigenpair (the reference).
 * Disconnected graphs: the heat kernel between components is 0, so their distances hit
 * the log floor; `capComponentDistances` replaces every cross-component distance by
 * 1.5× the largest within-component distance so MDS places the components side by side.
 */
import type { NeighbourLists } from '../linalg/distances';
import { chebyshevTruncationBound, heatKernelChebyshevDense } from './chebyshev';
import { potentialDistances } from './comparators';
import { affinityGraph, connectedComponents, type AffinityGraph } from './graph';
import { heatKernelTruncated } from './heatEigen';
import { heatKernelExact, laplacianEigen } from './heatExact';
import type { SymmetricEigen } from '../linalg/symmetricEigen';
import { laplacian, laplacianSpectralBound, type LaplacianKind } from './laplacian';
import { allPairsShortestPaths, knnDistanceGraph } from './shortestPaths';
import type { CsrMatrix } from './sparse';
import { varadhanDistances } from './varadhan';

export interface HeatGeodesicOptions {
  k: number;
  alpha: number;
  laplacian: LaplacianKind;
  t: number;
  order: number;
  sigma: number;
  /** The heat kernel's route ('exact' and 'eigen' use the dense eigendecomposition, O(n³)). */
  heat: HeatRoute;
  neighbours?: NeighbourLists;
}

export interface GraphStage {
  graph: AffinityGraph;
  laplacian: CsrMatrix;
  lambdaMax: number;
  components: { labels: Int32Array; count: number };
}

export function graphStage(x: ArrayLike<number>, n: number, d: number, options: Pick<HeatGeodesicOptions, 'k' | 'alpha' | 'laplacian' | 'neighbours'>): GraphStage {
  const graph = affinityGraph(x, n, d, { k: options.k, alpha: options.alpha, neighbours: options.neighbours });
  const l = laplacian(graph.weights, options.laplacian);
  return {
    graph,
    laplacian: l,
    lambdaMax: laplacianSpectralBound(l, options.laplacian),
    components: connectedComponents(graph.weights),
  };
}

export type HeatRoute = 'chebyshev' | 'eigen' | 'exact';

/**
 * `heatRouteFor` takes the eigen route up to this n on the CPU path, Chebyshev above (the GPU path
 * has Chebyshev only). Measured in Node (Swiss roll, k = 10, t = n/5, order for 1e-8): at n = 400
 * the dense eigendecomposition and the Chebyshev kernel cost about the same (≈ 0.4 s each on a
 * loaded 2-core machine), and every later t then costs n²m (tens of ms) instead of a new Chebyshev
 * pass; at n = 500 the decomposition costs 1.0–1.4 s against Chebyshev's 0.65–0.9 s.
 */
export const HEAT_EIGEN_ROUTE_MAX_ROWS = 400;

/**
 * The route for `asked`: itself, or for 'auto' the eigen route up to HEAT_EIGEN_ROUTE_MAX_ROWS on
 * the JavaScript CPU path, Chebyshev above, on the GPU and where the WASM SIMD kernels run (`wasm`):
 * there the Chebyshev kernel at n = 400, order 60 costs ≈ 0.15 s against the JS eigendecomposition's
 * 0.7–0.9 s (Node, loaded 2-core machine), so a t change costs a new Chebyshev pass but the first
 * figure is 4–5× sooner.
 */
export function heatRouteFor(asked: HeatRoute | 'auto', n: number, gpu: boolean, wasm = false): HeatRoute {
  if (asked !== 'auto') return asked;
  return !gpu && !wasm && n <= HEAT_EIGEN_ROUTE_MAX_ROWS ? 'eigen' : 'chebyshev';
}

export interface HeatKernelStage {
  /** n×n row-major H_t (or its approximation). */
  heat: Float64Array;
  route: HeatRoute;
  /**
   * Bound on the approximation error: Chebyshev, ‖H_t − p_K(L)‖₂ ≤ Σ_{k>K}|c_k|; eigen,
   * max_ij |H_ij − H̃_ij| ≤ e^{−tλ_{m+1}} max_i r_i (heatEigen.ts); exact, 0.
   */
  truncationBound: number;
  /** Eigenpairs used (m for 'eigen', n for 'exact', 0 for 'chebyshev'). */
  eigenpairs: number;
}

/**
 * H_t by the chosen route. `eigen` (the decomposition of `stage.laplacian`, from `laplacianEigen`)
 * is required for 'eigen' and 'exact'; `onBlock` reports the Chebyshev route's column blocks.
 */
export function heatKernelStage(
  stage: GraphStage,
  eigen: SymmetricEigen | null,
  options: { route: HeatRoute; t: number; order: number },
  onBlock?: (done: number, total: number) => void,
): HeatKernelStage {
  const { route, t, order } = options;
  if (route === 'chebyshev') {
    const heat = heatKernelChebyshevDense(stage.laplacian, stage.lambdaMax, t, order, 64, onBlock);
    return { heat, route, truncationBound: chebyshevTruncationBound(t, stage.lambdaMax, order), eigenpairs: 0 };
  }
  if (!eigen) throw new Error(`the ${route} heat kernel needs the Laplacian's eigendecomposition`);
  if (eigen.n !== stage.laplacian.rows) throw new Error(`eigendecomposition is ${eigen.n}×${eigen.n} but the Laplacian has ${stage.laplacian.rows} rows`);
  if (route === 'exact') return { heat: heatKernelExact(eigen, t), route, truncationBound: 0, eigenpairs: eigen.n };
  const r = heatKernelTruncated(eigen, t);
  return { heat: r.heat, route, truncationBound: r.bound, eigenpairs: r.kept };
}

/** Varadhan distances from H_t, with cross-component distances capped (a new array; `heat` is not changed). */
export function heatDistanceStage(heat: Float64Array, n: number, t: number, sigma: number, components: GraphStage['components']): Float64Array {
  const distances = varadhanDistances(heat, n, t, sigma);
  if (components.count > 1) capComponentDistances(distances, n, components.labels);
  return distances;
}

/**
 * A comparator's distances on the same graph, with cross-component distances capped: the
 * PHATE-like potential ‖log P^steps_i· − log P^steps_j·‖ with P = D⁻¹W (comparators.ts), or
 * shortest paths on the symmetric kNN graph with Euclidean edge lengths (what Isomap embeds).
 */
export function comparatorDistanceStage(method: 'phate' | 'shortest', g: GraphStage, n: number, k: number, steps: number): Float64Array {
  const distances = method === 'phate' ? potentialDistances(g.graph.weights, steps) : allPairsShortestPaths(knnDistanceGraph(g.graph.neighbours, n, k));
  if (g.components.count > 1) capComponentDistances(distances, n, g.components.labels);
  return distances;
}

export interface HeatGeodesicResult extends GraphStage, Omit<HeatKernelStage, 'heat'> {
  heat: Float64Array;
  distances: Float64Array;
}

/** The whole pipeline in a row: the stage functions the heat/embed job calls one by one. */
export function heatGeodesicDistances(x: ArrayLike<number>, n: number, d: number, options: HeatGeodesicOptions): HeatGeodesicResult {
  const stage = graphStage(x, n, d, options);
  const eigen = options.heat === 'chebyshev' ? null : laplacianEigen(stage.laplacian);
  const kernel = heatKernelStage(stage, eigen, { route: options.heat, t: options.t, order: options.order });
  const distances = heatDistanceStage(kernel.heat, n, options.t, options.sigma, stage.components);
  return { ...stage, ...kernel, distances };
}

/** Cross-component (or non-finite) distances ← 1.5 × the largest finite within-component distance. */
export function capComponentDistances(distances: Float64Array, n: number, labels: Int32Array): void {
  let within = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = distances[i * n + j];
      if (labels[i] === labels[j] && Number.isFinite(v)) within = Math.max(within, v);
    }
  }
  const cap = 1.5 * (within || 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[i] !== labels[j] || !Number.isFinite(distances[i * n + j])) distances[i * n + j] = cap;
    }
  }
}
