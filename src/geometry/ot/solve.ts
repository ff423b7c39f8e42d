/** One entry point over the three methods. */
import type { OtProblem } from './problem';
import { createSinkhorn } from './sinkhorn';
import { createSinkhornLog } from './sinkhornLog';
import { createSns, type SnsOptions } from './sns';
import { OT_METHODS, runToConvergence, type OtMethod, type OtSolver, type SolveOptions, type SolveResult } from './solver';

export function createSolver(problem: OtProblem, epsilon: number, method: OtMethod, options: SnsOptions = {}): OtSolver {
  switch (method) {
    case 'sinkhorn':
      return createSinkhorn(problem, epsilon, options);
    case 'log':
      return createSinkhornLog(problem, epsilon, options);
    case 'sns':
      return createSns(problem, epsilon, options);
    default:
      throw new Error(`unknown method "${String(method)}" (expected ${OT_METHODS.join(', ')})`);
  }
}

/** Solves entropic OT with `method` to `tolerance` on the marginal error (synchronous). */
export function solveEntropic(
  problem: OtProblem,
  epsilon: number,
  method: OtMethod,
  options: SolveOptions & SnsOptions = {},
): SolveResult {
  return runToConvergence(createSolver(problem, epsilon, method, options), options);
}
