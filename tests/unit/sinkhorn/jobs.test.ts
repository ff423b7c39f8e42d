/** The chapter's jobs on the CPU path, with a stand-in job context. */
import { describe, expect, it } from 'vitest';
import { marginalError, makeProblem, transportCost } from '../../../src/geometry/ot';
import { planSummary } from '../../../src/geometry/ot/metrics';
import { mulberry32 } from '../../../src/geometry/random';
import { DeviceLimitError } from '../../../src/kernels/context';
import { InputError, standaloneContext, type JobContext } from '../../../src/workers/job';
import { solve, type SinkhornParams } from '../../../src/workers/jobs/sinkhorn';
import { race } from '../../../src/workers/jobs/sinkhornRace';

function context<P>(reports: P[] = []): JobContext<P> {
  return standaloneContext<P>({ onProgress: (r) => void reports.push(r) });
}

const base: SinkhornParams = {
  n: 40,
  epsilon: 0.01,
  cost: 'sqeuclidean',
  method: 'log',
  dataset: 'moons',
  seed: 1,
  tolerance: 1e-9,
  maxIterations: 5000,
};

describe('planSummary (the job\'s final marginal error and ⟨C, P⟩ in one pass)', () => {
  it('agrees with row and column sums taken apart and with transportCost to the last bit, on an uneven 37×53 problem', () => {
    const random = mulberry32(7);
    const n = 37;
    const m = 53;
    const a = Array.from({ length: n }, () => random());
    const sa = a.reduce((s, v) => s + v, 0);
    const b = Array.from({ length: m }, () => random());
    const sb = b.reduce((s, v) => s + v, 0);
    const problem = makeProblem(a.map((v) => v / sa), b.map((v) => (v / sb)), Float64Array.from({ length: n * m }, () => random() * 3));
    const plan = Float64Array.from({ length: n * m }, () => random() / (n * m));
    const summary = planSummary(plan, problem);
    // ⟨C, P⟩ in transportCost's order: the same bits
    expect(summary.cost).toBe(transportCost(plan, problem.cost));
    // the marginal error from row and column sums taken here, column by column for the columns
    let expected = 0;
    for (let i = 0; i < n; i++) expected += Math.abs(plan.subarray(i * m, (i + 1) * m).reduce((s, v) => s + v, 0) - problem.a[i]);
    for (let j = 0; j < m; j++) {
      let column = 0;
      for (let i = 0; i < n; i++) column += plan[i * m + j];
      expected += Math.abs(column - problem.b[j]);
    }
    expect(summary.marginalError).toBeGreaterThan(0.1);
    expect(Math.abs(summary.marginalError - expected)).toBeLessThan(1e-14 * expected);
    expect(marginalError(plan, problem)).toBe(summary.marginalError);
  });
});

describe('sinkhorn/solve', () => {
  it('solves a built-in problem: marginals, cost and history agree with the returned plan', async () => {
    const r = await solve.cpu(context(), base, null);
    const problem = makeProblem(r.a, r.b, new Float64Array(r.n * r.m)); // masses only
    expect(r.converged).toBe(true);
    expect(r.marginalError).toBeLessThan(1e-9);
    expect(marginalError(r.plan, problem)).toBeCloseTo(r.marginalError, 12);
    expect(r.history.iteration.length).toBe(r.iterations);
    expect(r.history.marginalError[r.iterations - 1]).toBeLessThanOrEqual(1e-9);
    expect(r.x.length).toBe(r.n * r.dim);
    expect(Array.from(r.history.seconds).every((s, k, all) => k === 0 || s >= all[k - 1])).toBe(true);
  });

  it('takes a loaded cost matrix as given (no rescaling)', async () => {
    const cost = [0, 2, 2, 0];
    const r = await solve.cpu(context(), { ...base, epsilon: 0.5 }, { a: [0.5, 0.5], b: [0.5, 0.5], cost });
    expect(r.costScale).toBe(1);
    // closed form for 2×2 symmetric: P_off / P_diag = exp(−2/ε) with rows summing to 1/2
    const off = 0.5 / (1 + Math.exp(2 / 0.5));
    expect(r.plan[1]).toBeCloseTo(off, 9);
    expect(r.cost).toBeCloseTo(transportCost(r.plan, cost), 12);
  });

  it('computes the cost of loaded points with params.cost', async () => {
    const r = await solve.cpu(context(), { ...base, cost: 'l1', epsilon: 0.05 }, { a: [1, 1], b: [1, 1], x: [0, 0, 1, 1], y: [0, 1, 1, 0], dim: 2, normalize: true });
    expect(r.n).toBe(2);
    expect(r.a[0]).toBe(0.5);
    expect(r.marginalError).toBeLessThan(1e-9);
  });

  it('streams progress with the history so far', async () => {
    const reports: { iteration: number; history: { iteration: Float64Array } }[] = [];
    await solve.cpu(context(reports), { ...base, n: 200, epsilon: 0.002, method: 'log', maxIterations: 300, tolerance: 1e-12 }, null);
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.history.iteration.length).toBe(r.iteration);
  });

  it('bad input is an InputError naming the value', async () => {
    await expect(solve.cpu(context(), { ...base, epsilon: -1 }, null)).rejects.toThrow(/invalid epsilon: -1/);
    await expect(solve.cpu(context(), { ...base, n: 100000 }, null)).rejects.toThrow(InputError);
    await expect(solve.cpu(context(), base, { a: [0.5, NaN], b: [0.5, 0.5], cost: [0, 1, 1, 0] })).rejects.toThrow(/a\[1\] = NaN/);
    await expect(solve.cpu(context(), base, { a: [1, 1], b: [0.5, 0.5], cost: [0, 1, 1, 0] })).rejects.toThrow(/masses differ/);
  });

  it('scaling underflow at tiny ε is reported, not returned as NaNs', async () => {
    await expect(solve.cpu(context(), { ...base, dataset: 'rings', method: 'sinkhorn', epsilon: 1e-4 }, null)).rejects.toThrow(/use the log-domain method/);
  });

  it('the GPU path declines methods other than log with a DeviceLimitError (the engine reruns on the CPU)', async () => {
    await expect(solve.gpu!(context(), { ...base, method: 'sns' }, null)).rejects.toThrow(DeviceLimitError);
  });
});

describe('sinkhorn/race', () => {
  it('runs the three methods to the same tolerance on one problem', async () => {
    const r = await race.cpu(context(), { ...base, n: 60, epsilon: 0.005 }, null);
    expect(r.entries.map((e) => e.method)).toEqual(['sinkhorn', 'log', 'sns']);
    for (const e of r.entries) {
      expect(e.converged).toBe(true);
      expect(e.history.marginalError[e.iterations - 1]).toBeLessThanOrEqual(1e-9);
    }
    const [sinkhorn, , sns] = r.entries;
    expect(sns.iterations).toBeLessThan(sinkhorn.iterations);
  });
});
