/**
 * Jobs of the "Compute engine" page: a log-sum-exp sweep that runs for seconds
 * so progress, cancellation and the main thread's responsiveness can be seen
 * (and tested), on either backend.
 */
import { reduce } from '../../geometry/linalg/reductions';
import { mulberry32 } from '../../geometry/random';
import { encodeReduce } from '../../kernels/reduce/reduce';
import { toFloat32 } from '../../kernels/context';
import { defineJob } from '../job';
import { checkParams } from '../../catalogue/params';
import { LSE_SWEEP_PARAMS, type SweepParams } from '../../catalogue/foundation';

/** The job's parameters are declared once, in src/catalogue/foundation.ts (sliders, type, validator). */
export type { SweepParams } from '../../catalogue/foundation';

export interface SweepProgress {
  done: number;
  total: number;
  /** Milliseconds each finished repeat took so far. */
  times: number[];
}

export interface SweepResult {
  n: number;
  /** Row log-sum-exp of the matrix (the same every repeat). */
  rowLse: Float64Array;
  times: Float64Array;
}

/**
 * The seeded n×n matrix, filled 64 rows at a time with a checkpoint between (n = 4096 is 16 M draws,
 * a quarter of a second: one slice that long held a dragged slider's stale runs in flight).
 */
async function sweepMatrix(n: number, seed: number, checkpoint: () => Promise<void>): Promise<Float64Array> {
  const random = mulberry32(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i += 64) {
    const end = Math.min(n, i + 64) * n;
    for (let k = i * n; k < end; k++) a[k] = random() * 20 - 10;
    await checkpoint();
  }
  return a;
}

export const lseSweep = defineJob<SweepParams, null, SweepResult, SweepProgress>({
  name: 'foundation/lse-sweep',
  params: LSE_SWEEP_PARAMS,
  async cpu(ctx, params) {
    checkParams(LSE_SWEEP_PARAMS, params);
    const a = await sweepMatrix(params.n, params.seed, () => ctx.checkpoint());
    const times: number[] = [];
    let rowLse = new Float64Array(params.n);
    for (let r = 0; r < params.repeats; r++) {
      const t0 = performance.now();
      // Row by row so the job can yield between rows on big matrices.
      for (let i = 0; i < params.n; i += 64) {
        const rows = Math.min(64, params.n - i);
        rowLse.set(reduce(a.subarray(i * params.n, (i + rows) * params.n), rows, params.n, 'logsumexp', 'rows'), i);
        await ctx.checkpoint();
      }
      times.push(performance.now() - t0);
      ctx.progress({ done: r + 1, total: params.repeats, times: [...times] });
    }
    ctx.progress({ done: params.repeats, total: params.repeats, times: [...times] }, true);
    rowLse = Float64Array.from(rowLse);
    return { n: params.n, rowLse, times: Float64Array.from(times) };
  },
  async gpu(ctx, params) {
    checkParams(LSE_SWEEP_PARAMS, params);
    const gpu = ctx.gpu!;
    const a = gpu.upload(toFloat32(await sweepMatrix(params.n, params.seed, () => ctx.checkpoint())), 'lse-sweep:a');
    const out = gpu.storage(params.n * 4, 'lse-sweep:out');
    const times: number[] = [];
    let last: Float32Array = new Float32Array(params.n);
    try {
      for (let r = 0; r < params.repeats; r++) {
        const t0 = performance.now();
        const encoder = gpu.device.createCommandEncoder({ label: 'lse-sweep' });
        encodeReduce(gpu, encoder, a, out, params.n, params.n, 'logsumexp', 'rows');
        gpu.device.queue.submit([encoder.finish()]);
        last = await gpu.readFloat32(out, params.n);
        times.push(performance.now() - t0);
        ctx.progress({ done: r + 1, total: params.repeats, times: [...times] });
        await ctx.checkpoint();
      }
    } finally {
      a.destroy();
      out.destroy();
    }
    ctx.progress({ done: params.repeats, total: params.repeats, times: [...times] }, true);
    return { n: params.n, rowLse: Float64Array.from(last), times: Float64Array.from(times) };
  },
  transfer: (r) => [r.rowLse.buffer, r.times.buffer],
});

