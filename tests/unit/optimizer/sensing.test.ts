import { describe, expect, it } from 'vitest';
import {
  asymmetricGradient,
  asymmetricLoss,
  createSensingRace,
  factorError,
  lastAbove,
  linearRate,
  logLogSlope,
  makeSensingProblem,
  rebalanceFactors,
  runSensingRace,
  sensingInit,
  singularValues,
  symmetricGradient,
  symmetricLoss,
} from '../../../src/geometry/optim';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

/** Central differences of f along each coordinate of x. */
function finiteDifference(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + h;
    const up = f(x);
    x[i] = keep - h;
    const down = f(x);
    x[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Plain n×n products for closed forms, written here independently of the library. */
function mul(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, inner: number, cols: number, transposeB = false): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let p = 0; p < inner; p++) s += a[i * inner + p] * (transposeB ? b[j * inner + p] : b[p * cols + j]);
      out[i * cols + j] = s;
    }
  return out;
}
const T = (a: ArrayLike<number>, rows: number, cols: number) => Float64Array.from({ length: rows * cols }, (_, i) => a[(i % rows) * cols + Math.floor(i / rows)]);

describe('matrix sensing gradients', () => {
  const random = mulberry32(5);
  const problem = makeSensingProblem({ n: 5, r: 2, m: 40, kappa: 3 }, random);
  const k = 3;
  const X = gaussianVector(5 * k, random);
  const F = gaussianVector(5 * k, random);
  const G = gaussianVector(5 * k, random);

  it('the symmetric gradient (2/m) Σ r_i A_i X matches central finite differences of f(X)', () => {
    const g = new Float64Array(5 * k);
    symmetricGradient(problem, X, k, g);
    expectClose(g, finiteDifference((x) => symmetricLoss(problem, x, k), X), F64_ITERATIVE, '∇f(X)');
  });

  it('the asymmetric gradients (1/m) Σ r_i B_i G and (1/m) Σ r_i B_iᵀ F match finite differences', () => {
    const gF = new Float64Array(5 * k);
    const gG = new Float64Array(5 * k);
    asymmetricGradient(problem, F, G, k, gF, gG);
    expectClose(gF, finiteDifference((f) => asymmetricLoss(problem, f, G, k), F), F64_ITERATIVE, '∇_F');
    expectClose(gG, finiteDifference((g) => asymmetricLoss(problem, F, g, k), G), F64_ITERATIVE, '∇_G');
  });

  it('with the identity measurement map (B = n E_jl), f = ½‖XXᵀ − M*‖² and ∇f = 2(XXᵀ − M*)X in closed form', () => {
    const n = 4;
    const basis = makeSensingProblem({ n, r: 2, m: 0, kappa: 2, measurement: 'basis' }, mulberry32(2));
    expect(basis.m).toBe(16);
    const x = gaussianVector(n * k, mulberry32(3));
    const D = mul(x, x, n, k, n, true).map((v, i) => v - basis.Mstar[i]);
    const g = new Float64Array(n * k);
    const loss = symmetricGradient(basis, x, k, g);
    expectClose(loss, 0.5 * D.reduce((s, v) => s + v * v, 0), F64_EXACT, 'f');
    expectClose(g, mul(D, x, n, n, k).map((v) => 2 * v), F64_EXACT, '∇f');
    const f = gaussianVector(n * k, mulberry32(4));
    const gg = gaussianVector(n * k, mulberry32(6));
    const E = mul(f, gg, n, k, n, true).map((v, i) => v - basis.Mstar[i]);
    const gF = new Float64Array(n * k);
    const gG = new Float64Array(n * k);
    asymmetricGradient(basis, f, gg, k, gF, gG);
    expectClose(gF, mul(E, gg, n, n, k), F64_EXACT, '∇_F = (FGᵀ − M*)G');
    expectClose(gG, mul(T(E, n, n), f, n, n, k), F64_EXACT, '∇_G = (FGᵀ − M*)ᵀF');
  });

  it('rejects bad sizes and parameters with messages naming the value', () => {
    expect(() => makeSensingProblem({ n: 4, r: 5, m: 10, kappa: 2 }, mulberry32(1))).toThrow(/invalid r: 5/);
    expect(() => makeSensingProblem({ n: 4, r: 2, m: 10, kappa: 0.5 }, mulberry32(1))).toThrow(/invalid condition number kappa: 0.5/);
    expect(() => sensingInit(4, 2, 1, 0.1, mulberry32(1))).toThrow(/invalid width k: 1/);
    expect(() => sensingInit(4, 2, 3, -1, mulberry32(1))).toThrow(/invalid initialization scale alpha: -1/);
    const p = makeSensingProblem({ n: 4, r: 2, m: 10, kappa: 2 }, mulberry32(1));
    expect(() => createSensingRace(p, sensingInit(4, 2, 3, 0.1, mulberry32(1)), { k: 3, eta: 0, iterations: 10, modifyAt: 5 })).toThrow(/invalid step eta: 0/);
  });
});

describe('the rebalancing step of the modified method', () => {
  it('leaves FGᵀ unchanged and makes GᵀG = I (so every singular value of G is 1)', () => {
    const n = 6;
    const k = 3;
    const F = gaussianVector(n * k, mulberry32(8));
    const G = gaussianVector(n * k, mulberry32(9)).map((v, i) => (i % k === 2 ? 1e-3 * v : v));
    const before = mul(F, G, n, k, n, true);
    rebalanceFactors(F, G, n, k);
    expectClose(mul(F, G, n, k, n, true), before, F64_ITERATIVE, 'FGᵀ');
    expectClose(mul(T(G, n, k), G, k, n, k), [1, 0, 0, 0, 1, 0, 0, 0, 1], F64_ITERATIVE, 'GᵀG');
    expectClose(singularValues(G, n, k), [1, 1, 1], F64_ITERATIVE, 'σ(G)');
  });
});

describe('GD against the population dynamics', () => {
  const n = 4;
  const r = 2;
  const k = 3;
  const eta = 0.1;
  const steps = 60;
  /** X ← X − 2η(XXᵀ − M*)X and (F, G) ← (F − η E G, G − η Eᵀ F), E = FGᵀ − M*: the m → ∞ limit. */
  function population(Mstar: Float64Array, X0: Float64Array, width: number) {
    let X = Float64Array.from(X0);
    const errors = [];
    for (let t = 0; t <= steps; t++) {
      const D = mul(X, X, n, width, n, true).map((v, i) => v - Mstar[i]);
      errors.push(Math.hypot(...D));
      X = X.map((v, i) => v - 2 * eta * mul(D, X, n, n, width)[i]);
    }
    return errors;
  }
  function populationAsym(Mstar: Float64Array, F0: Float64Array, G0: Float64Array) {
    let F = Float64Array.from(F0);
    let G = Float64Array.from(G0);
    const errors = [];
    for (let t = 0; t <= steps; t++) {
      const E = mul(F, G, n, k, n, true).map((v, i) => v - Mstar[i]);
      errors.push(Math.hypot(...E));
      const dF = mul(E, G, n, n, k);
      const dG = mul(T(E, n, n), F, n, n, k);
      F = F.map((v, i) => v - eta * dF[i]);
      G = G.map((v, i) => v - eta * dG[i]);
    }
    return errors;
  }

  it('with the identity measurement map, every run follows the population iteration to f64 rounding', () => {
    const problem = makeSensingProblem({ n, r, m: 0, kappa: 2, measurement: 'basis' }, mulberry32(21));
    const init = sensingInit(n, r, k, 0.5, mulberry32(22));
    const race = runSensingRace(problem, init, { k, eta, iterations: steps, modifyAt: steps });
    expectClose(race.traces['symmetric-exact'].errors, population(problem.Mstar, init.Xexact, r), F64_ITERATIVE, 'exact');
    expectClose(race.traces['symmetric-over'].errors, population(problem.Mstar, init.Xover, k), F64_ITERATIVE, 'over');
    expectClose(race.traces['asymmetric-over'].errors, populationAsym(problem.Mstar, init.F, init.G), F64_ITERATIVE, 'asymmetric');
  });

  it('with m = 20000 Gaussian measurements, the errors stay within 5% of the population curve (sampling error ≈ √(n²/m) ≈ 3%)', () => {
    const random = mulberry32(31);
    const problem = makeSensingProblem({ n, r, m: 20000, kappa: 2 }, random);
    const init = sensingInit(n, r, k, 0.5, random);
    const race = createSensingRace(problem, init, { k, eta, iterations: 30, modifyAt: 30 });
    while (race.step());
    const pop = population(problem.Mstar, init.Xover, k).slice(0, 31);
    const got = race.traces['symmetric-over'].errors;
    for (let t = 0; t <= 30; t++) expect(Math.abs(got[t] - pop[t])).toBeLessThan(0.05 * pop[t]);
  });
});

describe('seeded race against the paper’s claims (n = 10, r = 2, k = 4, m = 200, κ = 2, η = 0.2, T = 2000)', () => {
  const run = (alpha: number) => {
    const random = mulberry32(1);
    const problem = makeSensingProblem({ n: 10, r: 2, m: 200, kappa: 2 }, random);
    const init = sensingInit(10, 2, 4, alpha, random);
    return runSensingRace(problem, init, { k: 4, eta: 0.2, iterations: 2000, modifyAt: 200 }).traces;
  };
  const a = run(0.2);
  const b = run(0.1);
  const tail = { from: 1000, to: 2000 };
  const linear = (e: Float64Array) => linearRate(e, { from: 300, to: lastAbove(e, 1e-10, 300, 2000) });

  it('exact parameterization converges linearly: the error reaches 1e-10 and its rate is positive', () => {
    const e = a['symmetric-exact'].errors;
    expect(e[2000]).toBeLessThan(1e-10);
    expect(linearRate(e, { from: 20, to: lastAbove(e, 1e-10, 20, 2000) })).toBeGreaterThan(0.01);
  });

  it('symmetric over-parameterization is sublinear: log–log slope over T ∈ [200, 2000] in [−2.2, −0.3] (claim: no steeper than −2)', () => {
    const s = logLogSlope(a['symmetric-over'].errors, { from: 200, to: 2000 });
    expect(s).toBeGreaterThan(-2.2);
    expect(s).toBeLessThan(-0.3);
  });

  it('asymmetric over-parameterization: the linear rate drops when α halves (claim ∝ α², ratio 4; margin: ratio > 1.5)', () => {
    const ra = linearRate(a['asymmetric-over'].errors, tail);
    const rb = linearRate(b['asymmetric-over'].errors, tail);
    expect(rb).toBeGreaterThan(0);
    expect(ra / rb).toBeGreaterThan(1.5);
  });

  it('the modified step gives a rate independent of α (ratio in [0.8, 1.25]) and ≥ 5× the asymmetric one', () => {
    const ma = linear(a.modified.errors);
    const mb = linear(b.modified.errors);
    expect(ma / mb).toBeGreaterThan(0.8);
    expect(ma / mb).toBeLessThan(1.25);
    expect(ma).toBeGreaterThan(5 * linearRate(a['asymmetric-over'].errors, tail));
  });

  it('the error is measured as ‖FGᵀ − M*‖_F (the factor error at iteration 0 is the distance of the initialization)', () => {
    const random = mulberry32(1);
    const problem = makeSensingProblem({ n: 10, r: 2, m: 200, kappa: 2 }, random);
    const init = sensingInit(10, 2, 4, 0.2, random);
    expectClose(a['asymmetric-over'].errors[0], factorError(problem, init.F, init.G, 4), F64_EXACT, 'e₀');
  });
});
