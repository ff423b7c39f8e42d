/**
 * The analysis of a radii sample set (chapter "Safe step-size radii"): each sample's
 * slope spread Δ_a, the radius ρ_a = π/Δ_a and, optionally, its nearest complex zero
 * of the partition function F(τ) = Σ_k exp(z_k + a_k τ) (the exact radius ρ*); the
 * notes a figure shows about flat and uncertified samples; and, for one selected
 * sample, its zeros, the Taylor coefficients of ℓ(τ) = log F(τ) − (z_y + a_y τ) and
 * their root test |c_n|^{−1/n}.
 *
 * The pipeline of the chapter's job: `sampleRadiiProcess` (every sample, the costly part,
 * yielding as it goes so a worker can report progress and yield) then `summariseSampleRadii`
 * (the set's bounds at a percentile, the notes and the selected sample: cheap).
 */
import type { Mlp } from '../nn/mlpShape';
import { radiusFromSpread, slopeSpread } from './radius';
import { emptySampleRadii, fillSampleRadius, setBounds, type SampleRadii, type SetBounds } from './sampleSet';
import { lossTaylorCoefficients, rootTest } from './taylor';
import type { RadiiDataSet } from './validate';
import { nearestZero, type ZeroSearchKernels } from './zeros';

export interface SelectedSample {
  index: number;
  label: number;
  logits: Float64Array;
  slopes: Float64Array;
  /** Zeros of F found with Im > 0, nearest first, as (re, im) pairs; their conjugates are zeros too. */
  zeros: Float64Array;
  rhoA: number;
  rhoExact: number;
  certified: boolean;
  /** c_0..c_order of ℓ(τ) = log F(τ) − (z_y + a_y τ). */
  coefficients: Float64Array;
  /** |c_n|^{−1/n}, entry 0 unused. */
  rootTest: Float64Array;
}

/** Fills sample i of `out`: Δ_a and ρ_a always, the nearest zero (ρ*, its position, certification) when `withZeros`. */
export function analyseSampleRadius(set: RadiiDataSet, i: number, out: SampleRadii, withZeros: boolean, kernels?: ZeroSearchKernels): void {
  const K = set.classes;
  if (withZeros) {
    fillSampleRadius(set, i, out, kernels);
  } else {
    out.deltaA[i] = slopeSpread(set.slopes, i * K, K);
    out.rhoA[i] = radiusFromSpread(out.deltaA[i]);
    out.rhoExact[i] = out.zeroRe[i] = out.zeroIm[i] = NaN;
  }
}

/**
 * Every sample of `set` analysed in turn (`analyseSampleRadius`), as a process: it yields the
 * number of samples done after every `chunk` of them, and returns the filled arrays. A worker
 * reports progress and yields between chunks; `analyseSampleSet` runs it at once. Both give
 * the same arrays (each sample is analysed on its own).
 */
export function* sampleRadiiProcess(set: RadiiDataSet, withZeros: boolean, chunk = 25, kernels?: ZeroSearchKernels): Generator<number, SampleRadii, void> {
  const out = emptySampleRadii(set.samples);
  for (let i = 0; i < set.samples; i++) {
    analyseSampleRadius(set, i, out, withZeros, kernels);
    if (i % chunk === chunk - 1) yield i + 1;
  }
  return out;
}

/** `sampleRadiiProcess` run to its end. */
export function analyseSampleSet(set: RadiiDataSet, withZeros: boolean): SampleRadii {
  const process = sampleRadiiProcess(set, withZeros);
  let step = process.next();
  while (!step.done) step = process.next();
  return step.value;
}

/** What a figure of the set shows besides the per-sample arrays: the bounds, the notes and the selected sample. */
export interface SampleRadiiSummary {
  /** π / max_i Δ_a(i). */
  rhoA: number;
  /** π / quantile_q(Δ_a). */
  rhoAPercentile: number;
  percentile: number;
  maxSpread: number;
  flatSamples: number;
  notes: string[];
  selected: SelectedSample;
}

/**
 * The set's bounds at quantile `percentile` of Δ_a, the notes about flat and uncertified samples
 * (`withZeros`: whether `perSample` holds the nearest zeros), and the zeros and Taylor series
 * up to `order` of sample `sample` (`analyseSelectedSample`).
 */
export function summariseSampleRadii(
  set: RadiiDataSet,
  perSample: SampleRadii,
  o: { percentile: number; sample: number; order: number; withZeros: boolean },
): SampleRadiiSummary {
  const bounds = setBounds(perSample.deltaA, o.percentile);
  return {
    rhoA: bounds.rhoA,
    rhoAPercentile: bounds.rhoAPercentile,
    percentile: o.percentile,
    maxSpread: bounds.maxSpread,
    flatSamples: bounds.flatSamples,
    notes: sampleRadiiNotes(bounds, perSample, o.withZeros),
    selected: analyseSelectedSample(set, o.sample, o.order),
  };
}

/** The sentences a figure shows about samples with an infinite radius (Δ_a = 0) and zeros the argument principle could not certify. */
export function sampleRadiiNotes(bounds: SetBounds, out: SampleRadii, withZeros: boolean): string[] {
  const n = out.deltaA.length;
  const notes: string[] = [];
  if (bounds.flatSamples === n) {
    notes.push('every sample has all slopes equal (Δ_a = 0): F never vanishes and the radius is infinite');
  } else if (bounds.flatSamples > 0) {
    notes.push(`${bounds.flatSamples} of ${n} samples have all slopes equal (Δ_a = 0): their radius is infinite`);
  }
  const uncertified = withZeros ? out.certified.reduce((s, c, i) => s + (c === 0 && out.deltaA[i] > 0 ? 1 : 0), 0) : 0;
  if (uncertified > 0) notes.push(`${uncertified} samples: the nearest zero could not be certified by the argument principle`);
  return notes;
}

/** Zeros, Taylor coefficients up to `order` (rounded, clamped to 1…200) and root test of sample `sample` (rounded, clamped to the set). */
export function analyseSelectedSample(set: RadiiDataSet, sample: number, highestOrder: number): SelectedSample {
  const n = set.samples;
  const K = set.classes;
  const index = Math.min(Math.max(0, Math.round(sample)), n - 1);
  const z = set.logits.slice(index * K, index * K + K);
  const a = set.slopes.slice(index * K, index * K + K);
  const label = set.labels ? set.labels[index] : 0;
  const found = nearestZero(z, a, { rows: 24 });
  const zeros = new Float64Array(found.zeros.length * 2);
  found.zeros.forEach((p, j) => {
    zeros[2 * j] = p.re;
    zeros[2 * j + 1] = p.im;
  });
  const order = Math.max(1, Math.min(200, Math.round(highestOrder)));
  const coefficients = lossTaylorCoefficients(z, a, label, order);
  return {
    index,
    label,
    logits: z,
    slopes: a,
    zeros,
    rhoA: found.lowerBound,
    rhoExact: found.distance,
    certified: found.certified,
    coefficients,
    rootTest: rootTest(coefficients),
  };
}

/** The linear layers of an MLP as the GPU kernels take them: sizes and where W_l and b_l sit in θ. */
export function linearLayers(mlp: Mlp): { inputs: number; outputs: number; weightOffset: number; biasOffset: number }[] {
  return mlp.layers.slice(0, -1).map((inputs, l) => ({ inputs, outputs: mlp.layers[l + 1], weightOffset: mlp.weightOffset[l], biasOffset: mlp.biasOffset[l] }));
}
