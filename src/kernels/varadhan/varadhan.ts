/** Host code for the Varadhan distance transform (varadhan.wgsl). CPU reference: `varadhanDistances`. */
import { HEAT_LOG_FLOOR } from '../../geometry/heat/varadhan';
import { grid, type KernelContext } from '../context';
import code from './varadhan.wgsl?raw';

export function encodeVaradhan(ctx: KernelContext, encoder: GPUCommandEncoder, heat: GPUBuffer, dist: GPUBuffer, n: number, t: number, sigma: number): void {
  const pipeline = ctx.pipeline('varadhan', code);
  const uniform = ctx.uniform([n, t, sigma, HEAT_LOG_FLOOR], 'ufff', 'varadhan:params');
  ctx.dispatch(pipeline, [heat, dist, uniform], grid(Math.ceil((n * n) / 256)), encoder);
}

export async function varadhanGpu(ctx: KernelContext, heat: ArrayLike<number>, n: number, t: number, sigma: number): Promise<Float32Array> {
  if (heat.length !== n * n) throw new Error(`heat kernel has ${heat.length} entries but ${n}×${n} needs ${n * n}`);
  if (!(t > 0)) throw new Error(`invalid diffusion time t: ${t} (need t > 0)`);
  if (!(sigma >= 0 && sigma <= 2)) throw new Error(`invalid σ: ${sigma} (need 0 ≤ σ ≤ 2)`);
  const hb = ctx.upload(Float32Array.from(heat), 'varadhan:heat');
  const db = ctx.storage(n * n * 4, 'varadhan:dist');
  const encoder = ctx.device.createCommandEncoder({ label: 'varadhan' });
  encodeVaradhan(ctx, encoder, hb, db, n, t, sigma);
  ctx.device.queue.submit([encoder.finish()]);
  const out = await ctx.readFloat32(db, n * n);
  hb.destroy();
  db.destroy();
  return out;
}
