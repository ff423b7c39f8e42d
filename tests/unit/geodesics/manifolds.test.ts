import { describe, expect, it } from 'vitest';
import {
  grassmannDistance,
  grassmannExp,
  grassmannGeodesic,
  grassmannLog,
  lorentzDistance,
  lorentzExp,
  lorentzLog,
  lorentzToPoincare,
  mobiusAdd,
  poincareDistance,
  poincareGeodesic,
  poincareToLorentz,
  principalAngles,
  projector,
  sphereDistance,
  sphereExp,
  sphereGeodesic,
  sphereLog,
  thinSvd,
} from '../../../src/geometry/manifolds';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';
import fixtures from '../../fixtures/geodesics/manifolds.json';

const normalize = (v: number[]) => {
  const r = Math.hypot(...v);
  return Float64Array.from(v, (x) => x / r);
};

describe('sphere', () => {
  const p = normalize([1, 2, 2]);
  const q = normalize([-1, 0.5, 3]);
  it('distance is the angle acos(p·q), and tiny angles keep their digits', () => {
    expectClose(sphereDistance(p, q), Math.acos(p[0] * q[0] + p[1] * q[1] + p[2] * q[2]), F64_EXACT);
    const e = 1e-10;
    expectClose(sphereDistance(Float64Array.of(1, 0, 0), Float64Array.of(Math.cos(e), Math.sin(e), 0)), e, { absolute: 0, relative: 1e-12 });
  });
  it('geodesics are great circles: points stay in the plane span(p, q) on the unit sphere, at constant speed', () => {
    const d = sphereDistance(p, q);
    const normal = [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
    for (const t of [0.1, 0.5, 0.8]) {
      const g = sphereGeodesic(p, q, t);
      expectClose(g[0] * normal[0] + g[1] * normal[1] + g[2] * normal[2], 0, F64_EXACT, 'in plane');
      expectClose(Math.hypot(...g), 1, F64_EXACT, 'unit');
      expectClose(sphereDistance(p, g), t * d, F64_EXACT, 'speed');
    }
    expectClose(sphereGeodesic(p, q, 1), q, F64_EXACT, 'γ(1) = q');
  });
  it('exp(log) round trips; antipodes and non-unit points are refused', () => {
    expectClose(sphereExp(p, sphereLog(p, q)), q, F64_EXACT);
    expect(() => sphereLog(Float64Array.of(0, 0, 1), Float64Array.of(0, 0, -1))).toThrow(/antipodal/);
    expect(() => sphereDistance(Float64Array.of(0, 0, 2), q)).toThrow(/p has norm 2 but a point of the sphere has norm 1/);
  });
});

describe('hyperbolic: Poincaré disk and Lorentz hyperboloid', () => {
  it('d(0, r) = 2 artanh r = log((1 + r)/(1 − r))', () => {
    expectClose(poincareDistance([0, 0], [0.6, 0]), Math.log(1.6 / 0.4), F64_EXACT);
  });
  for (const c of fixtures.hyperbolic) {
    it(`Poincaré, Möbius and Lorentz distances agree with 50-digit mpmath for x=${c.x}, y=${c.y}`, () => {
      expectClose(poincareDistance(c.x, c.y), c.distance, F64_PEER, 'Poincaré');
      expectClose(lorentzDistance(poincareToLorentz(c.x), poincareToLorentz(c.y)), c.distance, F64_PEER, 'Lorentz');
      if (Math.hypot(...c.x) < 0.99) {
        const m = mobiusAdd(c.x.map((v) => -v), c.y);
        expectClose(2 * Math.atanh(Math.hypot(...m)), c.distance, F64_PEER, 'Möbius');
      }
    });
  }
  it('the maps are inverse and land on the hyperboloid ⟨x, x⟩_L = −1', () => {
    const x = [0.3, -0.55];
    const l = poincareToLorentz(x);
    expectClose(-l[0] * l[0] + l[1] * l[1] + l[2] * l[2], -1, F64_EXACT);
    expectClose(lorentzToPoincare(l), x, F64_EXACT);
  });
  it('geodesics: exp(log) round trip on the hyperboloid; constant speed in the disk', () => {
    const x = poincareToLorentz([0.1, 0.7]);
    const y = poincareToLorentz([-0.6, -0.2]);
    expectClose(lorentzExp(x, lorentzLog(x, y)), y, F64_ITERATIVE);
    const a = [0.1, 0.7];
    const b = [-0.6, -0.2];
    const d = poincareDistance(a, b);
    for (const [s, t] of [[0, 0.3], [0.25, 0.75], [0.5, 1]]) {
      expectClose(poincareDistance(poincareGeodesic(a, b, s), poincareGeodesic(a, b, t)), Math.abs(s - t) * d, F64_ITERATIVE);
    }
  });
  it('a geodesic through the origin is a diameter', () => {
    const g = poincareGeodesic([-0.5, -0.5], [0.3, 0.3], 0.37);
    expectClose(g[0], g[1], F64_EXACT);
  });
  it('rejects points outside the disk', () => {
    expect(() => poincareDistance([1, 0], [0, 0])).toThrow(/x has norm 1 but points of the Poincaré disk have norm < 1/);
  });
});

describe('Grassmann', () => {
  it('thin SVD reconstructs A = U Σ Vᵀ with descending σ', () => {
    const a = Float64Array.of(1, 2, 0, 1, 3, -1, 2, 2);
    const { u, sigma, v } = thinSvd(a, 4, 2);
    const back = new Float64Array(8);
    for (let r = 0; r < 4; r++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) back[r * 2 + j] += u[r * 2 + k] * sigma[k] * v[j * 2 + k];
    expectClose(back, a, F64_EXACT);
    expect(sigma[0]).toBeGreaterThan(sigma[1]);
  });
  it('principal angles of span(e1, e2) and span(e1, cos a e2 + sin a e3) are (0, a)', () => {
    const a = 0.7;
    const x = Float64Array.of(1, 0, 0, 1, 0, 0);
    const y = Float64Array.of(1, 0, 0, Math.cos(a), 0, Math.sin(a));
    expectClose(principalAngles(x, y, { n: 3, p: 2 }), [0, a], F64_EXACT);
  });
  for (const c of fixtures.grassmann) {
    const shape = { n: c.n, p: c.p };
    it(`Gr(${c.p}, ${c.n}): principal angles match scipy.linalg.subspace_angles; geodesic has constant speed`, () => {
      const x = Float64Array.from(c.X);
      const y = Float64Array.from(c.Y);
      expectClose(principalAngles(x, y, shape), c.angles, F64_PEER, 'angles');
      expectClose(grassmannDistance(x, y, shape), c.distance, F64_PEER, 'distance');
      const h = grassmannLog(x, y, shape);
      expectClose(Math.hypot(...h), c.distance, F64_ITERATIVE, '‖log‖ = d');
      // exp(log) lands on the same plane (compare projectors, which do not depend on the basis).
      expectClose(projector(grassmannExp(x, h, shape), shape), projector(y, shape), F64_ITERATIVE, 'exp(log)');
      for (const [s, t] of [[0, 0.4], [0.3, 0.9]]) {
        expectClose(grassmannDistance(grassmannGeodesic(x, y, s, shape), grassmannGeodesic(x, y, t, shape), shape), Math.abs(s - t) * c.distance, F64_ITERATIVE, 'speed');
      }
    });
  }
  it('rejects a basis that is not orthonormal', () => {
    expect(() => grassmannDistance(Float64Array.of(1, 0, 0, 2, 0, 0), Float64Array.of(1, 0, 0, 1, 0, 0), { n: 3, p: 2 })).toThrow(
      /X does not have orthonormal columns: \(XᵀX\)\[1\]\[1\] = 4/,
    );
  });
});
