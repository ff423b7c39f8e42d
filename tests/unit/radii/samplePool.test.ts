/**
 * The sample radii's zero search on the worker pool (src/workers/sampleRadiiPool.ts), helpers
 * in process (poolRows.ts behind a transport that clones each message and answers on a later
 * task): the same per-sample arrays as the single-threaded job bit for bit, the helpers
 * really used, cancellation handing out no further chunk, and a failing helper falling back.
 */
import { describe, expect, it } from 'vitest';
import { cpuPathText } from '../../../src/catalogue/backendStatus';
import { JobCancelled, standaloneContext, type JobContext } from '../../../src/workers/job';
import { sampleRadiiJob, type SampleRadiiParams, type SampleRadiiProgress } from '../../../src/workers/jobs/radiiSamples';
import { inProcessPool } from '../poolInProcess';
import { SAMPLE_CHUNK } from '../../../src/workers/sampleRadiiPool';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

const module = (await loadKernelsNode())!;

const pool = (size: number, log: string[], failing = false) => inProcessPool(module, size, { log, failing });

const params: SampleRadiiParams = { samples: 137, classes: 5, logitScale: 2, slopeScale: 1, seed: 11, sample: 3, order: 20, percentile: 0.9 };
const FIELDS = ['deltaA', 'rhoA', 'rhoExact', 'zeroRe', 'zeroIm', 'certified'] as const;

describe('sample radii on the worker pool', () => {
  for (const size of [2, 3]) {
    it(`${size} row blocks: the single-threaded arrays bit for bit, the helpers used`, async () => {
      const single = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>(), params, null);
      const log: string[] = [];
      const pooled = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ pool: pool(size, log) }), params, null);
      for (const field of FIELDS) expect(Array.from(pooled.perSample[field]), field).toEqual(Array.from(single.perSample[field]));
      expect(pooled.rhoA).toBe(single.rhoA);
      expect(pooled.selected).toEqual(single.selected);
      // two chunks in flight per helper from the start
      expect(log.filter((t) => t === 'sampleRadii').length).toBeGreaterThanOrEqual(2 * (size - 1));
    });
  }

  it('with the WASM zero search on both sides: the single-threaded WASM arrays bit for bit', async () => {
    const single = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ wasm: module }), params, null);
    const log: string[] = [];
    const pooled = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ wasm: module, pool: pool(2, log) }), params, null);
    for (const field of FIELDS) expect(Array.from(pooled.perSample[field]), field).toEqual(Array.from(single.perSample[field]));
    expect(log).toContain('sampleRadii');
    // and they agree with the JavaScript search to rounding
    const js = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>(), params, null);
    expectClose(pooled.perSample.rhoExact, js.perSample.rhoExact, F64_EXACT, 'ρ*');
    expect(Array.from(pooled.perSample.certified)).toEqual(Array.from(js.perSample.certified));
  });

  it('a cancelled run hands out no further chunk', async () => {
    const log: string[] = [];
    let cancelled = false;
    let checkpoints = 0;
    const base = standaloneContext<SampleRadiiProgress>({ pool: pool(2, log) });
    const ctx: JobContext<SampleRadiiProgress> = {
      ...base,
      get cancelled() {
        return cancelled;
      },
      checkpoint: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (++checkpoints > 1) {
          cancelled = true;
          throw new JobCancelled();
        }
      },
    };
    const big = { ...params, samples: 40 * SAMPLE_CHUNK };
    await expect(sampleRadiiJob.cpu(ctx, big, null)).rejects.toThrow(JobCancelled);
    const sent = log.filter((t) => t === 'sampleRadii').length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.filter((t) => t === 'sampleRadii').length).toBe(sent);
    expect(sent).toBeLessThan(40);
  });

  it('a failing helper: the set is analysed single-threaded and the pool stops lending', async () => {
    const single = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>(), params, null);
    const log: string[] = [];
    const broken = pool(2, log, true);
    const r = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ pool: broken }), params, null);
    expect(Array.from(r.perSample.rhoExact)).toEqual(Array.from(single.perSample.rhoExact));
    expect(broken.acquire(Infinity)).toBeNull();
  });

  it('the run names the JavaScript pool', () => {
    expect(cpuPathText('JavaScript', 2)).toBe('JavaScript ×2 workers');
    expect(cpuPathText('JavaScript', 1)).toBe('JavaScript');
  });
});
