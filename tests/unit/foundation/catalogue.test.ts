import { describe, expect, it } from 'vitest';
import { catalogue, registry, type DataOf, type JobName, type ParamsOf, type ProgressOf, type ResultOf } from '../../../src/workers/jobs';
import type { SinkhornData, SinkhornParams, SinkhornSolveProgress, SinkhornSolveResult } from '../../../src/workers/jobs/sinkhorn';
import type { HeatParams, HeatResult } from '../../../src/workers/jobs/heat';

// Compile-time checks (npm run typecheck): the catalogue key alone gives a job's types.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks: [
  Equal<ParamsOf<'sinkhorn/solve'>, SinkhornParams>,
  Equal<DataOf<'sinkhorn/solve'>, SinkhornData | null>,
  Equal<ResultOf<'sinkhorn/solve'>, SinkhornSolveResult>,
  Equal<ProgressOf<'sinkhorn/solve'>, SinkhornSolveProgress>,
  Equal<ParamsOf<'heat/embed'>, HeatParams>,
  Equal<ResultOf<'heat/embed'>, HeatResult>,
] = [true, true, true, true, true, true];
// @ts-expect-error a name outside the catalogue is not a JobName
const unknownName: JobName = 'sinkhorn/nope';

describe('the job catalogue', () => {
  it('keys every job by its own name, and the engine registry is the catalogue', () => {
    for (const [key, job] of Object.entries(catalogue)) expect(job.name, key).toBe(key);
    expect([...registry.keys()]).toEqual(Object.keys(catalogue));
    expect(typeChecks.every(Boolean)).toBe(true);
    expect(registry.has(unknownName)).toBe(false);
  });
});
