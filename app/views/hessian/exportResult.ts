/**
 * The `result` of the chapter's Export JSON (docs/formats.md, "Hessian spectra"): everything
 * needed to rebuild the loss and its Hessian in Python from the file alone — the model layout
 * and flat weights, the exact samples, the weight decay — plus the spectrum we computed.
 */
import type { HessianTrainResult, SpectrumSnapshot } from '../../../src/workers/jobs/hessian';

export interface HessianExport {
  topEigenvalues: number[];
  trace: number;
  traceMethod: string;
  traceStandardError: number;
  traceEstimate: { method: string; value: number; standardError: number };
  source: string;
  density: { grid: number[]; values: number[]; sigma: number };
  model: { layers: number[]; activation: string; weights: number[] };
  data: { x: number[][]; y: number[] };
  weightDecay: number;
  loss: number;
  accuracy: number;
  exactEigenvalues: number[] | null;
  powerIterationTop: number | null;
  gaussNewtonTop: number[] | null;
  residualTop: number[] | null;
  hvpBackend: string;
  history: { losses: number[]; snapshots: { step: number; loss: number; top: number[]; trace: number; traceMethod: string; traceStandardError: number }[] };
}

export function lastSnapshot(result: HessianTrainResult): SpectrumSnapshot {
  const s = result.snapshots[result.snapshots.length - 1];
  if (!s) throw new Error('the run has no spectrum snapshot to export');
  return s;
}

export function buildExport(result: HessianTrainResult): HessianExport {
  const last = lastSnapshot(result);
  const rows: number[][] = [];
  for (let i = 0; i < result.n; i++) rows.push(Array.from(result.x.subarray(i * result.dimension, (i + 1) * result.dimension)));
  return {
    topEigenvalues: Array.from(last.top),
    trace: last.trace,
    traceMethod: last.traceMethod,
    traceStandardError: last.traceStandardError,
    traceEstimate: { ...last.traceEstimate },
    source: result.source,
    density: { grid: Array.from(last.density.grid), values: Array.from(last.density.values), sigma: last.density.sigma },
    model: { layers: [...result.layers], activation: result.activation, weights: Array.from(result.weights) },
    data: { x: rows, y: Array.from(result.y) },
    weightDecay: result.weightDecay,
    loss: last.loss,
    accuracy: last.accuracy,
    exactEigenvalues: result.exact ? Array.from(result.exact) : null,
    powerIterationTop: result.powerTop,
    gaussNewtonTop: last.gaussNewtonTop ? Array.from(last.gaussNewtonTop) : null,
    residualTop: last.residualTop ? Array.from(last.residualTop) : null,
    hvpBackend: result.hvpBackend,
    history: {
      losses: Array.from(result.losses),
      snapshots: result.snapshots.map((s) => ({ step: s.step, loss: s.loss, top: Array.from(s.top), trace: s.trace, traceMethod: s.traceMethod, traceStandardError: s.traceStandardError })),
    },
  };
}
