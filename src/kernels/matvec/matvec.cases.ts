import { matVec } from '../../geometry/linalg/dense';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import type { RowStrategy } from '../rowStrategy';
import { matVecGpu } from './matvec';

const random = mulberry32(11);
const rows = 300;
const cols = 777;
const a = Float64Array.from({ length: rows * cols }, () => random() * 2 - 1);
const x = Float64Array.from({ length: cols }, () => random() * 2 - 1);

// A Vandermonde-like matrix A[i, j] = t_i^j with x = 1 sums a geometric series:
// y_i = (1 − t_i^cols) / (1 − t_i).
const geoRows = 64;
const geoCols = 40;
const t = Float64Array.from({ length: geoRows }, (_, i) => 0.5 + (0.45 * i) / geoRows);
const vandermonde = new Float64Array(geoRows * geoCols);
for (let i = 0; i < geoRows; i++) for (let j = 0; j < geoCols; j++) vandermonde[i * geoCols + j] = t[i] ** j;
const ones = new Float64Array(geoCols).fill(1);
const geometric = Float64Array.from(t, (ti) => (1 - ti ** geoCols) / (1 - ti));

/** Every case runs under both row strategies, so both entry points are tested on any adapter. */
const cases = (strategy: RowStrategy): KernelCase[] => [
  {
    name: `Vandermonde rows times ones sum the geometric series (1 − t^n)/(1 − t) [row per ${strategy}]`,
    tolerance: F32_REDUCTION,
    cpu: () => matVec(vandermonde, ones, geoRows, geoCols),
    gpu: (ctx) => matVecGpu(ctx, vandermonde, ones, geoRows, geoCols, strategy),
    check: (out, backend) => {
      const r = compareClose(out, geometric, backend === 'cpu' ? F64_EXACT : F32_REDUCTION, 'geometric series');
      return r.ok ? null : r.message;
    },
  },
  {
    name: `random 300×777: |y_i| ≤ Σ_j |A_ij x_j| for every row [row per ${strategy}]`,
    tolerance: F32_REDUCTION,
    cpu: () => matVec(a, x, rows, cols),
    gpu: (ctx) => matVecGpu(ctx, a, x, rows, cols, strategy),
    check: (out) => {
      for (let i = 0; i < rows; i++) {
        let bound = 0;
        for (let j = 0; j < cols; j++) bound += Math.abs(a[i * cols + j] * x[j]);
        if (Math.abs(out[i]) > bound * (1 + 1e-5)) return `row ${i}: |y| = ${Math.abs(out[i])} exceeds ${bound}`;
      }
      return null;
    },
  },
];

export const suite: KernelSuite = {
  kernel: 'matvec',
  cases: [...cases('workgroup'), ...cases('thread')],
};
