import { makeSensingProblem, measurementResiduals } from '../../geometry/optim/matrixSensing';
import { gaussianVector, mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { sensingResidualGpu } from './sensingResidual';

/**
 * Independent expectations. With the identity measurement map (B = n·E_jl, m = n²): r = n·vec(P − M*)
 * and S = P − M* exactly. With Gaussian B: the residuals and S recomputed here in plain loops.
 */
const n = 12;
const basis = makeSensingProblem({ n, r: 3, m: 0, kappa: 2, measurement: 'basis' }, mulberry32(4));
const P = gaussianVector(n * n, mulberry32(5));
const diff = Float64Array.from(P, (v, i) => v - basis.Mstar[i]);

const gauss = makeSensingProblem({ n: 20, r: 2, m: 300, kappa: 3 }, mulberry32(6));
const P2 = gaussianVector(400, mulberry32(7));
const r2 = Float64Array.from({ length: 300 }, (_, i) => P2.reduce((s, v, j) => s + v * gauss.measurements[i * 400 + j], 0) - gauss.y[i]);
const s2 = Float64Array.from({ length: 400 }, (_, j) => r2.reduce((s, v, i) => s + v * gauss.measurements[i * 400 + j], 0) / 300);
const tol = (backend: 'webgpu' | 'cpu') => (backend === 'cpu' ? F64_EXACT : F32_REDUCTION);
const check = (expected: Float64Array, label: string) => (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') => {
  const r = compareClose(out, expected, tol(backend), label);
  return r.ok ? null : r.message;
};

export const suite: KernelSuite = {
  kernel: 'sensingResidual',
  cases: [
    {
      name: 'identity map (n = 12, m = 144): residuals r = n·vec(P − M*)',
      tolerance: F32_REDUCTION,
      cpu: () => measurementResiduals(basis, P).residuals,
      gpu: async (ctx) => (await sensingResidualGpu(ctx, basis.measurements, P, basis.y)).residuals,
      check: check(Float64Array.from(diff, (v) => n * v), 'r'),
    },
    {
      name: 'identity map: S = (1/m) Σ r_i B_i = P − M*',
      tolerance: F32_REDUCTION,
      cpu: () => measurementResiduals(basis, P).sum,
      gpu: async (ctx) => (await sensingResidualGpu(ctx, basis.measurements, P, basis.y)).sum,
      check: check(diff, 'S'),
    },
    {
      name: 'Gaussian map (n = 20, m = 300): r and S against plain loops',
      tolerance: F32_REDUCTION,
      cpu: () => {
        const o = measurementResiduals(gauss, P2);
        return Float64Array.from([...o.residuals, ...o.sum]);
      },
      gpu: async (ctx) => {
        const o = await sensingResidualGpu(ctx, gauss.measurements, P2, gauss.y);
        return Float64Array.from([...o.residuals, ...o.sum]);
      },
      check: check(Float64Array.from([...r2, ...s2]), 'r, S'),
    },
  ],
};
