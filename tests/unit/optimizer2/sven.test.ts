import { describe, expect, it } from 'vitest';
import { choleskySolve, createSvenRace, denseSvd, initRegressionNet, makeRegressionProblem, pseudoinverseApply, randomizedSvd, regressionNet, residualJacobian } from '../../../src/geometry/optim';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { runSvenJob, type SvenParams } from '../../../src/workers/jobs/optimizer2';

describe('Sven: residual Jacobian and truncated pseudoinverse', () => {
  it('J matches central finite differences of the residuals (h = 1e-5)', () => {
    const random = mulberry32(4);
    for (const d of [1, 2]) {
      const net = regressionNet(d, 5);
      const theta = initRegressionNet(net, random);
      for (let i = 0; i < net.P; i++) theta[i] += 0.3 * gaussianVector(1, random)[0];
      const n = 7;
      const x = gaussianVector(n * d, random);
      const y = gaussianVector(n, random);
      const r = new Float64Array(n);
      const J = new Float64Array(n * net.P);
      residualJacobian(net, theta, x, y, r, J);
      const h = 1e-5;
      const rp = new Float64Array(n);
      const rm = new Float64Array(n);
      for (let p = 0; p < net.P; p++) {
        const tp = theta.slice();
        const tm = theta.slice();
        tp[p] += h;
        tm[p] -= h;
        residualJacobian(net, tp, x, y, rp);
        residualJacobian(net, tm, x, y, rm);
        const fd = Array.from(rp, (v, i) => (v - rm[i]) / (2 * h));
        expectClose(Array.from({ length: n }, (_, i) => J[i * net.P + p]), fd, F64_ITERATIVE, `∂r/∂θ_${p} (d = ${d})`);
      }
    }
  });

  it('with k = n < P the step J⁺r is the closed-form minimum-norm Gauss–Newton step Jᵀ(JJᵀ)⁻¹r', () => {
    const random = mulberry32(6);
    const n = 9;
    const P = 23;
    const J = gaussianVector(n * P, random);
    const r = gaussianVector(n, random);
    const gram = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let p = 0; p < P; p++) gram[a * n + b] += J[a * P + p] * J[b * P + p];
    const w = choleskySolve(gram, r, n);
    const expected = new Float64Array(P);
    for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) expected[p] += J[i * P + p] * w[i];
    expectClose(pseudoinverseApply(randomizedSvd(J, n, P, n, random), r, new Float64Array(P), 0), expected, F64_EXACT, 'randomized J⁺r');
    expectClose(pseudoinverseApply(denseSvd(J, n, P), r, new Float64Array(P), 0), expected, F64_EXACT, 'dense J⁺r');
  });

  it('the truncated step solves the least-squares problem restricted to the top-k left singular space: U_kᵀ(J Δ − r) = 0', () => {
    const random = mulberry32(7);
    const n = 12;
    const P = 30;
    const J = gaussianVector(n * P, random);
    const r = gaussianVector(n, random);
    const svd = randomizedSvd(J, n, P, 5, random, 7);
    const step = pseudoinverseApply(svd, r, new Float64Array(P), 0);
    const res = Array.from({ length: n }, (_, i) => J.subarray(i * P, (i + 1) * P).reduce((s, v, p) => s + v * step[p], 0) - r[i]);
    const proj = Array.from({ length: 5 }, (_, t) => res.reduce((s, v, i) => s + v * svd.U[i * 5 + t], 0));
    expectClose(proj, [0, 0, 0, 0, 0], F64_EXACT, 'U_kᵀ residual');
  });

  it('rejects bad ranks and shapes', () => {
    expect(() => randomizedSvd(new Float64Array(6), 2, 3, 3, mulberry32(1))).toThrow(/invalid rank k: 3/);
    expect(() => randomizedSvd(new Float64Array(5), 2, 3, 1, mulberry32(1))).toThrow(/Jacobian has 5 entries/);
    expect(() => regressionNet(0, 4)).toThrow(/invalid input dimension d: 0/);
  });
});

describe('Sven race', () => {
  it('all methods start from the same loss; L-BFGS with Armijo backtracking never increases it', () => {
    const p = makeRegressionProblem('2d', 20, 6, mulberry32(3));
    const race = createSvenRace(p, { steps: 30, k: 8, lrSgd: 0.1, lrAdam: 0.01, lrSven: 0.5, seed: 3 });
    while (race.step());
    for (const m of ['adam', 'lbfgs', 'sven'] as const) expect(race.traces[m].loss[0]).toBe(race.traces.sgd.loss[0]);
    for (let t = 1; t <= 30; t++) expect(race.traces.lbfgs.loss[t]).toBeLessThanOrEqual(race.traces.lbfgs.loss[t - 1]);
  });
});

describe('optimizer/sven job', () => {
  const base: SvenParams = { task: '2d', n: 16, hidden: 6, k: 4, lrSven: 0.5, lrSgd: 0.1, lrAdam: 0.01, steps: 5, seed: 1 };
  it('reports the k = n Gauss–Newton gap at rounding level (≤ 100 ε κ(J)) against the dense SVD when n < P', async () => {
    const r = await runSvenJob(base);
    expect(r.P).toBe(6 * 4 + 1);
    const s = r.init.denseSingular;
    const kappa = s[0] / s[s.length - 1];
    expect(r.init.gaussNewtonGap!).toBeLessThan(100 * Number.EPSILON * kappa);
    expect(r.done).toBe(5);
  });
  it('rejects an unknown task', async () => {
    await expect(runSvenJob({ ...base, task: '3d' as '2d' })).rejects.toThrow(/invalid task: 3d/);
  });
});
