/**
 * Host code for the geodesic-fan kernel: `count` unit-speed geodesics from one point of a
 * graph surface, one GPU invocation each, f32. CPU reference: `geodesicFan` in
 * src/geometry/surfaces/graphGeometry.ts (same directions, step h = length/steps, same
 * stopping rule).
 */
import { validateFanOptions, type GeodesicFanOptions } from '../../geometry/surfaces/graphGeometry';
import type { GraphSurface } from '../../geometry/surfaces/testSurfaces';
import { grid, type KernelContext } from '../context';
import code from './geodesicFan.wgsl?raw';

const WG = 64;

/** Records the fan into `points` (count·(steps+1)·3 f32) and `lengths` (count u32). */
export function encodeGeodesicFan(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  points: GPUBuffer,
  lengths: GPUBuffer,
  surface: GraphSurface,
  options: GeodesicFanOptions,
): void {
  const pipeline = ctx.pipeline('geodesicFan', code, { SURFACE: surface.id });
  const params = ctx.uniform(
    [options.x0, options.y0, options.length / options.steps, options.angleOffset ?? 0, options.count, options.steps],
    'ffffuu',
    'geodesicFan:params',
  );
  ctx.dispatch(pipeline, [points, lengths, params], grid(Math.ceil(options.count / WG)), encoder);
}

export interface GeodesicFanGpuResult {
  points: Float32Array;
  lengths: Uint32Array;
}

/** One-shot: allocates, runs and reads back. */
export async function geodesicFanGpu(ctx: KernelContext, surface: GraphSurface, options: GeodesicFanOptions): Promise<GeodesicFanGpuResult> {
  validateFanOptions(surface, options);
  const pointCount = options.count * (options.steps + 1) * 3;
  const points = ctx.storage(pointCount * 4, 'geodesicFan:points');
  const lengths = ctx.storage(options.count * 4, 'geodesicFan:lengths');
  const encoder = ctx.device.createCommandEncoder({ label: 'geodesicFan' });
  encodeGeodesicFan(ctx, encoder, points, lengths, surface, options);
  ctx.device.queue.submit([encoder.finish()]);
  const out = await ctx.readFloat32(points, pointCount);
  const lengthsOut = new Uint32Array(await ctx.read(lengths, options.count * 4));
  points.destroy();
  lengths.destroy();
  return { points: out, lengths: lengthsOut };
}
