/**
 * Host code for the pairwise squared-distance kernel D[i, j] = ‖x_i − y_j‖² (f32).
 * CPU reference: `pairwiseSquaredDistances` in src/geometry/linalg/distances.ts.
 */
import { toFloat32, type KernelContext } from '../context';
import code from './pairwise.wgsl?raw';

/** Side of the square tile (and workgroup) in pairwise.wgsl. */
const TILE = 16;

/** Records D = pairwise squared distances on `encoder`; X is n×d, Y is m×d, D has n×m entries. */
export function encodePairwiseSquaredDistances(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  x: GPUBuffer,
  y: GPUBuffer,
  dist: GPUBuffer,
  n: number,
  m: number,
  d: number,
): void {
  const pipeline = ctx.pipeline('pairwise', code);
  const shape = ctx.sharedUniform([n, m, d], 'uuu', 'pairwise:shape');
  ctx.dispatch(pipeline, [x, y, dist, shape], [Math.max(1, Math.ceil(m / TILE)), Math.max(1, Math.ceil(n / TILE))], encoder);
}

/** One-shot convenience: uploads X and Y, computes D and reads it back (n×m, row-major). */
export async function pairwiseSquaredDistancesGpu(
  ctx: KernelContext,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  m: number,
  d: number,
): Promise<Float32Array> {
  if (x.length !== n * d) throw new Error(`first point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  if (y.length !== m * d) throw new Error(`second point set has ${y.length} entries but ${m} points × ${d} dims needs ${m * d}`);
  const xb = ctx.upload(toFloat32(x), 'pairwise:x');
  const yb = ctx.upload(toFloat32(y), 'pairwise:y');
  const db = ctx.storage(n * m * 4, 'pairwise:distances');
  const encoder = ctx.device.createCommandEncoder({ label: 'pairwise' });
  encodePairwiseSquaredDistances(ctx, encoder, xb, yb, db, n, m, d);
  ctx.device.queue.submit([encoder.finish()]);
  const out = await ctx.readFloat32(db, n * m);
  for (const buffer of [xb, yb, db]) buffer.destroy();
  return out;
}
