import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/workers/job';
import { runAdampRaceJob, runSensingRaceJob, sensingRaceJob, type SensingRaceParams } from '../../../src/workers/jobs/optimizer';

const sensing: SensingRaceParams = { n: 6, r: 2, k: 3, m: 60, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 200, modifyAt: 50, seed: 1 };

describe('optimizer jobs (CPU path without the worker)', () => {
  it('sensing race: streams a partial result every 25 iterations and ends complete', async () => {
    const seen: number[] = [];
    const r = await runSensingRaceJob(sensing, (partial) => {
      seen.push(partial().done);
    });
    // 0, 25, …, 175: the last stretch arrives as the final result.
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => 25 * i));
    expect(r.done).toBe(200);
    expect(r.traces['symmetric-exact'].errors).toHaveLength(201);
    expect(Number.isFinite(r.traces.modified.errors[200])).toBe(true);
  });

  it('sensing race: declares a cost linear in the iterations and the measurements and quadratic in n (its expected time follows them)', () => {
    const cost = sensingRaceJob.cost!;
    expect(cost({ ...sensing, iterations: 400 })).toBe(2 * cost(sensing));
    expect(cost({ ...sensing, m: 180 })).toBe(3 * cost(sensing));
    expect(cost({ ...sensing, n: 12, k: 3 })).toBe(4 * cost(sensing));
  });

  it('sensing race: rejects k ≤ r and a bad condition number with InputErrors naming the value', async () => {
    await expect(runSensingRaceJob({ ...sensing, k: 2 })).rejects.toThrow(InputError);
    await expect(runSensingRaceJob({ ...sensing, k: 2 })).rejects.toThrow(/invalid width k: 2/);
    await expect(runSensingRaceJob({ ...sensing, kappa: 0 })).rejects.toThrow(/invalid condition number kappa: 0/);
  });

  it('AdamP race: one partial result per step and an InputError for a bad learning rate', async () => {
    let calls = 0;
    const r = await runAdampRaceJob({ steps: 12, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 }, () => {
      calls++;
    });
    expect(calls).toBe(12);
    expect(r.done).toBe(12);
    await expect(runAdampRaceJob({ steps: 12, lrSgd: -1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 })).rejects.toThrow(/invalid learning rate: -1/);
  });
});
