/**
 * GPU benchmark cases for bench/sinkhorn.bench.ts: a full log-domain Sinkhorn solve on
 * the benchmark problem (uniformClouds, seed 1, squared Euclidean cost / max), to a
 * marginal error at the f32 floor (float32ErrorFloor: max(1e-6, 4·2⁻²⁴·max C/ε)) or 5000
 * iterations, one case per ε. A run
 * uploads the problem, iterates in batches of 25 and reads the error history back after
 * each batch (that readback is how it knows to stop), and reads the potentials at the end.
 */
import { costMatrix, normalizeByMax } from '../../src/geometry/ot/costs';
import { uniformClouds } from '../../src/geometry/ot/datasets';
import { makeProblem, type OtProblem } from '../../src/geometry/ot/problem';
import { mulberry32 } from '../../src/geometry/random';
import type { BenchCase } from '../../tests/harness/main';
import { float32ErrorFloor, SinkhornLogGpu } from '../../src/kernels/sinkhorn/sinkhorn';

export const BENCH_EPSILONS = [0.05, 0.01, 0.001] as const;
const MAX_ITERATIONS = 5000;

let cache: { n: number; problem: OtProblem } | null = null;

export function benchProblem(n: number): OtProblem {
  if (cache?.n === n) return cache.problem;
  const d = uniformClouds(n, mulberry32(1));
  const cost = costMatrix(d.x, d.y, d.n, d.m, 2, 'sqeuclidean');
  normalizeByMax(cost);
  cache = { n, problem: makeProblem(d.a, d.b, cost) };
  return cache.problem;
}

function solveCase(epsilon: number): BenchCase {
  const name = `sinkhorn-log-${epsilon}`;
  return {
    name,
    async run(ctx, n) {
      const problem = benchProblem(n);
      const tolerance = float32ErrorFloor(problem, epsilon);
      const run = new SinkhornLogGpu(ctx, problem, epsilon, MAX_ITERATIONS);
      try {
        while (run.iterations < MAX_ITERATIONS) {
          const errors = await run.run(25);
          if (errors[errors.length - 1] <= tolerance) break;
        }
        const { f } = await run.readPotentials();
        return f[0];
      } finally {
        run.destroy();
      }
    },
  };
}

export const benches: BenchCase[] = BENCH_EPSILONS.map(solveCase);
