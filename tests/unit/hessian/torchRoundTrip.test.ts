/**
 * The PyTorch round trip (docs/formats.md, "Load data: your own network"): torch_model.json was written
 * by the documented `curvature_json` from a trained torch.nn.Sequential, and torch_spectrum.json holds
 * torch's own spectrum of that loss (autograd.functional.hessian + eigvalsh, float64), both made by
 * tests/fixtures/hessian/torch_roundtrip.py. The file goes through the app's parser and the job's CPU
 * path, exactly as a loaded file does in the view.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkFromJson } from '../../../app/views/hessian/loadNetwork';
import { buildExport } from '../../../app/views/hessian/exportResult';
import { toJobParams, trainingParams } from '../../../app/views/hessian/params';
import { defaults } from '../../../app/params/spec';
import { hessianTrain } from '../../../src/workers/jobs/hessian';
import { standaloneContext } from '../../../src/workers/job';
import { createMlp, curvatureOperator } from '../../../src/geometry/nn';
import { mulberry32 } from '../../../src/geometry/random';
import { stochasticLanczosQuadrature } from '../../../src/geometry/spectral';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

const modelJson: unknown = JSON.parse(readFileSync(new URL('../../fixtures/hessian/torch_model.json', import.meta.url), 'utf8'));
const torch = JSON.parse(readFileSync(new URL('../../fixtures/hessian/torch_spectrum.json', import.meta.url), 'utf8')) as {
  paramCount: number;
  loss: number;
  topEigenvalues: number[];
  trace: number;
  firstMoment: number;
  secondMoment: number;
};
const ctx = standaloneContext();

async function analyse(overrides: Record<string, number | string | boolean>) {
  const loaded = networkFromJson(modelJson, 'torch_model.json');
  const params = toJobParams({ ...defaults(trainingParams), topK: 10, split: false, ...overrides });
  const result = await hessianTrain.cpu(ctx as never, params, { loaded });
  return { loaded, result, doc: buildExport(result) };
}

describe('a torch.nn.Sequential loaded through the app’s parser', () => {
  it('parses to the layout torch wrote (layers, P, activation, weight decay)', () => {
    const loaded = networkFromJson(modelJson);
    expect(loaded.model!.layers).toEqual([6, 16, 12, 3]);
    expect(loaded.model!.weights.length).toBe(torch.paramCount);
    expect(loaded.model!.activation).toBe('gelu');
    expect(loaded.weightDecay).toBe(0.001);
  });
  it('is analysed as it is: our loss, top-10 (within 1e-6·λ₁) and exact trace match torch', async () => {
    const { result, doc } = await analyse({ exactMaxP: 1200 });
    expect(result.source).toBe('loaded model');
    expect(result.losses.length).toBe(0);
    expectClose(doc.loss, torch.loss, F64_PEER, 'loss');
    const tol = 1e-6 * torch.topEigenvalues[0];
    doc.topEigenvalues.forEach((v, i) => expect(Math.abs(v - torch.topEigenvalues[i])).toBeLessThan(tol));
    expect(doc.traceMethod).toBe('exact');
    expectClose(doc.trace, torch.trace, F64_PEER, 'trace');
    // Moments of the exact density (1/P) Σ δ(t − λ) against torch's tr(H)/P and tr(H²)/P.
    const exact = doc.exactEigenvalues!;
    expectClose(exact.reduce((s, x) => s + x, 0) / exact.length, torch.firstMoment, F64_PEER, 'first moment');
    expectClose(exact.reduce((s, x) => s + x * x, 0) / exact.length, torch.secondMoment, F64_PEER, 'second moment');
  });
  it('above the exact limit the trace is a Hutch++ estimate; with 300 products it is within 1% of torch’s', async () => {
    const { doc } = await analyse({ exactMaxP: 0, hutchinsonProbes: 300 });
    expect(doc.traceMethod).toBe('hutch++');
    expect(doc.exactEigenvalues).toBeNull();
    expect(Math.abs(doc.trace - torch.trace)).toBeLessThan(0.01 * torch.trace);
    expect(Math.abs(doc.trace - torch.trace)).toBeLessThan(4 * doc.traceStandardError);
  });
  it('SLQ density moments are within 4 standard errors (over probes) of torch’s tr(H)/P and tr(H²)/P', () => {
    const loaded = networkFromJson(modelJson);
    const mlp = createMlp(loaded.model!.layers, loaded.model!.activation);
    const H = curvatureOperator(mlp, loaded.model!.weights, loaded.data, loaded.weightDecay!, 'hessian');
    const probes = 24;
    const q = stochasticLanczosQuadrature(H, probes, 30, mulberry32(11));
    for (const [power, expected] of [
      [1, torch.firstMoment],
      [2, torch.secondMoment],
    ] as const) {
      const perProbe = Array.from({ length: probes }, (_, p) => {
        let s = 0;
        for (let j = 0; j < q.steps; j++) s += q.weights[p * q.steps + j] * q.nodes[p * q.steps + j] ** power;
        return s;
      });
      const mean = perProbe.reduce((a, b) => a + b, 0) / probes;
      const se = Math.sqrt(perProbe.reduce((a, v) => a + (v - mean) ** 2, 0) / (probes - 1) / probes);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    }
  });
});
