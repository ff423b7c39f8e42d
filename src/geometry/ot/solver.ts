/**
 * What every entropic OT solver in this folder shares.
 *
 * Problem (POT's convention, ε = POT's `reg`, applied to the cost as given):
 *   min_{P ≥ 0, P1 = a, Pᵀ1 = b} ⟨C, P⟩ − ε H(P),   H(P) = −Σ_ij P_ij (log P_ij − 1).
 *
 * Dual convention (used by every method here, including the Newton steps of SNS):
 * potentials f ∈ ℝⁿ, g ∈ ℝᵐ with
 *   P_ij = exp((f_i + g_j − C_ij)/ε),
 * and the concave dual objective (the Lyapunov potential of Tang et al. 2024, eq. (3),
 * written with x = f, y = g)
 *   L(f, g) = ⟨a, f⟩ + ⟨b, g⟩ − ε Σ_ij exp((f_i + g_j − C_ij)/ε).
 * ∇L = (a − P1, b − Pᵀ1);  ∇²L = −(1/ε)[[diag(P1), P], [Pᵀ, diag(Pᵀ1)]].
 * The scaling form is the same with u = exp(f/ε), v = exp(g/ε), K = exp(−C/ε).
 *
 * Iterations: one Sinkhorn iteration is an f-update (rows exact) then a g-update
 * (columns exact); one SNS Newton iteration is one Newton step with its line search.
 * The marginal error reported after each iteration is ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ of the
 * current plan. After a g-update the column term is zero up to rounding, so the
 * Sinkhorn solvers report the row term only (computed inside the next row pass, at no
 * extra cost); `marginalError` in metrics.ts computes both terms of any plan.
 */
import type { OtProblem } from './problem';

export type OtMethod = 'sinkhorn' | 'log' | 'sns';
export const OT_METHODS: readonly OtMethod[] = ['sinkhorn', 'log', 'sns'];

export interface IterationRecord {
  /** 1-based count of completed iterations. */
  iteration: number;
  /** ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ of the current plan. */
  marginalError: number;
  /** ⟨C, P⟩ of the current plan (NaN when the solver was asked not to track it). */
  cost: number;
  /** The dual objective L(f, g) above. */
  dual: number;
  /** 'sinkhorn' or 'newton' (SNS reports which kind of step it took). */
  kind: 'sinkhorn' | 'newton';
}

/** A solver advanced one iteration at a time (the job awaits a checkpoint between steps). */
export interface OtSolver {
  readonly method: OtMethod;
  readonly problem: OtProblem;
  readonly epsilon: number;
  /** Completed iterations. */
  readonly iterations: number;
  /** Runs one iteration and returns its record. */
  step(): IterationRecord;
  /** Dual potentials (f, g) in the convention above (copies). */
  potentials(): { f: Float64Array; g: Float64Array };
  /** The current plan, row-major n×m (written into `out` when given). */
  plan(out?: Float64Array): Float64Array;
  /** A message when the iteration broke down (e.g. scaling Sinkhorn underflow); null while healthy. */
  readonly failure: string | null;
}

/**
 * Dual potentials to start from (a warm start), in the convention above: typically the
 * fixed point of the same problem at a nearby ε. Only g is read (the first f-update is
 * exact from it), so a start is any point of the dual; the fixed point reached is the
 * one of a cold start, up to the usual additive constant (f + t, g − t).
 */
export interface WarmStart {
  f: ArrayLike<number>;
  g: ArrayLike<number>;
}

export interface SolverOptions {
  /** Track ⟨C, P⟩ every iteration (costs one extra multiply-add per entry; the scaling form reads C too). */
  trackCost?: boolean;
  /** Start from these potentials instead of g = 0 (see WarmStart). */
  initial?: WarmStart;
}

export interface SolveOptions {
  /** Stop once the marginal error is at most this (default 1e-9). */
  tolerance?: number;
  /** Stop after this many iterations (default 10 000). */
  maxIterations?: number;
}

export interface SolveResult {
  plan: Float64Array;
  f: Float64Array;
  g: Float64Array;
  iterations: number;
  marginalError: number;
  cost: number;
  converged: boolean;
  history: IterationRecord[];
}

/** Runs `solver` until the marginal error is within tolerance, the budget is spent, or it fails (then throws). */
export function runToConvergence(solver: OtSolver, options: SolveOptions = {}): SolveResult {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 10_000;
  if (!(tolerance > 0)) throw new Error(`invalid tolerance: ${tolerance} (need a positive number)`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new Error(`invalid maxIterations: ${maxIterations} (need a positive integer)`);
  const history: IterationRecord[] = [];
  let last: IterationRecord | null = null;
  while (solver.iterations < maxIterations) {
    last = solver.step();
    if (solver.failure) throw new Error(solver.failure);
    history.push(last);
    if (last.marginalError <= tolerance) break;
  }
  const { f, g } = solver.potentials();
  return {
    plan: solver.plan(),
    f,
    g,
    iterations: solver.iterations,
    marginalError: last ? last.marginalError : NaN,
    cost: last ? last.cost : NaN,
    converged: last !== null && last.marginalError <= tolerance,
    history,
  };
}
