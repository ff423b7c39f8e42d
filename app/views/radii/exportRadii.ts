/**
 * The `result` objects of this chapter's Export JSON (documented in docs/formats.md,
 * "Safe step-size radii"). Infinite radii (Δ_a = 0) and missing zeros are written as null.
 */
import type { SampleRadiiResult } from '../../../src/workers/jobs/radiiSamples';
import type { SpikeRaceResult } from '../../../src/workers/jobs/radiiRace';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function radiiExport(r: SampleRadiiResult) {
  const p = r.perSample;
  return {
    source: r.source,
    slopesFrom: r.slopesFrom,
    samples: r.samples,
    classes: r.classes,
    rhoA: num(r.rhoA),
    rhoAPercentile: num(r.rhoAPercentile),
    percentile: r.percentile,
    maxSpread: r.maxSpread,
    notes: r.notes,
    perSample: Array.from({ length: r.samples }, (_, i) => ({
      deltaA: p.deltaA[i],
      rhoA: num(p.rhoA[i]),
      rhoExact: num(p.rhoExact[i]),
      nearestZero: Number.isFinite(p.zeroRe[i]) ? { re: p.zeroRe[i], im: p.zeroIm[i] } : null,
      certified: p.certified[i] === 1,
    })),
    selected: {
      index: r.selected.index,
      label: r.selected.label,
      logits: Array.from(r.selected.logits),
      slopes: Array.from(r.selected.slopes),
      zeros: Array.from({ length: r.selected.zeros.length / 2 }, (_, j) => ({ re: r.selected.zeros[2 * j], im: r.selected.zeros[2 * j + 1] })),
      rhoA: num(r.selected.rhoA),
      rhoExact: num(r.selected.rhoExact),
      taylorCoefficients: Array.from(r.selected.coefficients),
    },
  };
}

export function raceExport(r: SpikeRaceResult) {
  const variant = (name: keyof SpikeRaceResult['variants']) => {
    const v = r.variants[name];
    const list = (a: Float64Array) => Array.from(a, num);
    return {
      loss: list(v.loss),
      accuracy: list(v.accuracy),
      r: list(v.r),
      rRaw: list(v.rRaw),
      rhoA: list(v.rhoA),
      tau: list(v.tau),
      twoOverLambdaMax: list(v.twoOverLambda),
      diverged: v.diverged,
    };
  };
  return {
    steps: r.steps,
    chance: r.chance,
    learningRate: Array.from(r.learningRate),
    plain: variant('plain'),
    clip: variant('clip'),
    controller: variant('controller'),
  };
}
