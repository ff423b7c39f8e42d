/**
 * Jobs of the "Sinkhorn plans" chapter.
 *
 * - `sinkhorn/solve`: one entropic OT solve (method sinkhorn | log | sns) on a built-in
 *   pair or on loaded data, streaming the per-iteration history and, every ~250 ms, the
 *   current plan. CPU path: f64 (src/geometry/ot). GPU path: log-domain Sinkhorn in WGSL
 *   (src/kernels/sinkhorn) for method "log"; the other methods have no GPU path and
 *   raise DeviceLimitError, so the engine reruns them on the CPU and says so.
 * - `sinkhorn/race`: Sinkhorn, log-domain and SNS on the same problem, interleaved so the
 *   one that has used the least time steps next (a fair race in wall time), streaming
 *   the three histories. CPU only (the race compares the f64 algorithms).
 */
import { costMatrix, normalizeByMax, COST_KINDS, type CostKind } from '../../geometry/ot/costs';
import { makeDataset, DATASETS, type DatasetName } from '../../geometry/ot/datasets';
import { marginalError, planFromPotentials, transportCost } from '../../geometry/ot/metrics';
import { makeProblem, maxCost, type OtProblem } from '../../geometry/ot/problem';
import { createSolver } from '../../geometry/ot/solve';
import { OT_METHODS, type IterationRecord, type OtMethod, type OtSolver } from '../../geometry/ot/solver';
import { mulberry32 } from '../../geometry/random';
import { DeviceLimitError } from '../../kernels/context';
import { float32ErrorFloor, SinkhornLogGpu } from '../../kernels/sinkhorn/sinkhorn';
import { createSinkhornWasm, type SinkhornWasmSolver } from '../../kernels/wasm/sinkhornScaling';
import { defineJob, InputError, type JobContext } from '../job';

export interface SinkhornParams {
  /** Points per side for built-in data (images use the nearest square). */
  n: number;
  /** ε, POT's `reg`, applied to the cost as used (built-in costs are divided by their max). */
  epsilon: number;
  cost: CostKind;
  method: OtMethod;
  dataset: DatasetName;
  seed: number;
  /** Stop once ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ ≤ tolerance. */
  tolerance: number;
  maxIterations: number;
}

/**
 * Loaded data: either a cost matrix with masses, or two point clouds (the cost is then
 * computed with `params.cost`, not rescaled). `normalize` rescales both masses to 1.
 */
export interface SinkhornData {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /** Row-major n×m; omitted when points are given. */
  cost?: ArrayLike<number>;
  /** Source and target points, row-major n×dim and m×dim. */
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  dim?: number;
  normalize?: boolean;
}

/** Per-iteration history as parallel arrays (structured-clonable, cheap to plot). */
export interface SinkhornHistory {
  iteration: Float64Array;
  marginalError: Float64Array;
  seconds: Float64Array;
  /** ⟨C, P⟩ per iteration (NaN where not tracked: scaling form, GPU path). */
  cost: Float64Array;
  dual: Float64Array;
  /** 1 where SNS took a Newton step, 0 for a Sinkhorn step. */
  newton: Uint8Array;
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

interface Prepared {
  problem: OtProblem;
  dim: number;
  x: Float64Array;
  y: Float64Array;
  costScale: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new InputError(message);
}

export function validateParams(p: SinkhornParams, loaded: boolean): void {
  check(typeof p.epsilon === 'number' && Number.isFinite(p.epsilon) && p.epsilon > 0, `invalid epsilon: ${p.epsilon} (need a positive number)`);
  check(COST_KINDS.includes(p.cost), `unknown cost "${p.cost}" (expected ${COST_KINDS.join(', ')})`);
  check(OT_METHODS.includes(p.method), `unknown method "${p.method}" (expected ${OT_METHODS.join(', ')})`);
  check(typeof p.tolerance === 'number' && p.tolerance > 0, `invalid tolerance: ${p.tolerance} (need a positive number)`);
  check(Number.isInteger(p.maxIterations) && p.maxIterations >= 1 && p.maxIterations <= 1_000_000, `invalid maxIterations: ${p.maxIterations} (need an integer in 1…1000000)`);
  if (!loaded) {
    check(DATASETS.includes(p.dataset), `unknown dataset "${p.dataset}" (expected ${DATASETS.join(', ')})`);
    check(Number.isInteger(p.n) && p.n >= 2 && p.n <= 4096, `invalid n: ${p.n} (need an integer in 2…4096)`);
  }
}

/** Builds the problem from params (built-in data, cost normalized by its max) or loaded data (cost as given). */
export function prepareProblem(params: SinkhornParams, data: SinkhornData | null): Prepared {
  validateParams(params, data !== null && data !== undefined);
  try {
    if (data) {
      if (data.cost) {
        return { problem: makeProblem(data.a, data.b, data.cost, { normalize: data.normalize }), dim: 0, x: new Float64Array(0), y: new Float64Array(0), costScale: 1 };
      }
      if (!data.x || !data.y || !data.dim) throw new Error('loaded data needs either a cost matrix or source and target points');
      const x = Float64Array.from(data.x);
      const y = Float64Array.from(data.y);
      const n = x.length / data.dim;
      const m = y.length / data.dim;
      const cost = costMatrix(x, y, n, m, data.dim, params.cost);
      return { problem: makeProblem(data.a, data.b, cost, { normalize: data.normalize }), dim: data.dim, x, y, costScale: 1 };
    }
    const d = makeDataset(params.dataset, params.n, mulberry32(params.seed));
    const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, params.cost);
    const costScale = normalizeByMax(cost) || 1;
    return { problem: makeProblem(d.a, d.b, cost), dim: d.dim, x: d.x, y: d.y, costScale };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError((error as Error).message);
  }
}

/** A growing history with preallocated typed arrays (doubled when full). */
export class HistoryBuffer {
  length = 0;
  private iteration = new Float64Array(256);
  private error = new Float64Array(256);
  private seconds = new Float64Array(256);
  private cost = new Float64Array(256);
  private dual = new Float64Array(256);
  private newton = new Uint8Array(256);

  push(record: IterationRecord, seconds: number): void {
    if (this.length === this.iteration.length) {
      const grow = <T extends Float64Array | Uint8Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(2 * x.length);
        y.set(x);
        return y;
      };
      this.iteration = grow(this.iteration);
      this.error = grow(this.error);
      this.seconds = grow(this.seconds);
      this.cost = grow(this.cost);
      this.dual = grow(this.dual);
      this.newton = grow(this.newton);
    }
    const k = this.length++;
    this.iteration[k] = record.iteration;
    this.error[k] = record.marginalError;
    this.seconds[k] = seconds;
    this.cost[k] = record.cost;
    this.dual[k] = record.dual;
    this.newton[k] = record.kind === 'newton' ? 1 : 0;
  }

  /** Copies of the filled part. */
  snapshot(): SinkhornHistory {
    return {
      iteration: this.iteration.slice(0, this.length),
      marginalError: this.error.slice(0, this.length),
      seconds: this.seconds.slice(0, this.length),
      cost: this.cost.slice(0, this.length),
      dual: this.dual.slice(0, this.length),
      newton: this.newton.slice(0, this.length),
    };
  }
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
): SinkhornSolveResult {
  const { problem } = prepared;
  const error = marginalError(plan, problem);
  return {
    method: params.method,
    epsilon: params.epsilon,
    n: problem.n,
    m: problem.m,
    dim: prepared.dim,
    x: prepared.x,
    y: prepared.y,
    a: problem.a,
    b: problem.b,
    costScale: prepared.costScale,
    plan,
    cost: transportCost(plan, problem.cost),
    marginalError: error,
    iterations,
    converged: failure === null && history.length > 0 && history.snapshot().marginalError[history.length - 1] <= tolerance,
    seconds,
    history: history.snapshot(),
    tolerance,
    failure,
  };
}

async function solveCpu(ctx: JobContext<SinkhornSolveProgress>, params: SinkhornParams, data: SinkhornData | null): Promise<SinkhornSolveResult> {
  const prepared = prepareProblem(params, data);
  const { problem } = prepared;
  // The scaling method runs on the WebAssembly SIMD kernels where the engine has them
  // (one fused pass over K per iteration; ⟨C, P⟩ is then not tracked per iteration).
  const wasm = params.method === 'sinkhorn' && ctx.wasm ? ctx.wasm.instantiate() : null;
  const solver = wasm ? createSinkhornWasm(wasm, problem, params.epsilon) : createSolver(problem, params.epsilon, params.method);
  const history = new HistoryBuffer();
  const start = performance.now();
  let lastProgress = -Infinity;
  // The first progress plan waits one interval: a solve shorter than that returns its plan
  // with the result, and an n×m plan computed and copied at iteration 1 cost a short job
  // (n = 1000: ~60 ms in all) as much as a fifth of its time.
  let lastPlan = start;
  let goodPlan: Float64Array | null = null;
  let failure: string | null = null;
  while (solver.iterations < params.maxIterations) {
    const record = solver.step();
    if (solver.failure) {
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
        plan = solver.plan();
        goodPlan = plan;
      }
      ctx.progress({ method: params.method, iteration: record.iteration, marginalError: record.marginalError, history: history.snapshot(), n: problem.n, m: problem.m, plan });
    }
    await ctx.checkpoint();
  }
  const seconds = (performance.now() - start) / 1000;
  if (failure && history.length === 0 && !goodPlan) throw new InputError(failure);
  // the WASM solver forms the final plan over K in place (one n×m copy out, no second buffer)
  const last = (): Float64Array => ('finalPlan' in solver ? (solver as SinkhornWasmSolver).finalPlan() : solver.plan());
  const plan = failure ? (goodPlan ?? last()) : last();
  return finish(prepared, params, plan, history, solver.iterations, seconds, params.tolerance, failure);
}

async function solveGpu(ctx: JobContext<SinkhornSolveProgress>, params: SinkhornParams, data: SinkhornData | null): Promise<SinkhornSolveResult> {
  const prepared = prepareProblem(params, data);
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
    return finish(prepared, { ...params }, plan, history, run.iterations, seconds, tolerance, null);
  } finally {
    run.destroy();
  }
}

export const solve = defineJob<SinkhornParams, SinkhornData | null, SinkhornSolveResult, SinkhornSolveProgress>({
  name: 'sinkhorn/solve',
  cpu: solveCpu,
  gpu: solveGpu,
  transfer: (r) => [r.plan.buffer, r.x.buffer, r.y.buffer, r.a.buffer, r.b.buffer] as Transferable[],
});

export interface RaceEntry {
  method: OtMethod;
  iterations: number;
  seconds: number;
  converged: boolean;
  failure: string | null;
  marginalError: number;
  history: SinkhornHistory;
}

export interface SinkhornRaceResult {
  epsilon: number;
  n: number;
  m: number;
  entries: RaceEntry[];
}

export type SinkhornRaceProgress = SinkhornRaceResult;

/** Runs the three methods on one problem; the one that has used the least time steps next. */
async function raceCpu(ctx: JobContext<SinkhornRaceProgress>, params: SinkhornParams, data: SinkhornData | null): Promise<SinkhornRaceResult> {
  const { problem } = prepareProblem({ ...params, method: 'log' }, data);
  const lanes = OT_METHODS.map((method) => ({
    method,
    solver: createSolver(problem, params.epsilon, method, { trackCost: true }) as OtSolver,
    history: new HistoryBuffer(),
    seconds: 0,
    done: false,
    converged: false,
    failure: null as string | null,
    error: NaN,
  }));
  const snapshot = (): SinkhornRaceResult => ({
    epsilon: params.epsilon,
    n: problem.n,
    m: problem.m,
    entries: lanes.map((l) => ({
      method: l.method,
      iterations: l.solver.iterations,
      seconds: l.seconds,
      converged: l.converged,
      failure: l.failure,
      marginalError: l.error,
      history: l.history.snapshot(),
    })),
  });
  let lastProgress = -Infinity;
  for (;;) {
    const running = lanes.filter((l) => !l.done);
    if (running.length === 0) break;
    const lane = running.reduce((p, q) => (q.seconds < p.seconds ? q : p));
    const t0 = performance.now();
    const record = lane.solver.step();
    lane.seconds += (performance.now() - t0) / 1000;
    if (lane.solver.failure) {
      lane.failure = lane.solver.failure;
      lane.done = true;
    } else {
      lane.history.push(record, lane.seconds);
      lane.error = record.marginalError;
      if (record.marginalError <= params.tolerance) {
        lane.converged = true;
        lane.done = true;
      } else if (lane.solver.iterations >= params.maxIterations) lane.done = true;
    }
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      ctx.progress(snapshot());
    }
    await ctx.checkpoint();
  }
  return snapshot();
}

export const race = defineJob<SinkhornParams, SinkhornData | null, SinkhornRaceResult, SinkhornRaceProgress>({
  name: 'sinkhorn/race',
  cpu: raceCpu,
});

/** Largest cost of a problem, re-exported for views that label the ε scale. */
export { maxCost };

