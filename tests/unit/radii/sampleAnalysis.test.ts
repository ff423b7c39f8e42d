import { describe, expect, it } from 'vitest';
import {
  analyseSampleRadius,
  analyseSampleSet,
  analyseSelectedSample,
  cloneSampleRadii,
  emptySampleRadii,
  sampleRadiiNotes,
  sampleRadiiProcess,
  setBounds,
  summariseSampleRadii,
  syntheticRadiiSet,
  type RadiiDataSet,
} from '../../../src/geometry/ghosts';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';

// Two classes: F(τ) = e^{z₀ + a₀τ} + e^{z₁ + a₁τ} vanishes where (z₁ − z₀) + (a₁ − a₀)τ = iπ(2m + 1),
// so the nearest zero is at distance |(z₀ − z₁) + iπ| / |a₁ − a₀| and ρ_a = π / |a₁ − a₀|.
const set: RadiiDataSet = {
  samples: 2,
  classes: 2,
  logits: Float64Array.of(0.5, -0.25, 1, 1),
  slopes: Float64Array.of(1, -1, 2, 2),
  labels: Int32Array.of(0, 1),
};

describe('radii sample analysis (geometry/ghosts/sampleAnalysis)', () => {
  it('closed form: two-class ρ_a = π/Δa and ρ* = |Δz + iπ|/Δa; a flat sample has infinite radius', () => {
    const out = emptySampleRadii(2);
    analyseSampleRadius(set, 0, out, true);
    analyseSampleRadius(set, 1, out, true);
    expectClose(out.deltaA[0], 2, F64_ITERATIVE);
    expectClose(out.rhoA[0], Math.PI / 2, F64_ITERATIVE);
    expectClose(out.rhoExact[0], Math.hypot(0.75, Math.PI) / 2, F64_ITERATIVE);
    expect(out.deltaA[1]).toBe(0);
    expect(out.rhoA[1]).toBe(Infinity);
    const notes = sampleRadiiNotes(setBounds(out.deltaA, 0.95), out, true);
    expect(notes).toEqual(['1 of 2 samples have all slopes equal (Δ_a = 0): their radius is infinite']);
  });

  it('without zeros only Δ_a and ρ_a are filled (ρ* is NaN)', () => {
    const out = emptySampleRadii(2);
    analyseSampleRadius(set, 0, out, false);
    expectClose(out.rhoA[0], Math.PI / 2, F64_ITERATIVE);
    expect(out.rhoExact[0]).toBeNaN();
  });

  it('the selected sample: index clamped to the set, zeros and radius in closed form, order clamped to 1…200', () => {
    const s = analyseSelectedSample(set, 7.4, 500);
    expect(s.index).toBe(1);
    const first = analyseSelectedSample(set, 0, 6);
    expect(first.index).toBe(0);
    expect(first.coefficients.length).toBe(7);
    expectClose(first.rhoExact, Math.hypot(0.75, Math.PI) / 2, F64_ITERATIVE);
    expectClose(Math.hypot(first.zeros[0], first.zeros[1]), Math.hypot(0.75, Math.PI) / 2, F64_ITERATIVE);
    expect(analyseSelectedSample(set, 0, 500).coefficients.length).toBe(201);
  });

  it('the set as a process: yields the samples done every 25, and returns what the sample-by-sample loop fills', () => {
    const many = syntheticRadiiSet(60, 4, 2, 1, mulberry32(5));
    const process = sampleRadiiProcess(many, true);
    const yielded: number[] = [];
    let step = process.next();
    while (!step.done) {
      yielded.push(step.value);
      step = process.next();
    }
    expect(yielded).toEqual([25, 50]);
    const loop = emptySampleRadii(60);
    for (let i = 0; i < 60; i++) analyseSampleRadius(many, i, loop, true);
    for (const key of ['deltaA', 'rhoA', 'rhoExact', 'zeroRe', 'zeroIm', 'certified'] as const) {
      expect(Array.from(step.value[key])).toEqual(Array.from(loop[key]));
      expect(Array.from(analyseSampleSet(many, true)[key])).toEqual(Array.from(loop[key]));
    }
    const copy = cloneSampleRadii(loop);
    expect(copy.rhoExact.buffer).not.toBe(loop.rhoExact.buffer);
    expect(Array.from(copy.rhoExact)).toEqual(Array.from(loop.rhoExact));
  });

  it('the summary: set bound π / max Δ_a in closed form, the notes, and the selected sample', () => {
    const out = analyseSampleSet(set, true);
    const summary = summariseSampleRadii(set, out, { percentile: 0.95, sample: 0, order: 6, withZeros: true });
    // Δ_a = 2 and 0: the set's bound is π/2 and one sample is flat.
    expectClose(summary.rhoA, Math.PI / 2, F64_ITERATIVE);
    expect(summary.maxSpread).toBe(2);
    expect(summary.flatSamples).toBe(1);
    expect(summary.percentile).toBe(0.95);
    expect(summary.notes).toEqual(['1 of 2 samples have all slopes equal (Δ_a = 0): their radius is infinite']);
    expect(summary.selected.index).toBe(0);
    expect(summary.selected.coefficients.length).toBe(7);
    expectClose(summary.selected.rhoExact, Math.hypot(0.75, Math.PI) / 2, F64_ITERATIVE);
  });
});
