/** The `hessian/train` job on the CPU path, run in Node with a minimal job context. */
import { describe, expect, it } from 'vitest';
import { JobCancelled, standaloneContext, type JobContext } from '../../../src/workers/job';
import { hessianTrain, type HessianTrainParams, type HessianTrainProgress } from '../../../src/workers/jobs/hessian';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { datasetFromCsv, networkFromJson } from '../../../app/views/hessian/loadNetwork';
import { parseCsv } from '../../../app/io/parse';

const base: HessianTrainParams = {
  dataset: 'mixture',
  classes: 3,
  dimension: 2,
  separation: 3,
  n: 60,
  noise: 0.05,
  hidden: 8,
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
  slqSteps: 20,
  hutchinsonProbes: 200,
  traceMethod: 'hutchinson',
  continueTraining: false,
  split: true,
  exactMaxP: 500,
  initScale: 1,
  seed: 3,
};

function context(cancelAfter = Infinity): { ctx: JobContext<HessianTrainProgress>; reports: HessianTrainProgress[] } {
  const reports: HessianTrainProgress[] = [];
  const ctx = standaloneContext<HessianTrainProgress>({ cancelAfter, onProgress: (r) => void reports.push(r) });
  return { ctx, reports };
}

describe('hessian/train (CPU)', () => {
  it('streams snapshots; Lanczos top-k and Hutchinson agree with the dense f64 spectrum', async () => {
    const { ctx, reports } = context();
    const r = await hessianTrain.cpu(ctx, base, null);
    expect(r.paramCount).toBe(2 * 8 + 8 + 8 * 3 + 3);
    expect(r.snapshots.map((s) => s.step)).toEqual([0, 10, 20]);
    expect(r.losses.length).toBe(20);
    expect(reports.at(-1)!.snapshots.length).toBe(3);
    const last = r.snapshots[2];
    expect(r.exact).not.toBeNull();
    expectClose(last.top, r.exact!.slice(0, 3), F64_ITERATIVE, 'Lanczos top-3 vs dense');
    // Power iteration (tolerance 1e-6 on the Rayleigh quotient) finds the same λ₁ (here also the largest in magnitude).
    expect(Math.abs(r.powerTop! - r.exact![0])).toBeLessThan(1e-4 * r.exact![0]);
    // The final trace is the dense Hessian's (P ≤ exactMaxP); the Hutchinson estimate it replaced is within 4 s.e.
    expect(last.traceMethod).toBe('exact');
    expect(last.trace).toBe(r.exactTrace);
    expect(last.traceEstimate.method).toBe('hutchinson');
    expect(Math.abs(last.traceEstimate.value - r.exactTrace!)).toBeLessThan(4 * last.traceEstimate.standardError);
    // Earlier snapshots are estimates, with their standard error.
    expect(r.snapshots[0].traceMethod).toBe('hutchinson');
    expect(r.snapshots[0].traceStandardError).toBeGreaterThan(0);
    // Weyl: λ_max(H) ≤ λ_max(G) + λ_max(H − G); G is positive semi-definite (+ weight decay).
    expect(last.top[0]).toBeLessThanOrEqual(last.gaussNewtonTop![0] + last.residualTop![0] + 1e-10);
    expect(last.gaussNewtonTop![last.gaussNewtonTop!.length - 1]).toBeGreaterThan(0);
    // Full-batch GD with a step below 2/λ_max decreases the loss.
    expect(r.snapshots[2].loss).toBeLessThan(r.snapshots[0].loss);
    expect(2 / r.lr).toBeGreaterThan(r.snapshots[0].top[0]);
  });
  it('exports the samples and weights the Hessian was taken over', async () => {
    const r = await hessianTrain.cpu(context().ctx, { ...base, steps: 0, split: false, exactMaxP: 0 }, null);
    expect(r.x.length).toBe(60 * 2);
    expect(r.y.length).toBe(60);
    expect(r.weights.length).toBe(r.paramCount);
    expect(r.exact).toBeNull();
  });
  it('trains on the shipped digits (public/data/digits.json): 10 classes, 64 pixels scaled to [0, 1]', async () => {
    const { readFileSync } = await import('node:fs');
    const digits = JSON.parse(readFileSync(new URL('../../../public/data/digits.json', import.meta.url), 'utf8'));
    const r = await hessianTrain.cpu(
      context().ctx,
      { ...base, dataset: 'digits', n: 200, hidden: 12, steps: 10, spectrumEvery: 10, split: false, exactMaxP: 0, hutchinsonProbes: 10, slqProbes: 1 },
      { digits },
    );
    expect(r.layers).toEqual([64, 12, 10]);
    expect(r.n).toBe(200);
    expect(Math.max(...r.x)).toBe(1);
    expect(r.snapshots[1].loss).toBeLessThan(r.snapshots[0].loss);
  });
  it('trains the view’s network on a loaded dataset CSV (3 features, labels 0…2)', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${(i % 3) * 2 + Math.sin(i)},${Math.cos(i)},${(i % 3) - 1},${i % 3}`);
    const loaded = datasetFromCsv(parseCsv(`f1,f2,f3,label\n${rows.join('\n')}\n`));
    const r = await hessianTrain.cpu(context().ctx, { ...base, split: false }, { loaded });
    expect(r.source).toBe('loaded dataset');
    expect(r.layers).toEqual([3, 8, 3]);
    expect(r.n).toBe(60);
    expect(r.losses.length).toBe(20);
    expect(r.snapshots[2].loss).toBeLessThan(r.snapshots[0].loss);
  });
  it('a loaded model is analysed as it is, or trained further when asked', async () => {
    const sample = JSON.parse((await import('node:fs')).readFileSync(new URL('../../fixtures/hessian/export_sample.json', import.meta.url), 'utf8'));
    const loaded = networkFromJson(sample);
    const asIs = await hessianTrain.cpu(context().ctx, { ...base, split: false }, { loaded });
    expect(asIs.losses.length).toBe(0);
    expect(asIs.snapshots.map((s) => s.step)).toEqual([0]);
    expect(Array.from(asIs.weights)).toEqual(Array.from(loaded.model!.weights));
    // The file's weight decay, not the slider's (base has 0.001; the sample's loss is at its own λ_wd).
    expect(asIs.weightDecay).toBe(sample.result.weightDecay);
    expect(asIs.snapshots[0].loss).toBeCloseTo(sample.result.loss, 12);
    const further = await hessianTrain.cpu(context().ctx, { ...base, split: false, continueTraining: true, lr: 0.1 }, { loaded });
    expect(further.losses.length).toBe(20);
    expect(further.losses[0]).toBeCloseTo(sample.result.loss, 12);
    expect(further.snapshots.at(-1)!.loss).toBeLessThan(further.losses[0]);
  });
  it('trains GD on the full batch whatever the batch size says; SGD reads it', async () => {
    const quick = { ...base, split: false, exactMaxP: 0 };
    const full = await hessianTrain.cpu(context().ctx, quick, null);
    const gd16 = await hessianTrain.cpu(context().ctx, { ...quick, batchSize: 16 }, null);
    expect(gd16.batchSize).toBe(60);
    expect(Array.from(gd16.losses)).toEqual(Array.from(full.losses));
    expect(Array.from(gd16.weights)).toEqual(Array.from(full.weights));
    const sgd16 = await hessianTrain.cpu(context().ctx, { ...quick, optimizer: 'sgd', batchSize: 16 }, null);
    expect(sgd16.batchSize).toBe(16);
    expect(Array.from(sgd16.losses)).not.toEqual(Array.from(full.losses));
  });
  it('stops at the next checkpoint when cancelled', async () => {
    await expect(hessianTrain.cpu(context(5).ctx, base, null)).rejects.toThrow(JobCancelled);
  });
  it('names bad input', async () => {
    await expect(hessianTrain.cpu(context().ctx, { ...base, lr: -1 }, null)).rejects.toThrow(/^invalid lr: -1 \(need a number in 0\.0001…10\)$/);
    await expect(hessianTrain.cpu(context().ctx, { ...base, dataset: 'digits' }, null)).rejects.toThrow(/needs the digits JSON/);
    await expect(hessianTrain.cpu(context().ctx, { ...base, topK: 0 }, null)).rejects.toThrow(/^invalid topK: 0 \(need an integer in 1…20\)$/);
  });
});
