import { matMul } from '../../geometry/linalg/dense';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { matMulGpu } from './matmul';

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

// ones(m×k) · V, V[p, j] = t_j^p: every row of C sums the geometric series (1 − t_j^k)/(1 − t_j).
// No dimension is a multiple of the 16-wide tile.
const gm = 19;
const gk = 37;
const gn = 23;
const t = Float64Array.from({ length: gn }, (_, j) => 0.3 + (0.6 * j) / gn);
const ones = new Float64Array(gm * gk).fill(1);
const vandermonde = filled(gk, gn, (p, j) => t[j] ** p);
const geometric = filled(gm, gn, (_, j) => (1 - t[j] ** gk) / (1 - t[j]));

// Block-diagonal 2×2 rotations: R(θ_b) R(φ_b) = R(θ_b + φ_b), 9 blocks → 18×18.
const blocks = 9;
const theta = Float64Array.from({ length: blocks }, (_, b) => 0.3 * b + 0.1);
const phi = Float64Array.from({ length: blocks }, (_, b) => 1.7 - 0.45 * b);
function rotations(angles: Float64Array): Float64Array {
  const size = 2 * angles.length;
  const r = new Float64Array(size * size);
  angles.forEach((a, b) => {
    const o = 2 * b;
    r[o * size + o] = Math.cos(a);
    r[o * size + o + 1] = -Math.sin(a);
    r[(o + 1) * size + o] = Math.sin(a);
    r[(o + 1) * size + o + 1] = Math.cos(a);
  });
  return r;
}
const rotTheta = rotations(theta);
const rotPhi = rotations(phi);
const rotSum = rotations(Float64Array.from(theta, (a, b) => a + phi[b]));

// The second-difference matrix L = tridiag(−1, 2, −1) of size s has the known inverse
// (L⁻¹)_ij = min(i, j)(s + 1 − max(i, j))/(s + 1) (1-based), so L L⁻¹ = I.
const s = 20;
const laplacian = filled(s, s, (i, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0));
const laplacianInverse = filled(s, s, (i, j) => (Math.min(i, j) + 1) * (s - Math.max(i, j)) / (s + 1));
const identity = filled(s, s, (i, j) => (i === j ? 1 : 0));

// k = 1: the outer product u vᵀ.
const u = Float64Array.from({ length: 17 }, (_, i) => i - 8);
const v = Float64Array.from({ length: 35 }, (_, j) => 0.25 * j + 1);

const random = mulberry32(23);
const rm = 70;
const rk = 45;
const rn = 33;
const ra = Float64Array.from({ length: rm * rk }, () => random() * 2 - 1);
const rb = Float64Array.from({ length: rk * rn }, () => random() * 2 - 1);

export const suite: KernelSuite = {
  kernel: 'matmul',
  cases: [
    {
      name: 'ones(19×37) times Vandermonde t_j^p sums the geometric series (1 − t^k)/(1 − t)',
      tolerance: F32_REDUCTION,
      cpu: () => matMul(ones, vandermonde, gm, gk, gn),
      gpu: (ctx) => matMulGpu(ctx, ones, vandermonde, gm, gk, gn),
      check: golden(geometric),
    },
    {
      name: 'block rotations compose: R(θ) R(φ) = R(θ + φ), 18×18',
      tolerance: F32_REDUCTION,
      cpu: () => matMul(rotTheta, rotPhi, 18, 18, 18),
      gpu: (ctx) => matMulGpu(ctx, rotTheta, rotPhi, 18, 18, 18),
      check: golden(rotSum),
    },
    {
      name: 'second-difference matrix times its closed-form inverse is the identity, 20×20',
      tolerance: F32_REDUCTION,
      cpu: () => matMul(laplacian, laplacianInverse, s, s, s),
      gpu: (ctx) => matMulGpu(ctx, laplacian, laplacianInverse, s, s, s),
      check: golden(identity),
    },
    {
      name: 'inner dimension 1 gives the outer product u vᵀ, 17×35',
      tolerance: F32_REDUCTION,
      cpu: () => matMul(u, v, 17, 1, 35),
      gpu: (ctx) => matMulGpu(ctx, u, v, 17, 1, 35),
      check: golden(filled(17, 35, (i, j) => u[i] * v[j])),
    },
    {
      name: 'random 70×45 · 45×33: row sums of AB equal A (B 1)',
      tolerance: F32_REDUCTION,
      cpu: () => matMul(ra, rb, rm, rk, rn),
      gpu: (ctx) => matMulGpu(ctx, ra, rb, rm, rk, rn),
      check: (out, backend) => {
        const rowSums = new Float64Array(rm);
        for (let i = 0; i < rm; i++) for (let j = 0; j < rn; j++) rowSums[i] += out[i * rn + j];
        const b1 = new Float64Array(rk);
        for (let p = 0; p < rk; p++) for (let j = 0; j < rn; j++) b1[p] += rb[p * rn + j];
        const ab1 = new Float64Array(rm);
        for (let i = 0; i < rm; i++) for (let p = 0; p < rk; p++) ab1[i] += ra[i * rk + p] * b1[p];
        const r = compareClose(rowSums, ab1, backend === 'cpu' ? F64_EXACT : F32_REDUCTION, '(AB)1 vs A(B1)');
        return r.ok ? null : r.message;
      },
    },
  ],
};
