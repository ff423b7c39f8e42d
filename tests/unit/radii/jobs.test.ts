import { describe, expect, it } from 'vitest';
import { InputError, standaloneContext } from '../../../src/workers/job';
import { sampleRadiiJob, type SampleRadiiParams, type SampleRadiiProgress } from '../../../src/workers/jobs/radiiSamples';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { StageCache } from '../../../src/workers/stageCache';

const ctx = standaloneContext<SampleRadiiProgress>();

const params: SampleRadiiParams = { samples: 40, classes: 4, logitScale: 2, slopeScale: 1, seed: 3, sample: 2, order: 30, percentile: 0.95 };

describe('radii/sample-radii job (CPU path)', () => {
  it('a loaded binary set gives the closed-form radius sqrt(δ² + π²)/|a1 − a2| per sample', async () => {
    const data = { logits: [[0.5, -0.5], [2, 0]], directions: [[1, -1], [0.25, -0.25]], labels: [0, 1] };
    const r = await sampleRadiiJob.cpu(ctx, params, data);
    expect(r.source).toBe('loaded');
    expectClose(r.perSample.rhoExact, [Math.hypot(1, Math.PI) / 2, Math.hypot(2, Math.PI) / 0.5], F64_ITERATIVE, 'ρ*');
    expectClose(r.rhoA, Math.PI / 2, F64_ITERATIVE, 'batch ρ_a = π / max Δ_a');
    expect(r.selected.index).toBe(1);
  });

  it('says so when every sample has equal slopes (Δ_a = 0: infinite radius)', async () => {
    const r = await sampleRadiiJob.cpu(ctx, params, { logits: [[1, 2, 3]], directions: [[0.5, 0.5, 0.5]] });
    expect(r.rhoA).toBe(Infinity);
    expect(r.perSample.rhoExact[0]).toBe(Infinity);
    expect(r.notes.join(' ')).toMatch(/every sample has all slopes equal \(Δ_a = 0\).*infinite/);
  });

  it('rejects bad input with an InputError naming the problem', async () => {
    await expect(sampleRadiiJob.cpu(ctx, params, { logits: [[1, 2]], directions: [[1, 2], [3, 4]] })).rejects.toThrow(InputError);
    await expect(sampleRadiiJob.cpu(ctx, params, { logits: [[1, 2]], directions: [[1, 2], [3, 4]] })).rejects.toThrow(/"logits" is 1×2 but "directions" is 2×2/);
    await expect(sampleRadiiJob.cpu(ctx, { ...params, percentile: 2 }, null)).rejects.toThrow(/invalid percentile: 2/);
  });

  it('on a trained MLP, every sample satisfies ρ_a ≤ ρ* with a certified nearest zero', async () => {
    for (const direction of ['adam', 'gradient', 'random'] as const) {
      const r = await sampleRadiiJob.cpu(ctx, { ...params, source: 'mlp', trainSteps: 20, direction, samples: 60 }, null);
      expect(r.source).toBe('mlp');
      for (let i = 0; i < r.samples; i++) {
        expect(r.perSample.certified[i]).toBe(1);
        expect(r.perSample.rhoA[i]).toBeLessThanOrEqual(r.perSample.rhoExact[i] * (1 + 1e-12));
      }
    }
  });
});

describe('radii/sample-radii stages', () => {
  it('another sample or percentile reuses the analysed set (stage hits) and equals a cold run', async () => {
    const cache = new StageCache();
    const memo = cache.forCell('plane');
    const run = (p: SampleRadiiParams) => sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ stages: memo }), p, null);
    await run(params);
    expect(cache.misses).toBe(2); // the set and the per-sample analysis
    const moved = { ...params, sample: 7, percentile: 0.8 };
    const warm = await run(moved);
    expect(cache.misses).toBe(2);
    expect(cache.hits).toBe(2);
    const cold = await sampleRadiiJob.cpu(ctx, moved, null);
    expect(Array.from(warm.perSample.rhoExact)).toEqual(Array.from(cold.perSample.rhoExact));
    expect(warm.rhoAPercentile).toBe(cold.rhoAPercentile);
    expect(warm.selected.index).toBe(7);
    expect(Array.from(warm.selected.coefficients)).toEqual(Array.from(cold.selected.coefficients));
    // the result's arrays are copies: transferring them leaves the cached analysis intact
    expect(warm.perSample.rhoExact.buffer).not.toBe(memo.last<{ rhoExact: Float64Array }>('per-sample')!.rhoExact.buffer);
    // a parameter of the set itself recomputes both stages; the MLP's settings do not touch a synthetic set
    await run({ ...moved, trainSteps: 10, direction: 'random' });
    expect(cache.misses).toBe(2);
    await run({ ...moved, seed: 4 });
    expect(cache.misses).toBe(4);
  });

  it('the preview skips the nearest zeros and shares the built set with the full run', async () => {
    const preview = sampleRadiiJob.preview!(params)!;
    expect(preview.withZeros).toBe(false);
    expect(sampleRadiiJob.preview!(preview)).toBeNull();
    const cache = new StageCache();
    const memo = cache.forCell('plane');
    const first = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ stages: memo, preview: true }), preview, null);
    expect(Number.isNaN(first.perSample.rhoExact[0])).toBe(true);
    const full = await sampleRadiiJob.cpu(standaloneContext<SampleRadiiProgress>({ stages: memo }), params, null);
    expect(cache.hits).toBe(1); // the set
    const cold = await sampleRadiiJob.cpu(ctx, params, null);
    expect(Array.from(full.perSample.rhoExact)).toEqual(Array.from(cold.perSample.rhoExact));
    expect(Array.from(first.perSample.rhoA)).toEqual(Array.from(cold.perSample.rhoA));
  });
});

describe('radii/sample-radii parameters (src/catalogue/radii.ts)', () => {
  it('refuses a set size or percentile outside the plane view’s sliders, naming the field', async () => {
    await expect(sampleRadiiJob.cpu(ctx, { ...params, samples: 0 }, null)).rejects.toThrow(/^invalid samples: 0 \(need an integer in 1…2000\)/);
    await expect(sampleRadiiJob.cpu(ctx, { ...params, samples: 2001 }, null)).rejects.toThrow(/^invalid samples: 2001/);
    await expect(sampleRadiiJob.cpu(ctx, { ...params, percentile: 0.4 }, null)).rejects.toThrow(InputError);
    await expect(sampleRadiiJob.cpu(ctx, { ...params, classes: 21 }, null)).rejects.toThrow(/^invalid classes: 21 \(need an integer in 2…20\)/);
  });

  it('a loaded file ignores the entries that only build the set; the selected sample and percentile still count', async () => {
    const data = { logits: [[0.5, -0.5]], directions: [[1, -1]], labels: [0] };
    const r = await sampleRadiiJob.cpu(ctx, { ...params, classes: 99, samples: 0 }, data);
    expectClose(r.perSample.rhoExact[0], Math.hypot(1, Math.PI) / 2, F64_ITERATIVE, 'ρ*');
    await expect(sampleRadiiJob.cpu(ctx, { ...params, percentile: 2 }, data)).rejects.toThrow(/^invalid percentile: 2/);
  });

  it('the MLP settings a caller leaves out are their entries’ defaults (50 Adam steps, Adam’s direction)', async () => {
    const mlp = { ...params, source: 'mlp' as const, samples: 30 };
    const implicit = await sampleRadiiJob.cpu(ctx, mlp, null);
    const explicit = await sampleRadiiJob.cpu(ctx, { ...mlp, trainSteps: 50, direction: 'adam' }, null);
    expect(Array.from(implicit.perSample.rhoExact)).toEqual(Array.from(explicit.perSample.rhoExact));
    const other = await sampleRadiiJob.cpu(ctx, { ...mlp, trainSteps: 10 }, null);
    expect(Array.from(other.perSample.rhoA)).not.toEqual(Array.from(explicit.perSample.rhoA));
  });
});
