/**
 * Jobs of the "Optimizer geometry" chapter, part 2.
 * - `optimizer/mfac`: M-FAC inverse-Fisher-vector products (Frantar, Kurtic & Alistarh, NeurIPS 2021;
 *   src/geometry/optim/mfac.ts) on a small tanh MLP: (1) relative error against a dense f64 Cholesky solve
 *   over a grid of window sizes m and dampings λ, (2) the wall time of setup, query and dense solve against m,
 *   (3) SGD, Adam and M-FAC-preconditioned SGD trained on the same minibatches, streamed as progress.
 *   CPU path only: P ≈ 100–500 parameters, where f64 JavaScript meets the live budgets.
 * - `optimizer/sven`: ./optimizerSven.ts.
 * - `optimizer/langevin`: ./optimizerLangevin.ts.
 */
import {
  createMfacRace,
  denseFisher,
  choleskySolve,
  createMfacWindow,
  mfacWindowPush,
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
} from '../../geometry/optim';
import { mlpLossGradient } from '../../geometry/nn';
import { mulberry32 } from '../../geometry/random';
import { defineJob, InputError, streamSnapshots } from '../job';
import { checkParams } from '../../catalogue/params';
import { MFAC_PARAMS, type MfacParams } from '../../catalogue/optimizer2';

/** Declared once in src/catalogue/optimizer2.ts (sliders, type and validator). */
export type { MfacParams } from '../../catalogue/optimizer2';

/** Window sizes of the accuracy grid and the cost curve, and the dampings of the grid. */
export const MFAC_GRID_M = [1, 2, 4, 8, 16, 32, 64];
export const MFAC_GRID_LAMBDA = [1e-4, 1e-3, 1e-2, 1e-1, 1];
/** Training samples (the grid uses the per-sample gradients of the first 64). */
export const MFAC_SAMPLES = 256;

export interface MfacCost {
  ms: number[];
  /** Median ms: Gram matrix G Gᵀ plus the coefficient recursion. */
  setupMs: number[];
  /** Median ms of one sliding-window update: the oldest of m gradients leaves, a new one enters (Gram column + O(m²) coefficient update). */
  slideMs: number[];
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
  checkParams(MFAC_PARAMS, p);
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
    const slideMs: number[] = [];
    const queryMs: number[] = [];
    const denseMs: number[] = [];
    const out = new Float64Array(P);
    for (const [i, m] of MFAC_GRID_M.entries()) {
      const Gm = G.subarray(0, m * P);
      setupMs.push(timeMs(() => void mfacFactor(Gm, m, P, params.lambda, gramMatrix(Gm, m, P)), 3));
      const f = mfacFactor(Gm, m, P, params.lambda);
      const window = createMfacWindow(m, P, params.lambda);
      for (let t = 0; t < m; t++) mfacWindowPush(window, Gm.subarray(t * P, (t + 1) * P));
      // Each timed push slides the full window (the gradients cycle, so F̂ stays the same).
      let next = 0;
      slideMs.push(
        timeMs(() => {
          const row = next++ % m;
          mfacWindowPush(window, Gm.subarray(row * P, (row + 1) * P));
        }, 3),
      );
      queryMs.push(timeMs(() => void mfacApply(f, x, out), 3));
      denseMs.push(timeMs(() => void choleskySolve(denseFisher(Gm, m, P, params.lambda), x, P), 3));
      // The cost curve grows one window size at a time (copies: a report may be sent after the next push).
      result.cost = { ms: MFAC_GRID_M.slice(0, i + 1), setupMs: setupMs.slice(), slideMs: slideMs.slice(), queryMs: queryMs.slice(), denseMs: denseMs.slice() };
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
  params: MFAC_PARAMS,
  cost: (p) => p.steps * p.window * p.hidden,
  cpu: (ctx, params) => {
    return runMfacJob(params, streamSnapshots(ctx));
  },
});

export { svenJob, runSvenJob, validateSvenParams, type SvenParams, type SvenResult, type SvenProgress, type SvenInitCheck, type SvenNaturalGradientCheck } from './optimizerSven';
export { langevinJob, runLangevinJob, validateLangevinParams, PHASE_D, phaseExponents, type LangevinParams, type LangevinResult, type LangevinProgress } from './optimizerLangevin';
