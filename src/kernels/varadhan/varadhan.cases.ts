import { varadhanDistances } from '../../geometry/heat/varadhan';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_ITERATIVE } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { varadhanGpu } from './varadhan';

// The Euclidean heat kernel (4πt)^{−d/2} exp(−|x − y|²/4t): with σ = 1 Varadhan's
// formula returns |x − y| exactly (closed form).
const n = 48;
const dim = 2;
const t = 0.02;
const random = mulberry32(17);
const x = Float64Array.from({ length: n * dim }, () => random() * 0.5);
const heat = new Float64Array(n * n);
const euclid = new Float64Array(n * n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    const d2 = (x[i * 2] - x[j * 2]) ** 2 + (x[i * 2 + 1] - x[j * 2 + 1]) ** 2;
    euclid[i * n + j] = Math.sqrt(d2);
    heat[i * n + j] = (4 * Math.PI * t) ** (-dim / 2) * Math.exp(-d2 / (4 * t));
  }
}

export const suite: KernelSuite = {
  kernel: 'varadhan',
  cases: [
    {
      name: 'σ = 1 on the Euclidean heat kernel gives Euclidean distances',
      // log of f32 values: ~1e-7 relative error in −4t log h, amplified near d = 0 by the sqrt
      tolerance: F32_REDUCTION,
      cpu: () => varadhanDistances(heat, n, t, 1),
      gpu: (ctx) => varadhanGpu(ctx, heat, n, t, 1),
      check: (out, backend) => {
        const r = compareClose(out, euclid, backend === 'cpu' ? F64_ITERATIVE : F32_REDUCTION, 'd_ij');
        return r.ok ? null : r.message;
      },
    },
    {
      name: 'σ = 0 adds 2dt·log(4πt) to d² (clipped at 0)',
      tolerance: F32_REDUCTION,
      cpu: () => varadhanDistances(heat, n, t, 0),
      gpu: (ctx) => varadhanGpu(ctx, heat, n, t, 0),
      check: (out, backend) => {
        const shift = 2 * dim * t * Math.log(4 * Math.PI * t);
        const expected = Float64Array.from(euclid, (e, k) => (k % (n + 1) === 0 ? 0 : Math.sqrt(Math.max(0, e * e + shift))));
        const r = compareClose(out, expected, backend === "cpu" ? F64_ITERATIVE : F32_REDUCTION, 'd_ij');
        return r.ok ? null : r.message;
      },
    },
  ],
};
