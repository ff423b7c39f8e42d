import { describe, expect, it } from 'vitest';
import { createMlp, initMlp, mlpLogits, mlpLogitsJvp } from '../../../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { createSpikeRace, parseHiddenWidths, RACE_VARIANTS, snapshotSpikeRace, spikeRaceOptions } from '../../../src/geometry/ghosts';
import { InputError, standaloneContext } from '../../../src/workers/job';
import { runSpikeRace, spikeRaceJob, type SpikeRaceParams, type SpikeRaceResult } from '../../../src/workers/jobs/radiiRace';

/** The seeded scenario of the chapter, small enough for a unit test (~0.3 s). */
const scenario: SpikeRaceParams = {
  seed: 1,
  classes: 4,
  dimension: 8,
  separation: 4,
  trainSize: 128,
  testSize: 128,
  hidden: '16,16',
  activation: 'relu',
  lr: 1e-2,
  batchSize: 32,
  steps: 70,
  spikeFactor: 1000,
  spikeStep: 30,
  spikeDuration: 1000,
  clipNorm: 1,
  curvatureEvery: 0,
};

describe('learning-rate spike race (training job, CPU path)', () => {
  it('a ×1000 spike collapses plain Adam to chance accuracy while the τ ≤ ρ_a controller keeps accuracy', async () => {
    const result = await runSpikeRace(scenario);
    const { plain, clip, controller } = result.variants;
    const last = scenario.steps - 1;
    const before = scenario.spikeStep - 1;
    // All three share the run up to the spike (same seed, same minibatches) and learn well.
    expect(plain.accuracy[before]).toBeGreaterThan(0.8);
    expect(controller.accuracy[before]).toBe(plain.accuracy[before]);
    // Plain Adam ends at chance (1/K = 0.25): a constant prediction.
    expect(plain.accuracy[last]).toBeLessThanOrEqual(result.chance + 0.02);
    // Clipping the gradient does not save Adam: its step length is set by the learning rate.
    expect(clip.accuracy[last]).toBeLessThan(controller.accuracy[last] - 0.2);
    // The controller keeps (and improves) what it had learned.
    expect(controller.accuracy[last]).toBeGreaterThanOrEqual(controller.accuracy[before] - 0.02);
    for (let t = 0; t <= last; t++) expect(controller.r[t]).toBeLessThanOrEqual(1 + 1e-9);
    // The spiked raw steps are far outside the radius: r ≫ 1 for plain at the spike.
    expect(plain.r[scenario.spikeStep]).toBeGreaterThan(100);
    expect(result.learningRate[scenario.spikeStep]).toBeCloseTo(10, 12);
  });

  it('is deterministic: the same seed gives the same per-step records', async () => {
    const short = { ...scenario, steps: 12, spikeStep: 6 };
    const a = await runSpikeRace(short);
    const b = await runSpikeRace(short);
    expect(Array.from(a.variants.controller.loss)).toEqual(Array.from(b.variants.controller.loss));
    expect(Array.from(a.variants.plain.r)).toEqual(Array.from(b.variants.plain.r));
  });

  it('rejects bad parameters with messages naming them', async () => {
    await expect(runSpikeRace({ ...scenario, hidden: '16,x' })).rejects.toThrow(/invalid hidden widths "16,x"/);
    await expect(runSpikeRace({ ...scenario, spikeFactor: -3 })).rejects.toThrow(/invalid spike factor: -3/);
  });
});

describe('logit slopes a_k = ∇z_k·v of the shared MLP', () => {
  it('match central finite differences (z(θ + hv) − z(θ − hv))/2h', () => {
    const random = mulberry32(3);
    for (const activation of ['tanh', 'softplus', 'gelu'] as const) {
      const mlp = createMlp([5, 7, 6, 3], activation);
      const theta = initMlp(mlp, random);
      const v = gaussianVector(mlp.paramCount, random);
      const data = { x: gaussianVector(4 * 5, random), n: 4 };
      const slopes = new Float64Array(4 * 3);
      mlpLogitsJvp(mlp, theta, data, v, slopes);
      const h = 1e-5;
      const plus = mlpLogits(mlp, theta.map((t, i) => t + h * v[i]), data);
      const minus = mlpLogits(mlp, theta.map((t, i) => t - h * v[i]), data);
      for (let i = 0; i < slopes.length; i++) {
        const fd = (plus[i] - minus[i]) / (2 * h);
        // Central differences err by O(h²)·z''' ≈ 1e-10 and by rounding ≈ 1e-16/h ≈ 1e-11.
        expect(Math.abs(slopes[i] - fd)).toBeLessThan(1e-7 * (1 + Math.abs(fd)));
      }
    }
  });
});

describe('2/λ_max spread over the steps, and the streamed race', () => {
  const curved: SpikeRaceParams = { ...scenario, steps: 14, spikeStep: 6, curvatureEvery: 3 };

  it('the λ_max products run a few per step, yet give the same values as running them all at once', () => {
    const run = (curvatureProductsPerStep: number) => {
      const race = createSpikeRace({ ...spikeRaceOptions(curved), curvatureProductsPerStep });
      const pendingAfterStep: number[] = [];
      while (race.step()) pendingAfterStep.push(race.curvaturePending);
      expect(race.curvaturePending).toBe(0);
      return { variants: race.variants, pendingAfterStep };
    };
    const spread = run(1);
    const atOnce = run(1_000_000);
    // with one product per step the measurements are still pending after the steps that queued them
    expect(Math.max(...spread.pendingAfterStep)).toBeGreaterThan(0);
    expect(Math.max(...atOnce.pendingAfterStep)).toBe(0);
    for (const name of RACE_VARIANTS) {
      const measured = Array.from(spread.variants[name].twoOverLambda).filter(Number.isFinite);
      expect(measured.length).toBeGreaterThanOrEqual(4); // t = 0, 3, 6, 9, 12 unless diverged
      expect(Array.from(spread.variants[name].twoOverLambda)).toEqual(Array.from(atOnce.variants[name].twoOverLambda));
      expect(Array.from(spread.variants[name].loss)).toEqual(Array.from(atOnce.variants[name].loss));
    }
  });

  it('each progress report of the job carries the figure so far: one more step, a prefix of the final records', async () => {
    const reports: SpikeRaceResult[] = [];
    const result = await spikeRaceJob.cpu(standaloneContext<SpikeRaceResult>({ onProgress: (r) => reports.push(r) }), curved, null);
    expect(reports.map((r) => r.done)).toEqual(Array.from({ length: curved.steps }, (_, t) => t + 1));
    for (const report of reports) {
      for (const name of RACE_VARIANTS) {
        const final = result.variants[name];
        expect(Array.from(report.variants[name].loss.subarray(0, report.done))).toEqual(Array.from(final.loss.subarray(0, report.done)));
        expect(Array.from(report.variants[name].accuracy.subarray(0, report.done))).toEqual(Array.from(final.accuracy.subarray(0, report.done)));
      }
    }
    expect(Number.isFinite(reports[0].variants.controller.loss[0])).toBe(true);
  });
});

describe('spike race settings and frames (geometry/ghosts/spikeRaceSettings, spikeRaceSnapshot)', () => {
  it('parses hidden widths and names bad text', () => {
    expect(parseHiddenWidths('32, 16')).toEqual([32, 16]);
    expect(parseHiddenWidths('64')).toEqual([64]);
    expect(() => parseHiddenWidths('0,8')).toThrow(/invalid hidden widths "0,8"/);
    expect(() => parseHiddenWidths('2000')).toThrow(/integers 1…1024/);
  });

  it('the job takes only the hidden layers its table lists, and names the field otherwise', async () => {
    const odd = { ...scenario, hidden: '16,8' };
    const error: unknown = await spikeRaceJob.cpu(standaloneContext<SpikeRaceResult>(), odd as unknown as SpikeRaceParams, null).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^unknown hidden: 16,8 \(expected 32,32, 16,16, 64, 64,64\)/);
  });

  it('a copied frame equals the race’s own records and shares no buffer with them; chance is 1/K', () => {
    const race = createSpikeRace(spikeRaceOptions({ ...scenario, steps: 5, spikeStep: 2 }));
    while (race.step());
    const own = snapshotSpikeRace(race, false);
    const copy = snapshotSpikeRace(race, true);
    expect(own.chance).toBe(1 / scenario.classes);
    expect(copy.done).toBe(5);
    for (const name of RACE_VARIANTS) {
      expect(own.variants[name]).toBe(race.variants[name]);
      expect(copy.variants[name].loss.buffer).not.toBe(race.variants[name].loss.buffer);
      expect(copy.variants[name]).toEqual(race.variants[name]);
    }
    expect(Array.from(copy.learningRate)).toEqual(Array.from({ length: 5 }, (_, t) => race.learningRate(t)));
  });
});
