/**
 * Jobs of the "Optimizer geometry" chapter.
 * - `optimizer/sensing-race`: the matrix-sensing race of Xiong, Ding & Du (ICLR 2024)
 *   (src/geometry/optim/sensingRace.ts): symmetric k = r, symmetric k > r, asymmetric k > r and the
 *   one-step rebalancing, plain GD on the same seeded measurements, streaming the error curves and
 *   singular values as progress; the result adds the fitted slopes and rates of the paper check.
 *   CPU path only: at n ≤ 30 an iteration is a few hundred microseconds of f64 work.
 * - `optimizer/adamp-race`: SGD, SGDM, Adam, SGDP and AdamP (Heo et al., ICLR 2021) on the 3-D
 *   scale-invariant toy and the weight-normalized classifier (src/geometry/optim/adampRace.ts),
 *   streaming the traces as progress. CPU path only (a few thousand parameters).
 */
import {
  createSensingRace,
  fitCurve,
  makeSensingProblem,
  parseSensingRun,
  sensingInit,
  SENSING_METHODS,
  type CurveFit,
  type MethodTrace,
  type SensingInit,
  type SensingMethod,
  type SensingProblem,
  type SensingRace,
} from '../../geometry/optim';
import { createAdampRace, type AdampRace, type ClassifierTrace, type OptimizerName, type ToyTrace } from '../../geometry/optim';
import { mulberry32 } from '../../geometry/random';
import { defineJob, InputError, streamSnapshots } from '../job';
import { checkParams } from '../../catalogue/params';
import { ADAMP_PARAMS, SENSING_FILE_FIXES, SENSING_PARAMS, type AdampRaceParams, type SensingRaceParams } from '../../catalogue/optimizer';

/** Declared once in src/catalogue/optimizer.ts (sliders, type and the job's validator). */
export type { AdampRaceParams, SensingRaceParams } from '../../catalogue/optimizer';

/** The run's settings (every parameter but the seed) and what it produced. */
export interface SensingRaceResult extends Omit<SensingRaceParams, 'seed'> {
  /** Iterations completed (= iterations in the final result). */
  done: number;
  problem: SensingProblem;
  init: SensingInit;
  traces: Record<SensingMethod, MethodTrace>;
  /** Fits of the paper check; computed on the iterations done so far. */
  fits: Record<SensingMethod, CurveFit>;
}

export type SensingRaceProgress = SensingRaceResult;

/** The seeded problem and start; the ranges are the job's (SENSING_PARAMS), the cross-field rules are here. */
export function sensingSetup(params: SensingRaceParams): { problem: SensingProblem; init: SensingInit } {
  const { n, r, k, m, kappa, alpha, seed } = params;
  if (!(Number.isInteger(r) && r >= 1 && r <= n)) throw new InputError(`invalid rank r: ${r} (expected an integer in [1, n = ${n}])`);
  if (!(Number.isInteger(k) && k > r && k <= n)) throw new InputError(`invalid width k: ${k} (expected an integer with r = ${r} < k ≤ n = ${n})`);
  try {
    const random = mulberry32(seed);
    const problem = makeSensingProblem({ n, r, m, kappa }, random);
    return { problem, init: sensingInit(n, r, k, alpha, random) };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

function snapshot(params: SensingRaceParams, race: SensingRace, init: SensingInit, copy: boolean): SensingRaceResult {
  const traces = Object.fromEntries(
    SENSING_METHODS.map((name) => {
      const t = race.traces[name];
      return [name, copy ? { ...t, errors: t.errors.slice(), singular: t.singular.slice(), singularG: t.singularG.slice() } : t];
    }),
  ) as Record<SensingMethod, MethodTrace>;
  const fits = Object.fromEntries(
    SENSING_METHODS.map((name) => [name, fitCurve(race.traces[name].errors, race.done, name === 'modified' ? params.modifyAt : 1)]),
  ) as Record<SensingMethod, CurveFit>;
  return { ...params, modifyAt: Math.min(params.modifyAt, params.iterations), done: race.done, problem: race.problem, init, traces, fits };
}

/** Runs the race to the end, calling `onChunk` every `chunk` iterations (the job's CPU path without the worker). */
export async function runSensingRaceJob(
  params: SensingRaceParams,
  onChunk?: (partial: () => SensingRaceResult) => Promise<void> | void,
  chunk = 25,
  data: unknown = null,
): Promise<SensingRaceResult> {
  let problem: SensingProblem;
  let init: SensingInit;
  if (data !== null && data !== undefined) {
    // A loaded export: its measurements, M* and initial factors replace the seeded ones; n, r, m, k follow the file.
    try {
      const run = parseSensingRun(data);
      ({ problem, init } = run);
      params = { ...params, n: run.problem.n, r: run.problem.r, m: run.problem.m, k: run.k };
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  } else ({ problem, init } = sensingSetup(params));
  let race: SensingRace;
  try {
    race = createSensingRace(problem, init, { k: params.k, eta: params.eta, iterations: params.iterations, modifyAt: Math.min(params.modifyAt, params.iterations) });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (onChunk) await onChunk(() => snapshot(params, race, init, true));
  while (race.step()) {
    if (onChunk && race.done % chunk === 0) await onChunk(() => snapshot(params, race, init, true));
  }
  return snapshot(params, race, init, false);
}

export const sensingRaceJob = defineJob<SensingRaceParams, unknown, SensingRaceResult, SensingRaceProgress>({
  name: 'optimizer/sensing-race',
  params: SENSING_PARAMS,
  // Each iteration of each method forms ⟨B_i, UUᵀ⟩ and Σ r_i B_i over the m dense n×n measurements.
  cost: (p) => p.iterations * p.m * p.n * p.n,
  cpu: async (ctx, params, data) => {
    checkParams(SENSING_PARAMS, params, data === null || data === undefined ? [] : SENSING_FILE_FIXES);
    return runSensingRaceJob(params, streamSnapshots(ctx), 25, data);
  },
});

export interface AdampRaceResult extends AdampRaceParams {
  done: number;
  toy: Record<OptimizerName, ToyTrace>;
  classifier: Record<OptimizerName, ClassifierTrace>;
}

export type AdampRaceProgress = AdampRaceResult;

function adampSnapshot(params: AdampRaceParams, race: AdampRace, copy: boolean): AdampRaceResult {
  const clone = <T extends object>(rec: Record<OptimizerName, T>): Record<OptimizerName, T> =>
    copy
      ? (Object.fromEntries(
          Object.entries(rec).map(([k, v]) => [k, Object.fromEntries(Object.entries(v as object).map(([f, a]) => [f, a instanceof Float64Array ? a.slice() : a]))]),
        ) as Record<OptimizerName, T>)
      : rec;
  return { ...params, done: race.done, toy: clone(race.toy), classifier: clone(race.classifier) };
}

/** Runs the AdamP race to the end, calling `onStep` after each step (the job's CPU path without the worker). */
export async function runAdampRaceJob(params: AdampRaceParams, onStep?: (partial: () => AdampRaceResult) => Promise<void> | void): Promise<AdampRaceResult> {
  let race: AdampRace;
  try {
    race = createAdampRace(params);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (onStep) await onStep(() => adampSnapshot(params, race, true));
  while (race.step()) if (onStep) await onStep(() => adampSnapshot(params, race, true));
  return adampSnapshot(params, race, false);
}

export const adampRaceJob = defineJob<AdampRaceParams, unknown, AdampRaceResult, AdampRaceProgress>({
  name: 'optimizer/adamp-race',
  params: ADAMP_PARAMS,
  cost: (p) => p.steps,
  cpu: async (ctx, params) => {
    checkParams(ADAMP_PARAMS, params);
    return runAdampRaceJob(params, streamSnapshots(ctx));
  },
});

