/**
 * Jobs of the "Optimizer geometry" chapter, part 2.
 * - `optimizer/mfac`: M-FAC inverse-Fisher-vector products (Frantar, Kurtic & Alistarh, NeurIPS 2021;
 *   src/geometry/optim/mfac.ts) on a small tanh MLP: (1) relative error against a dense f64 Cholesky solve
 *   over a grid of window sizes m and dampings λ, (2) the wall time of setup, query and dense solve against m,
 *   (3) SGD, Adam and M-FAC-preconditioned SGD trained on the same minibatches, streamed as progress.
 *   CPU path only: P ≈ 100–500 parameters, where f64 JavaScript meets the live budgets.
 * - `optimizer/sven`: Sven (truncated-SVD natural gradient, src/geometry/optim/sven.ts) against GD, Adam and
 *   L-BFGS on a 1-D or 2-D function fit (src/geometry/optim/svenRace.ts), streamed as progress; the result
 *   adds, at the initialization, the gap between Sven's step with k = n and the minimum-norm Gauss–Newton
 *   step J⁺r = Jᵀ(JJᵀ)⁻¹r from a dense f64 SVD (one-sided Jacobi), and between the randomized and dense singular values. CPU path only (P < 600).
 * - `optimizer/langevin`: ./optimizerLangevin.ts.
 */
import {
  createMfacRace,
  denseFisher,
  choleskySolve,
  gramMatrix,
  makeMfacProblem,
  mfacAccuracyGrid,
  mfacApply,
  mfacFactor,
  perSampleGradients,
  MFAC_RACE_METHODS,
  type MfacAccuracyGrid,
  type MfacRaceMethod,
  type MfacTrace,
  createSvenRace,
  denseSvd,
  makeRegressionProblem,
  pseudoinverseApply,
  randomizedSvd,
  residualJacobian,
  SVEN_METHODS,
  type SvenMethod,
  type SvenRace,
  type SvenTask,
  type SvenTrace,
} from '../../geometry/optim';
import { mlpLossGradient } from '../../geometry/nn';
import { mulberry32 } from '../../geometry/random';
import { defineJob, InputError } from '../job';

export interface MfacParams {
  hidden: number;
  window: number;
  lambda: number;
  lrSgd: number;
  lrAdam: number;
  lrMfac: number;
  steps: number;
  batch: number;
  seed: number;
}

/** Window sizes of the accuracy grid and the cost curve, and the dampings of the grid. */
export const MFAC_GRID_M = [1, 2, 4, 8, 16, 32, 64];
export const MFAC_GRID_LAMBDA = [1e-4, 1e-3, 1e-2, 1e-1, 1];
/** Training samples (the grid uses the per-sample gradients of the first 64). */
export const MFAC_SAMPLES = 256;

export interface MfacCost {
  ms: number[];
  /** Median ms: Gram matrix G Gᵀ plus the coefficient recursion. */
  setupMs: number[];
  /** Median ms of one query F̂⁻¹x given the setup. */
  queryMs: number[];
  /** Median ms of forming F̂ (P × P) and solving by Cholesky. */
  denseMs: number[];
}

export interface MfacResult extends MfacParams {
  P: number;
  n: number;
  /** Rows of the accuracy grid done (= MFAC_GRID_M.length when complete). */
  gridRows: number;
  grid: MfacAccuracyGrid;
  cost: MfacCost | null;
  done: number;
  traces: Record<MfacRaceMethod, MfacTrace> | null;
}

export type MfacProgress = MfacResult;

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
}

/**
 * Median ms per call over `repeats` batches; each batch repeats `fn` until it has run ≥ 2 ms, because
 * browsers coarsen performance.now() (to 0.1 ms or more) and a single query takes microseconds.
 */
function timeMs(fn: () => void, repeats: number): number {
  const t: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = performance.now() - t0;
    } while (elapsed < 2);
    t.push(elapsed / calls);
  }
  return median(t);
}

export function validateMfacParams(p: MfacParams): void {
  if (!(Number.isInteger(p.hidden) && p.hidden >= 2 && p.hidden <= 64)) throw new InputError(`invalid hidden width: ${p.hidden} (expected an integer in [2, 64])`);
  if (!(Number.isInteger(p.window) && p.window >= 1 && p.window <= 128)) throw new InputError(`invalid window m: ${p.window} (expected an integer in [1, 128])`);
  if (!(p.lambda > 0 && p.lambda <= 100)) throw new InputError(`invalid damping λ: ${p.lambda} (expected a number in (0, 100])`);
  if (!(Number.isInteger(p.steps) && p.steps >= 1 && p.steps <= 5000)) throw new InputError(`invalid steps: ${p.steps} (expected an integer in [1, 5000])`);
  if (!(Number.isInteger(p.batch) && p.batch >= 1 && p.batch <= MFAC_SAMPLES)) throw new InputError(`invalid batch: ${p.batch} (expected an integer in [1, ${MFAC_SAMPLES}])`);
}

/** Runs the three stages, calling `onUpdate` between rows of the grid and between training steps. */
export async function runMfacJob(params: MfacParams, onUpdate?: (partial: () => MfacResult) => Promise<void> | void, timing = true): Promise<MfacResult> {
  validateMfacParams(params);
  const problem = makeMfacProblem(MFAC_SAMPLES, params.hidden, mulberry32(params.seed));
  const P = problem.mlp.paramCount;
  const mMax = MFAC_GRID_M[MFAC_GRID_M.length - 1];
  const G = perSampleGradients(problem, problem.theta0, mMax);
  const x = new Float64Array(P);
  mlpLossGradient(problem.mlp, problem.theta0, problem.data, 0, x);
  const L = MFAC_GRID_LAMBDA.length;
  const grid: MfacAccuracyGrid = { ms: MFAC_GRID_M, lambdas: MFAC_GRID_LAMBDA, relError: new Float64Array(MFAC_GRID_M.length * L).fill(NaN) };
  const result: MfacResult = { ...params, P, n: MFAC_SAMPLES, gridRows: 0, grid, cost: null, done: 0, traces: null };
  const snap = (): MfacResult => ({
    ...result,
    grid: { ...grid, relError: grid.relError.slice() },
    traces: result.traces
      ? (Object.fromEntries(MFAC_RACE_METHODS.map((n) => [n, { loss: result.traces![n].loss.slice(), accuracy: result.traces![n].accuracy.slice() }])) as Record<MfacRaceMethod, MfacTrace>)
      : null,
  });
  for (const [i, m] of MFAC_GRID_M.entries()) {
    const row = mfacAccuracyGrid(G, P, x, [m], MFAC_GRID_LAMBDA);
    grid.relError.set(row.relError, i * L);
    result.gridRows = i + 1;
    if (onUpdate) await onUpdate(snap);
  }
  if (timing) {
    const setupMs: number[] = [];
    const queryMs: number[] = [];
    const denseMs: number[] = [];
    const out = new Float64Array(P);
    for (const [i, m] of MFAC_GRID_M.entries()) {
      const Gm = G.subarray(0, m * P);
      setupMs.push(timeMs(() => void mfacFactor(Gm, m, P, params.lambda, gramMatrix(Gm, m, P)), 3));
      const f = mfacFactor(Gm, m, P, params.lambda);
      queryMs.push(timeMs(() => void mfacApply(f, x, out), 3));
      denseMs.push(timeMs(() => void choleskySolve(denseFisher(Gm, m, P, params.lambda), x, P), 3));
      // The cost curve grows one window size at a time (copies: a report may be sent after the next push).
      result.cost = { ms: MFAC_GRID_M.slice(0, i + 1), setupMs: setupMs.slice(), queryMs: queryMs.slice(), denseMs: denseMs.slice() };
      if (onUpdate) await onUpdate(snap);
    }
  }
  let race;
  try {
    race = createMfacRace(problem, { ...params, window: params.window });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  result.traces = race.traces;
  while (race.step()) {
    result.done = race.done;
    if (onUpdate) await onUpdate(snap);
  }
  result.done = race.done;
  return { ...result, grid: { ...grid } };
}

export const mfacJob = defineJob<MfacParams, unknown, MfacResult, MfacProgress>({
  name: 'optimizer/mfac',
  cost: (p) => p.steps * p.window * p.hidden,
  cpu: (ctx, params) => {
    let last = -Infinity;
    return runMfacJob(params, async (partial) => {
      const now = performance.now();
      if (now - last >= 40) {
        ctx.progress(partial());
        last = now;
      }
      await ctx.checkpoint();
    });
  },
});

export interface SvenParams {
  task: SvenTask;
  n: number;
  hidden: number;
  k: number;
  lrSven: number;
  lrSgd: number;
  lrAdam: number;
  steps: number;
  seed: number;
}

export interface SvenInitCheck {
  /** ‖J⁺_n r (randomized, k = n) − J⁺r (dense one-sided Jacobi SVD)‖ / ‖J⁺r (dense)‖ at θ₀ (null when n ≥ P); J⁺r = Jᵀ(JJᵀ)⁻¹r, the minimum-norm Gauss–Newton step. */
  gaussNewtonGap: number | null;
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
  if (p.task !== '1d' && p.task !== '2d') throw new InputError(`invalid task: ${String(p.task)} (expected "1d" or "2d")`);
  if (!(Number.isInteger(p.n) && p.n >= 4 && p.n <= 256)) throw new InputError(`invalid n: ${p.n} (expected an integer in [4, 256])`);
  if (!(Number.isInteger(p.hidden) && p.hidden >= 2 && p.hidden <= 128)) throw new InputError(`invalid hidden width: ${p.hidden} (expected an integer in [2, 128])`);
  if (!(Number.isInteger(p.steps) && p.steps >= 1 && p.steps <= 5000)) throw new InputError(`invalid steps: ${p.steps} (expected an integer in [1, 5000])`);
}

/** Sven's init checks and race; `onUpdate` between steps. */
export async function runSvenJob(params: SvenParams, onUpdate?: (partial: () => SvenResult) => Promise<void> | void): Promise<SvenResult> {
  validateSvenParams(params);
  const problem = makeRegressionProblem(params.task, params.n, params.hidden, mulberry32(params.seed));
  const { net, x, y, n } = problem;
  const P = net.P;
  const k = Math.min(params.k, n, P);
  const r = new Float64Array(n);
  const J = new Float64Array(n * P);
  residualJacobian(net, problem.theta0, x, y, r, J);
  const dense = denseSvd(J, n, P);
  const random = mulberry32(params.seed + 31);
  const approx = randomizedSvd(J, n, P, k, random);
  let singularGap = 0;
  for (let t = 0; t < k; t++) singularGap = Math.max(singularGap, Math.abs(approx.values[t] - dense.values[t]) / dense.values[0]);
  let gaussNewtonGap: number | null = null;
  if (n < P) {
    const gn = pseudoinverseApply(dense, r, new Float64Array(P), 0);
    const full = pseudoinverseApply(randomizedSvd(J, n, P, n, random), r, new Float64Array(P), 0);
    let d = 0;
    let g = 0;
    for (let p = 0; p < P; p++) {
      d += (full[p] - gn[p]) ** 2;
      g += gn[p] ** 2;
    }
    gaussNewtonGap = Math.sqrt(d / g);
  }
  const init: SvenInitCheck = { gaussNewtonGap, singularGap, denseSingular: Array.from(dense.values.subarray(0, Math.min(n, P))) };
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
  cost: (p) => p.steps * p.n * p.hidden,
  cpu: (ctx, params) => {
    let last = -Infinity;
    return runSvenJob(params, async (partial) => {
      const now = performance.now();
      if (now - last >= 40) {
        ctx.progress(partial());
        last = now;
      }
      await ctx.checkpoint();
    });
  },
});

export { langevinJob, runLangevinJob, validateLangevinParams, PHASE_D, phaseExponents, type LangevinParams, type LangevinResult, type LangevinProgress } from './optimizerLangevin';
