/**
 * Hutchinson's trace estimator (Hutchinson 1990): tr(A) = E[zᵀ A z] for z with independent
 * Rademacher (±1) entries. With m probes the estimate is the sample mean of zᵢᵀ A zᵢ and its
 * standard error the sample standard deviation / √m. For Rademacher probes
 * Var(zᵀAz) = 2 Σ_{i≠j} A_ij² (Avron & Toledo 2011), the smallest among common probes.
 */
import { rademacher, type Random } from '../random';
import { dot, type LinearOperator } from './operator';
import { type AsyncLinearOperator, type Process, runProcess, runProcessAsync } from './process';

export interface TraceEstimate {
  estimate: number;
  standardError: number;
  /** zᵢᵀ A zᵢ per probe. */
  samples: Float64Array;
}

export function hutchinsonTrace(op: LinearOperator, probes: number, random: Random): TraceEstimate {
  return runProcess(hutchinsonProcess(op.size, probes, random), op);
}

export function hutchinsonTraceAsync(
  op: AsyncLinearOperator,
  probes: number,
  random: Random,
  checkpoint?: () => Promise<void>,
): Promise<TraceEstimate> {
  return runProcessAsync(hutchinsonProcess(op.size, probes, random), op, checkpoint);
}

export function* hutchinsonProcess(n: number, probes: number, random: Random): Process<TraceEstimate> {
  if (!Number.isInteger(probes) || probes < 1) throw new Error(`Hutchinson probes ${probes}; expected a positive integer`);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  const samples = new Float64Array(probes);
  for (let s = 0; s < probes; s++) {
    for (let i = 0; i < n; i++) z[i] = rademacher(random);
    yield { x: z, out: w };
    samples[s] = dot(z, w);
  }
  let mean = 0;
  for (const x of samples) mean += x;
  mean /= probes;
  let variance = 0;
  for (const x of samples) variance += (x - mean) ** 2;
  variance = probes > 1 ? variance / (probes - 1) : Infinity;
  return { estimate: mean, standardError: Math.sqrt(variance / probes), samples };
}
