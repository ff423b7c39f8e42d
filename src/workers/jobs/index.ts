/**
 * Every job the engine can run, by name. Each chapter registers its jobs in its
 * own file (src/workers/jobs/<chapter>.ts) and this list imports it.
 */
import type { AnyJob } from '../job';
import { jobs as foundation } from './foundation';
import { jobs as sinkhorn } from './sinkhorn';
import { jobs as heat } from './heat';
import { jobs as hessian } from './hessian';
import { jobs as radii } from './radii';
import { jobs as geodesics } from './geodesics';
import { jobs as optimizer } from './optimizer';
import { jobs as optimizer2 } from './optimizer2';

export const registry: ReadonlyMap<string, AnyJob> = new Map(
  [...foundation, ...sinkhorn, ...heat, ...hessian, ...radii, ...geodesics, ...optimizer, ...optimizer2].map((job) => [job.name, job]),
);
