/**
 * `optimizer/langevin`: spherical Langevin with iterate averaging on a planted single-index model
 * (src/geometry/optim/langevin.ts; Wei, Damian & Lee, ICLR 2026). One run at (d, n) — Langevin at inverse
 * temperature β and, on the same data from the same start, zero noise (β = ∞, projected gradient descent) — then
 * the success-rate phase picture over (d, n) with n = round(d^e), e = k* / 2 + {−½, 0, ½, 1}, streamed seed by seed and, within a seed, every ≲ 2·10⁶ multiply-adds (a slider move cancels within tens of ms).
 * The picture keeps β/d fixed at the single run's ratio (β_grid = β · d_grid / d): the tilt of the Gibbs measure
 * exp(−βL) against the entropy of S^{d−1} scales with β/d, so every row sits at the same temperature.
 * CPU path only (d ≤ 16, n ≤ d^{k* / 2+1} in the picture).
 */
import { createLangevin, createSuccessTrial, hemisphereStart, makeSingleIndex, type LangevinRun } from '../../geometry/optim';
import { mulberry32 } from '../../geometry/random';
import { defineJob, streamSnapshots } from '../job';
import { checkParams } from '../../catalogue/params';
import { LANGEVIN_PARAMS, type LangevinParams } from '../../catalogue/optimizer2';

/** Declared once in src/catalogue/optimizer2.ts (sliders, type and validator). */
export type { LangevinParams } from '../../catalogue/optimizer2';

/** Dimensions of the phase picture. */
export const PHASE_D = [8, 12, 16];

/** Exponents e (n = round(d^e)) of the phase picture: from half a power below d^{k* / 2} to d^{k* / 2 + 1}. */
export function phaseExponents(kStar: number): number[] {
  return [-0.5, 0, 0.5, 1].map((o) => kStar / 2 + o);
}

/** SWA burn-in: averaging starts after the first quarter of the steps. */
export function burnIn(steps: number): number {
  return Math.floor(steps / 4);
}

export interface LangevinResult extends LangevinParams {
  /** SWA burn-in t₀ (the average is over θ_{t₀+1…t}). */
  averageFrom: number;
  /** The single run at (d, n): overlaps of the last iterate and of the average, steps + 1. */
  run: LangevinRun;
  /** The same data and start at zero noise (β = ∞): projected gradient descent. */
  zeroNoise: LangevinRun;
  /** Phase cells done (row-major over ds × exponents). */
  cells: number;
  phase: {
    ds: number[];
    exponents: number[];
    ns: number[][];
    /** β of each row (β · d_row / d). */
    betas: number[];
    last: Float64Array;
    average: Float64Array;
    /** Success of the zero-noise run's last iterate and average on the same (data, start) draws. */
    zeroNoiseLast: Float64Array;
    zeroNoiseAverage: Float64Array;
  };
}

export type LangevinProgress = LangevinResult;

export function validateLangevinParams(p: LangevinParams): void {
  checkParams(LANGEVIN_PARAMS, p);
}

/** The single runs, then (unless `options.phase` is false: the single runs alone, cells = 0) the phase picture. */
export async function runLangevinJob(
  params: LangevinParams,
  onUpdate?: (partial: () => LangevinResult) => Promise<void> | void,
  options: { phase?: boolean } = {},
): Promise<LangevinResult> {
  validateLangevinParams(params);
  const averageFrom = burnIn(params.steps);
  const o = { eta: params.eta, beta: params.beta, steps: params.steps, averageFrom };
  const random = mulberry32(params.seed);
  const problem = makeSingleIndex(params.d, params.n, params.kStar, random);
  const start = hemisphereStart(problem, random);
  // The zero-noise run draws nothing, so stepping the two in turn leaves the hot run's draws as if it ran alone.
  const hot = createLangevin(problem, start, o, random);
  const cold = createLangevin(problem, start, { ...o, beta: Infinity }, random);
  const run = hot.run;
  const zeroNoise = cold.run;
  const exponents = phaseExponents(params.kStar);
  const E = exponents.length;
  const cellsTotal = PHASE_D.length * E;
  const nan = () => new Float64Array(cellsTotal).fill(NaN);
  const phase: LangevinResult['phase'] = {
    ds: PHASE_D,
    exponents,
    ns: PHASE_D.map((d) => exponents.map((e) => Math.round(d ** e))),
    betas: PHASE_D.map((d) => (params.beta * d) / params.d),
    last: nan(),
    average: nan(),
    zeroNoiseLast: nan(),
    zeroNoiseAverage: nan(),
  };
  const result: LangevinResult = { ...params, averageFrom, run, zeroNoise, cells: 0, phase };
  const snap = (): LangevinResult => ({
    ...result,
    phase: { ...phase, last: phase.last.slice(), average: phase.average.slice(), zeroNoiseLast: phase.zeroNoiseLast.slice(), zeroNoiseAverage: phase.zeroNoiseAverage.slice() },
  });
  const chunk = Math.max(1, Math.floor(2e6 / (params.d * params.n)));
  for (;;) {
    const more = hot.advance(chunk);
    if (!cold.advance(chunk) && !more) break;
    if (onUpdate) await onUpdate(snap);
  }
  if (onUpdate) await onUpdate(snap);
  if (options.phase === false) return result;
  for (const [i, d] of PHASE_D.entries()) {
    const oRow = { eta: params.eta, beta: phase.betas[i], steps: params.steps, averageFrom };
    for (let j = 0; j < E; j++) {
      // Seed by seed (successRate's trials in its order): a large cell refines on the figure instead of stalling it.
      const cell = i * E + j;
      const count = [0, 0, 0, 0];
      for (let s = 0; s < params.seeds; s++) {
        const hot = createSuccessTrial(d, phase.ns[i][j], params.kStar, oRow, s, params.seed);
        const cold = createSuccessTrial(d, phase.ns[i][j], params.kStar, { ...oRow, beta: Infinity }, s, params.seed);
        // A chunk of ≲ 2·10⁶ multiply-adds between yields, so a slider move cancels within a few ms.
        const chunk = Math.max(1, Math.floor(2e6 / (d * phase.ns[i][j])));
        while (hot.advance(chunk) || cold.advance(chunk)) {
          cold.advance(hot.t - cold.t);
          if (onUpdate) await onUpdate(snap);
        }
        const a = hot.outcome();
        const b = cold.outcome();
        [a.last, a.average, b.last, b.average].forEach((ok, q) => (count[q] += ok ? 1 : 0));
        phase.last[cell] = count[0] / (s + 1);
        phase.average[cell] = count[1] / (s + 1);
        phase.zeroNoiseLast[cell] = count[2] / (s + 1);
        phase.zeroNoiseAverage[cell] = count[3] / (s + 1);
        if (s + 1 < params.seeds && onUpdate) await onUpdate(snap);
      }
      result.cells++;
      if (onUpdate) await onUpdate(snap);
    }
  }
  return result;
}

export const langevinJob = defineJob<LangevinParams, unknown, LangevinResult, LangevinProgress>({
  name: 'optimizer/langevin',
  params: LANGEVIN_PARAMS,
  cost: (p) => 2 * p.steps * p.d * p.n * p.seeds,
  cpu: (ctx, params) => {
    return runLangevinJob(params, streamSnapshots(ctx));
  },
});
