import { describe, expect, it } from 'vitest';
import {
  affineInvariant,
  buresWasserstein,
  bwTransportMap,
  congruence,
  determinant,
  frobeniusNorm,
  generalizedBuresWasserstein,
  logEuclidean,
  multiply,
  solveLyapunov,
  spdLog,
  spdPower,
  spdSqrt,
  symmetricEigen,
  eigenvectorMatrix,
  symmetricExp,
  validateSpd,
  validateSpdList,
  type SpdMetric,
} from '../../../src/geometry/spd';
import { mulberry32, gaussian } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';
import fixtures from '../../fixtures/geodesics/spd.json';

const random = mulberry32(42);

function rotation(n: number): Float64Array {
  // Gram–Schmidt of a Gaussian matrix: a random orthogonal Q (columns).
  const q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const v = Float64Array.from({ length: n }, () => gaussian(random));
    for (let k = 0; k < j; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * q[i * n + k];
      for (let i = 0; i < n; i++) v[i] -= d * q[i * n + k];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < n; i++) q[i * n + j] = v[i] / norm;
  }
  return q;
}

function spdFrom(q: Float64Array, eigenvalues: number[]): Float64Array {
  const n = eigenvalues.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * eigenvalues[k] * q[j * n + k];
      out[i * n + j] = s;
    }
  return out;
}

const randomSpd = (n: number, spread = 3) => spdFrom(rotation(n), Array.from({ length: n }, () => Math.exp(spread * (random() - 0.5))));

const M3 = randomSpd(3);
const metrics: SpdMetric[] = [
  affineInvariant,
  logEuclidean,
  buresWasserstein,
  generalizedBuresWasserstein({ m: M3 }),
];
const thetaMetric = generalizedBuresWasserstein({ m: M3, theta: 0.5 });
const allMetrics: [string, SpdMetric][] = [
  ...metrics.map((m) => [m.name, m] as [string, SpdMetric]),
  ['generalizedBW θ=0.5', thetaMetric],
];

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('recovers eigenvalues spread over 1e-8…1 of a rotated diagonal to relative accuracy', () => {
    const values = [1e-8, 3e-5, 0.02, 0.7, 1];
    const a = spdFrom(rotation(5), values);
    const eig = symmetricEigen(a);
    for (let k = 0; k < 5; k++) expectClose(eig.values[k], values[k], { absolute: 0, relative: 1e-7 }, `λ${k}`);
    // V diag(λ) Vᵀ reproduces A and V is orthogonal (V's columns are the rows of eig.vectors).
    const v = eigenvectorMatrix(eig);
    expectClose(spdFrom(v, Array.from(eig.values)), a, F64_EXACT, 'reconstruction');
    const vtv = multiply(
      Float64Array.from({ length: 25 }, (_, i) => v[(i % 5) * 5 + Math.floor(i / 5)]),
      v,
      5,
    );
    expectClose(vtv, Float64Array.from({ length: 25 }, (_, i) => (i % 6 === 0 ? 1 : 0)), F64_EXACT, 'VᵀV');
  });

  it('gives the closed-form eigenvalues of [[2, 1], [1, 2]]: 1 and 3', () => {
    expectClose(symmetricEigen(Float64Array.of(2, 1, 1, 2)).values, [1, 3], F64_EXACT);
  });
});

describe('matrix functions', () => {
  const a = randomSpd(4);
  it('sqrt squares back, log inverts exp, Lyapunov solves XL + LX = V', () => {
    const s = spdSqrt(a);
    expectClose(multiply(s, s), a, F64_EXACT, 'sqrt²');
    expectClose(symmetricExp(spdLog(a)), a, F64_EXACT, 'exp(log A)');
    expectClose(multiply(spdPower(a, 0.25), spdPower(a, 0.75)), a, F64_EXACT, 'A^¼ A^¾');
    const v = randomSpd(4);
    const l = solveLyapunov(a, v);
    const al = multiply(a, l);
    const la = multiply(l, a);
    expectClose(al.map((x, i) => x + la[i]), v, F64_EXACT, 'XL + LX');
  });
});

describe('commuting matrices: closed forms', () => {
  const q = rotation(3);
  const la = [0.5, 2, 7];
  const lb = [3, 0.1, 7.5];
  const a = spdFrom(q, la);
  const b = spdFrom(q, lb);
  it('BW distance equals ‖A^{1/2} − B^{1/2}‖_F = sqrt(Σ (√a_i − √b_i)²)', () => {
    const expected = Math.sqrt(la.reduce((s, x, i) => s + (Math.sqrt(x) - Math.sqrt(lb[i])) ** 2, 0));
    expectClose(buresWasserstein.distance(a, b), expected, F64_EXACT);
  });
  it('AI and LE distances equal sqrt(Σ log²(b_i/a_i)) (they agree on commuting pairs)', () => {
    const expected = Math.sqrt(la.reduce((s, x, i) => s + Math.log(lb[i] / x) ** 2, 0));
    expectClose(affineInvariant.distance(a, b), expected, F64_EXACT);
    expectClose(logEuclidean.distance(a, b), expected, F64_EXACT);
  });
  it('geodesics at t = 0.3: AI/LE give a^{0.7} b^{0.3}, BW gives ((1−t)√a + t√b)²', () => {
    const t = 0.3;
    const geometric = spdFrom(q, la.map((x, i) => x ** (1 - t) * lb[i] ** t));
    expectClose(affineInvariant.geodesic(a, b, t), geometric, F64_EXACT, 'AI');
    expectClose(logEuclidean.geodesic(a, b, t), geometric, F64_EXACT, 'LE');
    expectClose(buresWasserstein.geodesic(a, b, t), spdFrom(q, la.map((x, i) => ((1 - t) * Math.sqrt(x) + t * Math.sqrt(lb[i])) ** 2)), F64_EXACT, 'BW');
  });
  it('GBW with θ: d = ‖A^{θ/2} − B^{θ/2}‖_F/|θ| for M = I', () => {
    const theta = 0.5;
    const expected = Math.sqrt(la.reduce((s, x, i) => s + (x ** (theta / 2) - lb[i] ** (theta / 2)) ** 2, 0)) / theta;
    expectClose(generalizedBuresWasserstein({ theta }).distance(a, b), expected, F64_EXACT);
  });
  it('the Karcher means of commuting matrices: geometric mean (AI, LE), squared mean of roots (BW)', () => {
    const lc = [1, 1, 1];
    const c = spdFrom(q, lc);
    const geometric = spdFrom(q, la.map((x, i) => Math.cbrt(x * lb[i] * lc[i])));
    expectClose(affineInvariant.mean([a, b, c]).mean, geometric, F64_ITERATIVE, 'AI');
    expectClose(logEuclidean.mean([a, b, c]).mean, geometric, F64_EXACT, 'LE');
    const bw = spdFrom(q, la.map((x, i) => ((Math.sqrt(x) + Math.sqrt(lb[i]) + Math.sqrt(lc[i])) / 3) ** 2));
    expectClose(buresWasserstein.mean([a, b, c]).mean, bw, F64_ITERATIVE, 'BW');
  });
});

describe.each(allMetrics)('%s: invariants', (_name, metric) => {
  const a = randomSpd(3);
  const b = randomSpd(3);
  const d = metric.distance(a, b);
  it('the geodesic starts at A and ends at B', () => {
    expectClose(metric.geodesic(a, b, 0), a, F64_ITERATIVE, 'γ(0)');
    expectClose(metric.geodesic(a, b, 1), b, F64_ITERATIVE, 'γ(1)');
  });
  it('the midpoint is symmetric in its arguments, and d is symmetric', () => {
    expectClose(metric.geodesic(a, b, 0.5), metric.geodesic(b, a, 0.5), F64_ITERATIVE, 'midpoint');
    expectClose(metric.distance(b, a), d, F64_ITERATIVE, 'd(B, A)');
  });
  it('constant speed: d(γ(s), γ(t)) = |s − t| d(A, B)', () => {
    for (const [s, t] of [[0, 0.25], [0.2, 0.9], [0.5, 1], [0.1, 0.6]]) {
      expectClose(metric.distance(metric.geodesic(a, b, s), metric.geodesic(a, b, t)), Math.abs(s - t) * d, F64_ITERATIVE, `s=${s} t=${t}`);
    }
  });
  it('exp(log) round trips and ‖log_A B‖_A = d(A, B)', () => {
    const v = metric.log(a, b);
    expectClose(metric.exp(a, v), b, F64_ITERATIVE, 'exp_A(log_A B)');
    expectClose(metric.norm(a, v), d, F64_ITERATIVE, '‖log_A B‖');
    // exp_A(t·log_A B) = γ(t)
    expectClose(metric.exp(a, v.map((x) => 0.4 * x)), metric.geodesic(a, b, 0.4), F64_ITERATIVE, 'exp_A(0.4 log_A B)');
  });
  it('the Fréchet mean converges and zeroes the gradient', () => {
    const list = [a, b, randomSpd(3), randomSpd(3)];
    const result = metric.mean(list);
    expect(result.converged).toBe(true);
    expect(result.gradientNorms[result.iterations - 1]).toBeLessThan(1e-10);
    // A perturbation of the mean does not lower the Fréchet function.
    const cost = (x: Float64Array) => list.reduce((s, m) => s + metric.distance(x, m) ** 2, 0);
    const perturbed = result.mean.map((x, i) => x + (i === 0 || i === 4 ? 1e-3 : 0));
    expect(cost(perturbed)).toBeGreaterThan(cost(result.mean));
  });
});

describe('generalized BW', () => {
  const a = randomSpd(3);
  const b = randomSpd(3);
  it('with M = I and θ = 1 equals BW (distance, geodesic, log, mean)', () => {
    const identity = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    const g = generalizedBuresWasserstein({ m: identity, theta: 1 });
    expectClose(g.distance(a, b), buresWasserstein.distance(a, b), F64_EXACT, 'distance');
    expectClose(g.geodesic(a, b, 0.3), buresWasserstein.geodesic(a, b, 0.3), F64_EXACT, 'geodesic');
    expectClose(g.log(a, b), buresWasserstein.log(a, b), F64_EXACT, 'log');
    expectClose(g.mean([a, b]).mean, buresWasserstein.mean([a, b]).mean, F64_ITERATIVE, 'mean');
  });
  it('matches the closed form d² = tr(M⁻¹A) + tr(M⁻¹B) − 2 tr(A^{1/2} M⁻¹ B M⁻¹ A^{1/2})^{1/2} (Han et al. 2021)', () => {
    const mInv = spdPower(M3, -1);
    const sa = spdSqrt(a);
    const inner = congruence(sa, congruence(mInv, b));
    const tr = (x: Float64Array) => x[0] + x[4] + x[8];
    const expected = Math.sqrt(tr(multiply(mInv, a)) + tr(multiply(mInv, b)) - 2 * tr(spdSqrt(inner)));
    expectClose(generalizedBuresWasserstein({ m: M3 }).distance(a, b), expected, F64_ITERATIVE);
  });
  it('BW transport map pushes A onto B: T A T = B', () => {
    const t = bwTransportMap(a, b);
    expectClose(congruence(t, a), b, F64_ITERATIVE);
  });
  it('rejects θ = 0 and a non-SPD M', () => {
    expect(() => generalizedBuresWasserstein({ theta: 0 })).toThrow(/invalid theta: 0/);
    expect(() => generalizedBuresWasserstein({ m: Float64Array.of(1, 2, 2, 1) })).toThrow(/M is not positive definite: its smallest eigenvalue is -1\.00000/);
  });
});

describe('swelling: the determinant along the geodesic', () => {
  it('AI and LE interpolate det geometrically; BW does not (det can swell above both ends… or not)', () => {
    const a = Float64Array.of(4, 0, 0, 0.25);
    const b = Float64Array.of(0.25, 0, 0, 4);
    // det A = det B = 1: AI/LE keep det ≡ 1; the Euclidean midpoint has det (2.125)² ≈ 4.5; BW midpoint ((2+0.5)/2)² per axis.
    expectClose(determinant(affineInvariant.geodesic(a, b, 0.5)), 1, F64_EXACT, 'AI');
    expectClose(determinant(logEuclidean.geodesic(a, b, 0.5)), 1, F64_EXACT, 'LE');
    expectClose(determinant(buresWasserstein.geodesic(a, b, 0.5)), 1.25 ** 4, F64_EXACT, 'BW');
  });
});

describe('validation names the bad value', () => {
  it('non-symmetric input is reported, not symmetrized', () => {
    expect(() => validateSpd(Float64Array.of(2, 1, 0.5, 2), 'matrices[1]')).toThrow(
      /matrices\[1\] is not symmetric: \[0\]\[1\] = 1 but \[1\]\[0\] = 0\.5 \(not symmetrized silently\)/,
    );
  });
  it('indefinite input names the smallest eigenvalue', () => {
    expect(() => validateSpd(Float64Array.of(1, 0, 0, -3))).toThrow(/not positive definite: its smallest eigenvalue is -3\.00000/);
  });
  it('wrong sizes and sizes over 8 are rejected', () => {
    expect(() => validateSpd(new Float64Array(5))).toThrow(/5 entries, which is not n×n/);
    expect(() => validateSpd(new Float64Array(81))).toThrow(/9×9 but at most 8×8/);
    expect(() => validateSpdList([Float64Array.of(1, 0, 0, 1), Float64Array.of(1)])).toThrow(/matrices\[1\] is 1×1 but matrices\[0\] is 2×2/);
    expect(() => affineInvariant.distance(Float64Array.of(1, 0, 0, 1), Float64Array.of(1))).toThrow(/differ in size: 2×2 and 1×1/);
  });
});

interface HighPrecisionCase {
  name: string;
  n: number;
  condition: number;
  A: number[];
  B: number[];
  C: number[];
  M: number[];
  t: number;
  theta: number;
  distance: Record<string, number>;
  geodesic: Record<string, number[]>;
  mean?: Record<string, number[]>;
}

describe('against 60-digit mpmath values (tests/fixtures/geodesics/make_spd.py)', () => {
  for (const c of fixtures.highPrecision as HighPrecisionCase[]) {
    const A = Float64Array.from(c.A);
    const B = Float64Array.from(c.B);
    const C = Float64Array.from(c.C);
    const M = Float64Array.from(c.M);
    const byName: Record<string, SpdMetric> = {
      affineInvariant,
      logEuclidean,
      buresWasserstein,
      generalizedBW: generalizedBuresWasserstein({ m: M }),
      generalizedBWTheta: generalizedBuresWasserstein({ m: M, theta: c.theta }),
    };
    // Ill-conditioned inputs lose digits in any f64 algorithm: the expected loss is ~κ·eps relative in the
    // matrices' small entries, so geodesic points are compared relative to the matrix norm.
    for (const [name, metric] of Object.entries(byName)) {
      it(`${c.name}: ${name} distance and geodesic γ(${c.t}) are finite and match`, () => {
        const d = metric.distance(A, B);
        expect(Number.isFinite(d)).toBe(true);
        expectClose(d, c.distance[name], F64_PEER, 'distance');
        const g = metric.geodesic(A, B, c.t);
        expect(g.every(Number.isFinite)).toBe(true);
        const scaleNorm = frobeniusNorm(Float64Array.from(c.geodesic[name]));
        expectClose(g, c.geodesic[name], { absolute: F64_PEER.relative * scaleNorm, relative: 0 }, 'γ(t)');
      });
      if (c.mean) {
        const expected = c.mean[name];
        it(`${c.name}: ${name} Fréchet mean of A, B, C matches`, () => {
          const result = metric.mean([A, B, C]);
          expect(result.mean.every(Number.isFinite)).toBe(true);
          expectClose(result.mean, expected, { absolute: F64_PEER.relative * frobeniusNorm(Float64Array.from(expected)), relative: 0 }, 'mean');
        });
      }
    }
  }
});

describe('exp(log) round trips on the fixture matrices, condition numbers up to 1e8', () => {
  for (const c of fixtures.highPrecision as HighPrecisionCase[]) {
    const A = Float64Array.from(c.A);
    const B = Float64Array.from(c.B);
    const metricsHere: [string, SpdMetric][] = [
      ['affineInvariant', affineInvariant],
      ['logEuclidean', logEuclidean],
      ['buresWasserstein', buresWasserstein],
      ['generalizedBW θ', generalizedBuresWasserstein({ m: Float64Array.from(c.M), theta: c.theta })],
    ];
    for (const [name, metric] of metricsHere) {
      it(`${c.name}: ${name}: exp_A(log_A B) = B and ‖log_A B‖_A = d(A, B)`, () => {
        const v = metric.log(A, B);
        // Relative to ‖B‖_F: at condition 1e8 the affine-invariant round trip keeps ~8 digits (measured 2.5e-8).
        expectClose(metric.exp(A, v), B, { absolute: F64_PEER.relative * frobeniusNorm(B), relative: 0 }, 'exp(log)');
        expectClose(metric.norm(A, v), c.distance[name === 'generalizedBW θ' ? 'generalizedBWTheta' : name], F64_PEER, '‖log‖');
      });
    }
  }
});

describe('against scipy (sqrtm/logm-based distances)', () => {
  for (const c of fixtures.scipy) {
    it(`${c.name}: AI, LE and BW distances`, () => {
      const A = Float64Array.from(c.A);
      const B = Float64Array.from(c.B);
      expectClose(affineInvariant.distance(A, B), c.distance.affineInvariant, F64_PEER, 'AI');
      expectClose(logEuclidean.distance(A, B), c.distance.logEuclidean, F64_PEER, 'LE');
      expectClose(buresWasserstein.distance(A, B), c.distance.buresWasserstein, F64_PEER, 'BW');
    });
  }
});
