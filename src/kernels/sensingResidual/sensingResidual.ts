/**
 * Host code for the matrix-sensing residual kernel: r_i = ⟨B_i, P⟩ − y_i and S = (1/m) Σ_i r_i B_i for
 * m measurement matrices B (m×n², f32) and a product P = XXᵀ or FGᵀ. CPU reference:
 * `measurementResiduals` in src/geometry/optim/matrixSensing.ts. Not yet used by the chapter's job (its
 * CPU path meets the live budgets at n ≤ 30); it is the heavy m·n² half of a GD iteration for larger n.
 */
import { grid, toFloat32, type KernelContext } from '../context';
import code from './sensingResidual.wgsl?raw';

const WG = 256;

/** Records r = B·vec(P) − y (one workgroup per measurement) and S = Bᵀr/m into `r` and `S`. */
export function encodeSensingResidual(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  B: GPUBuffer,
  P: GPUBuffer,
  y: GPUBuffer,
  r: GPUBuffer,
  S: GPUBuffer,
  m: number,
  nn: number,
): void {
  const shape = ctx.uniform([m, nn], 'uu', 'sensingResidual:shape');
  ctx.dispatch(ctx.pipeline('sensingResidual', code, {}, 'residuals'), [B, P, y, r, shape], grid(m), encoder);
  ctx.dispatch(ctx.pipeline('sensingResidual', code, {}, 'residualSum'), [B, r, S, shape], grid(Math.ceil(nn / WG)), encoder);
}

/** One-shot: uploads B, P, y, runs both passes in one submit and reads back r (m) and S (n²). */
export async function sensingResidualGpu(
  ctx: KernelContext,
  measurements: ArrayLike<number>,
  P: ArrayLike<number>,
  y: ArrayLike<number>,
): Promise<{ residuals: Float32Array; sum: Float32Array }> {
  const nn = P.length;
  const m = y.length;
  if (measurements.length !== m * nn) throw new Error(`measurements hold ${measurements.length} numbers but m = ${m} matrices of ${nn} entries need ${m * nn}`);
  const bBuf = ctx.upload(toFloat32(measurements), 'sensingResidual:B');
  const pBuf = ctx.upload(toFloat32(P), 'sensingResidual:P');
  const yBuf = ctx.upload(toFloat32(y), 'sensingResidual:y');
  const rBuf = ctx.storage(m * 4, 'sensingResidual:r');
  const sBuf = ctx.storage(nn * 4, 'sensingResidual:S');
  const encoder = ctx.device.createCommandEncoder({ label: 'sensingResidual' });
  encodeSensingResidual(ctx, encoder, bBuf, pBuf, yBuf, rBuf, sBuf, m, nn);
  ctx.device.queue.submit([encoder.finish()]);
  const [residuals, sum] = await Promise.all([ctx.readFloat32(rBuf, m), ctx.readFloat32(sBuf, nn)]);
  for (const b of [bBuf, pBuf, yBuf, rBuf, sBuf]) b.destroy();
  return { residuals, sum };
}
