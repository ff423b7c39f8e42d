/**
 * `optimizer/sven`: Sven (truncated-SVD natural gradient, src/geometry/optim/sven.ts) against minibatch SGD, Adam
 * and L-BFGS on a 1-D or 2-D function fit (src/geometry/optim/svenRace.ts), streamed as progress. The result adds
 * three checks at the initialization:
 *  - over-parameterized (n < P): the gap between Sven's step with k = n and the minimum-norm Gauss–Newton step
 *    J⁺r = Jᵀ(JJᵀ)⁻¹r from a dense f64 SVD (one-sided Jacobi);
 *  - under-parameterized (n > P; when the cell's network has n ≤ P, the same data with a narrower hidden layer h',
 *    see naturalGradientCheck): the gap between Sven's step with k = P' and the natural-gradient / Gauss–Newton step
 *    (JᵀJ)⁻¹Jᵀr from a dense Cholesky solve of the normal equations;
 *  - the randomized against the dense singular values.
 * CPU path only (P < 600). J comes from the shared network core (src/geometry/nn/regression.ts).
 */
import { choleskySolve, createSvenRace, denseSvd, makeRegressionProblem, pseudoinverseApply, randomizedSvd, SVEN_METHODS, type SvenMethod, type SvenRace, type SvenTrace } from '../../geometry/optim';
import { regressionResidualJacobian } from '../../geometry/nn';
import { transpose } from '../../geometry/linalg/dense';
import { mulberry32 } from '../../geometry/random';
import { defineJob, InputError, streamSnapshots } from '../job';
import { checkParams } from '../../catalogue/params';
import { SVEN_PARAMS, type SvenParams } from '../../catalogue/optimizer2';

/** Declared once in src/catalogue/optimizer2.ts (sliders, type and validator). */
export type { SvenParams } from '../../catalogue/optimizer2';

export interface SvenNaturalGradientCheck {
  /** Hidden width and parameter count of the network checked (P < n). */
  hidden: number;
  P: number;
  /** ‖J⁺_P r (randomized SVD, k = P) − (JᵀJ)⁻¹Jᵀr (Cholesky)‖ / ‖(JᵀJ)⁻¹Jᵀr‖ at its θ₀. */
  gap: number;
  /** κ(J) = σ₁/σ_P (dense SVD); the normal equations lose ε κ(J)². */
  condition: number;
}

export interface SvenInitCheck {
  /** ‖J⁺_n r (randomized, k = n) − J⁺r (dense one-sided Jacobi SVD)‖ / ‖J⁺r (dense)‖ at θ₀ (null when n ≥ P); J⁺r = Jᵀ(JJᵀ)⁻¹r, the minimum-norm Gauss–Newton step. */
  gaussNewtonGap: number | null;
  /** The under-parameterized limit (null when no hidden width gives P < n). */
  naturalGradient: SvenNaturalGradientCheck | null;
  /** max_t |σ_t (randomized, k) − σ_t (dense)| / σ_1 at θ₀. */
  singularGap: number;
  /** Dense singular values of J at θ₀ (all min(n, P)). */
  denseSingular: number[];
}

export interface SvenResult extends SvenParams {
  P: number;
  done: number;
  traces: Record<SvenMethod, SvenTrace>;
  singular: Float64Array;
  init: SvenInitCheck;
}

export type SvenProgress = SvenResult;

export function validateSvenParams(p: SvenParams): void {
  checkParams(SVEN_PARAMS, p);
}

function relativeGap(a: Float64Array, b: Float64Array): number {
  let d = 0;
  let g = 0;
  for (let p = 0; p < a.length; p++) {
    d += (a[p] - b[p]) ** 2;
    g += b[p] ** 2;
  }
  return Math.sqrt(d / g);
}

/** (JᵀJ)⁻¹Jᵀr by Cholesky of the P × P normal matrix. */
export function normalEquationsStep(J: Float64Array, r: Float64Array, n: number, P: number): Float64Array {
  const gram = new Float64Array(P * P);
  const rhs = new Float64Array(P);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < P; a++) {
      const ja = J[i * P + a];
      rhs[a] += ja * r[i];
      for (let b = 0; b <= a; b++) gram[a * P + b] += ja * J[i * P + b];
    }
  for (let a = 0; a < P; a++) for (let b = 0; b < a; b++) gram[b * P + a] = gram[a * P + b];
  return choleskySolve(gram, rhs, P);
}

/** κ(J) above which the check picks a narrower network: the normal equations lose ε κ², here ≤ 1e-4. */
export const NATURAL_GRADIENT_MAX_CONDITION = 1e6;

/**
 * The under-parameterized check on the cell's data (see the file comment). The network: the cell's own when
 * P < n, else the widest hidden layer with P' ≤ n/2; halved while κ(J) > NATURAL_GRADIENT_MAX_CONDITION (the
 * 1-D task's tanh features are nearly collinear), down to h' = 1.
 */
export function naturalGradientCheck(params: SvenParams): SvenNaturalGradientCheck | null {
  const d = params.task === '1d' ? 1 : 2;
  const cellP = params.hidden * (d + 2) + 1;
  let hidden = cellP < params.n ? params.hidden : Math.floor((params.n / 2 - 1) / (d + 2));
  if (hidden < 1) return null;
  for (;;) {
    // The same seed draws the same 2-D points first, so this is the cell's data with a narrower network.
    const problem = makeRegressionProblem(params.task, params.n, hidden, mulberry32(params.seed));
    const { net, data, n } = problem;
    const P = net.paramCount;
    const r = new Float64Array(n);
    const J = new Float64Array(n * P);
    regressionResidualJacobian(net, problem.theta0, data, r, J);
    const s = denseSvd(transpose(J, n, P), P, n).values;
    const condition = s[0] / s[P - 1];
    if (condition > NATURAL_GRADIENT_MAX_CONDITION && hidden > 1) {
      hidden = Math.floor(hidden / 2);
      continue;
    }
    const step = pseudoinverseApply(randomizedSvd(J, n, P, P, mulberry32(params.seed + 37)), r, new Float64Array(P), 0);
    let gap = NaN;
    try {
      gap = relativeGap(step, normalEquationsStep(J, r, n, P));
    } catch {
      // JᵀJ not positive definite in f64 (κ² ≳ 1/ε): no gap to report.
    }
    return { hidden, P, gap, condition };
  }
}

/** Sven's init checks and race; `onUpdate` between steps. */
export async function runSvenJob(params: SvenParams, onUpdate?: (partial: () => SvenResult) => Promise<void> | void): Promise<SvenResult> {
  validateSvenParams(params);
  const problem = makeRegressionProblem(params.task, params.n, params.hidden, mulberry32(params.seed));
  const { net, data, n } = problem;
  const P = net.paramCount;
  const k = Math.min(params.k, n, P);
  const r = new Float64Array(n);
  const J = new Float64Array(n * P);
  regressionResidualJacobian(net, problem.theta0, data, r, J);
  const dense = n <= P ? denseSvd(J, n, P) : denseSvd(transpose(J, n, P), P, n);
  const random = mulberry32(params.seed + 31);
  const approx = randomizedSvd(J, n, P, k, random);
  let singularGap = 0;
  for (let t = 0; t < k; t++) singularGap = Math.max(singularGap, Math.abs(approx.values[t] - dense.values[t]) / dense.values[0]);
  let gaussNewtonGap: number | null = null;
  if (n < P) {
    const gn = pseudoinverseApply(dense, r, new Float64Array(P), 0);
    const full = pseudoinverseApply(randomizedSvd(J, n, P, n, random), r, new Float64Array(P), 0);
    gaussNewtonGap = relativeGap(full, gn);
  }
  const init: SvenInitCheck = { gaussNewtonGap, naturalGradient: naturalGradientCheck(params), singularGap, denseSingular: Array.from(dense.values.subarray(0, Math.min(n, P))) };
  let race: SvenRace;
  try {
    race = createSvenRace(problem, { steps: params.steps, k, lrSgd: params.lrSgd, lrAdam: params.lrAdam, lrSven: params.lrSven, seed: params.seed, now: () => performance.now() });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const snap = (copy: boolean): SvenResult => ({
    ...params,
    k,
    P,
    done: race.done,
    init,
    singular: copy ? race.singular.slice() : race.singular,
    traces: copy ? (Object.fromEntries(SVEN_METHODS.map((m) => [m, { loss: race.traces[m].loss.slice(), time: race.traces[m].time.slice() }])) as Record<SvenMethod, SvenTrace>) : race.traces,
  });
  if (onUpdate) await onUpdate(() => snap(true));
  while (race.step()) if (onUpdate) await onUpdate(() => snap(true));
  return snap(false);
}

export const svenJob = defineJob<SvenParams, unknown, SvenResult, SvenProgress>({
  name: 'optimizer/sven',
  params: SVEN_PARAMS,
  cost: (p) => p.steps * p.n * p.hidden,
  cpu: (ctx, params) => {
    return runSvenJob(params, streamSnapshots(ctx));
  },
});
