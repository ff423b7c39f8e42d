/**
 * GPU benchmark case for bench/heat.bench.ts: the `heat/embed` job end to end on the
 * GPU path (kNN, Chebyshev heat kernel by spmm, Varadhan transform and SMACOF on
 * WebGPU; graph and classical MDS on the CPU) for a Swiss roll of `size` points, with
 * the same parameters as the CPU column. The embedding's quality is left on
 * `window.heatBenchQuality` for the benchmark to read.
 */
import type { BenchCase } from '../../tests/harness/main';
import { embeddingQuality, makeDataset } from '../../src/geometry/heat';
import { mulberry32 } from '../../src/geometry/random';
import { standaloneContext } from '../../src/workers/job';
import { embedJob, type HeatProgress } from '../../src/workers/jobs/heat';
import { heatBenchParams } from '../setup/heatParams';

declare global {
  interface Window {
    heatBenchQuality?: Record<number, number>;
  }
}

export const benches: BenchCase[] = [
  {
    name: 'heat-embed',
    async run(gpu, n) {
      const ctx = standaloneContext<HeatProgress>({ backend: 'webgpu', gpu });
      const params = heatBenchParams(n);
      const result = await embedJob.gpu!(ctx, params, null);
      const data = makeDataset('swissroll', n, params.noise, mulberry32(params.seed));
      window.heatBenchQuality ??= {};
      window.heatBenchQuality[n] = embeddingQuality(result.embedding, n, 2, data.groundTruth!, 1000).spearman;
      return result.embedding[0];
    },
  },
];
