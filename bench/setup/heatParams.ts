/** Parameters of the heat benchmark (bench/heat.bench.ts and its GPU case); no kernel imports so Node can load it. */
import { chebyshevOrderFor } from '../../src/geometry/heat/chebyshev';
import type { HeatParams } from '../../src/workers/jobs/heat';

/** The benchmark's parameters (shared with bench/heat.bench.ts). */
export function heatBenchParams(n: number, noise = 0.1): HeatParams {
  return {
    dataset: 'swissroll',
    n,
    noise,
    k: 10,
    alpha: 40,
    laplacian: 'normalized',
    // hop distances across a 2-D manifold grow like √n, diffusion time like their square
    t: n / 5,
    autoT: false,
    order: chebyshevOrderFor(n / 5, 2, 1e-8),
    sigma: 1,
    heat: 'chebyshev',
    method: 'heatgeo',
    mdsIterations: 50,
    dims: 2,
    seed: 7,
    skipQuality: true,
  };
}
