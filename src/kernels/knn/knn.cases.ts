import { knnBruteForce } from '../../geometry/linalg/distances';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_ELEMENTWISE, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { knnGpu } from './knn';

/**
 * Closed-form neighbours of point i among n equally spaced points on a line: at
 * separation t = 1, 2, … the candidates are i − t then i + t (the smaller index first
 * on the tie), skipping those outside 0…n−1.
 */
function lineNeighbours(n: number, k: number): { indices: Int32Array; separations: Float64Array } {
  const indices = new Int32Array(n * k);
  const separations = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let t = 1; p < k; t++) {
      for (const j of [i - t, i + t]) {
        if (p < k && j >= 0 && j < n) {
          indices[i * k + p] = j;
          separations[i * k + p] = t;
          p++;
        }
      }
    }
  }
  return { indices, separations };
}

/** Exact (integer) comparison of neighbour indices; no tolerance applies to indices. */
function sameIndices(expected: Int32Array) {
  return (out: ArrayLike<number>) => {
    const r = compareClose(out, expected, F64_EXACT, 'neighbour index');
    return r.ok ? null : r.message;
  };
}

// Points (i, 2i) in the plane: ‖x_i − x_j‖² = 5 (i − j)², exact in f32.
const lineN = 40;
const lineK = 5;
const line = Float64Array.from({ length: lineN * 2 }, (_, q) => (q % 2 === 0 ? 1 : 2) * Math.floor(q / 2));
const lineExpected = lineNeighbours(lineN, lineK);
// k = 32, the kernel's maximum, among 33 points: every other point is a neighbour.
const fullN = 33;
const fullK = 32;
const full = Float64Array.from({ length: fullN }, (_, i) => 3 * i);
const fullExpected = lineNeighbours(fullN, fullK);

// Random points with coordinates on a 1/1024 grid in [0, 1)³: differences, squares and
// their sums are then exact in f32 as in f64, so the GPU and the CPU see the same
// distances and must return the same indices, ties included.
const random = mulberry32(31);
const rn = 200;
const rd = 3;
const rk = 8;
const randomPoints = Float64Array.from({ length: rn * rd }, () => Math.floor(random() * 1024) / 1024);

/** Properties of a k-NN answer, checked from the indices alone with f64 distances. */
function validNeighbours(out: ArrayLike<number>): string | null {
  const dist = (i: number, j: number) => {
    let s = 0;
    for (let c = 0; c < rd; c++) s += (randomPoints[i * rd + c] - randomPoints[j * rd + c]) ** 2;
    return s;
  };
  for (let i = 0; i < rn; i++) {
    const listed = new Set<number>();
    for (let p = 0; p < rk; p++) {
      const j = out[i * rk + p];
      if (!Number.isInteger(j) || j < 0 || j >= rn || j === i || listed.has(j)) return `point ${i}: bad neighbour ${j} at rank ${p}`;
      if (p > 0 && dist(i, j) < dist(i, out[i * rk + p - 1])) return `point ${i}: neighbours not sorted at rank ${p}`;
      listed.add(j);
    }
    const kth = dist(i, out[i * rk + rk - 1]);
    for (let j = 0; j < rn; j++) {
      if (j !== i && !listed.has(j) && dist(i, j) < kth) return `point ${i}: unlisted point ${j} is closer than the ${rk}-th neighbour`;
    }
  }
  return null;
}

export const suite: KernelSuite = {
  kernel: 'knn',
  cases: [
    {
      name: '5 nearest of 40 points (i, 2i) on a line: i−1, i+1, i−2, i+2, … (ties to the smaller index)',
      tolerance: F64_EXACT,
      cpu: () => knnBruteForce(line, lineN, 2, lineK).indices,
      gpu: async (ctx) => (await knnGpu(ctx, line, lineN, 2, lineK)).indices,
      check: sameIndices(lineExpected.indices),
    },
    {
      name: 'their squared distances are 5 t² for separation t',
      tolerance: F32_ELEMENTWISE,
      cpu: () => knnBruteForce(line, lineN, 2, lineK).squaredDistances,
      gpu: async (ctx) => (await knnGpu(ctx, line, lineN, 2, lineK)).squaredDistances,
      check: (out, backend) => {
        const expected = lineExpected.separations.map((t) => 5 * t * t);
        const r = compareClose(out, expected, backend === 'cpu' ? F64_EXACT : F32_ELEMENTWISE, 'squared distance');
        return r.ok ? null : r.message;
      },
    },
    {
      name: 'k = 32 (the kernel maximum) among 33 points on a line lists every other point in closed-form order',
      tolerance: F64_EXACT,
      cpu: () => knnBruteForce(full, fullN, 1, fullK).indices,
      gpu: async (ctx) => (await knnGpu(ctx, full, fullN, 1, fullK)).indices,
      check: sameIndices(fullExpected.indices),
    },
    {
      name: 'random 200 points in 3-D on an f32-exact grid, k = 8: indices equal the CPU reference exactly; sorted, no self, none closer left out',
      tolerance: F64_EXACT,
      cpu: () => knnBruteForce(randomPoints, rn, rd, rk).indices,
      gpu: async (ctx) => (await knnGpu(ctx, randomPoints, rn, rd, rk)).indices,
      check: validNeighbours,
    },
  ],
};
