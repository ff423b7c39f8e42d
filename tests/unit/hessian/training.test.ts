/** Optimizers (closed-form first steps), the seeded trainer, and the data sets. */
import { describe, expect, it } from 'vitest';
import {
  createMlp,
  createOptimizer,
  createTrainer,
  digitsData,
  gaussianMixture,
  initMlp,
  mlpAccuracy,
  mlpLoss,
  twoSpirals,
} from '../../../src/geometry/nn';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

describe('optimizers: closed-form updates', () => {
  const g1 = Float64Array.from([0.5, -2, 0.001]);
  const g2 = Float64Array.from([-1, 3, 0.25]);
  const theta = new Float64Array(3);
  const out = new Float64Array(3);
  it('gd: p = −η g', () => {
    createOptimizer('gd', 3).update(theta, g1, 0.1, out);
    expectClose(out, [-0.05, 0.2, -0.0001], F64_EXACT, 'p');
  });
  it('momentum: p₂ = −η(μ g₁ + g₂)', () => {
    const opt = createOptimizer('momentum', 3, { momentum: 0.5 });
    opt.update(theta, g1, 0.1, out);
    opt.update(theta, g2, 0.1, out);
    expectClose(out, [-0.1 * (0.25 - 1), -0.1 * (-1 + 3), -0.1 * (0.0005 + 0.25)], F64_EXACT, 'p');
  });
  it('adam: the bias-corrected first step is −η g/(|g| + ε)', () => {
    const opt = createOptimizer('adam', 3, { epsilon: 1e-8 });
    opt.update(theta, g1, 0.01, out);
    expectClose(out, Array.from(g1, (g) => (-0.01 * g) / (Math.abs(g) + 1e-8)), F64_EXACT, 'p');
    expect(opt.steps).toBe(1);
  });
  it('rejects a bad learning rate and a bad momentum', () => {
    expect(() => createOptimizer('sgd', 3).update(theta, g1, Number.NaN, out)).toThrow(/learning rate NaN/);
    expect(() => createOptimizer('momentum', 3, { momentum: 1.5 })).toThrow(/momentum 1.5/);
    expect(() => createOptimizer('lbfgs' as 'gd', 3)).toThrow(/unknown optimizer "lbfgs"/);
  });
});

describe('trainer', () => {
  const data = gaussianMixture({ classes: 3, dimension: 4, separation: 4, n: 90, random: mulberry32(1) });
  const mlp = createMlp([4, 8, 3], 'tanh');
  const theta0 = initMlp(mlp, mulberry32(2));

  it('full-batch GD with a small step decreases the loss at every step and learns a separable mixture', () => {
    const trainer = createTrainer({ mlp, data, theta: theta0, optimizer: 'gd', lr: 0.2, batchSize: 0, random: mulberry32(3) });
    let previous = mlpLoss(mlp, trainer.theta, data);
    for (let s = 0; s < 150; s++) {
      const before = trainer.step();
      expectClose(before, previous, F64_EXACT, `loss before step ${s}`);
      previous = mlpLoss(mlp, trainer.theta, data);
      expect(previous).toBeLessThan(before);
    }
    expect(mlpAccuracy(mlp, trainer.theta, data)).toBeGreaterThan(0.95);
  });
  it('propose() exposes the update and apply(scale) applies a scaled copy', () => {
    const trainer = createTrainer({ mlp, data, theta: theta0, optimizer: 'adam', lr: 0.01, batchSize: 10, random: mulberry32(4) });
    trainer.propose();
    const before = Float64Array.from(trainer.theta);
    trainer.apply(0.25);
    expectClose(
      trainer.theta,
      before.map((t, i) => t + 0.25 * trainer.update[i]),
      F64_EXACT,
      'θ',
    );
    expect(trainer.steps).toBe(1);
  });
  it('minibatches are drawn without replacement, from the data, reproducibly from the seed', () => {
    const a = createTrainer({ mlp, data, theta: theta0, optimizer: 'sgd', lr: 0.1, batchSize: 30, random: mulberry32(9) });
    const b = createTrainer({ mlp, data, theta: theta0, optimizer: 'sgd', lr: 0.1, batchSize: 30, random: mulberry32(9) });
    const c = createTrainer({ mlp, data, theta: theta0, optimizer: 'sgd', lr: 0.1, batchSize: 30, random: mulberry32(10) });
    for (let s = 0; s < 5; s++) {
      a.step();
      b.step();
      c.step();
      const rows = new Set<string>();
      for (let r = 0; r < 30; r++) rows.add(Array.from(a.batch.x.subarray(r * 4, r * 4 + 4)).join(','));
      expect(rows.size).toBe(30);
    }
    expect(Array.from(a.theta)).toEqual(Array.from(b.theta));
    expect(Array.from(a.theta)).not.toEqual(Array.from(c.theta));
  });
  it('rejects data that does not fit the network', () => {
    expect(() => createTrainer({ mlp: createMlp([5, 3], 'relu'), data, theta: new Float64Array(18), optimizer: 'gd', lr: 0.1, batchSize: 0, random: mulberry32(1) })).toThrow(
      /data dimension 4 but the MLP takes d_in = 5/,
    );
  });
});

describe('data sets', () => {
  it('gaussian mixture: balanced labels, class means at distance ≈ separation from the origin', () => {
    const d = 5;
    const n = 3000;
    const data = gaussianMixture({ classes: 3, dimension: d, separation: 6, n, random: mulberry32(7) });
    const counts = [0, 0, 0];
    const sums = new Float64Array(3 * d);
    for (let i = 0; i < n; i++) {
      counts[data.y[i]]++;
      for (let j = 0; j < d; j++) sums[data.y[i] * d + j] += data.x[i * d + j];
    }
    expect(counts).toEqual([1000, 1000, 1000]);
    for (let c = 0; c < 3; c++) {
      const norm = Math.hypot(...Array.from(sums.subarray(c * d, c * d + d), (s) => s / 1000));
      // The sample mean's noise has norm ≈ √(d/1000) ≈ 0.07; allow 5 of those.
      expect(Math.abs(norm - 6)).toBeLessThan(0.35);
    }
  });
  it('two spirals without noise: radius t and the second arm is the first rotated by π', () => {
    const data = twoSpirals({ n: 40, noise: 0, random: mulberry32(1) });
    for (let i = 0; i < 40; i += 2) {
      const t = i / 2 / 20;
      expectClose(Math.hypot(data.x[2 * i], data.x[2 * i + 1]), t, F64_EXACT, 'radius');
      expectClose([data.x[2 * i + 2], data.x[2 * i + 3]], [-data.x[2 * i], -data.x[2 * i + 1]], F64_EXACT, 'arm');
      expect([data.y[i], data.y[i + 1]]).toEqual([0, 1]);
    }
  });
  it('digits: pixels scaled by 1/16, malformed JSON named', () => {
    const json = { x: [[0, 16, 8], [4, 2, 1]], y: [3, 7] };
    const data = digitsData(json);
    expectClose(data.x, [0, 1, 0.5, 0.25, 0.125, 1 / 16], F64_EXACT, 'x');
    expect(data.classes).toBe(10);
    expect(() => digitsData({ x: [[1, 2]], y: [1, 2] })).toThrow(/1 rows of x but 2 labels/);
    expect(() => digitsData({ x: [[1, 2], [3]], y: [1, 2] })).toThrow(/row 1 has 1 pixels; expected 2/);
  });
  it('mixture errors name the value', () => {
    expect(() => gaussianMixture({ classes: 1, dimension: 2, separation: 1, n: 10, random: mulberry32(1) })).toThrow(/classes 1/);
    expect(() => gaussianMixture({ classes: 2, dimension: 2, separation: -1, n: 10, random: mulberry32(1) })).toThrow(/separation -1/);
  });
});
