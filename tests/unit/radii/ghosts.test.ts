import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  batchRadius,
  binaryExactRadius,
  binaryZero,
  controllerScale,
  evaluateTaylor,
  lossAlongStep,
  lossTaylorCoefficients,
  nearestZero,
  normalizedStep,
  parseRadiiDataSet,
  percentileRadius,
  perSampleRadii,
  rootTestRadius,
  slopeSpread,
  standaloneLearningRate,
  windingNumber,
} from '../../../src/geometry/ghosts';
import { gaussian, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';

interface Fixture {
  zeros: { logits: number[]; slopes: number[]; nearest: { re: number; im: number }; distance: number }[];
  percentile: { spreads: number[]; q: number[]; radius: number[] };
  taylor: { logits: number[]; slopes: number[]; label: number; order: number; coefficients: number[]; distance: number; nearest: { re: number; im: number } };
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('../../fixtures/radii/ghosts.json', import.meta.url), 'utf8'));

describe('binary radius: closed form against the numerical root finder', () => {
  it('nearest zero of e^{z1+a1τ} + e^{z2+a2τ} equals (−δ + iπ)/(a1 − a2) and ρ* = sqrt(δ²+π²)/|a1−a2|', () => {
    const random = mulberry32(11);
    for (let t = 0; t < 60; t++) {
      const z = [3 * gaussian(random), 3 * gaussian(random)];
      const a = [2 * gaussian(random), 2 * gaussian(random)];
      const found = nearestZero(z, a);
      const closed = binaryZero(z[0], z[1], a[0], a[1])!;
      expect(found.certified).toBe(true);
      expectClose(found.distance, binaryExactRadius(z[0], z[1], a[0], a[1]), F64_ITERATIVE, `ρ* case ${t}`);
      expectClose([found.zero!.re, found.zero!.im], [closed.re, Math.abs(closed.im)], F64_ITERATIVE, `zero case ${t}`);
    }
  });

  it('counts the binary zeros inside a disk like the closed form τ_m = (−δ + iπ(2m+1))/(a1 − a2)', () => {
    const [z1, z2, a1, a2] = [0.8, -0.4, 1.3, -0.6];
    for (const R of [1, 2.5, 6, 11]) {
      let expected = 0;
      for (let m = -50; m <= 50; m++) {
        const zero = binaryZero(z1, z2, a1, a2, m)!;
        if (Math.hypot(zero.re, zero.im) < R) expected++;
      }
      expect(windingNumber([z1, z2], [a1, a2], R)).toBe(expected);
    }
  });
});

describe('multiclass nearest zero against numpy.roots (integer slopes: a polynomial in w = e^τ)', () => {
  it.each(fixture.zeros.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const found = nearestZero(c.logits, c.slopes);
    expect(found.certified).toBe(true);
    expectClose(found.distance, c.distance, F64_ITERATIVE, 'ρ*');
    // The distance decides the radius; the zero itself may be either member of a tie (equal moduli).
    expect(found.distance).toBeGreaterThanOrEqual(Math.PI / slopeSpread(c.slopes) - 1e-12);
  });
});

describe('ρ_a = π/Δ_a is a lower bound of ρ*', () => {
  it('holds on 300 random multiclass cases (K = 3…10, logits and slopes of several scales)', () => {
    const random = mulberry32(2026);
    for (let t = 0; t < 300; t++) {
      const K = 3 + Math.floor(random() * 8);
      const zs = 0.2 + 5 * random();
      const as = 0.1 + 4 * random();
      const z = Array.from({ length: K }, () => zs * gaussian(random));
      const a = Array.from({ length: K }, () => as * gaussian(random));
      const found = nearestZero(z, a);
      const rhoA = Math.PI / slopeSpread(a);
      expect(found.certified, `case ${t} certified`).toBe(true);
      expect(found.distance, `case ${t}: ρ* ≥ ρ_a`).toBeGreaterThanOrEqual(rhoA * (1 - 1e-12));
    }
  });

  it('is attained by two classes of equal logits (δ = 0 gives ρ* = π/Δ_a)', () => {
    expectClose(nearestZero([0.5, 0.5, -30], [-1, 2, 0.3]).distance, Math.PI / 3, F64_ITERATIVE);
  });

  it('says the radius is infinite when every slope is equal (Δ_a = 0), without dividing by zero', () => {
    const found = nearestZero([1, 2, 3], [0.4, 0.4, 0.4]);
    expect(found.zero).toBeNull();
    expect(found.distance).toBe(Infinity);
    expect(perSampleRadii([0.4, 0.4, 0.4, 1, 2, 3], 2, 3)[0]).toBe(Infinity);
    expect(batchRadius([0, 0])).toBe(Infinity);
    expect(controllerScale(5, Infinity)).toBe(1);
  });
});

describe('Taylor coefficients of ℓ(τ) = log F(τ) − (z_y + a_y τ)', () => {
  const t = fixture.taylor;
  const c = lossTaylorCoefficients(t.logits, t.slopes, t.label, 200);

  it('match mpmath.taylor at 60 digits up to order 40', () => {
    // Coefficients decay like ρ*^−n; compare each against its own scale.
    for (let n = 0; n <= t.order; n++) expectClose(c[n], t.coefficients[n], { absolute: 1e-13 * Math.pow(t.distance, -n), relative: 1e-9 }, `c_${n}`);
  });

  it('the nearest zero of this real-slope case matches mpmath.findroot', () => {
    expectClose(nearestZero(t.logits, t.slopes).distance, t.distance, F64_PEER, 'ρ*');
  });

  it('the root test |c_n|^{−1/n} approaches ρ* as n grows', () => {
    const errors = [20, 60, 200].map((N) => Math.abs(rootTestRadius(c.subarray(0, N + 1)) / t.distance - 1));
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(0.03);
  });

  it('root test approaches the binary closed form too', () => {
    const cb = lossTaylorCoefficients([1.5, -0.5], [0.9, -1.4], 0, 150);
    const rho = binaryExactRadius(1.5, -0.5, 0.9, -1.4);
    expect(Math.abs(rootTestRadius(cb) / rho - 1)).toBeLessThan(0.03);
  });

  it('binary cumulants: κ2 = p(1−p)Δ², κ3 = p(1−p)(1−2p)Δ³, κ4 = p(1−p)(1−6p(1−p))Δ⁴', () => {
    const z = [0.7, -0.2];
    const a = [1.1, -0.8];
    const p = 1 / (1 + Math.exp(-(z[0] - z[1])));
    const d = a[0] - a[1];
    const q = p * (1 - p);
    const cb = lossTaylorCoefficients(z, a, 1, 4);
    expectClose(cb[0], Math.log(Math.exp(z[0]) + Math.exp(z[1])) - z[1], F64_EXACT, 'c0 = cross-entropy');
    expectClose(cb[1], p * a[0] + (1 - p) * a[1] - a[1], F64_EXACT, 'c1 = E_p[a] − a_y');
    expectClose(cb[2], (q * d ** 2) / 2, F64_EXACT, 'c2');
    expectClose(cb[3], (q * (1 - 2 * p) * d ** 3) / 6, F64_EXACT, 'c3');
    expectClose(cb[4], (q * (1 - 6 * q) * d ** 4) / 24, F64_EXACT, 'c4');
  });

  it('Taylor polynomials hug the loss inside ρ* and peel away outside', () => {
    const inside = 0.6 * t.distance;
    const outside = 1.4 * t.distance;
    const truthIn = lossAlongStep(t.logits, t.slopes, t.label, inside);
    const truthOut = lossAlongStep(t.logits, t.slopes, t.label, outside);
    const errIn = [10, 40].map((N) => Math.abs(evaluateTaylor(c, inside, N) - truthIn));
    const errOut = [10, 40].map((N) => Math.abs(evaluateTaylor(c, outside, N) - truthOut));
    expect(errIn[1]).toBeLessThan(1e-6);
    expect(errIn[1]).toBeLessThan(errIn[0]);
    expect(errOut[1]).toBeGreaterThan(errOut[0]);
  });
});

describe('radii, normalized step and controller', () => {
  it('percentile bound interpolates like numpy.quantile (q = 0.5 of 1,2,3,4 is 2.5)', () => {
    expectClose(percentileRadius([4, 1, 3, 2], 0.5), Math.PI / 2.5, F64_EXACT);
    expectClose(percentileRadius([4, 1, 3, 2], 1), batchRadius([4, 1, 3, 2]), F64_EXACT);
    expect(() => percentileRadius([1], 1.5)).toThrow(/invalid percentile q: 1.5/);
  });

  it('percentile bound matches π / numpy.quantile(Δ_a, q) on 37 spreads', () => {
    const f = fixture.percentile;
    expectClose(f.q.map((q) => percentileRadius(f.spreads, q)), f.radius, F64_PEER, 'π/quantile');
  });

  it('the controller keeps r ≤ 1 and leaves safe steps alone', () => {
    const random = mulberry32(5);
    for (let t = 0; t < 1000; t++) {
      const step = Math.exp(8 * gaussian(random));
      const spread = Math.exp(3 * gaussian(random));
      const rho = Math.PI / spread;
      const scale = controllerScale(step, rho);
      const r = normalizedStep(scale * step, spread);
      expect(r).toBeLessThanOrEqual(1 + 1e-12);
      if (step <= rho) expect(scale).toBe(1);
      else expectClose(r, 1, F64_EXACT, 'r at the radius');
    }
  });

  it('standalone η = r_target·ρ_a/‖v‖ puts the step at r_target', () => {
    const eta = standaloneLearningRate(0.5, Math.PI / 4, 3);
    expectClose(normalizedStep(eta * 3, 4), 0.5, F64_EXACT);
    expect(() => standaloneLearningRate(0.5, 1, 0)).toThrow(/invalid direction norm: 0/);
  });
});

describe('loaded data sets: error paths', () => {
  it('rejects a shape mismatch, a NaN, a bad label and a missing field with messages naming them', () => {
    expect(() => parseRadiiDataSet({ logits: [[1, 2, 3]], directions: [[1, 2]] })).toThrow(/"logits" is 1×3 but "directions" is 1×2/);
    expect(() => parseRadiiDataSet({ logits: [[1, NaN]], directions: [[1, 2]] })).toThrow(/"logits"\[0\]\[1\] is null: expected a finite number/);
    expect(() => parseRadiiDataSet({ logits: [[1, 2]], directions: [[1, 2]], labels: [2] })).toThrow(/"labels"\[0\] is 2: expected an integer class index in \[0, 1\]/);
    expect(() => parseRadiiDataSet({ logits: [[1, 2]] })).toThrow(/missing field "directions"/);
    expect(() => parseRadiiDataSet({ logits: [[1, 2], [3]], directions: [[1, 2], [3, 4]] })).toThrow(/"logits"\[1\] has 1 entries but row 0 has 2/);
  });

  it('accepts a well-formed set', () => {
    const d = parseRadiiDataSet({ logits: [[1, 2], [0, 0]], directions: [[0.5, -0.5], [1, 1]], labels: [1, 0] });
    expect([d.samples, d.classes, d.labels![0]]).toEqual([2, 2, 1]);
  });
});
