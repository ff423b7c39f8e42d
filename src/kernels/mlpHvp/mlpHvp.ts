/**
 * Host code for the exact MLP Hessian-vector product on the GPU (f32): Pearlmutter's R-operator
 * as a chain of batched dense-layer products (mlpGemm.wgsl) and pointwise steps
 * (mlpPointwise.wgsl) over all N samples at once. CPU reference: `mlpHessianVector` and
 * `curvatureOperator(…, 'hessian')` in src/geometry/nn (f64).
 *
 * `createMlpHvpGpu` binds θ and the data once, runs the forward pass and the softmax once
 * (they do not depend on v), and returns an operator whose `apply(v, out)` uploads v, records
 * the R-forward and R-backward passes into one command buffer, and reads H v back. Bind groups
 * and uniforms are built once per operator, so a product is one submit and one read-back.
 */
import type { ClassificationData } from '../../geometry/nn/data';
import type { Mlp } from '../../geometry/nn/mlp';
import { DeviceLimitError, grid, toFloat32, type KernelContext } from '../context';
import gemmCode from './mlpGemm.wgsl?raw';
import pointwiseCode from './mlpPointwise.wgsl?raw';

const TILE = 16;
const GROUP = 64;
const TRANS_A = 1;
const TRANS_B = 2;
const ACCUMULATE = 4;
const BIAS = 8;
const ACTIVATION_CODE = { tanh: 0, relu: 1, gelu: 2, softplus: 3 } as const;

type Step = { pipeline: GPUComputePipeline; bindGroup: GPUBindGroup; workgroups: [number, number] };

export interface MlpHvpOperator {
  readonly size: number;
  /** out ← H v (f32 arithmetic, returned in f64). */
  apply(v: Float64Array, out: Float64Array): Promise<void>;
  dispose(): void;
}

/** 'hessian': H v by the R-operator; 'gaussNewton': G v = Jᵀ H_ℓ J v + weightDecay·v (the same passes without the second-order terms). */
export type GpuCurvatureKind = 'hessian' | 'gaussNewton';

export function createMlpHvpGpu(
  ctx: KernelContext,
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  kind: GpuCurvatureKind = 'hessian',
): MlpHvpOperator {
  const { layers, weightOffset, biasOffset, paramCount: P } = mlp;
  if (theta.length !== P) throw new Error(`θ has ${theta.length} entries but the MLP has P = ${P} parameters`);
  if (data.x.length !== data.n * layers[0]) throw new Error(`data x has ${data.x.length} entries but n×d_in = ${data.n}×${layers[0]}`);
  const device = ctx.device;
  const n = data.n;
  const L = layers.length - 1;
  const k = layers[L];
  const owned: GPUBuffer[] = [];
  const keep = <T extends GPUBuffer>(b: T): T => {
    owned.push(b);
    return b;
  };
  const floats = (count: number, label: string) => keep(ctx.storage(count * 4, `mlp-hvp:${label}`));

  const thetaBuf = keep(ctx.upload(toFloat32(theta), 'mlp-hvp:theta'));
  const vBuf = floats(P, 'v');
  const outBuf = floats(P, 'out');
  const xBuf = keep(ctx.upload(toFloat32(data.x), 'mlp-hvp:x'));
  const yBuf = keep(ctx.upload(Float32Array.from(data.y), 'mlp-hvp:y'));
  const perLayer = (label: string, count: number) => Array.from({ length: count }, (_, l) => floats(n * layers[l + 1], `${label}${l}`));
  const z = perLayer('z', L);
  const rz = perLayer('rz', L);
  const delta = perLayer('delta', L);
  const rdelta = perLayer('rdelta', L);
  const act = perLayer('act', L - 1);
  const d1 = perLayer('d1', L - 1);
  const d2 = perLayer('d2', L - 1);
  const ra = perLayer('ra', L - 1);
  const widest = Math.max(...layers);
  const back = floats(n * widest, 'back');
  const rback = floats(n * widest, 'rback');
  const prob = floats(n * k, 'prob');
  const staging = keep(device.createBuffer({ label: 'mlp-hvp:readback', size: P * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));

  const gemmPipeline = ctx.pipeline('mlp-gemm', gemmCode);
  const pointwise = (entry: string) => ctx.pipeline('mlp-pointwise', pointwiseCode, {}, entry);

  const uniform = (values: number[], kinds: string, label: string) => keep(ctx.uniform(values, kinds, label));

  function gemm(
    a: GPUBuffer,
    b: GPUBuffer,
    c: GPUBuffer,
    m: number,
    kk: number,
    nn: number,
    flags: number,
    offsets: { a?: number; b?: number; c?: number; bias?: number; biasBuf?: GPUBuffer } = {},
  ): Step {
    const cols = Math.ceil(nn / TILE);
    const rows = Math.ceil(m / TILE);
    if (cols > 65535 || rows > 65535) throw new DeviceLimitError(`a ${m}×${nn} layer product needs more than 65535 workgroups per dimension`);
    const shape = uniform([m, kk, nn, flags, offsets.a ?? 0, offsets.b ?? 0, offsets.c ?? 0, offsets.bias ?? 0], 'uuuuuuuu', 'mlp-gemm:shape');
    const bindGroup = device.createBindGroup({
      label: 'mlp-gemm',
      layout: gemmPipeline.getBindGroupLayout(0),
      entries: [a, b, c, offsets.biasBuf ?? thetaBuf, shape].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return { pipeline: gemmPipeline, bindGroup, workgroups: [Math.max(1, cols), Math.max(1, rows)] };
  }

  function point(entry: string, buffers: (GPUBuffer | null)[], threads: number, prm: { count: number; width?: number; op?: number; offset?: number; scale?: number }): Step {
    const pipeline = pointwise(entry);
    const params = uniform([prm.count, prm.width ?? 0, prm.op ?? 0, prm.offset ?? 0, prm.scale ?? 0, 0, 0, 0], 'uuuufuuu', `mlp-pointwise:${entry}`);
    const entries: GPUBindGroupEntry[] = [];
    buffers.forEach((buffer, binding) => {
      if (buffer) entries.push({ binding, resource: { buffer } });
    });
    entries.push({ binding: 7, resource: { buffer: params } });
    const bindGroup = device.createBindGroup({ label: `mlp-pointwise:${entry}`, layout: pipeline.getBindGroupLayout(0), entries });
    const [gx, gy] = grid(Math.ceil(Math.max(1, threads) / GROUP));
    return { pipeline, bindGroup, workgroups: [gx, gy] };
  }

  const input = (l: number) => (l === 0 ? xBuf : act[l - 1]);

  // ---- forward and softmax: once per operator
  const prepare: Step[] = [];
  for (let l = 0; l < L; l++) {
    const ni = layers[l];
    const no = layers[l + 1];
    prepare.push(gemm(input(l), thetaBuf, z[l], n, ni, no, TRANS_B | BIAS, { b: weightOffset[l], bias: biasOffset[l] }));
    if (l < L - 1) prepare.push(point('activate', [z[l], act[l], d1[l], d2[l]], n * no, { count: n * no, op: ACTIVATION_CODE[mlp.activation] }));
  }
  prepare.push(point('softmaxForward', [z[L - 1], yBuf, prob, delta[L - 1]], n, { count: n, width: k, scale: 1 / n }));

  // ---- per product: R-forward, R{δ_L}, R-backward, weight decay
  const product: Step[] = [];
  for (let l = 0; l < L; l++) {
    const ni = layers[l];
    const no = layers[l + 1];
    product.push(gemm(input(l), vBuf, rz[l], n, ni, no, TRANS_B | BIAS, { b: weightOffset[l], bias: biasOffset[l], biasBuf: vBuf }));
    if (l > 0) product.push(gemm(ra[l - 1], thetaBuf, rz[l], n, ni, no, TRANS_B | ACCUMULATE, { b: weightOffset[l] }));
    if (l < L - 1) product.push(point('rActivate', [d1[l], rz[l], ra[l]], n * no, { count: n * no }));
  }
  product.push(point('softmaxCurvature', [prob, rz[L - 1], rdelta[L - 1]], n, { count: n, width: k, scale: 1 / n }));
  for (let l = L - 1; l >= 0; l--) {
    const ni = layers[l];
    const no = layers[l + 1];
    // R{∂L/∂W_l} = R{δ_l}ᵀ a_{l−1} + δ_lᵀ R{a_{l−1}}   (Gauss-Newton: only the first term)
    product.push(gemm(rdelta[l], input(l), outBuf, no, n, ni, TRANS_A | ACCUMULATE, { c: weightOffset[l] }));
    if (l > 0 && kind === 'hessian') product.push(gemm(delta[l], ra[l - 1], outBuf, no, n, ni, TRANS_A | ACCUMULATE, { c: weightOffset[l] }));
    product.push(point('biasGrad', [rdelta[l], outBuf], no, { count: n, width: no, offset: biasOffset[l] }));
    if (l === 0) break;
    if (kind === 'gaussNewton') {
      // u_{l−1} = σ'(z) ⊙ (W_lᵀ u_l): plain backprop of the curvature-weighted logit slopes.
      product.push(gemm(rdelta[l], thetaBuf, rback, n, no, ni, 0, { b: weightOffset[l] }));
      product.push(point('rActivate', [d1[l - 1], rback, rdelta[l - 1]], n * ni, { count: n * ni }));
      continue;
    }
    // back = δ_l W_l, rback = R{δ_l} W_l + δ_l V_l, then the σ', σ'' combination.
    product.push(gemm(delta[l], thetaBuf, back, n, no, ni, 0, { b: weightOffset[l] }));
    product.push(gemm(rdelta[l], thetaBuf, rback, n, no, ni, 0, { b: weightOffset[l] }));
    product.push(gemm(delta[l], vBuf, rback, n, no, ni, ACCUMULATE, { b: weightOffset[l] }));
    product.push(point('backCombine', [back, rback, d1[l - 1], d2[l - 1], rz[l - 1], delta[l - 1], rdelta[l - 1]], n * ni, { count: n * ni }));
  }
  if (weightDecay !== 0) product.push(point('addScaled', [outBuf, vBuf], P, { count: P, scale: weightDecay }));

  function record(encoder: GPUCommandEncoder, steps: Step[], label: string): void {
    const pass = encoder.beginComputePass({ label });
    for (const step of steps) {
      pass.setPipeline(step.pipeline);
      pass.setBindGroup(0, step.bindGroup);
      pass.dispatchWorkgroups(step.workgroups[0], step.workgroups[1]);
    }
    pass.end();
  }

  {
    const encoder = device.createCommandEncoder({ label: 'mlp-hvp:forward' });
    record(encoder, prepare, 'mlp-hvp:forward');
    device.queue.submit([encoder.finish()]);
  }

  let disposed = false;
  const upload = new Float32Array(P);
  return {
    size: P,
    async apply(v, out) {
      if (disposed) throw new Error('mlp-hvp operator used after dispose()');
      if (v.length !== P || out.length !== P) throw new Error(`H v operator of size ${P} got v of ${v.length} and out of ${out.length}`);
      upload.set(v);
      device.queue.writeBuffer(vBuf, 0, upload);
      const encoder = device.createCommandEncoder({ label: 'mlp-hvp:product' });
      encoder.clearBuffer(outBuf);
      record(encoder, product, 'mlp-hvp:product');
      encoder.copyBufferToBuffer(outBuf, 0, staging, 0, P * 4);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      const result = new Float32Array(staging.getMappedRange(0, P * 4));
      for (let i = 0; i < P; i++) out[i] = result[i];
      staging.unmap();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const buffer of owned) buffer.destroy();
    },
  };
}

/** One-shot convenience: H v (or G v) for one direction (tests and the kernel suite). */
export async function mlpHvpGpu(
  ctx: KernelContext,
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  v: ArrayLike<number>,
  kind: GpuCurvatureKind = 'hessian',
): Promise<Float64Array> {
  const op = createMlpHvpGpu(ctx, mlp, theta, data, weightDecay, kind);
  try {
    const out = new Float64Array(mlp.paramCount);
    await op.apply(Float64Array.from(v), out);
    return out;
  } finally {
    op.dispose();
  }
}
