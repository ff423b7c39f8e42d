/**
 * The export claim of docs/formats.md: the Hessian can be recomputed in Python from the file alone.
 * export_sample.json is what the exporter writes for a seeded run (this test checks that the
 * current code still writes exactly it; UPDATE_FIXTURES=1 rewrites it), and export_check.json is
 * what tests/fixtures/hessian/check_export.py computed from that file with torch autograd.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportDocument, toJsonText } from '../../../app/io/exporters';
import { buildExport, type HessianExport } from '../../../app/views/hessian/exportResult';
import { toJobParams, trainingParams } from '../../../app/views/hessian/params';
import { defaults } from '../../../app/params/spec';
import { hessianTrain } from '../../../src/workers/jobs/hessian';
import { standaloneContext } from '../../../src/workers/job';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';

const sampleUrl = new URL('../../fixtures/hessian/export_sample.json', import.meta.url);
const checkUrl = new URL('../../fixtures/hessian/export_check.json', import.meta.url);

const params = { ...defaults(trainingParams), classes: 3, dimension: 3, n: 40, hidden: 6, depth: 1, steps: 30, spectrumEvery: 15, topK: 4, weightDecay: 0.001, activation: 'gelu', slqSteps: 20, hutchinsonProbes: 50 };
const ctx = standaloneContext();

describe('Hessian export', () => {
  it('the exporter writes the committed sample for the seeded run', async () => {
    const result = await hessianTrain.cpu(ctx as never, toJobParams(params), null);
    const text = toJsonText(exportDocument('hessian', 'hessian-training', params, buildExport(result)));
    if (process.env.UPDATE_FIXTURES) writeFileSync(sampleUrl, text);
    const now = JSON.parse(text) as { result: HessianExport };
    const sample = JSON.parse(readFileSync(sampleUrl, 'utf8')) as { result: HessianExport };
    expect(now.result.model.layers).toEqual(sample.result.model.layers);
    expectClose(now.result.model.weights, sample.result.model.weights, F64_EXACT, 'weights');
    expectClose(now.result.data.x.flat(), sample.result.data.x.flat(), F64_EXACT, 'x');
    expect(now.result.data.y).toEqual(sample.result.data.y);
    expectClose(now.result.topEigenvalues, sample.result.topEigenvalues, F64_EXACT, 'top eigenvalues');
  });
  it('torch, from the file alone, finds the same loss, top eigenvalues and (exact) trace', () => {
    const sample = JSON.parse(readFileSync(sampleUrl, 'utf8')) as { result: HessianExport };
    const torch = JSON.parse(readFileSync(checkUrl, 'utf8')) as { paramCount: number; loss: number; topEigenvalues: number[]; trace: number };
    const r = sample.result;
    expect(torch.paramCount).toBe(r.model.weights.length);
    expectClose(r.loss, torch.loss, F64_PEER, 'loss');
    expectClose(r.topEigenvalues, torch.topEigenvalues, F64_ITERATIVE, 'top eigenvalues');
    expectClose(r.exactEigenvalues!.reduce((s, x) => s + x, 0), torch.trace, F64_PEER, 'exact trace');
    // P ≤ "Exact up to P": the exported trace is the exact one, not an estimate.
    expect(r.traceMethod).toBe('exact');
    expect(r.traceStandardError).toBe(0);
    expectClose(r.trace, torch.trace, F64_PEER, 'exported trace');
    // The Hutch++ estimate it replaced lies within 4 of its standard errors.
    expect(r.traceEstimate.method).toBe('hutch++');
    expect(Math.abs(r.traceEstimate.value - torch.trace)).toBeLessThanOrEqual(4 * r.traceEstimate.standardError + 1e-9 * Math.abs(torch.trace));
  });
});
