/**
 * `hessian/train` as a pipeline of cached stages: a display-only change reuses the training
 * trajectory and equals a cold run; progress streams the loss before the spectra; cancellation
 * reaches every phase; the dense reference path equals exactSpectrum.
 */
import { describe, expect, it } from 'vitest';
import { JobCancelled, standaloneContext } from '../../../src/workers/job';
import { StageCache } from '../../../src/workers/stageCache';
import { hessianTrain, type HessianTrainParams, type HessianTrainProgress, type HessianTrainResult } from '../../../src/workers/jobs/hessian';
import { exactHessianSpectrum } from '../../../src/workers/jobs/hessianSpectra';
import { createMlp, createTrainer, curvatureOperator, gaussianMixture, initMlp, recordTrajectory, snapshotSteps, trajectoryWeights } from '../../../src/geometry/nn';
import { exactSpectrum } from '../../../src/geometry/spectral';
import { mulberry32 } from '../../../src/geometry/random';
import { symmetricEigen, symmetricEigenvalues } from '../../../src/geometry/linalg';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

const base: HessianTrainParams = {
  dataset: 'mixture',
  classes: 3,
  dimension: 2,
  separation: 3,
  n: 48,
  noise: 0.05,
  hidden: 6,
  depth: 1,
  activation: 'tanh',
  weightDecay: 0.001,
  optimizer: 'gd',
  lr: 0.5,
  batchSize: 0,
  steps: 20,
  spectrumEvery: 10,
  topK: 3,
  slqProbes: 2,
  slqSteps: 12,
  hutchinsonProbes: 9,
  traceMethod: 'hutch++',
  continueTraining: false,
  split: true,
  exactMaxP: 100,
  initScale: 1,
  seed: 5,
};

function run(params: HessianTrainParams, stages = new StageCache().forCell('test')) {
  const reports: HessianTrainProgress[] = [];
  const ctx = standaloneContext<HessianTrainProgress>({ stages, onProgress: (r) => void reports.push(r) });
  return hessianTrain.cpu(ctx, params, null).then((result) => ({ result, reports }));
}

function expectSameRun(a: HessianTrainResult, b: HessianTrainResult): void {
  expectClose(a.losses, b.losses, F64_EXACT, 'losses');
  expect(a.snapshots.map((s) => s.step)).toEqual(b.snapshots.map((s) => s.step));
  a.snapshots.forEach((s, i) => {
    const t = b.snapshots[i];
    expectClose(s.top, t.top, F64_EXACT, `top at step ${s.step}`);
    expectClose([s.loss, s.trace, s.traceStandardError, s.bulkRms, s.outliers], [t.loss, t.trace, t.traceStandardError, t.bulkRms, t.outliers], F64_EXACT, `scalars at step ${s.step}`);
    expectClose(s.density.values, t.density.values, F64_EXACT, `density at step ${s.step}`);
    expectClose(s.gaussNewtonTop ?? [], t.gaussNewtonTop ?? [], F64_EXACT, `G top at step ${s.step}`);
    expectClose(s.residualTop ?? [], t.residualTop ?? [], F64_EXACT, `H − G top at step ${s.step}`);
  });
  expectClose(a.exact ?? [], b.exact ?? [], F64_EXACT, 'exact spectrum');
  expectClose(a.powerTop ?? NaN, b.powerTop ?? NaN, F64_EXACT, 'power iteration λ');
  expectClose(a.weights, b.weights, F64_EXACT, 'final weights');
}

describe('hessian/train stages', () => {
  it('a display-only change retrains nothing, hits the trajectory stage and equals a cold run', async () => {
    const cache = new StageCache();
    const memo = cache.forCell('edge');
    await run(base, memo);
    const hitsBefore = cache.hits;
    // Spectrum every 5 (new snapshot steps 5 and 15), one more SLQ probe, top-4: all display settings.
    const changed = { ...base, spectrumEvery: 5, slqProbes: 3, topK: 4 };
    const warm = await run(changed, memo);
    const cold = await run(changed, undefined);
    expect(cache.hits).toBeGreaterThan(hitsBefore);
    // The trajectory came from the cache: no training progress was streamed.
    expect(warm.reports.filter((r) => r.phase === 'training')).toHaveLength(0);
    expect(cold.reports.filter((r) => r.phase === 'training').length).toBeGreaterThan(0);
    expect(warm.result.snapshots.map((s) => s.step)).toEqual([0, 5, 10, 15, 20]);
    expectSameRun(warm.result, cold.result);
  });

  it('changing back to earlier settings hits every spectral stage too and returns the first result', async () => {
    const cache = new StageCache();
    const memo = cache.forCell('edge');
    const first = await run(base, memo);
    await run({ ...base, spectrumEvery: 5 }, memo);
    const misses = cache.misses;
    const again = await run(base, memo);
    // spectrumEvery 5 kept the trajectory and the spectra of steps 0, 10 and 20 (head and tail each).
    expect(cache.misses).toBe(misses);
    expectSameRun(again.result, first.result);
  });

  it('a training change (learning rate) retrains', async () => {
    const memo = new StageCache().forCell('edge');
    await run(base, memo);
    const other = await run({ ...base, lr: 0.3 }, memo);
    expect(other.reports.filter((r) => r.phase === 'training').length).toBeGreaterThan(0);
    const cold = (await run({ ...base, lr: 0.3 })).result;
    // Power iteration warm-starts from the previous run's eigenvector: the same λ within its stopping tolerance (1e-6, relative).
    expect(Math.abs(other.result.powerTop! - cold.powerTop!)).toBeLessThan(1e-6 * Math.abs(cold.powerTop!));
    expectSameRun({ ...other.result, powerTop: cold.powerTop }, cold);
  });

  it('streams the loss curve first: the first report comes before the last step and holds the losses so far', async () => {
    const { result, reports } = await run({ ...base, steps: 60 });
    const first = reports[0]!;
    expect(first.phase).toBe('training');
    expect(first.step).toBeLessThan(60);
    expect(first.losses.length).toBe(first.step);
    expectClose(first.losses, result.losses.subarray(0, first.step), F64_EXACT, 'streamed losses');
    expect(first.snapshots).toHaveLength(0);
    // The sharpness of every snapshot arrives before any snapshot's density (a snapshot under way is partial;
    // mid-Lanczos its top-k are the Ritz values so far, without residuals).
    const sharpnessOnly = reports.find((r) => r.phase === 'spectra' && r.snapshots.length === result.snapshots.length && r.snapshots.every((s) => s.density === undefined && s.topResiduals.length > 0));
    expect(sharpnessOnly).toBeDefined();
    expectClose(sharpnessOnly!.snapshots.map((s) => s.top[0]), result.snapshots.map((s) => s.top[0]), F64_EXACT, 'streamed sharpness');
  });

  it('stops at the next checkpoint when cancelled in training, in the spectra and in the dense reference', async () => {
    const P = 2 * 6 + 6 + 6 * 3 + 3;
    const params = { ...base, exactMaxP: P };
    let total = 0;
    const counting = { ...standaloneContext<HessianTrainProgress>(), checkpoint: async () => void total++ };
    await hessianTrain.cpu(counting, params, null);
    // The dense reference is the last stage and checkpoints once per column: P before the end is inside it.
    for (const cancelAfter of [3, base.steps + 40, total - Math.floor(P / 2)]) {
      const ctx = standaloneContext<HessianTrainProgress>({ cancelAfter, stages: new StageCache().forCell('c') });
      await expect(hessianTrain.cpu(ctx, params, null)).rejects.toThrow(JobCancelled);
    }
  });

  it('the dense reference (checkpointed columns, eigenvalues only) equals exactSpectrum', async () => {
    const data = gaussianMixture({ classes: 3, dimension: 2, separation: 3, n: 40, random: mulberry32(2) });
    const mlp = createMlp([2, 7, 3], 'tanh');
    const theta = initMlp(mlp, mulberry32(3));
    const ours = await exactHessianSpectrum(mlp, theta, data, 0.01, async () => {});
    const reference = exactSpectrum(curvatureOperator(mlp, theta, data, 0.01, 'hessian'));
    expect(Array.from(ours.values)).toEqual(Array.from(reference.values));
    expect(ours.trace).toBe(reference.trace);
  });

  it('eigenvalues alone are bit-for-bit those of the full decomposition (same reduction and QL, no rotations kept)', () => {
    const n = 37;
    const random = mulberry32(11);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        const x = random() - 0.5;
        a[i * n + j] = x;
        a[j * n + i] = x;
      }
    expect(Array.from(symmetricEigenvalues(a, n))).toEqual(Array.from(symmetricEigen(a, n).values));
    expect(() => symmetricEigenvalues(a, 36)).toThrow(/matrix has 1369 entries but its shape 36×36 needs 1296/);
  });

  it('a trajectory recorded every N steps serves the same snapshot weights as one recorded every step', async () => {
    const data = gaussianMixture({ classes: 3, dimension: 2, separation: 3, n: 40, random: mulberry32(2) });
    const mlp = createMlp([2, 5, 3], 'tanh');
    const make = () => createTrainer({ mlp, data, theta: initMlp(mlp, mulberry32(4)), optimizer: 'momentum', lr: 0.1, batchSize: 8, random: mulberry32(6) });
    const every = await recordTrajectory(make(), 25, 1);
    const sparse = await recordTrajectory(make(), 25, 10);
    expect(snapshotSteps(sparse, 10)).toEqual([0, 10, 20, 25]);
    expect(snapshotSteps(every, 10)).toEqual([0, 10, 20, 25]);
    for (const s of [0, 10, 20, 25]) expect(Array.from(trajectoryWeights(sparse, s))).toEqual(Array.from(trajectoryWeights(every, s)));
    expect(() => trajectoryWeights(sparse, 5)).toThrow(/θ at step 5 was not recorded \(stride 10/);
  });
});
