/**
 * Host code for the CSR × dense kernel with an axpby epilogue (spmm.wgsl), and the
 * Chebyshev heat-kernel recurrence built from it. CPU references: `csrMatMat` and
 * `heatKernelChebyshev` in src/geometry/heat.
 */
import { heatChebyshevCoefficients } from '../../geometry/heat/chebyshev';
import type { CsrMatrix } from '../../geometry/heat/sparse';
import { DeviceLimitError, grid, type KernelContext } from '../context';
import code from './spmm.wgsl?raw';

export interface CsrBuffers {
  rowPtr: GPUBuffer;
  colIndex: GPUBuffer;
  values: GPUBuffer;
  rows: number;
  cols: number;
  destroy(): void;
}

export function uploadCsr(ctx: KernelContext, a: CsrMatrix, label: string): CsrBuffers {
  const rowPtr = ctx.upload(Uint32Array.from(a.rowPtr), `${label}:rowPtr`);
  const colIndex = ctx.upload(Uint32Array.from(a.colIndex), `${label}:colIndex`);
  const values = ctx.upload(Float32Array.from(a.values), `${label}:values`);
  return { rowPtr, colIndex, values, rows: a.rows, cols: a.cols, destroy: () => [rowPtr, colIndex, values].forEach((b) => b.destroy()) };
}

/** Records z ← alpha·A x + beta·x + gamma·z and acc += delta·z on `encoder` (x, z, acc are rows×m). */
export function encodeSpmm(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  a: CsrBuffers,
  x: GPUBuffer,
  z: GPUBuffer,
  acc: GPUBuffer,
  m: number,
  coefficients: { alpha: number; beta: number; gamma: number; delta: number },
): void {
  const pipeline = ctx.pipeline('spmm', code);
  const { alpha, beta, gamma, delta } = coefficients;
  const uniform = ctx.uniform([a.rows, m, alpha, beta, gamma, delta], 'uuffff', 'spmm:params');
  const groups = Math.ceil((a.rows * m) / 256);
  const [gx, gy] = grid(groups);
  ctx.dispatch(pipeline, [a.rowPtr, a.colIndex, a.values, x, z, acc, uniform], [gx, gy], encoder);
}

/** One-shot Y = A X (rows×m) on the GPU. */
export async function spmmGpu(ctx: KernelContext, a: CsrMatrix, x: ArrayLike<number>, m: number): Promise<Float32Array> {
  if (x.length !== a.cols * m) throw new Error(`dense block has ${x.length} entries but ${a.cols}×${m} needs ${a.cols * m}`);
  if (a.rows !== a.cols) throw new Error(`spmm's epilogue needs a square matrix, got ${a.rows}×${a.cols}`);
  const csr = uploadCsr(ctx, a, 'spmm');
  const xb = ctx.upload(Float32Array.from(x), 'spmm:x');
  const zb = ctx.storage(a.rows * m * 4, 'spmm:z');
  const encoder = ctx.device.createCommandEncoder({ label: 'spmm' });
  // acc is unused (delta = 0) but must be a distinct writable binding
  const unused = ctx.storage(4, 'spmm:unused');
  encodeSpmm(ctx, encoder, csr, xb, zb, unused, m, { alpha: 1, beta: 0, gamma: 0, delta: 0 });
  ctx.device.queue.submit([encoder.finish()]);
  const out = await ctx.readFloat32(zb, a.rows * m);
  for (const b of [xb, zb, unused]) b.destroy();
  csr.destroy();
  return out;
}

/**
 * exp(−tL) X on the GPU by the order-K Chebyshev recurrence (K fused spmm
 * dispatches in one command buffer). Returns the GPU buffer holding Y (rows×m) so a
 * caller can chain the distance transform without a readback; the caller destroys it.
 */
export async function heatKernelChebyshevBuffer(
  ctx: KernelContext,
  l: CsrMatrix,
  lambdaMax: number,
  t: number,
  order: number,
  x: Float32Array,
  m: number,
  onStep?: (k: number) => void,
): Promise<GPUBuffer> {
  const n = l.rows;
  if (x.length !== n * m) throw new Error(`block has ${x.length} entries but ${n}×${m} needs ${n * m}`);
  if (order < 1) throw new Error(`invalid Chebyshev order: ${order} (need an integer ≥ 1)`);
  const bytes = n * m * 4;
  if (bytes > ctx.device.limits.maxStorageBufferBindingSize) {
    throw new DeviceLimitError(`the ${n}×${m} heat-kernel block needs ${(bytes / 2 ** 20).toFixed(0)} MiB per buffer; this GPU binds ${(ctx.device.limits.maxStorageBufferBindingSize / 2 ** 20).toFixed(0)} MiB`);
  }
  const c = heatChebyshevCoefficients(t, lambdaMax, order);
  const phi = lambdaMax / 2;
  const csr = uploadCsr(ctx, l, 'heat:L');
  const t0 = ctx.upload(x, 'heat:T0'); // T_0 = X
  const t1 = ctx.upload(x, 'heat:T1'); // becomes T_1
  const y = ctx.storage(bytes, 'heat:Y');
  // Y = c0/2 X : seed with a copy of X scaled on the fly by the first step's epilogue:
  // T_1 = (1/φ) L X − X, written over its copy of X; acc Y += c1 T_1. Then add c0/2 X.
  let encoder = ctx.device.createCommandEncoder({ label: 'heat:chebyshev' });
  encodeSpmm(ctx, encoder, csr, t0, t1, y, m, { alpha: 1 / phi, beta: -1, gamma: 0, delta: c[1] });
  // Y += (c0/2)·X via a zero-matrix spmm: z ← 0·A·T0 + (c0/2)·T0 into a scratch, acc += 1·scratch
  const scratch = ctx.storage(bytes, 'heat:scratch');
  encodeSpmm(ctx, encoder, csr, t0, scratch, y, m, { alpha: 0, beta: 0.5 * c[0], gamma: 0, delta: 1 });
  let previous = t0;
  let current = t1;
  for (let k = 2; k <= order; k++) {
    // T_k = (2/φ) L T_{k−1} − 2 T_{k−1} − T_{k−2}, over T_{k−2}
    encodeSpmm(ctx, encoder, csr, current, previous, y, m, { alpha: 2 / phi, beta: -2, gamma: -1, delta: c[k] });
    [previous, current] = [current, previous];
    if (k % 16 === 0 || k === order) {
      ctx.device.queue.submit([encoder.finish()]);
      await ctx.device.queue.onSubmittedWorkDone();
      onStep?.(k);
      encoder = ctx.device.createCommandEncoder({ label: 'heat:chebyshev' });
    }
  }
  ctx.device.queue.submit([encoder.finish()]);
  await ctx.device.queue.onSubmittedWorkDone();
  scratch.destroy();
  csr.destroy();
  t0.destroy();
  t1.destroy();
  return y;
}

/** One-shot exp(−tL) X read back to the CPU. */
export async function heatKernelChebyshevGpu(
  ctx: KernelContext,
  l: CsrMatrix,
  lambdaMax: number,
  t: number,
  order: number,
  x: ArrayLike<number>,
  m: number,
): Promise<Float32Array> {
  const y = await heatKernelChebyshevBuffer(ctx, l, lambdaMax, t, order, Float32Array.from(x), m);
  const out = await ctx.readFloat32(y, l.rows * m);
  y.destroy();
  return out;
}
