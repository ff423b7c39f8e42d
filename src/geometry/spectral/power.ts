/**
 * Power iteration with deflation for the top-k eigenpairs, as PyHessian computes them
 * (Yao et al. 2020, "PyHessian: Neural Networks Through the Lens of the Hessian", Alg. 1):
 * for i = 1…k, iterate v ← A v, re-orthogonalized against the eigenvectors already found,
 * until the Rayleigh quotient changes by less than `tolerance` relatively.
 *
 * Power iteration converges to the eigenvalue of largest MAGNITUDE in the remaining subspace;
 * at a minimum that is the top of the spectrum, but with large negative eigenvalues it is not
 * (Lanczos returns the algebraically largest). The chapter uses it as a cross-check of Lanczos.
 */
import { gaussian, type Random } from '../random';
import type { Eigenpairs } from './lanczos';
import { dot, type LinearOperator, normalizeInPlace, orthogonalizeAgainst } from './operator';
import { type AsyncLinearOperator, type Process, runProcess, runProcessAsync } from './process';

export interface PowerOptions {
  maxIterations?: number;
  /** Relative change of the Rayleigh quotient that stops an eigenpair; negative: run exactly `maxIterations` products. */
  tolerance?: number;
  /** Spend one more product per pair on the residual ‖A v − λ v‖ (default true; false leaves residuals 0). */
  residuals?: boolean;
  /**
   * A warm start for the first eigenpair (e.g. the top eigenvector of a nearby operator: the previous
   * run's); it converges to the same eigenpair as a random start, in fewer products, unless the start
   * is orthogonal to it. Later pairs start from random vectors as usual.
   */
  start?: ArrayLike<number>;
}

export function powerIterationTop(op: LinearOperator, count: number, random: Random, options: PowerOptions = {}): Eigenpairs {
  return runProcess(powerIterationProcess(op.size, count, random, options), op);
}

/** The same iteration with a checkpoint after every product (a worker job stays cancellable). */
export function powerIterationTopAsync(
  op: AsyncLinearOperator,
  count: number,
  random: Random,
  options: PowerOptions = {},
  checkpoint?: () => Promise<void>,
): Promise<Eigenpairs> {
  return runProcessAsync(powerIterationProcess(op.size, count, random, options), op, checkpoint);
}

/**
 * `powerIterationTop` as a process (process.ts): it yields each product A v instead of calling
 * the operator, so a caller can spread the products over time (the spike race interleaves
 * them with training steps) or run them on an asynchronous operator.
 */
export function* powerIterationProcess(n: number, count: number, random: Random, options: PowerOptions = {}): Process<Eigenpairs> {
  if (!Number.isInteger(count) || count < 1 || count > n) throw new Error(`eigenpair count ${count}; expected an integer in [1, ${n}]`);
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-10;
  const values = new Float64Array(count);
  const vectors = new Float64Array(count * n);
  const residuals = new Float64Array(count);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  let products = 0;
  for (let e = 0; e < count; e++) {
    if (e === 0 && options.start) {
      if (options.start.length !== n) throw new Error(`power iteration start has ${options.start.length} entries but the operator has size ${n}`);
      v.set(options.start);
    } else for (let i = 0; i < n; i++) v[i] = gaussian(random);
    orthogonalizeAgainst(v, vectors, e);
    normalizeInPlace(v);
    let lambda = 0;
    for (let it = 0; it < maxIterations; it++) {
      yield { x: v, out: w };
      products++;
      const next = dot(w, v);
      const converged = it > 0 && Math.abs(next - lambda) <= tolerance * (Math.abs(lambda) + 1e-300);
      lambda = next;
      if (converged) break;
      orthogonalizeAgainst(w, vectors, e);
      if (normalizeInPlace(w) === 0) break;
      v.set(w);
    }
    values[e] = lambda;
    if (options.residuals !== false) {
      // Residual ‖A v − λ v‖ of the final iterate (one more product).
      yield { x: v, out: w };
      products++;
      let r = 0;
      for (let i = 0; i < n; i++) r += (w[i] - lambda * v[i]) ** 2;
      residuals[e] = Math.sqrt(r);
    }
    vectors.set(v, e * n);
  }
  return { values, vectors, residuals, products };
}
