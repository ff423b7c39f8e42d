/** Invariants of the entropic OT solvers: marginals, nonnegativity, agreement, duality. */
import { describe, expect, it } from 'vitest';
import {
  costMatrix,
  createSinkhorn,
  dualObjective,
  entropy,
  makeDataset,
  makeProblem,
  marginalError,
  normalizeByMax,
  solveEntropic,
  transportCost,
  DATASETS,
  type DatasetName,
  type OtProblem,
} from '../../../src/geometry/ot';
import { mulberry32 } from '../../../src/geometry/random';
import { F64_ITERATIVE, expectClose } from '../../../src/geometry/tolerance';

function builtIn(name: DatasetName, n: number, seed = 3): OtProblem {
  const d = makeDataset(name, n, mulberry32(seed));
  const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, 'sqeuclidean');
  normalizeByMax(cost);
  return makeProblem(d.a, d.b, cost);
}

describe('every method on every built-in dataset', () => {
  for (const name of DATASETS) {
    const problem = builtIn(name, 49);
    const epsilon = 0.01;
    const plans = (['sinkhorn', 'log', 'sns'] as const).map((method) => {
      const result = solveEntropic(problem, epsilon, method, { tolerance: 1e-11, maxIterations: 50_000 });
      return { method, result };
    });
    for (const { method, result } of plans) {
      it(`${name}/${method}: nonnegative plan whose marginals match a and b within 1e-10`, () => {
        expect(result.converged).toBe(true);
        expect(Math.min(...result.plan)).toBeGreaterThanOrEqual(0);
        expect(marginalError(result.plan, problem)).toBeLessThan(1e-10);
        expect(result.history.at(-1)?.iteration).toBe(result.iterations);
      });
    }
    it(`${name}: sinkhorn, log and sns converge to the same plan`, () => {
      expectClose(plans[1].result.plan, plans[0].result.plan, F64_ITERATIVE, 'log vs sinkhorn');
      expectClose(plans[2].result.plan, plans[0].result.plan, F64_ITERATIVE, 'sns vs sinkhorn');
    });
  }
});

describe('duality and invariances', () => {
  const problem = builtIn('moons', 40);
  const epsilon = 0.02;

  it('strong duality: L(f, g) = ⟨C, P⟩ − ε H(P) at the optimum', () => {
    const result = solveEntropic(problem, epsilon, 'log', { tolerance: 1e-12 });
    const primal = transportCost(result.plan, problem.cost) - epsilon * entropy(result.plan);
    expectClose(dualObjective(result.f, result.g, problem, epsilon), primal, F64_ITERATIVE, 'dual vs primal');
    expectClose(result.history.at(-1)!.dual, primal, F64_ITERATIVE, 'reported dual');
  });

  it('the dual objective never decreases along Sinkhorn iterations (block coordinate ascent)', () => {
    const result = solveEntropic(problem, epsilon, 'log', { tolerance: 1e-12 });
    for (let k = 1; k < result.history.length; k++) {
      expect(result.history[k].dual).toBeGreaterThanOrEqual(result.history[k - 1].dual - 1e-14);
    }
  });

  it('adding a constant to the cost leaves the plan unchanged', () => {
    const shifted = makeProblem(problem.a, problem.b, problem.cost.map((c) => c + 3));
    const p0 = solveEntropic(problem, epsilon, 'log', { tolerance: 1e-12 }).plan;
    const p1 = solveEntropic(shifted, epsilon, 'log', { tolerance: 1e-12 }).plan;
    expectClose(p1, p0, F64_ITERATIVE, 'plan of C + 3');
  });

  it('the reported transport cost of each iteration is ⟨C, P⟩ of the returned plan', () => {
    for (const method of ['log', 'sns'] as const) {
      const result = solveEntropic(problem, epsilon, method, { tolerance: 1e-12 });
      expectClose(result.cost, transportCost(result.plan, problem.cost), F64_ITERATIVE, `${method} cost`);
    }
  });

  it('SNS takes far fewer iterations than Sinkhorn at small ε', () => {
    const p = builtIn('gaussians', 100, 5);
    const sinkhorn = solveEntropic(p, 1e-3, 'log', { tolerance: 1e-9, maxIterations: 100_000 });
    const sns = solveEntropic(p, 1e-3, 'sns', { tolerance: 1e-9, maxIterations: 100_000 });
    expect(sns.converged).toBe(true);
    expect(sns.iterations * 5).toBeLessThan(sinkhorn.iterations);
    expect(sns.history.some((r) => r.kind === 'newton')).toBe(true);
  });

  it('log-domain stays finite where the scaling form underflows (ε = 1e-4 · max C)', () => {
    const p = builtIn('rings', 30);
    const scaling = createSinkhorn(p, 1e-4);
    scaling.step();
    expect(scaling.failure).toMatch(/underflowed at epsilon = 0.0001/);
    expect(() => solveEntropic(p, 1e-4, 'sinkhorn')).toThrow(/use the log-domain method/);
    // Sinkhorn needs O(1/ε) iterations here: the log-domain run stays finite and its dual climbs...
    const log = solveEntropic(p, 1e-4, 'log', { tolerance: 1e-7, maxIterations: 2000 });
    expect(log.plan.every(Number.isFinite)).toBe(true);
    expect(log.history.every((r) => Number.isFinite(r.marginalError) && Number.isFinite(r.dual))).toBe(true);
    expect(log.history.at(-1)!.dual).toBeGreaterThan(log.history[0].dual);
    // ...and SNS, started from it, converges.
    const sns = solveEntropic(p, 1e-4, 'sns', { tolerance: 1e-7, maxIterations: 100_000 });
    expect(sns.converged).toBe(true);
    expect(marginalError(sns.plan, p)).toBeLessThan(1e-7);
  });
});

describe('datasets', () => {
  for (const name of DATASETS) {
    it(`${name}: masses sum to 1, shapes agree, the seed reproduces the data`, () => {
      const d = makeDataset(name, 30, mulberry32(9));
      expect(d.x.length).toBe(d.n * d.dim);
      expect(d.y.length).toBe(d.m * d.dim);
      expectClose(d.a.reduce((s, v) => s + v, 0), 1, { absolute: 1e-12, relative: 0 }, 'Σa');
      expectClose(d.b.reduce((s, v) => s + v, 0), 1, { absolute: 1e-12, relative: 0 }, 'Σb');
      expect(Array.from(makeDataset(name, 30, mulberry32(9)).y)).toEqual(Array.from(d.y));
    });
  }
  it('different seeds give different point clouds', () => {
    expect(Array.from(makeDataset('moons', 20, mulberry32(1)).x)).not.toEqual(Array.from(makeDataset('moons', 20, mulberry32(2)).x));
  });
});
