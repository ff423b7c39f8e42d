import { reduce } from '../../geometry/linalg/reductions';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_ELEMENTWISE, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import type { RowStrategy } from '../rowStrategy';
import { reduceGpu } from './reduce';

function filled(rows: number, cols: number, f: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = f(i, j);
  return a;
}

/** Closed forms are checked in f64 tightly on the CPU and within f32 rounding on the GPU. */
function golden(expected: Float64Array) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') =>
    (() => {
      const r = compareClose(out, expected, backend === 'cpu' ? F64_EXACT : F32_REDUCTION, 'closed form');
      return r.ok ? null : r.message;
    })();
}

const rowsSum = filled(37, 300, (i, j) => i + j / 300);
const rowsMax = filled(70, 129, (i, j) => -((j - (i % 129)) ** 2));
// Each row: c zeros and the rest −1e4, so LSE = log(c + (cols − c)·e^−1e4) = log c exactly.
const lseCols = 1000;
const lseRows = filled(8, lseCols, (i, j) => (j < i + 1 ? 0 : -1e4));
// Column j of A[i, j] = log(i + 1) + j has LSE j + log(rows(rows + 1)/2).
const colsLse = filled(64, 300, (i, j) => Math.log(i + 1) + j);
const random = mulberry32(7);
const randomMatrix = filled(301, 517, () => random() * 20 - 10);

/** Row cases run under both row strategies, so both entry points are tested on any adapter. */
const rowCases = (strategy: RowStrategy): KernelCase[] => [
  {
    name: `row sums of A[i,j] = i + j/cols equal i·cols + (cols−1)/2 [row per ${strategy}]`,
    tolerance: F32_REDUCTION,
    cpu: () => reduce(rowsSum, 37, 300, 'sum', 'rows'),
    gpu: (ctx) => reduceGpu(ctx, rowsSum, 37, 300, 'sum', 'rows', strategy),
    check: golden(Float64Array.from({ length: 37 }, (_, i) => i * 300 + 299 / 2)),
  },
  {
    name: `row max of −(j − i)² is 0 [row per ${strategy}]`,
    tolerance: F32_ELEMENTWISE,
    cpu: () => reduce(rowsMax, 70, 129, 'max', 'rows'),
    gpu: (ctx) => reduceGpu(ctx, rowsMax, 70, 129, 'max', 'rows', strategy),
    check: golden(new Float64Array(70)),
  },
  {
    name: `row log-sum-exp with entries −1e4 and 0 is finite and equals log(count of zeros) [row per ${strategy}]`,
    tolerance: F32_ELEMENTWISE,
    cpu: () => reduce(lseRows, 8, lseCols, 'logsumexp', 'rows'),
    gpu: (ctx) => reduceGpu(ctx, lseRows, 8, lseCols, 'logsumexp', 'rows', strategy),
    check: golden(Float64Array.from({ length: 8 }, (_, i) => Math.log(i + 1))),
  },
  {
    name: `row log-sum-exp of a random 301×517 matrix is at least the row max and at most max + log(cols) [row per ${strategy}]`,
    tolerance: F32_REDUCTION,
    cpu: () => reduce(randomMatrix, 301, 517, 'logsumexp', 'rows'),
    gpu: (ctx) => reduceGpu(ctx, randomMatrix, 301, 517, 'logsumexp', 'rows', strategy),
    check: (out) => {
      for (let i = 0; i < 301; i++) {
        let m = -Infinity;
        for (let j = 0; j < 517; j++) m = Math.max(m, randomMatrix[i * 517 + j]);
        if (!(out[i] >= m - 1e-5 && out[i] <= m + Math.log(517) + 1e-5)) return `row ${i}: LSE ${out[i]} outside [${m}, ${m + Math.log(517)}]`;
      }
      return null;
    },
  },
];

const colCases: KernelCase[] = [
  {
    name: 'column sums of A[i,j] = i + j/cols equal rows(rows−1)/2 + rows·j/cols',
    tolerance: F32_REDUCTION,
    cpu: () => reduce(rowsSum, 37, 300, 'sum', 'cols'),
    gpu: (ctx) => reduceGpu(ctx, rowsSum, 37, 300, 'sum', 'cols'),
    check: golden(Float64Array.from({ length: 300 }, (_, j) => (37 * 36) / 2 + (37 * j) / 300)),
  },
  {
    name: 'column max of −(j − i)² is 0 for columns < rows, else −(j − rows + 1)²',
    tolerance: F32_ELEMENTWISE,
    cpu: () => reduce(rowsMax, 70, 129, 'max', 'cols'),
    gpu: (ctx) => reduceGpu(ctx, rowsMax, 70, 129, 'max', 'cols'),
    check: golden(Float64Array.from({ length: 129 }, (_, j) => (j < 70 ? 0 : -((j - 69) ** 2)))),
  },
  {
    name: 'column log-sum-exp of log(i+1) + j equals j + log(rows(rows+1)/2)',
    tolerance: F32_REDUCTION,
    cpu: () => reduce(colsLse, 64, 300, 'logsumexp', 'cols'),
    gpu: (ctx) => reduceGpu(ctx, colsLse, 64, 300, 'logsumexp', 'cols'),
    check: golden(Float64Array.from({ length: 300 }, (_, j) => j + Math.log((64 * 65) / 2))),
  },
];

export const suite: KernelSuite = {
  kernel: 'reduce',
  cases: [...rowCases('workgroup'), ...rowCases('thread'), ...colCases],
};
