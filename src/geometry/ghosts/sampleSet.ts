/**
 * Per-sample radii of a set of (logits, slopes) pairs: Δ_a, ρ_a = π/Δ_a, the certified
 * nearest zero ρ* of F, and the set's bounds (Sao 2026). Also the seeded synthetic set
 * the chapter shows before anything is loaded.
 */
import { gaussian, type Random } from '../random';
import { nearestZero, type ZeroSearchKernels } from './zeros';
import { batchRadius, percentileRadius, radiusFromSpread, slopeSpread } from './radius';
import type { RadiiDataSet } from './validate';

export interface SampleRadii {
  deltaA: Float64Array;
  rhoA: Float64Array;
  rhoExact: Float64Array;
  zeroRe: Float64Array;
  zeroIm: Float64Array;
  /** 1 when the argument principle certified the nearest zero, else 0. */
  certified: Uint8Array;
}

/** Allocates the per-sample arrays for n samples. */
export function emptySampleRadii(n: number): SampleRadii {
  return {
    deltaA: new Float64Array(n),
    rhoA: new Float64Array(n),
    rhoExact: new Float64Array(n),
    zeroRe: new Float64Array(n),
    zeroIm: new Float64Array(n),
    certified: new Uint8Array(n),
  };
}

/** A copy of every per-sample array (a worker transfers the copy and keeps the original cached). */
export function cloneSampleRadii(r: SampleRadii): SampleRadii {
  return { deltaA: r.deltaA.slice(), rhoA: r.rhoA.slice(), rhoExact: r.rhoExact.slice(), zeroRe: r.zeroRe.slice(), zeroIm: r.zeroIm.slice(), certified: r.certified.slice() };
}

/** Fills entry i of `out` for sample i of `set` (NaN zero coordinates when F has no zero); `kernels`: the zero search's loops (default the JS ones). */
export function fillSampleRadius(set: RadiiDataSet, i: number, out: SampleRadii, kernels?: ZeroSearchKernels): void {
  const K = set.classes;
  const z = set.logits.subarray(i * K, i * K + K);
  const a = set.slopes.subarray(i * K, i * K + K);
  out.deltaA[i] = slopeSpread(a);
  out.rhoA[i] = radiusFromSpread(out.deltaA[i]);
  const found = nearestZero(z, a, { kernels });
  out.rhoExact[i] = found.distance;
  out.zeroRe[i] = found.zero ? found.zero.re : NaN;
  out.zeroIm[i] = found.zero ? found.zero.im : NaN;
  out.certified[i] = found.certified ? 1 : 0;
}

export interface SetBounds {
  /** π / max_i Δ_a(i). */
  rhoA: number;
  /** π / quantile_q(Δ_a). */
  rhoAPercentile: number;
  maxSpread: number;
  /** Samples with Δ_a = 0 (all slopes equal: infinite radius). */
  flatSamples: number;
}

export function setBounds(deltaA: Float64Array, percentile: number): SetBounds {
  let flat = 0;
  let max = 0;
  for (const d of deltaA) {
    if (d === 0) flat++;
    if (d > max) max = d;
  }
  return { rhoA: batchRadius(deltaA), rhoAPercentile: percentileRadius(deltaA, percentile), maxSpread: max, flatSamples: flat };
}

/**
 * A synthetic set: logits z_k = logitScale·N(0,1), slopes a_k = slopeScale·N(0,1), label
 * argmax z (a classifier that fits its own predictions). Seeded through `random`.
 */
export function syntheticRadiiSet(samples: number, classes: number, logitScale: number, slopeScale: number, random: Random): RadiiDataSet {
  const logits = new Float64Array(samples * classes);
  const slopes = new Float64Array(samples * classes);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    let best = 0;
    for (let k = 0; k < classes; k++) {
      logits[i * classes + k] = logitScale * gaussian(random);
      slopes[i * classes + k] = slopeScale * gaussian(random);
      if (logits[i * classes + k] > logits[i * classes + best]) best = k;
    }
    labels[i] = best;
  }
  return { samples, classes, logits, slopes, labels };
}
