/**
 * Host code for the elementwise kernel y_i = f(x_i; α, β) (f32). CPU reference:
 * `elementwise` in src/geometry/linalg/elementwise.ts.
 */
import { checkElementwiseArguments, type ElementwiseOp } from '../../geometry/linalg/elementwise';
import { grid, toFloat32, type KernelContext } from '../context';
import code from './elementwise.wgsl?raw';

const OPS: Record<ElementwiseOp, number> = { affine: 0, exp: 1, log: 2, negExpScaled: 3, square: 4 };
const WG = 256;

/** Records y = f(x) on `encoder` for `n` entries; `input` and `output` must be distinct buffers. */
export function encodeElementwise(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  input: GPUBuffer,
  output: GPUBuffer,
  n: number,
  op: ElementwiseOp,
  alpha = 1,
  beta = 0,
): void {
  const pipeline = ctx.pipeline('elementwise', code, { OP: OPS[op] });
  const params = ctx.sharedUniform([n, alpha, beta], 'uff', 'elementwise:params');
  ctx.dispatch(pipeline, [input, output, params], grid(Math.ceil(n / WG)), encoder);
}

/** One-shot convenience: uploads x, maps it and reads y back. */
export async function elementwiseGpu(
  ctx: KernelContext,
  op: ElementwiseOp,
  x: ArrayLike<number>,
  alpha = 1,
  beta = 0,
): Promise<Float32Array> {
  checkElementwiseArguments(op, alpha, beta);
  const n = x.length;
  const input = ctx.upload(toFloat32(x), 'elementwise:x');
  const output = ctx.storage(n * 4, 'elementwise:y');
  const encoder = ctx.device.createCommandEncoder({ label: 'elementwise' });
  encodeElementwise(ctx, encoder, input, output, n, op, alpha, beta);
  ctx.device.queue.submit([encoder.finish()]);
  const y = await ctx.readFloat32(output, n);
  input.destroy();
  output.destroy();
  return y;
}
