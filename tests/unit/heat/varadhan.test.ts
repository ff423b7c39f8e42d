import { describe, expect, it } from 'vitest';
import { csrFromTriplets, heatKernelExact, laplacian, laplacianEigen, varadhanDistances } from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

describe('Varadhan distances with the Harnack regularization σ', () => {
  it('σ = 1 on the Euclidean heat kernel (4πt)^{−d/2}e^{−|x−y|²/4t} returns |x − y| exactly; σ = 0 adds 2dt·log(4πt)', () => {
    const random = mulberry32(5);
    const n = 12;
    const dim = 2;
    const t = 0.01;
    const x = Float64Array.from({ length: n * dim }, () => random() * 0.3);
    const euclid = new Float64Array(n * n);
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d2 = (x[i * 2] - x[j * 2]) ** 2 + (x[i * 2 + 1] - x[j * 2 + 1]) ** 2;
        euclid[i * n + j] = Math.sqrt(d2);
        h[i * n + j] = (4 * Math.PI * t) ** (-dim / 2) * Math.exp(-d2 / (4 * t));
      }
    }
    expectClose(varadhanDistances(h, n, t, 1), euclid, F64_ITERATIVE, 'σ = 1');
    const sigma0 = varadhanDistances(h, n, t, 0);
    const shift = 2 * dim * t * Math.log(4 * Math.PI * t); // negative here: d² = |x−y|² + shift, clipped at 0
    expectClose(
      sigma0,
      Float64Array.from(euclid, (e, k) => (k % (n + 1) === 0 ? 0 : Math.sqrt(Math.max(0, e * e + shift)))),
      F64_ITERATIVE,
      'σ = 0',
    );
  });

  it('on a fine 1-D grid (h = 1/200, L/h²), σ = 1 approximates Euclidean distance within 1%; σ = 0 does not', () => {
    const N = 201;
    const step = 1 / (N - 1);
    const rows = Array.from({ length: N - 1 }, (_, i) => i);
    const w = csrFromTriplets(N, N, [...rows, ...rows.map((i) => i + 1)], [...rows.map((i) => i + 1), ...rows], new Array(2 * (N - 1)).fill(1 / step ** 2));
    const t = 1e-3;
    const heat = heatKernelExact(laplacianEigen(laplacian(w, 'combinatorial')), t);
    const d1 = varadhanDistances(heat, N, t, 1);
    const d0 = varadhanDistances(heat, N, t, 0);
    const centre = 100;
    let worst0 = 0;
    for (let m = 5; m <= 40; m++) {
      for (const j of [centre - m, centre + m]) {
        expectClose(d1[centre * N + j], m * step, { absolute: 0, relative: 0.01 }, `d(${centre}, ${j})`);
        worst0 = Math.max(worst0, Math.abs(d0[centre * N + j] / (m * step) - 1));
      }
    }
    expect(worst0).toBeGreaterThan(0.4);
  });

  it('is symmetric with a zero diagonal and rejects σ outside [0, 2]', () => {
    const h = [1, 0.2, 0.3, 0.25, 1, 0.1, 0.3, 0.1, 1];
    const d = varadhanDistances(h, 3, 1, 0.5);
    for (let i = 0; i < 3; i++) {
      expect(d[i * 3 + i]).toBe(0);
      for (let j = 0; j < 3; j++) expectClose(d[i * 3 + j], d[j * 3 + i], F64_EXACT);
    }
    expect(() => varadhanDistances(h, 3, 1, 2.5)).toThrow(/invalid σ: 2.5/);
    expect(() => varadhanDistances(h, 3, 0, 1)).toThrow(/invalid diffusion time t: 0/);
  });
});
