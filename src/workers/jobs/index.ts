/**
 * Every job the engine can run, as one const object keyed by name: the catalogue.
 * `JobName`, `ParamsOf`, `DataOf`, `ResultOf` and `ProgressOf` read each job's
 * types from it, so `useJob(cellId, 'sinkhorn/solve', …)` (app/engine/useJob.ts)
 * checks its params and data and types its result and progress without naming
 * them by hand. Each chapter defines its jobs in src/workers/jobs/<chapter>.ts.
 */
import type { AnyJob, JobDefinition } from '../job';
import { lseSweep } from './foundation';
import { solve } from './sinkhorn';
import { race } from './sinkhornRace';
import { compareJob, embedJob } from './heat';
import { hessianTrain } from './hessian';
import { sampleRadiiJob } from './radiiSamples';
import { spikeRaceJob } from './radiiRace';
import { fan, spdPaths } from './geodesics';
import { adampRaceJob, sensingRaceJob } from './optimizer';
import { langevinJob, mfacJob, svenJob } from './optimizer2';

export const catalogue = {
  'foundation/lse-sweep': lseSweep,
  'sinkhorn/solve': solve,
  'sinkhorn/race': race,
  'heat/embed': embedJob,
  'heat/compare': compareJob,
  'hessian/train': hessianTrain,
  'radii/sample-radii': sampleRadiiJob,
  'radii/spike-race': spikeRaceJob,
  'geodesics/spd-paths': spdPaths,
  'geodesics/fan': fan,
  'optimizer/sensing-race': sensingRaceJob,
  'optimizer/adamp-race': adampRaceJob,
  'optimizer/mfac': mfacJob,
  'optimizer/sven': svenJob,
  'optimizer/langevin': langevinJob,
} as const;

export type JobCatalogue = typeof catalogue;
export type JobName = keyof JobCatalogue;
/* eslint-disable @typescript-eslint/no-explicit-any */
export type ParamsOf<K extends JobName> = JobCatalogue[K] extends JobDefinition<infer P, any, any, any> ? P : never;
export type DataOf<K extends JobName> = JobCatalogue[K] extends JobDefinition<any, infer D, any, any> ? D : never;
export type ResultOf<K extends JobName> = JobCatalogue[K] extends JobDefinition<any, any, infer R, any> ? R : never;
export type ProgressOf<K extends JobName> = JobCatalogue[K] extends JobDefinition<any, any, any, infer G> ? G : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The catalogue as the engine looks jobs up (each key is its job's `name`; a unit test checks it). */
export const registry: ReadonlyMap<string, AnyJob> = new Map(Object.entries(catalogue as Record<string, AnyJob>));
