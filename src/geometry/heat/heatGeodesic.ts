/**
 * The heat-geodesic pipeline on the CPU (Huguet et al. 2023, Alg. 1): affinity graph →
 * Laplacian → heat kernel (Chebyshev, or exact for small n) → Varadhan distances.
 * Disconnected graphs: the heat kernel between components is 0, so their distances hit
 * the log floor; `capComponentDistances` replaces every cross-component distance by
 * 1.5× the largest within-component distance so MDS places the components side by side.
 */
import type { NeighbourLists } from '../linalg/distances';
import { chebyshevTruncationBound, heatKernelChebyshevDense } from './chebyshev';
import { affinityGraph, connectedComponents, type AffinityGraph } from './graph';
import { heatKernelExact, laplacianEigen } from './heatExact';
import { laplacian, laplacianSpectralBound, type LaplacianKind } from './laplacian';
import type { CsrMatrix } from './sparse';
import { varadhanDistances } from './varadhan';

export interface HeatGeodesicOptions {
  k: number;
  alpha: number;
  laplacian: LaplacianKind;
  t: number;
  order: number;
  sigma: number;
  /** 'exact' uses the dense eigendecomposition (O(n³)). */
  heat: 'chebyshev' | 'exact';
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

export interface HeatGeodesicResult extends GraphStage {
  heat: Float64Array;
  distances: Float64Array;
  /** Spectral-norm bound on the Chebyshev truncation error (0 for the exact path). */
  truncationBound: number;
}

export function heatGeodesicDistances(x: ArrayLike<number>, n: number, d: number, options: HeatGeodesicOptions): HeatGeodesicResult {
  const stage = graphStage(x, n, d, options);
  let heat: Float64Array;
  let truncationBound = 0;
  if (options.heat === 'exact') {
    heat = heatKernelExact(laplacianEigen(stage.laplacian), options.t);
  } else {
    heat = heatKernelChebyshevDense(stage.laplacian, stage.lambdaMax, options.t, options.order);
    truncationBound = chebyshevTruncationBound(options.t, stage.lambdaMax, options.order);
  }
  const distances = varadhanDistances(heat, n, options.t, options.sigma);
  if (stage.components.count > 1) capComponentDistances(distances, n, stage.components.labels);
  return { ...stage, heat, distances, truncationBound };
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
