/**
 * The problem stage of the Sinkhorn jobs: parameters, loaded data, validation and the
 * construction of the OT problem (points → cost matrix → masses), cached per cell by the
 * inputs it reads, so a change of ε, the tolerance, the method or the iteration budget
 * reuses the cost matrix. Also the per-iteration history buffer the jobs share.
 */
import { costMatrix, normalizeByMax } from '../../geometry/ot/costs';
import { makeDataset } from '../../geometry/ot/datasets';
import { makeProblem, type OtProblem } from '../../geometry/ot/problem';
import type { IterationRecord } from '../../geometry/ot/solver';
import { checkParams } from '../../catalogue/params';
import { SINKHORN_BUILTIN_ONLY, SINKHORN_PROBLEM_PARAMS, type SinkhornProblemParams } from '../../catalogue/sinkhorn';
import { mulberry32 } from '../../geometry/random';
import { InputError, type JobContext } from '../job';
import { stageKey } from '../stageCache';

/** The jobs' parameters are declared once, in src/catalogue/sinkhorn.ts (sliders, type, validator). */
export type { SinkhornParams, SinkhornProblemParams } from '../../catalogue/sinkhorn';

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

/** The problem and what the figures need besides it. Shared through the stage cache: never mutate it. */
export interface Prepared {
  problem: OtProblem;
  dim: number;
  x: Float64Array;
  y: Float64Array;
  costScale: number;
}

/** Refuses params outside the declared table (naming the field); loaded data ignores `dataset` and `n`. */
export function validateParams(p: SinkhornProblemParams, loaded: boolean): void {
  checkParams(SINKHORN_PROBLEM_PARAMS, p, loaded ? SINKHORN_BUILTIN_ONLY : []);
}

/** Builds the problem from params (built-in data, cost normalized by its max) or loaded data (cost as given). */
export function prepareProblem(params: SinkhornProblemParams, data: SinkhornData | null): Prepared {
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
      return { problem: makeProblem(data.a, data.b, cost, { normalize: data.normalize, adoptCost: true }), dim: data.dim, x, y, costScale: 1 };
    }
    const d = makeDataset(params.dataset, params.n, mulberry32(params.seed));
    const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, params.cost);
    const costScale = normalizeByMax(cost) || 1;
    return { problem: makeProblem(d.a, d.b, cost, { adoptCost: true }), dim: d.dim, x: d.x, y: d.y, costScale };
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

const asF64 = (x: ArrayLike<number> | undefined): Float64Array | null => (x === undefined ? null : x instanceof Float64Array ? x : Float64Array.from(x));

/**
 * The stage key of the problem: what `prepareProblem` reads. Built-in data: n, dataset, seed
 * and cost; loaded data: its numbers (hashed by bytes) and, for points, the cost kind.
 */
export function problemKey(params: SinkhornProblemParams, data: SinkhornData | null): string {
  if (!data) return stageKey({ n: params.n, dataset: params.dataset, seed: params.seed, cost: params.cost });
  return stageKey({
    a: asF64(data.a),
    b: asF64(data.b),
    matrix: asF64(data.cost),
    x: asF64(data.x),
    y: asF64(data.y),
    dim: data.dim ?? null,
    normalize: data.normalize ?? false,
    cost: data.cost ? null : params.cost,
  });
}

/** `prepareProblem` through the cell's stage memo (validation runs every time: it is cheap and names bad input). */
export async function preparedStage(ctx: JobContext<unknown>, params: SinkhornProblemParams, data: SinkhornData | null, key: string): Promise<Prepared> {
  validateParams(params, data !== null && data !== undefined);
  return ctx.stages.run('problem', key, () => prepareProblem(params, data));
}
