import { describe, expect, it } from 'vitest';
import { mlpHessianVector, mlpLoss, mlpLossGradient } from '../../../src/geometry/nn';
import { buildLossSlice, geodesicRk4, gridBicubic, metricSpeed, unitDirection } from '../../../src/geometry/surfaces';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

const slice = buildLossSlice();
const { interpolant, surface, mlp, data, weightDecay, theta, d1, d2 } = slice;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

describe('gridBicubic', () => {
  it('reproduces a biquadratic polynomial, its gradient and Hessian exactly (spline slopes with one-sided-difference ends are exact for quadratics)', () => {
    // p = 1 + 2x − y + 0.5x² + 0.3xy − 0.7y² + 0.2x²y − 0.4xy² + 0.1x²y².
    const p = (x: number, y: number) => 1 + 2 * x - y + 0.5 * x * x + 0.3 * x * y - 0.7 * y * y + 0.2 * x * x * y - 0.4 * x * y * y + 0.1 * x * x * y * y;
    const px = (x: number, y: number) => 2 + x + 0.3 * y + 0.4 * x * y - 0.4 * y * y + 0.2 * x * y * y;
    const py = (x: number, y: number) => -1 + 0.3 * x - 1.4 * y + 0.2 * x * x - 0.8 * x * y + 0.2 * x * x * y;
    const pxx = (_x: number, y: number) => 1 + 0.4 * y + 0.2 * y * y;
    const pxy = (x: number, y: number) => 0.3 + 0.4 * x - 0.8 * y + 0.4 * x * y;
    const pyy = (x: number, _y: number) => -1.4 - 0.8 * x + 0.2 * x * x;
    const n = 7;
    const domain = [-1, 2, -1.5, 1] as const;
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) values[i * n + j] = p(-1 + (3 * j) / (n - 1), -1.5 + (2.5 * i) / (n - 1));
    const b = gridBicubic(values, n, domain);
    const g = new Float64Array(2);
    const H = new Float64Array(3);
    for (const [x, y] of [
      [0.13, -0.77],
      [1.91, 0.95],
      [-0.99, 0.2],
      [0.5, 0.0],
    ]) {
      expectClose([b.f(x, y)], [p(x, y)], F64_EXACT, `p(${x}, ${y})`);
      b.gradient(x, y, g);
      expectClose(g, [px(x, y), py(x, y)], F64_EXACT, `∇p(${x}, ${y})`);
      b.hessian(x, y, H);
      expectClose(H, [pxx(x, y), pxy(x, y), pyy(x, y)], F64_EXACT, `∇²p(${x}, ${y})`);
    }
  });

  it('rejects a grid whose size does not match', () => {
    expect(() => gridBicubic(new Float64Array(10), 4, [0, 1, 0, 1])).toThrow(/grid has 10 values but 4×4 needs 16/);
  });
});

describe('loss slice', () => {
  it('matches the sampled grid exactly at the nodes, and the network loss there', () => {
    const n = interpolant.size;
    const [x0, x1, y0, y1] = surface.domain;
    const point = new Float64Array(theta.length);
    for (const [i, j] of [
      [0, 0],
      [5, 31],
      [n - 1, n - 1],
      [23, 17],
    ]) {
      const x = x0 + ((x1 - x0) * j) / (n - 1);
      const y = y0 + ((y1 - y0) * i) / (n - 1);
      expectClose([surface.f(x, y)], [slice.grid[i * n + j]], F64_EXACT, `node (${i}, ${j})`);
      for (let k = 0; k < point.length; k++) point[k] = theta[k] + x * d1[k] + y * d2[k];
      expectClose([surface.f(x, y)], [mlpLoss(mlp, point, data, weightDecay)], F64_EXACT, `loss at node (${i}, ${j})`);
    }
  });

  it('at the centre, matches the network directional derivatives ∇L·dᵢ and dᵢᵀHdⱼ within O(h²)', () => {
    const P = theta.length;
    const grad = new Float64Array(P);
    mlpLossGradient(mlp, theta, data, weightDecay, grad);
    const Hd1 = new Float64Array(P);
    const Hd2 = new Float64Array(P);
    mlpHessianVector(mlp, theta, data, weightDecay, d1, Hd1);
    mlpHessianVector(mlp, theta, data, weightDecay, d2, Hd2);
    // Grid spacing h = 2/47 ≈ 0.043. A cubic spline's slopes err by O(h⁴) and its second derivative by
    // O(h²) ≈ 2e-3 times the fourth derivative; the centre is mid-cell (47 cells), not a node. Allow
    // 1 % of the curvature scale |λ₁| (≈ 1.6 here), about 10× the h² bound for O(1) derivatives.
    const TOL = { absolute: 0.01 * Math.abs(slice.topEigenvalue), relative: 0 };
    const g = new Float64Array(2);
    const H = new Float64Array(3);
    surface.gradient(0, 0, g);
    surface.hessian(0, 0, H);
    expectClose(g, [dot(grad, d1), dot(grad, d2)], TOL, '∇ at centre');
    expectClose(H, [dot(d1, Hd1), dot(d1, Hd2), dot(d2, Hd2)], TOL, '∇² at centre');
    // d₁ is the top eigenvector: its curvature dominates the random direction's.
    expect(dot(d1, Hd1)).toBeGreaterThan(dot(d2, Hd2));
    expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-12);
  });

  it('geodesics conserve metric speed under RK4', () => {
    for (const angle of [0, 1, 2.5, 4]) {
      const [vx, vy] = unitDirection(surface, 0.1, -0.05, angle);
      const path = geodesicRk4(surface, 0.1, -0.05, vx, vy, 0.005, 160);
      expect(path.length).toBeGreaterThan(20);
      for (let k = 0; k < path.length; k++) {
        const s = path.states.subarray(k * 4, k * 4 + 4);
        expectClose(metricSpeed(surface, s[0], s[1], s[2], s[3]), 1, F64_ITERATIVE, `speed at step ${k}`);
      }
    }
  });

  it('rejects invalid options by name', () => {
    expect(() => buildLossSlice({ gridSize: 2 })).toThrow(/loss slice gridSize 2; expected an integer in \[3, 128\]/);
  });
});
