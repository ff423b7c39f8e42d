import { describe, expect, it } from 'vitest';
import { choleskySolve, createSvenRace, denseSvd, makeRegressionProblem, pseudoinverseApply, randomizedSvd, SVEN_SGD_BATCH } from '../../../src/geometry/optim';
import { createOptimizer, createRegressionMlp, initMlp, mlpLogitsJvp, regressionLoss, regressionLossGradient, regressionResidualJacobian, type RegressionData } from '../../../src/geometry/nn';
import { naturalGradientCheck, normalEquationsStep } from '../../../src/workers/jobs/optimizerSven';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { runSvenJob, type SvenParams } from '../../../src/workers/jobs/optimizer2';

describe('Sven: residual Jacobian and truncated pseudoinverse', () => {
  it('J from the shared core (regression head) matches central finite differences of the residuals (h = 1e-5)', () => {
    const random = mulberry32(4);
    for (const layers of [[1, 5, 1], [2, 5, 1], [2, 4, 3, 2]]) {
      const net = createRegressionMlp(layers, 'tanh');
      const P = net.paramCount;
      const theta = initMlp(net, random);
      for (let i = 0; i < P; i++) theta[i] += 0.3 * gaussianVector(1, random)[0];
      const n = 7;
      const k = layers[layers.length - 1];
      const data: RegressionData = { x: gaussianVector(n * layers[0], random), y: gaussianVector(n * k, random), n };
      const r = new Float64Array(n * k);
      const J = new Float64Array(n * k * P);
      regressionResidualJacobian(net, theta, data, r, J);
      const h = 1e-5;
      const rp = new Float64Array(n * k);
      const rm = new Float64Array(n * k);
      for (let p = 0; p < P; p++) {
        const tp = theta.slice();
        const tm = theta.slice();
        tp[p] += h;
        tm[p] -= h;
        regressionResidualJacobian(net, tp, data, rp);
        regressionResidualJacobian(net, tm, data, rm);
        const fd = Array.from(rp, (v, i) => (v - rm[i]) / (2 * h));
        expectClose(Array.from({ length: n * k }, (_, i) => J[i * P + p]), fd, F64_ITERATIVE, `∂r/∂θ_${p} (layers [${layers}])`);
      }
      // Reverse mode row by row against the forward-mode JVP of the same network: J v = slopes.
      const v = gaussianVector(P, random);
      const slopes = new Float64Array(n * k);
      mlpLogitsJvp(net, theta, data, v, slopes);
      expectClose(Array.from({ length: n * k }, (_, i) => J.subarray(i * P, (i + 1) * P).reduce((s, a, q) => s + a * v[q], 0)), slopes, F64_EXACT, 'J v');
      // ∇L = (1/n) Jᵀ r, and L = (1/2n) Σ r².
      const grad = new Float64Array(P);
      const loss = regressionLossGradient(net, theta, data, grad);
      expectClose(grad, Array.from({ length: P }, (_, q) => r.reduce((s, ri, i) => s + (ri * J[i * P + q]) / n, 0)), F64_EXACT, '∇L');
      expectClose(loss, r.reduce((s, ri) => s + ri * ri, 0) / (2 * n), F64_EXACT, 'L');
      expectClose(regressionLoss(net, theta, data), loss, F64_EXACT, 'regressionLoss');
    }
  });

  it('under-parameterized (n > P, k = P): the Sven step is the natural-gradient / Gauss–Newton step (JᵀJ)⁻¹Jᵀr of a dense f64 solve', () => {
    const random = mulberry32(8);
    // A network Jacobian: the 1-D fit, h = 4 (P = 13) on n = 40 points.
    const p = makeRegressionProblem('1d', 40, 4, random);
    const P = p.net.paramCount;
    const r = new Float64Array(40);
    const J = new Float64Array(40 * P);
    regressionResidualJacobian(p.net, p.theta0, p.data, r, J);
    const normal = normalEquationsStep(J, r, 40, P);
    // Independent of the normal equations: J⁺r by the dense one-sided Jacobi SVD of Jᵀ (P × n), J = V Σ Uᵀ there.
    const t = denseSvd(Float64Array.from({ length: P * 40 }, (_, q) => J[(q % 40) * P + Math.floor(q / 40)]), P, 40);
    const viaTranspose = new Float64Array(P);
    for (let c = 0; c < P; c++) {
      let s = 0;
      for (let i = 0; i < 40; i++) s += t.V[i * P + c] * r[i];
      for (let q = 0; q < P; q++) viaTranspose[q] += (t.U[q * P + c] * s) / t.values[c];
    }
    const kappa = t.values[0] / t.values[P - 1];
    const sven = pseudoinverseApply(randomizedSvd(J, 40, P, P, random), r, new Float64Array(P), 0);
    // The normal equations lose ε κ²; the two SVD paths ε κ.
    const scale = Math.max(...Array.from(viaTranspose, Math.abs));
    for (let q = 0; q < P; q++) {
      expect(Math.abs(sven[q] - viaTranspose[q]) / scale).toBeLessThan(100 * Number.EPSILON * kappa);
      expect(Math.abs(sven[q] - normal[q]) / scale).toBeLessThan(100 * Number.EPSILON * kappa * kappa);
    }
    // The job's live check on the default cell (n = 48, P = 65 > n): the widest network with P' ≤ n/2, h' = 5, P' = 21.
    const live = naturalGradientCheck({ task: '2d', n: 48, hidden: 16, k: 16, lrSven: 0.3, lrSgd: 0.1, lrAdam: 0.01, steps: 1, seed: 1 })!;
    expect([live.hidden, live.P]).toEqual([5, 21]);
    expect(live.condition).toBeLessThan(1e6);
    expect(live.gap).toBeLessThan(100 * Number.EPSILON * live.condition ** 2);
    // The 1-D task's J is ill-conditioned at h' = ⌊23/3⌋ = 7 (κ > 1e6): the check halves to h' = 3 (κ ≈ 3e5).
    const oneD = naturalGradientCheck({ task: '1d', n: 48, hidden: 16, k: 16, lrSven: 0.3, lrSgd: 0.1, lrAdam: 0.01, steps: 1, seed: 1 })!;
    expect(oneD.hidden).toBe(3);
    expect(oneD.condition).toBeLessThan(1e6);
    expect(oneD.gap).toBeLessThan(100 * Number.EPSILON * oneD.condition ** 2);
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
    expect(() => createRegressionMlp([2, 4, 0], 'tanh')).toThrow(/MLP layer size layers\[2\] = 0/);
    expect(() => makeRegressionProblem('1d', 10, 0, mulberry32(1))).toThrow(/invalid hidden width: 0/);
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

describe('Sven race: SGD is minibatch SGD', () => {
  it(`with n = ${SVEN_SGD_BATCH} (one batch is the whole set, reshuffled) SGD is full-batch GD up to summation order`, () => {
    const p = makeRegressionProblem('2d', SVEN_SGD_BATCH, 5, mulberry32(9));
    const race = createSvenRace(p, { steps: 10, k: 4, lrSgd: 0.1, lrAdam: 0.01, lrSven: 0.3, seed: 9 });
    while (race.step());
    const gd = createOptimizer('sgd', p.net.paramCount);
    const theta = p.theta0.slice();
    const grad = new Float64Array(p.net.paramCount);
    const update = new Float64Array(p.net.paramCount);
    for (let t = 1; t <= 10; t++) {
      regressionLossGradient(p.net, theta, p.data, grad);
      gd.update(theta, grad, 0.1, update);
      for (let q = 0; q < theta.length; q++) theta[q] += update[q];
      expectClose(race.traces.sgd.loss[t], regressionLoss(p.net, theta, p.data), F64_ITERATIVE, `GD loss at step ${t}`);
    }
  });
  it(`with n = 40 > ${SVEN_SGD_BATCH} its steps are minibatch steps: its loss leaves full-batch GD's, and the seed changes it`, () => {
    const p = makeRegressionProblem('2d', 40, 5, mulberry32(9));
    const run = (seed: number) => {
      const race = createSvenRace(p, { steps: 5, k: 4, lrSgd: 0.1, lrAdam: 0.01, lrSven: 0.3, seed });
      while (race.step());
      return race.traces.sgd.loss;
    };
    const gd = createOptimizer('sgd', p.net.paramCount);
    const theta = p.theta0.slice();
    const grad = new Float64Array(p.net.paramCount);
    const update = new Float64Array(p.net.paramCount);
    regressionLossGradient(p.net, theta, p.data, grad);
    gd.update(theta, grad, 0.1, update);
    for (let q = 0; q < theta.length; q++) theta[q] += update[q];
    const a = run(1);
    expect(Math.abs(a[1] - regressionLoss(p.net, theta, p.data))).toBeGreaterThan(1e-6);
    expect(run(1)).toEqual(a);
    expect(Math.abs(run(2)[1] - a[1])).toBeGreaterThan(1e-9);
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
    // n = 16 < P = 25: the under-parameterized check uses h' = ⌊(16/2 − 1)/4⌋ = 1, P' = 5 < n.
    expect([r.init.naturalGradient!.hidden, r.init.naturalGradient!.P]).toEqual([1, 5]);
    expect(r.init.naturalGradient!.gap).toBeLessThan(100 * Number.EPSILON * r.init.naturalGradient!.condition ** 2);
  });
  it('rejects an unknown task', async () => {
    await expect(runSvenJob({ ...base, task: '3d' as '2d' })).rejects.toThrow(/unknown task: 3d \(expected 2d, 1d\)/);
  });
});
