import { guttmanTransform, smacof } from '../../geometry/heat/mds';
import { pairwiseSquaredDistances } from '../../geometry/linalg/distances';
import { gaussian, mulberry32 } from '../../geometry/random';
import { compareClose, F32_ITERATIVE, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { smacofGpu } from './smacof';

// A centred configuration X with δ = its own distances is a fixed point of the Guttman
// transform: B(X) = nI − 11ᵀ, so B(X)X/n = X − mean = X (closed form).
const n = 150;
const dims = 2;
const random = mulberry32(23);
const truth = Float64Array.from({ length: n * dims }, () => gaussian(random));
for (let c = 0; c < dims; c++) {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i * dims + c] / n;
  for (let i = 0; i < n; i++) truth[i * dims + c] -= mean;
}
const delta = pairwiseSquaredDistances(truth, truth, n, n, dims).map(Math.sqrt);
const start = Float64Array.from(truth, (v) => v + 0.2 * gaussian(random));

function distances(x: ArrayLike<number>): Float64Array {
  return pairwiseSquaredDistances(x, x, n, n, dims).map(Math.sqrt);
}

export const suite: KernelSuite = {
  kernel: 'smacof',
  cases: [
    {
      name: 'one Guttman transform of the true configuration returns it (fixed point)',
      tolerance: F32_REDUCTION,
      cpu: () => {
        const out = new Float64Array(n * dims);
        guttmanTransform(truth, delta, n, dims, out);
        return out;
      },
      gpu: async (ctx) => (await smacofGpu(ctx, delta, n, dims, truth, 1)).embedding,
      check: (out, backend) => {
        const r = compareClose(out, truth, backend === 'cpu' ? F64_EXACT : F32_REDUCTION, 'X⁺');
        return r.ok ? null : r.message;
      },
    },
    {
      name: '60 iterations from a perturbed start recover the distances',
      tolerance: F32_ITERATIVE,
      cpu: () => distances(smacof(delta, n, dims, start, 60).embedding),
      gpu: async (ctx) => distances((await smacofGpu(ctx, delta, n, dims, start, 60, { every: 60 })).embedding),
      check: (out) => {
        const r = compareClose(out, delta, { absolute: 2e-2, relative: 0 }, 'embedded distances');
        return r.ok ? null : r.message;
      },
    },
  ],
};
