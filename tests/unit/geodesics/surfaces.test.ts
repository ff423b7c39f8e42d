import { describe, expect, it } from 'vitest';
import {
  christoffelSymbols,
  gaussianCurvature,
  geodesicFan,
  geodesicRk4,
  graphMetric,
  metricSpeed,
  SPHERE_CAP_RADIUS,
  surfaceByName,
  surfaces,
  unitDirection,
} from '../../../src/geometry/surfaces';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

/** Central differences: an independent check of each surface's analytic derivatives (error ~h² ≈ 1e-8). */
const FD = { absolute: 1e-6, relative: 1e-6 };
const h = 1e-4;

describe.each(surfaces.map((s) => [s.name, s] as const))('%s', (_name, surface) => {
  const [x0, x1, y0, y1] = surface.domain;
  const samples = [
    [0.3 * x0 + 0.7 * x1, 0.6 * y0 + 0.4 * y1],
    [0.55 * x0 + 0.45 * x1, 0.2 * y0 + 0.8 * y1],
    [0.8 * x0 + 0.2 * x1, 0.5 * y0 + 0.5 * y1],
  ];
  it('gradient and Hessian match central differences of f', () => {
    const g = new Float64Array(2);
    const H = new Float64Array(3);
    for (const [x, y] of samples) {
      surface.gradient(x, y, g);
      surface.hessian(x, y, H);
      const fx = (surface.f(x + h, y) - surface.f(x - h, y)) / (2 * h);
      const fy = (surface.f(x, y + h) - surface.f(x, y - h)) / (2 * h);
      expectClose(g, [fx, fy], FD, `∇f(${x}, ${y})`);
      const gp = new Float64Array(2);
      const gm = new Float64Array(2);
      surface.gradient(x + h, y, gp);
      surface.gradient(x - h, y, gm);
      const fxx = (gp[0] - gm[0]) / (2 * h);
      const fxy = (gp[1] - gm[1]) / (2 * h);
      surface.gradient(x, y + h, gp);
      surface.gradient(x, y - h, gm);
      expectClose(H, [fxx, fxy, (gp[1] - gm[1]) / (2 * h)], FD, `H(${x}, ${y})`);
    }
  });
  it('Christoffel symbols match ½ g^{kl}(∂_i g_jl + ∂_j g_il − ∂_l g_ij) from differences of the metric', () => {
    for (const [x, y] of samples) {
      const dgx = graphMetric(surface, x + h, y).map((v, i) => (v - graphMetric(surface, x - h, y)[i]) / (2 * h));
      const dgy = graphMetric(surface, x, y + h).map((v, i) => (v - graphMetric(surface, x, y - h)[i]) / (2 * h));
      const [g11, g12, g22] = graphMetric(surface, x, y);
      const det = g11 * g22 - g12 * g12;
      const inv = [[g22 / det, -g12 / det], [-g12 / det, g11 / det]];
      // ∂_l g_ij as d[l][i][j]
      const d = [dgx, dgy].map(([a, b, c]) => [[a, b], [b, c]]);
      const expected: number[] = [];
      for (const k of [0, 1])
        for (const [i, j] of [[0, 0], [0, 1], [1, 1]]) {
          let s = 0;
          for (const l of [0, 1]) s += 0.5 * inv[k][l] * (d[i][j][l] + d[j][i][l] - d[l][i][j]);
          expected.push(s);
        }
      expectClose(christoffelSymbols(surface, x, y), expected, FD, `Γ(${x}, ${y})`);
    }
  });
  it('RK4 conserves speed in the metric along a geodesic of each fan direction', () => {
    const fan = { x0: 0.5 * (x0 + x1) + 0.1, y0: 0.5 * (y0 + y1) - 0.05 };
    for (const angle of [0, 1, 2.5, 4]) {
      const [vx, vy] = unitDirection(surface, fan.x0, fan.y0, angle);
      const path = geodesicRk4(surface, fan.x0, fan.y0, vx, vy, 0.005, 200);
      expect(path.length).toBeGreaterThan(20);
      for (let k = 0; k < path.length; k++) {
        const s = path.states.subarray(k * 4, k * 4 + 4);
        expectClose(metricSpeed(surface, s[0], s[1], s[2], s[3]), 1, F64_ITERATIVE, `speed at step ${k}`);
      }
    }
  });
});

describe('Gaussian curvature: closed forms', () => {
  it('sphere cap: K = 1/R² everywhere', () => {
    const cap = surfaceByName('sphereCap');
    for (const [x, y] of [[0, 0], [0.7, -0.4], [1.1, 1.0]]) expectClose(gaussianCurvature(cap, x, y), 1 / SPHERE_CAP_RADIUS ** 2, F64_EXACT);
  });
  it('paraboloid K = 1/(1 + x² + y²)², saddle K = −1/(1 + x² + y²)², monkey saddle K(0) = 0', () => {
    for (const [x, y] of [[0, 0], [0.5, -1.2]]) {
      expectClose(gaussianCurvature(surfaceByName('paraboloid'), x, y), 1 / (1 + x * x + y * y) ** 2, F64_EXACT);
      expectClose(gaussianCurvature(surfaceByName('saddle'), x, y), -1 / (1 + x * x + y * y) ** 2, F64_EXACT);
    }
    expectClose(gaussianCurvature(surfaceByName('monkeySaddle'), 0, 0), 0, F64_EXACT);
    expect(gaussianCurvature(surfaceByName('monkeySaddle'), 0.3, 0.2)).toBeLessThan(0);
  });
});

describe('geodesics on the sphere-cap graph are great circles', () => {
  const cap = surfaceByName('sphereCap');
  const R = SPHERE_CAP_RADIUS;
  it('each fan geodesic equals cos(s/R) p₀ + R sin(s/R) t̂ (p₀ the start, t̂ the unit 3-D tangent)', () => {
    const start = { x0: 0.3, y0: -0.2 };
    const fan = geodesicFan(cap, { ...start, count: 12, length: 0.8, steps: 160 });
    const g = new Float64Array(2);
    cap.gradient(start.x0, start.y0, g);
    const p0 = [start.x0, start.y0, cap.f(start.x0, start.y0)];
    for (let j = 0; j < fan.count; j++) {
      const [vx, vy] = unitDirection(cap, start.x0, start.y0, (2 * Math.PI * j) / fan.count);
      const t = [vx, vy, g[0] * vx + g[1] * vy]; // unit length in ℝ³ because the metric is the induced one
      expectClose(Math.hypot(...t), 1, F64_EXACT, 'unit tangent');
      expect(fan.lengths[j]).toBe(fan.steps + 1);
      for (const k of [40, 100, 160]) {
        const s = (k * 0.8) / 160;
        const expected = p0.map((p, i) => Math.cos(s / R) * p + R * Math.sin(s / R) * t[i]);
        const stride = (fan.steps + 1) * 3;
        expectClose(fan.points.subarray(j * stride + k * 3, j * stride + k * 3 + 3), expected, F64_ITERATIVE, `geodesic ${j} step ${k}`);
      }
    }
  });
});

describe('symmetry and errors', () => {
  it('on the paraboloid, geodesics from the apex are meridians (straight rays in the chart)', () => {
    const p = surfaceByName('paraboloid');
    const [vx, vy] = unitDirection(p, 0, 0, 0.6);
    const path = geodesicRk4(p, 0, 0, vx, vy, 0.01, 150);
    for (let k = 1; k < path.length; k++) expectClose(Math.atan2(path.states[k * 4 + 1], path.states[k * 4]), 0.6, F64_EXACT, `step ${k}`);
  });
  it('a geodesic stops at the domain edge', () => {
    const p = surfaceByName('saddle');
    const path = geodesicRk4(p, 1.9, 0, 1, 0, 0.05, 100);
    expect(path.length).toBeLessThan(5);
  });
  it('bad inputs name the value', () => {
    const p = surfaceByName('paraboloid');
    expect(() => geodesicFan(p, { x0: 3, y0: 0, count: 4, length: 1, steps: 10 })).toThrow(/start \(3, 0\) is outside the paraboloid domain/);
    expect(() => geodesicFan(p, { x0: 0, y0: 0, count: 0, length: 1, steps: 10 })).toThrow(/invalid count: 0/);
    expect(() => geodesicFan(p, { x0: 0, y0: 0, count: 4, length: -1, steps: 10 })).toThrow(/invalid length: -1/);
    expect(() => surfaceByName('torus')).toThrow(/unknown surface: torus/);
  });
});
