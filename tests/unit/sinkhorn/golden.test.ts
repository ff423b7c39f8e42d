/**
 * Golden values for the f64 entropic OT solvers, each from an independent source:
 * the monotone (north-west corner) coupling of 1-D OT, the closed form of entropic
 * OT between Gaussians (Janati et al. 2020), and POT's plans saved as fixtures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costMatrix, makeProblem, maxCost, solveEntropic, transportCost } from '../../../src/geometry/ot';
import { OT_METHODS, type OtMethod } from '../../../src/geometry/ot/solver';
import { mulberry32 } from '../../../src/geometry/random';
import { F64_ITERATIVE, F64_PEER, expectClose } from '../../../src/geometry/tolerance';

/** North-west corner rule on sorted supports: the monotone coupling, the unique 1-D OT plan for a strictly convex cost. */
function northWestCorner(a: number[], b: number[]): Float64Array {
  const n = a.length;
  const m = b.length;
  const plan = new Float64Array(n * m);
  const ra = a.slice();
  const rb = b.slice();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const t = Math.min(ra[i], rb[j]);
    plan[i * m + j] += t;
    ra[i] -= t;
    rb[j] -= t;
    if (ra[i] <= 1e-15 && i < n - 1) i++;
    else if (rb[j] <= 1e-15) j++;
    else i++;
  }
  return plan;
}

describe('1-D OT as ε → 0 is the monotone coupling', () => {
  const random = mulberry32(11);
  const n = 7;
  const m = 5;
  const x = Array.from({ length: n }, () => random() * 4).sort((p, q) => p - q);
  const y = Array.from({ length: m }, () => 1 + random() * 4).sort((p, q) => p - q);
  const wa = x.map(() => 0.5 + random());
  const wb = y.map(() => 0.5 + random());
  const sa = wa.reduce((s, v) => s + v, 0);
  const sb = wb.reduce((s, v) => s + v, 0);
  const a = wa.map((v) => v / sa);
  const b = wb.map((v) => v / sb);
  const cost = costMatrix(x, y, n, m, 1, 'sqeuclidean');
  const problem = makeProblem(a, b, cost);
  const expected = northWestCorner(a, b);

  // The entropic plan approaches the LP plan exponentially in 1/ε once ε is below the
  // smallest reduced-cost gap; these random points leave ~1e-5 of mass off the monotone
  // coupling at ε = 1e-4 · max C and ~1e-8 at ε = 1e-5 · max C. The solve tolerance 1e-10
  // sits above the f64 floor of the marginal error at ε = 1e-5 · max C (C/ε ~ 1e5 amplifies
  // rounding of f + g − C to ~1e-12).
  for (const method of ['log', 'sns'] as const) {
    for (const [relative, tolerance] of [
      [1e-4, 5e-5],
      [1e-5, 1e-7],
    ] as const) {
      it(`${method}: ε = ${relative} · max C reproduces the north-west corner plan within ${tolerance}`, () => {
        const result = solveEntropic(problem, relative * maxCost(cost), method, { tolerance: 1e-10, maxIterations: 400_000 });
        expect(result.converged).toBe(true);
        expectClose(result.plan, expected, { absolute: tolerance, relative: 0 }, `${method} plan`);
        expectClose(result.cost, transportCost(expected, cost), { absolute: 10 * tolerance, relative: 0 }, 'cost');
      });
    }
  }

  it('the entropic plan at larger ε is measurably not monotone (the test can fail)', () => {
    const result = solveEntropic(problem, 0.5 * maxCost(cost), 'log', { tolerance: 1e-12 });
    let worst = 0;
    for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(result.plan[k] - expected[k]));
    expect(worst).toBeGreaterThan(1e-3);
  });
});

describe('entropic OT between 1-D Gaussians (closed form)', () => {
  // μ = N(m1, α²), ν = N(m2, β²), cost |x − y|², objective ⟨C,P⟩ + ε KL(P‖μ⊗ν)
  // (equivalent to ⟨C,P⟩ − εH(P) at fixed marginals). With 2σ² = ε the optimal plan is
  // Gaussian with cross-covariance c = (√(4α²β² + σ⁴) − σ²)/2 (Janati, Muzellec, Peyré,
  // Cuturi 2020, Theorem 1: C_σ = ½ A^½ D_σ A^−½ − σ²/2 · I, D_σ = (4A^½BA^½ + σ⁴I)^½, d = 1),
  // so ⟨C,P⟩ = (m1 − m2)² + α² + β² − 2c.
  const m1 = -0.5;
  const m2 = 0.7;
  const alpha = 0.5;
  const beta = 0.8;
  const n = 400;
  const grid = Array.from({ length: n }, (_, i) => -5 + (10 * i) / (n - 1));
  const density = (mu: number, s: number) => {
    const w = grid.map((t) => Math.exp(-((t - mu) ** 2) / (2 * s * s)));
    const total = w.reduce((p, q) => p + q, 0);
    return w.map((v) => v / total);
  };
  const problem = makeProblem(density(m1, alpha), density(m2, beta), costMatrix(grid, grid, n, n, 1, 'sqeuclidean'));

  for (const epsilon of [0.5, 0.1]) {
    it(`ε = ${epsilon}: ⟨C, P⟩ matches the closed form to 1e-4 (discretisation on a 400-point grid)`, () => {
      const s2 = epsilon / 2;
      const c = (Math.sqrt(4 * alpha ** 2 * beta ** 2 + s2 ** 2) - s2) / 2;
      const expected = (m1 - m2) ** 2 + alpha ** 2 + beta ** 2 - 2 * c;
      const result = solveEntropic(problem, epsilon, 'log', { tolerance: 1e-10 });
      expectClose(result.cost, expected, { absolute: 0, relative: 1e-4 }, 'entropic transport cost');
      // and it is not the unregularised W2² = (m1 − m2)² + (α − β)², which the closed form exceeds here
      expect(Math.abs(result.cost - ((m1 - m2) ** 2 + (alpha - beta) ** 2))).toBeGreaterThan(0.01);
    });
  }
});

interface Fixture {
  name: string;
  pot_function: string;
  reg: number;
  a: number[];
  b: number[];
  cost: number[][];
  plan: number[][];
  transport_cost: number;
}

describe('plans against POT (tests/fixtures/sinkhorn/pot_plans.json)', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/sinkhorn/pot_plans.json', import.meta.url), 'utf8')) as {
    problems: Fixture[];
  };
  expect(fixtures.problems.length).toBeGreaterThanOrEqual(5);
  for (const fx of fixtures.problems) {
    for (const method of OT_METHODS as readonly OtMethod[]) {
      // the scaling form is only asked where POT's own scaling solver was used (moderate ε)
      if (method === 'sinkhorn' && fx.pot_function.endsWith('sinkhorn_log') && fx.reg < 0.05) continue;
      it(`${fx.name}: ${method} matches ${fx.pot_function}`, () => {
        const problem = makeProblem(fx.a, fx.b, fx.cost.flat());
        const result = solveEntropic(problem, fx.reg, method, { tolerance: 1e-13, maxIterations: 200_000 });
        expectClose(result.plan, fx.plan.flat(), F64_PEER, `${method} plan`);
        expectClose(result.cost, fx.transport_cost, F64_ITERATIVE, 'transport cost');
      });
    }
  }
});
