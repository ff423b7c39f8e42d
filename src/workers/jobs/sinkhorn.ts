/**
 * Jobs of the "Sinkhorn plans" chapter.
 *
 * - `sinkhorn/solve`: one entropic OT solve (method sinkhorn | log | sns) on a built-in
 *   pair or on loaded data, streaming the per-iteration history and, every ~250 ms, the
 *   current plan. CPU path: f64 (src/geometry/ot). GPU path: log-domain Sinkhorn in WGSL
 *   (src/kernels/sinkhorn) for method "log"; the other methods have no GPU path and
 *   raise DeviceLimitError, so the engine reruns them on the CPU and says so.
 *   The problem is a cached stage (sinkhornProblem.ts). When only ε, the tolerance or the
 *   budget changed since this cell's last solve (same problem and method), the solve starts
 *   from that solve's potentials, through a few intermediate ε values when ε shrank
 *   (geometry/ot/epsilonScaling.ts); it reaches the cold start's fixed point, since only the
 *   tolerance decides when it stops. Its preview is the same solve to a loose tolerance and
 *   a few iterations, whose potentials then start the full solve.
 * - `sinkhorn/race` lives in sinkhornRace.ts.
 */
import { epsilonSchedule, LEVEL_MAX_ITERATIONS, LEVEL_TOLERANCE } from '../../geometry/ot/epsilonScaling';
import { planFromPotentials, planSummary } from '../../geometry/ot/metrics';
import { createSinkhornLog } from '../../geometry/ot/sinkhornLog';
import { createSolver } from '../../geometry/ot/solve';
import type { OtMethod, OtSolver, WarmStart } from '../../geometry/ot/solver';
import type { OtProblem } from '../../geometry/ot/problem';
import { DeviceLimitError } from '../../kernels/context';
import { float32ErrorFloor, SinkhornLogGpu } from '../../kernels/sinkhorn/sinkhorn';
import { createSinkhornLogWasm } from '../../kernels/wasm/sinkhornLog';
import { createSinkhornWasm, type SinkhornWasmSolver } from '../../kernels/wasm/sinkhornScaling';
import { WasmMemoryError, type WasmKernels } from '../../kernels/wasm/wasm';
import { defineJob, InputError, JobCancelled, type JobContext } from '../job';
import type { PoolLease } from '../pool';
import { createSinkhornPool, type OperatorSource, type SinkhornPoolSolver } from '../sinkhornScalingPool';
import { checkParams } from '../../catalogue/params';
import { SINKHORN_METHOD_PARAMS, SINKHORN_SOLVE_PARAMS } from '../../catalogue/sinkhorn';
import { HistoryBuffer, preparedStage, problemKey, type Prepared, type SinkhornData, type SinkhornHistory, type SinkhornParams } from './sinkhornProblem';

export { HistoryBuffer, prepareProblem, validateParams, type Prepared, type SinkhornData, type SinkhornHistory, type SinkhornParams } from './sinkhornProblem';

/** Where a warm-started solve began (SinkhornSolveResult.warmStart). */
export interface WarmStartInfo {
  /** ε of the earlier solve of this cell whose potentials were the start. */
  fromEpsilon: number;
  /** Intermediate ε values solved loosely on the way down (ε-scaling; empty when ε did not shrink). */
  levels: number[];
  /** Log-domain iterations spent on those levels (not in `iterations` or the history). */
  levelIterations: number;
}

export interface SinkhornSolveResult {
  method: OtMethod;
  epsilon: number;
  n: number;
  m: number;
  /** Point coordinates (dim 0 and empty arrays when the data was a cost matrix). */
  dim: number;
  x: Float64Array;
  y: Float64Array;
  a: Float64Array;
  b: Float64Array;
  /** The cost matrix was divided by this (1 for loaded data). */
  costScale: number;
  plan: Float64Array;
  /** ⟨C, P⟩ of the returned plan, in the units of the cost used. */
  cost: number;
  /** ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ of the returned plan, recomputed in f64. */
  marginalError: number;
  iterations: number;
  converged: boolean;
  seconds: number;
  history: SinkhornHistory;
  /** Tolerance actually used (the GPU path raises it to its f32 floor, max(1e-6, 4·2⁻²⁴·max C/ε)·Σa). */
  tolerance: number;
  /** Set when the solver broke down (scaling underflow); the plan is the last finite one. */
  failure: string | null;
  /** Set when the solve started from the potentials of this cell's previous solve (same problem and method). */
  warmStart: WarmStartInfo | null;
}

export interface SinkhornSolveProgress {
  method: OtMethod;
  iteration: number;
  marginalError: number;
  history: SinkhornHistory;
  n: number;
  m: number;
  /** The current plan, sent about every 250 ms (null in reports in between). */
  plan: Float64Array | null;
}

const PLAN_INTERVAL_MS = 250;
const PROGRESS_INTERVAL_MS = 60;
/** The preview pass: a loose marginal error and a few iterations, a fair first look at the plan. */
export const PREVIEW_TOLERANCE = 1e-3;
export const PREVIEW_ITERATIONS = 50;

/** The final potentials of a cell's last solve, the warm start of its next one (stage "potentials"). */
interface StoredPotentials {
  problem: string;
  method: OtMethod;
  epsilon: number;
  f: Float64Array;
  g: Float64Array;
}

/**
 * The start of a solve: the potentials of this cell's previous solve when it had the same
 * problem and method (only ε, the tolerance or the budget changed), taken down to the new
 * ε through the ε-scaling levels when ε shrank; null for a cold start.
 */
async function warmStart(ctx: JobContext<SinkhornSolveProgress>, problem: OtProblem, params: SinkhornParams, key: string): Promise<{ start: WarmStart; info: WarmStartInfo } | null> {
  const last = ctx.stages.last<StoredPotentials>('potentials');
  if (!last || last.problem !== key || last.method !== params.method) return null;
  let { f, g } = last;
  const levels = epsilonSchedule(last.epsilon, params.epsilon);
  let levelIterations = 0;
  for (const epsilon of levels) {
    const solver = createSinkhornLog(problem, epsilon, { trackCost: false, initial: { f, g } });
    while (solver.iterations < LEVEL_MAX_ITERATIONS) {
      const record = solver.step();
      levelIterations++;
      if (record.marginalError <= Math.max(LEVEL_TOLERANCE, params.tolerance)) break;
      await ctx.checkpoint();
    }
    ({ f, g } = solver.potentials());
  }
  return { start: { f, g }, info: { fromEpsilon: last.epsilon, levels, levelIterations } };
}

type CpuSolver = OtSolver | SinkhornPoolSolver;

/**
 * The scaling and log-domain methods run on the WebAssembly SIMD kernels where the engine
 * has them (scaling: one fused pass over K per iteration, ⟨C, P⟩ not tracked per iteration;
 * log: the reference's cached-kernel iteration, C and K̃ in wasm memory); SNS stays in JavaScript.
 * With a pool lease (big problems, scaling method) K is split into row blocks across the pool.
 */
async function createCpuSolver(
  ctx: JobContext<SinkhornSolveProgress>,
  prepared: Prepared,
  params: SinkhornParams,
  initial: WarmStart | undefined,
  key: string,
  lease: PoolLease | null,
  borrowed: WasmKernels[],
): Promise<CpuSolver> {
  const { problem } = prepared;
  const wasm = (params.method === 'sinkhorn' || params.method === 'log') && ctx.wasm ? ctx.wasm.borrow() : null;
  if (!wasm) return createSolver(problem, params.epsilon, params.method, { initial });
  borrowed.push(wasm);
  if (lease && params.method === 'sinkhorn') {
    const source: OperatorSource = prepared.dim > 0 ? { kind: 'points', x: prepared.x, y: prepared.y, dim: prepared.dim, cost: params.cost, costScale: prepared.costScale } : { kind: 'matrix' };
    return createSinkhornPool(wasm, lease, problem, params.epsilon, source, `${key}|${params.epsilon}`, initial);
  }
  return params.method === 'log' ? createSinkhornLogWasm(wasm, problem, params.epsilon, initial) : createSinkhornWasm(wasm, problem, params.epsilon, initial);
}

function finish(
  prepared: Prepared,
  params: SinkhornParams,
  plan: Float64Array,
  history: HistoryBuffer,
  iterations: number,
  seconds: number,
  tolerance: number,
  failure: string | null,
  warm: WarmStartInfo | null,
): SinkhornSolveResult {
  const { problem } = prepared;
  const summary = planSummary(plan, problem);
  return {
    method: params.method,
    epsilon: params.epsilon,
    n: problem.n,
    m: problem.m,
    dim: prepared.dim,
    // copies: the prepared problem stays in the stage cache, and the result's buffers are transferred
    x: prepared.x.slice(),
    y: prepared.y.slice(),
    a: problem.a.slice(),
    b: problem.b.slice(),
    costScale: prepared.costScale,
    plan,
    cost: summary.cost,
    marginalError: summary.marginalError,
    iterations,
    converged: failure === null && history.length > 0 && history.snapshot().marginalError[history.length - 1] <= tolerance,
    seconds,
    history: history.snapshot(),
    tolerance,
    failure,
    warmStart: warm,
  };
}

async function solveCpu(ctx: JobContext<SinkhornSolveProgress>, params: SinkhornParams, data: SinkhornData | null): Promise<SinkhornSolveResult> {
  const key = problemKey(params, data);
  checkParams(SINKHORN_METHOD_PARAMS, params);
  const prepared = await preparedStage(ctx, params, data, key);
  const { problem } = prepared;
  const start = performance.now();
  const warm = await warmStart(ctx, problem, params, key);
  // the pool, when it is free and K is big enough to pay for its messages; never waited for
  const lease = params.method === 'sinkhorn' && ctx.wasm ? (ctx.acquirePool?.(problem.n * problem.m) ?? null) : null;
  try {
    return await iterate(ctx, prepared, params, key, warm, lease, start);
  } catch (error) {
    // wasm memory exhausted on this side is not the pool's fault: the engine reruns the job in JavaScript
    if (!lease || error instanceof JobCancelled || error instanceof InputError || error instanceof WasmMemoryError) throw error;
    // a helper failed: the pool is done for this session, and this solve reruns single-threaded
    lease.fail();
    return await iterate(ctx, prepared, params, key, warm, null, start);
  } finally {
    lease?.release();
  }
}

async function iterate(
  ctx: JobContext<SinkhornSolveProgress>,
  prepared: Prepared,
  params: SinkhornParams,
  key: string,
  warmInfo: { start: WarmStart; info: WarmStartInfo } | null,
  lease: PoolLease | null,
  start: number,
): Promise<SinkhornSolveResult> {
  // the solvers' wasm instances: given back when the solve ends (every plan and potential is copied out)
  const borrowed: WasmKernels[] = [];
  try {
    return await iterateOn(ctx, prepared, params, key, warmInfo, lease, start, borrowed);
  } finally {
    for (const kernels of borrowed) ctx.wasm?.recycle(kernels);
  }
}

async function iterateOn(
  ctx: JobContext<SinkhornSolveProgress>,
  prepared: Prepared,
  params: SinkhornParams,
  key: string,
  warmInfo: { start: WarmStart; info: WarmStartInfo } | null,
  lease: PoolLease | null,
  start: number,
  borrowed: WasmKernels[],
): Promise<SinkhornSolveResult> {
  const { problem } = prepared;
  let warm = warmInfo;
  let solver = await createCpuSolver(ctx, prepared, params, warm?.start, key, lease, borrowed);
  const history = new HistoryBuffer();
  let lastProgress = -Infinity;
  // The first progress plan waits one interval: a solve shorter than that returns its plan
  // with the result, and an n×m plan computed and copied at iteration 1 cost a short job
  // (n = 1000: ~60 ms in all) as much as a fifth of its time.
  let lastPlan = start;
  let goodPlan: Float64Array | null = null;
  let failure: string | null = null;
  while (solver.iterations < params.maxIterations) {
    const record = await solver.step();
    if (solver.failure) {
      if (warm && solver.iterations === 1) {
        // the scaling form underflowed from the warm start's v = exp((g − max g)/ε): start cold
        warm = null;
        solver = await createCpuSolver(ctx, prepared, params, undefined, key, lease, borrowed);
        continue;
      }
      failure = solver.failure;
      break;
    }
    const now = performance.now();
    history.push(record, (now - start) / 1000);
    const done = record.marginalError <= params.tolerance || solver.iterations >= params.maxIterations;
    if (done) break;
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      let plan: Float64Array | null = null;
      if (now - lastPlan >= PLAN_INTERVAL_MS) {
        lastPlan = now;
        // a fresh array each time: the engine may still hold the last report
        plan = await solver.plan();
        goodPlan = plan;
      }
      ctx.progress({ method: params.method, iteration: record.iteration, marginalError: record.marginalError, history: history.snapshot(), n: problem.n, m: problem.m, plan });
    }
    await ctx.checkpoint();
  }
  const seconds = (performance.now() - start) / 1000;
  if (failure && history.length === 0 && !goodPlan) throw new InputError(failure);
  if (!failure) {
    const { f, g } = solver.potentials();
    const stored: StoredPotentials = { problem: key, method: params.method, epsilon: params.epsilon, f, g };
    await ctx.stages.run('potentials', { problem: key, method: params.method, epsilon: params.epsilon, tolerance: params.tolerance, maxIterations: params.maxIterations }, () => stored);
  }
  // the WASM solver forms the final plan over K in place (one n×m copy out, no second buffer)
  const last = async (): Promise<Float64Array> => ('finalPlan' in solver ? (solver as SinkhornWasmSolver | SinkhornPoolSolver).finalPlan() : solver.plan());
  const plan = failure ? (goodPlan ?? (await last())) : await last();
  return finish(prepared, params, plan, history, solver.iterations, seconds, params.tolerance, failure, warm?.info ?? null);
}

async function solveGpu(ctx: JobContext<SinkhornSolveProgress>, params: SinkhornParams, data: SinkhornData | null): Promise<SinkhornSolveResult> {
  checkParams(SINKHORN_METHOD_PARAMS, params);
  const prepared = await preparedStage(ctx, params, data, problemKey(params, data));
  if (params.method !== 'log') {
    throw new DeviceLimitError(`method "${params.method}" has no GPU path (only the log-domain Sinkhorn runs in WGSL)`);
  }
  const { problem } = prepared;
  const gpu = ctx.gpu!;
  const tolerance = Math.max(params.tolerance, float32ErrorFloor(problem, params.epsilon));
  const run = new SinkhornLogGpu(gpu, problem, params.epsilon, params.maxIterations);
  const history = new HistoryBuffer();
  const start = performance.now();
  let lastPlan = -Infinity;
  try {
    let batch = 5;
    let seen = 0;
    while (run.iterations < params.maxIterations) {
      const count = Math.min(batch, params.maxIterations - run.iterations);
      const errors = await run.run(count);
      const now = performance.now();
      const elapsed = (now - start) / 1000;
      const previous = seen > 0 ? history.snapshot().seconds[seen - 1] : 0;
      let done = false;
      for (let k = seen; k < errors.length; k++) {
        const t = previous + ((elapsed - previous) * (k - seen + 1)) / (errors.length - seen);
        history.push({ iteration: k + 1, marginalError: errors[k], cost: NaN, dual: NaN, kind: 'sinkhorn' }, t);
        if (errors[k] <= tolerance) done = true;
      }
      seen = errors.length;
      if (done) break;
      // aim for ~50 ms per batch so progress stays live and cancellation prompt
      const perIteration = (now - start) / run.iterations;
      batch = Math.max(1, Math.min(200, Math.round(50 / Math.max(perIteration, 1e-3))));
      let plan: Float64Array | null = null;
      if (now - lastPlan >= PLAN_INTERVAL_MS) {
        lastPlan = now;
        const { f, g } = await run.readPotentials();
        plan = planFromPotentials(f, g, problem, params.epsilon);
      }
      ctx.progress({ method: 'log', iteration: run.iterations, marginalError: errors[errors.length - 1], history: history.snapshot(), n: problem.n, m: problem.m, plan });
      await ctx.checkpoint();
    }
    const { f, g } = await run.readPotentials();
    const plan = planFromPotentials(f, g, problem, params.epsilon);
    const seconds = (performance.now() - start) / 1000;
    return finish(prepared, { ...params }, plan, history, run.iterations, seconds, tolerance, null, null);
  } finally {
    run.destroy();
  }
}

export const solve = defineJob<SinkhornParams, SinkhornData | null, SinkhornSolveResult, SinkhornSolveProgress>({
  name: 'sinkhorn/solve',
  params: SINKHORN_SOLVE_PARAMS,
  cpu: solveCpu,
  gpu: solveGpu,
  transfer: (r) => [r.plan.buffer, r.x.buffer, r.y.buffer, r.a.buffer, r.b.buffer] as Transferable[],
  preview: (p) =>
    p.tolerance >= PREVIEW_TOLERANCE && p.maxIterations <= PREVIEW_ITERATIONS
      ? null
      : { ...p, tolerance: Math.max(p.tolerance, PREVIEW_TOLERANCE), maxIterations: Math.min(p.maxIterations, PREVIEW_ITERATIONS) },
  // An iteration passes over n² entries; the iterations to a fixed tolerance grow about like 1/ε.
  cost: (p) => (p.n * p.n) / Math.max(p.epsilon, 1e-4),
});

