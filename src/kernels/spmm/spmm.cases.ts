import { heatKernelChebyshev } from '../../geometry/heat/chebyshev';
import { csrFromTriplets, csrMatMat } from '../../geometry/heat/sparse';
import { compareClose, F32_REDUCTION, F64_EXACT, F64_ITERATIVE } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { heatKernelChebyshevGpu, spmmGpu } from './spmm';

// The cycle C_m: combinatorial Laplacian L = 2I − A has eigenvectors cos(2πkj/m) with
// eigenvalues 2 − 2cos(2πk/m) (closed form), so L and exp(−tL) act on the modes by scalars.
const m = 96;
const rows = Array.from({ length: m }, (_, i) => i);
const cycleLaplacian = csrFromTriplets(
  m,
  m,
  [...rows, ...rows, ...rows],
  [...rows, ...rows.map((i) => (i + 1) % m), ...rows.map((i) => (i + m - 1) % m)],
  [...new Array(m).fill(2), ...new Array(2 * m).fill(-1)],
);
const modes = [1, 5, 17];
const block = new Float64Array(m * modes.length);
modes.forEach((k, c) => rows.forEach((j) => (block[j * modes.length + c] = Math.cos((2 * Math.PI * k * j) / m))));
const lambda = modes.map((k) => 2 - 2 * Math.cos((2 * Math.PI * k) / m));
const t = 1.5;
const order = 40;

function scaledModes(scale: (c: number) => number): Float64Array {
  return Float64Array.from(block, (v, i) => v * scale(i % modes.length));
}

export const suite: KernelSuite = {
  kernel: 'spmm',
  cases: [
    {
      name: 'cycle Laplacian × cosine modes = (2 − 2cos(2πk/m)) × modes',
      tolerance: F32_REDUCTION,
      cpu: () => csrMatMat(cycleLaplacian, block, modes.length),
      gpu: (ctx) => spmmGpu(ctx, cycleLaplacian, block, modes.length),
      check: (out, backend) => {
        const r = compareClose(out, scaledModes((c) => lambda[c]), backend === 'cpu' ? F64_EXACT : F32_REDUCTION, 'L v');
        return r.ok ? null : r.message;
      },
    },
    {
      name: `Chebyshev heat kernel (K = ${order}) on cosine modes = e^{−tλ_k} × modes`,
      tolerance: F32_REDUCTION,
      cpu: () => heatKernelChebyshev(cycleLaplacian, 4, [t], order, block, modes.length)[0],
      gpu: (ctx) => heatKernelChebyshevGpu(ctx, cycleLaplacian, 4, t, order, block, modes.length),
      check: (out, backend) => {
        const r = compareClose(out, scaledModes((c) => Math.exp(-t * lambda[c])), backend === 'cpu' ? F64_ITERATIVE : F32_REDUCTION, 'exp(−tL) v');
        return r.ok ? null : r.message;
      },
    },
  ],
};
