import { pairwiseSquaredDistances } from '../../geometry/linalg/distances';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { pairwiseSquaredDistancesGpu } from './pairwise';

function filled(rows: number, cols: number, f: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = f(i, j);
  return a;
}

/** Closed forms are checked in f64 tightly on the CPU and within f32 rounding on the GPU. */
function golden(expected: Float64Array) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') => {
    const r = compareClose(out, expected, backend === 'cpu' ? F64_EXACT : F32_REDUCTION, 'closed form');
    return r.ok ? null : r.message;
  };
}

/** Properties of D(X, X): exactly symmetric, exactly zero on the diagonal, nonnegative. */
function selfDistanceProperties(n: number) {
  return (out: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) {
      if (out[i * n + i] !== 0) return `diagonal D[${i},${i}] = ${out[i * n + i]}, expected exactly 0`;
      for (let j = 0; j < n; j++) {
        if (!(out[i * n + j] >= 0)) return `D[${i},${j}] = ${out[i * n + j]} is not ≥ 0`;
        if (out[i * n + j] !== out[j * n + i]) return `D[${i},${j}] = ${out[i * n + j]} but D[${j},${i}] = ${out[j * n + i]}`;
      }
    }
    return null;
  };
}

// Points on a line through the origin along the unit vector (1, 2, 2)/3:
// x_i = i·u, y_j = (j + 0.5)·u, so ‖x_i − y_j‖² = (i − j − 0.5)².
const unit = [1 / 3, 2 / 3, 2 / 3];
const lineX = filled(21, 3, (i, c) => i * unit[c]);
const lineY = filled(37, 3, (j, c) => (j + 0.5) * unit[c]);

// X = Y = t_i (1, …, 1) in 18 dimensions (more than one 16-wide tile of coordinates),
// t_i = i/4: ‖x_i − x_j‖² = 18 (t_i − t_j)², exact in f32.
const diagonalDims = 18;
const diagonalPoints = 29;
const diagonal = filled(diagonalPoints, diagonalDims, (i) => i / 4);

// A 6×5 integer grid against a 4×3 grid shifted by (½, ½).
const gridX = filled(30, 2, (i, c) => (c === 0 ? Math.floor(i / 5) : i % 5));
const gridY = filled(12, 2, (j, c) => (c === 0 ? Math.floor(j / 3) : j % 3) + 0.5);

const random = mulberry32(5);
const rn = 50;
const rd = 7;
const randomPoints = Float64Array.from({ length: rn * rd }, () => random() * 4 - 2);

export const suite: KernelSuite = {
  kernel: 'pairwise',
  cases: [
    {
      name: 'points on a line in 3-D: ‖i·u − (j + ½)·u‖² = (i − j − ½)², 21×37',
      tolerance: F32_REDUCTION,
      cpu: () => pairwiseSquaredDistances(lineX, lineY, 21, 37, 3),
      gpu: (ctx) => pairwiseSquaredDistancesGpu(ctx, lineX, lineY, 21, 37, 3),
      check: golden(filled(21, 37, (i, j) => (i - j - 0.5) ** 2)),
    },
    {
      name: 'points t·(1,…,1) in 18-D: D = 18 (t_i − t_j)², zero diagonal, symmetric',
      tolerance: F32_REDUCTION,
      cpu: () => pairwiseSquaredDistances(diagonal, diagonal, diagonalPoints, diagonalPoints, diagonalDims),
      gpu: (ctx) => pairwiseSquaredDistancesGpu(ctx, diagonal, diagonal, diagonalPoints, diagonalPoints, diagonalDims),
      check: (out, backend) =>
        selfDistanceProperties(diagonalPoints)(out) ??
        golden(filled(diagonalPoints, diagonalPoints, (i, j) => (18 * (i - j) ** 2) / 16))(out, backend),
    },
    {
      name: '6×5 integer grid against a 4×3 grid shifted by (½, ½)',
      tolerance: F32_REDUCTION,
      cpu: () => pairwiseSquaredDistances(gridX, gridY, 30, 12, 2),
      gpu: (ctx) => pairwiseSquaredDistancesGpu(ctx, gridX, gridY, 30, 12, 2),
      check: golden(
        filled(30, 12, (i, j) => (Math.floor(i / 5) - Math.floor(j / 3) - 0.5) ** 2 + ((i % 5) - (j % 3) - 0.5) ** 2),
      ),
    },
    {
      name: 'random 50 points in 7-D against themselves: symmetric, zero diagonal, nonnegative, √D a metric',
      tolerance: F32_REDUCTION,
      cpu: () => pairwiseSquaredDistances(randomPoints, randomPoints, rn, rn, rd),
      gpu: (ctx) => pairwiseSquaredDistancesGpu(ctx, randomPoints, randomPoints, rn, rn, rd),
      check: (out) => {
        const problem = selfDistanceProperties(rn)(out);
        if (problem) return problem;
        for (let i = 0; i < rn; i++) {
          for (let j = 0; j < rn; j++) {
            for (let l = 0; l < rn; l++) {
              const direct = Math.sqrt(out[i * rn + j]);
              const detour = Math.sqrt(out[i * rn + l]) + Math.sqrt(out[l * rn + j]);
              if (direct > detour * (1 + 1e-5) + 1e-6) return `triangle inequality fails for (${i}, ${j}) via ${l}: ${direct} > ${detour}`;
            }
          }
        }
        return null;
      },
    },
  ],
};
