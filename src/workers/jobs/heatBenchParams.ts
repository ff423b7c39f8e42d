/** Parameters of the heat benchmark (bench/heat.bench.ts and its GPU case); no kernel imports so Node can load it. */
import type { HeatParams } from './heat';

/** The benchmark's parameters (shared with bench/heat.bench.ts). */
export function heatBenchParams(n: number, noise = 0.1): HeatParams {
  return {
    dataset: 'swissroll',
    n,
    noise,
    k: 10,
    alpha: 40,
    laplacian: 'normalized',
    t: 100,
    autoT: false,
    order: 60,
    sigma: 1,
    heat: 'chebyshev',
    method: 'heatgeo',
    mdsIterations: 50,
    dims: 2,
    seed: 7,
    skipQuality: true,
  };
}
