/**
 * Host code for the brute-force k-nearest-neighbours kernel (f32 distances, i32
 * indices). CPU reference: `knnBruteForce` in src/geometry/linalg/distances.ts.
 */
import { DeviceLimitError, grid, toFloat32, type KernelContext } from '../context';
import code from './knn.wgsl?raw';

/** The most neighbours one invocation keeps in private memory (KMAX in knn.wgsl). */
export const KNN_MAX_K = 32;
const WG = 64;

export interface NeighbourListsF32 {
  /** n×k neighbour indices, nearest first; ties broken by the smaller index. */
  indices: Int32Array;
  /** n×k squared distances (f32) matching `indices`. */
  squaredDistances: Float32Array;
  k: number;
}

/**
 * Records the k-NN search on `encoder`: `x` holds n×d points, `indices` (i32) and
 * `distances` (f32) receive n×k entries each.
 */
export function encodeKnn(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  x: GPUBuffer,
  indices: GPUBuffer,
  distances: GPUBuffer,
  n: number,
  d: number,
  k: number,
): void {
  if (k > KNN_MAX_K) throw new DeviceLimitError(`k = ${k} neighbours exceeds the GPU kernel's maximum of ${KNN_MAX_K}`);
  const pipeline = ctx.pipeline('knn', code);
  const shape = ctx.sharedUniform([n, d, k], 'uuu', 'knn:shape');
  ctx.dispatch(pipeline, [x, indices, distances, shape], grid(Math.ceil(n / WG)), encoder);
}

/** One-shot convenience: uploads X, searches and reads both lists back. */
export async function knnGpu(ctx: KernelContext, x: ArrayLike<number>, n: number, d: number, k: number): Promise<NeighbourListsF32> {
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new Error(`invalid k: ${k} (need 1 ≤ k < number of points = ${n})`);
  }
  if (x.length !== n * d) throw new Error(`point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  if (k > KNN_MAX_K) throw new DeviceLimitError(`k = ${k} neighbours exceeds the GPU kernel's maximum of ${KNN_MAX_K}`);
  const xb = ctx.upload(toFloat32(x), 'knn:x');
  const ib = ctx.storage(n * k * 4, 'knn:indices');
  const db = ctx.storage(n * k * 4, 'knn:distances');
  const encoder = ctx.device.createCommandEncoder({ label: 'knn' });
  encodeKnn(ctx, encoder, xb, ib, db, n, d, k);
  ctx.device.queue.submit([encoder.finish()]);
  const indices = new Int32Array(await ctx.read(ib, n * k * 4));
  const squaredDistances = await ctx.readFloat32(db, n * k);
  for (const buffer of [xb, ib, db]) buffer.destroy();
  return { indices, squaredDistances, k };
}
