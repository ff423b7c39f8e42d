/**
 * Host code for the log-domain Sinkhorn kernels (sinkhorn.wgsl, sinkhornError.wgsl).
 * CPU reference: `createSinkhornLog` in src/geometry/ot/sinkhornLog.ts, with the same
 * iteration: an f-update then a g-update; after iteration k, history[k − 1] is the
 * marginal error ‖P1 − a‖₁ of the plan (f_k, g_k) (its column error is 0 up to rounding).
 *
 * Deviation from the CPU solver: the potentials are f32, so the plan entries carry a relative
 * error of about 2⁻²⁴ · |f_i + g_j − C_ij|/ε and the marginal error stalls near
 * `float32ErrorFloor` (below); the plan is computed in f64 from the f32 potentials.
 */
import type { OtProblem } from '../../geometry/ot/problem';
import { checkEpsilon } from '../../geometry/ot/problem';
import { grid, type KernelContext } from '../context';
import code from './sinkhorn.wgsl?raw';
import errorCode from './sinkhornError.wgsl?raw';

function transposeToFloat32(cost: Float64Array, n: number, m: number): Float32Array {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = cost[i * m + j];
  return out;
}

function logOf(x: Float64Array): Float32Array {
  // a zero mass would give −∞, which WGSL may assume away: a vanishing mass instead
  return Float32Array.from(x, (v) => Math.log(Math.max(v, 1e-30)));
}

/**
 * The marginal error a run in f32 can be asked for: max(1e-6, 4 · 2⁻²⁴ · max C / ε) times
 * the total mass. Rounding the potentials (|f|, |g| up to ~max C) to f32 perturbs each
 * exp((f_i + g_j − C_ij)/ε) by a relative 2⁻²⁴ · max C/ε, so asking for less never ends.
 */
export function float32ErrorFloor(problem: OtProblem, epsilon: number): number {
  let mass = 0;
  for (let i = 0; i < problem.n; i++) mass += problem.a[i];
  let maxC = 0;
  for (let k = 0; k < problem.cost.length; k++) if (Math.abs(problem.cost[k]) > maxC) maxC = Math.abs(problem.cost[k]);
  return mass * Math.max(1e-6, (4 * 2 ** -24 * maxC) / epsilon);
}

/** Threads per workgroup for rows of `length` entries: the next power of two, between 8 and 256. */
function workgroupSize(length: number): number {
  let size = 8;
  while (size < length && size < 256) size *= 2;
  return size;
}

/** A log-domain Sinkhorn run whose state stays on the GPU between batches of iterations. */
export class SinkhornLogGpu {
  readonly n: number;
  readonly m: number;
  private readonly buffers: GPUBuffer[] = [];
  private readonly cost: GPUBuffer;
  private readonly costT: GPUBuffer;
  private readonly logA: GPUBuffer;
  private readonly logB: GPUBuffer;
  private readonly a: GPUBuffer;
  private readonly b: GPUBuffer;
  private readonly f: GPUBuffer;
  private readonly g: GPUBuffer;
  private readonly errRows: GPUBuffer;
  private readonly errCols: GPUBuffer;
  private readonly history: GPUBuffer;
  private readonly state: GPUBuffer;
  private readonly rowParams: GPUBuffer;
  private readonly colParams: GPUBuffer;
  private iterationsEncoded = 0;
  private readonly rowPipeline: GPUComputePipeline;
  private readonly colPipeline: GPUComputePipeline;
  private readonly sumPipeline: GPUComputePipeline;
  private readonly rowBindGroup: GPUBindGroup;
  private readonly colBindGroup: GPUBindGroup;
  private readonly sumBindGroup: GPUBindGroup;
  private readonly rowGrid: [number, number];
  private readonly colGrid: [number, number];

  constructor(
    private readonly ctx: KernelContext,
    problem: OtProblem,
    readonly epsilon: number,
    readonly capacity: number,
  ) {
    checkEpsilon(epsilon);
    const { n, m } = problem;
    this.n = n;
    this.m = m;
    const keep = (buffer: GPUBuffer) => {
      this.buffers.push(buffer);
      return buffer;
    };
    ctx.checkStorageSize(n * m * 4, `sinkhorn cost matrix (${n}×${m})`);
    this.cost = keep(ctx.upload(Float32Array.from(problem.cost), 'sinkhorn:cost'));
    this.costT = keep(ctx.upload(transposeToFloat32(problem.cost, n, m), 'sinkhorn:costT'));
    this.logA = keep(ctx.upload(logOf(problem.a), 'sinkhorn:logA'));
    this.logB = keep(ctx.upload(logOf(problem.b), 'sinkhorn:logB'));
    this.a = keep(ctx.upload(Float32Array.from(problem.a), 'sinkhorn:a'));
    this.b = keep(ctx.upload(Float32Array.from(problem.b), 'sinkhorn:b'));
    this.f = keep(ctx.storage(n * 4, 'sinkhorn:f'));
    this.g = keep(ctx.storage(m * 4, 'sinkhorn:g'));
    this.errRows = keep(ctx.storage(n * 4, 'sinkhorn:errRows'));
    this.errCols = keep(ctx.storage(m * 4, 'sinkhorn:errCols'));
    this.history = keep(ctx.storage(capacity * 4, 'sinkhorn:history'));
    this.state = keep(ctx.upload(new Uint32Array([0, capacity]), 'sinkhorn:state'));
    this.rowParams = keep(ctx.uniform([n, m, epsilon, 1 / epsilon], 'uuff', 'sinkhorn:rowParams'));
    this.colParams = keep(ctx.uniform([m, n, epsilon, 1 / epsilon], 'uuff', 'sinkhorn:colParams'));
    const device = ctx.device;
    this.rowPipeline = ctx.pipeline('sinkhorn', code, { WG: workgroupSize(m) }, 'updatePotential');
    this.colPipeline = ctx.pipeline('sinkhorn', code, { WG: workgroupSize(n) }, 'updatePotential');
    this.sumPipeline = ctx.pipeline('sinkhornError', errorCode, { WG: workgroupSize(n) });
    const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) =>
      device.createBindGroup({
        label: pipeline.label,
        layout: pipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    this.rowBindGroup = bind(this.rowPipeline, [this.cost, this.g, this.logA, this.a, this.f, this.errRows, this.rowParams]);
    this.colBindGroup = bind(this.colPipeline, [this.costT, this.f, this.logB, this.b, this.g, this.errCols, this.colParams]);
    this.sumBindGroup = bind(this.sumPipeline, [this.errRows, this.history, this.state, this.rowParams]);
    this.rowGrid = grid(n);
    this.colGrid = grid(m);
    // f_1 from g = 0 (its error entry is not recorded)
    const encoder = ctx.device.createCommandEncoder({ label: 'sinkhorn:init' });
    this.encodeRowUpdate(encoder);
    ctx.device.queue.submit([encoder.finish()]);
  }

  private encodeRowUpdate(encoder: GPUCommandEncoder): void {
    const pass = encoder.beginComputePass({ label: 'sinkhorn:init' });
    pass.setPipeline(this.rowPipeline);
    pass.setBindGroup(0, this.rowBindGroup);
    pass.dispatchWorkgroups(...this.rowGrid);
    pass.end();
  }

  /**
   * Records `count` iterations (g-update, f-update, error sum) on `encoder`, in one
   * compute pass (WebGPU orders the dispatches of a pass and makes each one's storage
   * writes visible to the next) with bind groups built once.
   */
  encodeIterations(encoder: GPUCommandEncoder, count: number): void {
    const pass = encoder.beginComputePass({ label: 'sinkhorn' });
    for (let k = 0; k < count; k++) {
      pass.setPipeline(this.colPipeline);
      pass.setBindGroup(0, this.colBindGroup);
      pass.dispatchWorkgroups(...this.colGrid);
      pass.setPipeline(this.rowPipeline);
      pass.setBindGroup(0, this.rowBindGroup);
      pass.dispatchWorkgroups(...this.rowGrid);
      pass.setPipeline(this.sumPipeline);
      pass.setBindGroup(0, this.sumBindGroup);
      pass.dispatchWorkgroups(1);
    }
    pass.end();
    this.iterationsEncoded += count;
  }

  /** Runs `count` iterations and waits for them (by reading back the error history). */
  async run(count: number): Promise<Float32Array> {
    const encoder = this.ctx.device.createCommandEncoder({ label: 'sinkhorn' });
    this.encodeIterations(encoder, count);
    this.ctx.device.queue.submit([encoder.finish()]);
    return this.readHistory();
  }

  get iterations(): number {
    return this.iterationsEncoded;
  }

  /** The marginal error after each recorded iteration (at most `capacity`). */
  async readHistory(): Promise<Float32Array> {
    return this.ctx.readFloat32(this.history, Math.min(this.iterationsEncoded, this.capacity));
  }

  /**
   * Potentials of the last recorded plan. Note the GPU f has had one more f-update
   * than the plan whose error was recorded last (the update is in place).
   */
  async readPotentials(): Promise<{ f: Float32Array; g: Float32Array }> {
    const [f, g] = await Promise.all([this.ctx.readFloat32(this.f, this.n), this.ctx.readFloat32(this.g, this.m)]);
    return { f, g };
  }

  destroy(): void {
    for (const buffer of this.buffers) buffer.destroy();
    this.buffers.length = 0;
  }
}

/** One-shot: `iterations` log-domain Sinkhorn iterations on the GPU; potentials and error history. */
export async function sinkhornLogGpu(
  ctx: KernelContext,
  problem: OtProblem,
  epsilon: number,
  iterations: number,
): Promise<{ f: Float32Array; g: Float32Array; history: Float32Array }> {
  const run = new SinkhornLogGpu(ctx, problem, epsilon, iterations);
  try {
    const history = await run.run(iterations);
    const { f, g } = await run.readPotentials();
    return { f, g, history };
  } finally {
    run.destroy();
  }
}
