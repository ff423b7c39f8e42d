import { elementwise } from '../../geometry/linalg/elementwise';
import { compareClose, F32_ELEMENTWISE, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { elementwiseGpu } from './elementwise';

/** Closed forms are checked in f64 tightly on the CPU and within f32 rounding on the GPU. */
function golden(expected: Float64Array) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') => {
    const r = compareClose(out, expected, backend === 'cpu' ? F64_EXACT : F32_ELEMENTWISE, 'closed form');
    return r.ok ? null : r.message;
  };
}

const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

// Lengths are not multiples of the 256-wide workgroup, so the bounds guard matters.
const affineX = range(1000, (i) => i - 500);
const logOfInts = range(777, (i) => Math.log(i + 1));
const powersOfTwo = range(121, (j) => 2 ** (j - 60));
const temperature = 0.05;
const scaledCosts = range(301, (i) => (temperature * i) / 10);
const eighths = range(513, (i) => i / 8 - 30);

export const suite: KernelSuite = {
  kernel: 'elementwise',
  cases: [
    {
      name: 'affine 0.5 x + 3 on integers −500…499',
      tolerance: F32_ELEMENTWISE,
      cpu: () => elementwise('affine', affineX, 0.5, 3),
      gpu: (ctx) => elementwiseGpu(ctx, 'affine', affineX, 0.5, 3),
      check: golden(range(1000, (i) => 0.5 * (i - 500) + 3)),
    },
    {
      name: 'exp(log k) = k for k = 1…777',
      tolerance: F32_ELEMENTWISE,
      cpu: () => elementwise('exp', logOfInts),
      gpu: (ctx) => elementwiseGpu(ctx, 'exp', logOfInts),
      check: golden(range(777, (i) => i + 1)),
    },
    {
      name: 'log(2^j) = j ln 2 for j = −60…60',
      tolerance: F32_ELEMENTWISE,
      cpu: () => elementwise('log', powersOfTwo),
      gpu: (ctx) => elementwiseGpu(ctx, 'log', powersOfTwo),
      check: golden(range(121, (j) => (j - 60) * Math.LN2)),
    },
    {
      name: 'Gibbs kernel exp(−x/α) at x = α i/10 is e^(−i/10), α = 0.05',
      tolerance: F32_ELEMENTWISE,
      cpu: () => elementwise('negExpScaled', scaledCosts, temperature),
      gpu: (ctx) => elementwiseGpu(ctx, 'negExpScaled', scaledCosts, temperature),
      check: golden(range(301, (i) => Math.E ** (-i / 10))),
    },
    {
      name: 'square of eighths i/8 − 30 is exact',
      tolerance: F32_ELEMENTWISE,
      cpu: () => elementwise('square', eighths),
      gpu: (ctx) => elementwiseGpu(ctx, 'square', eighths),
      check: golden(range(513, (i) => ((i - 240) * (i - 240)) / 64)),
    },
  ],
};
