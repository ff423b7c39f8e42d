import { describe, expect, it } from 'vitest';
import {
  classifierBlocks,
  classifierInit,
  classifierLoss,
  classifierSize,
  createAdampRace,
  createOptimizer,
  gaussianMixture,
  projectRadial,
  scaleInvariantView,
  toyLoss,
  type OptimizerName,
} from '../../../src/geometry/optim';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

const A = [1, 3, 9];
const config = (name: OptimizerName, lr = 0.1) => ({ name, lr, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, delta: 0.1 });
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('scale-invariant losses', () => {
  it('the toy: L(cw) = L(w), ∇L(w) ⟂ w and ∇L(cw) = ∇L(w)/c; at u = e₂ the loss is a₂/2 (closed form)', () => {
    const w = [0.3, -1.2, 0.5];
    const g = new Float64Array(3);
    const g3 = new Float64Array(3);
    const l = toyLoss(w, A, g);
    expectClose(toyLoss(w.map((v) => 3 * v), A, g3), l, F64_EXACT, 'L(3w)');
    expectClose(dot(g, w), 0, F64_EXACT, '⟨∇L, w⟩');
    expectClose(g3, Array.from(g, (v) => v / 3), F64_EXACT, '∇L(3w)');
    expectClose(toyLoss([0, 5, 0], A), 1.5, F64_EXACT, 'L(5e₂)');
  });

  it('the weight-normalized classifier: scaling a row of W changes nothing, and each row of ∂L/∂W is ⟂ that row', () => {
    const shape = { dimension: 5, hidden: 4, classes: 3, gain: 2 };
    const random = mulberry32(3);
    const data = gaussianMixture(30, 5, 3, 3, random);
    const theta = classifierInit(shape, 1, random);
    const grad = new Float64Array(classifierSize(shape));
    const base = classifierLoss(theta, shape, data, grad).loss;
    const scaled = Float64Array.from(theta);
    for (let i = 5; i < 10; i++) scaled[i] *= 7; // row 1 of W
    expectClose(classifierLoss(scaled, shape, data).loss, base, F64_EXACT, 'L with W₁ × 7');
    for (let j = 0; j < 4; j++) expectClose(dot(grad.subarray(j * 5, j * 5 + 5), theta.subarray(j * 5, j * 5 + 5)), 0, F64_EXACT, `⟨∂L/∂W_${j}, W_${j}⟩`);
    // Central differences confirm the gradient of every parameter.
    const fd = Float64Array.from(theta, (_, i) => {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i] += 1e-6;
      down[i] -= 1e-6;
      return (classifierLoss(up, shape, data).loss - classifierLoss(down, shape, data).loss) / 2e-6;
    });
    expectClose(grad, fd, F64_ITERATIVE, '∇L');
  });
});

describe('the SGDP/AdamP projection', () => {
  it('with ε = 0 it removes exactly the radial component: Πp ⟂ w and p − Πp = (ŵ·p) ŵ', () => {
    const w = gaussianVector(6, mulberry32(1));
    const p = gaussianVector(6, mulberry32(2));
    const block = { offset: 0, rows: 2, cols: 3, matrix: true };
    const q = Float64Array.from(p);
    projectRadial(w, q, block, 'channel', 0);
    for (const j of [0, 1]) {
      const wj = w.subarray(3 * j, 3 * j + 3);
      const pj = p.subarray(3 * j, 3 * j + 3);
      expectClose(dot(q.subarray(3 * j, 3 * j + 3), wj), 0, F64_EXACT, `⟨Πp_${j}, w_${j}⟩`);
      const c = dot(wj, pj) / dot(wj, wj);
      expectClose(Array.from(pj, (v, i) => v - q[3 * j + i]), Array.from(wj, (v) => c * v), F64_EXACT, `radial part ${j}`);
    }
  });

  it('the cosine test: a gradient ⟂ w passes per channel, a gradient along w fails, a 1-D block is never tested', () => {
    const w = [1, 0, 0, 0, 1, 0];
    const block = { offset: 0, rows: 2, cols: 3, matrix: true };
    expect(scaleInvariantView(w, [0, 1, 0, 1, 0, 0], block, 0.1, 1e-8)).toBe('channel');
    expect(scaleInvariantView(w, [1, 0, 0, 0, 1, 0], block, 0.1, 1e-8)).toBeNull();
    expect(scaleInvariantView(w, [0, 1, 0, 1, 0, 0], { ...block, matrix: false }, 0.1, 1e-8)).toBeNull();
  });

  it('rejects bad settings with messages naming the value', () => {
    expect(() => createOptimizer({ ...config('sgd'), lr: -1 }, [], 1)).toThrow(/invalid learning rate: -1/);
    expect(() => createOptimizer({ ...config('sgdm'), momentum: 1 }, [], 1)).toThrow(/invalid momentum: 1/);
  });
});

describe('norm growth on a scale-invariant loss', () => {
  const block = [{ offset: 0, rows: 1, cols: 3, matrix: true }];
  it('SGD: ‖w_{t+1}‖² = ‖w_t‖² + η²‖∇L(w_t)‖² at every step, to f64 rounding', () => {
    const w = Float64Array.from([0.3, 0.7, 0.65]);
    const g = new Float64Array(3);
    const opt = createOptimizer(config('sgd', 0.3), block, 3);
    for (let t = 0; t < 100; t++) {
      toyLoss(w, A, g);
      const expected = dot(w, w) + 0.09 * dot(g, g);
      opt.step(w, g);
      expectClose(dot(w, w), expected, F64_EXACT, `‖w_${t + 1}‖²`);
    }
  });

  it('SGDM: ‖w_{t+1}‖² = ‖w_t‖² + η²‖b_t‖² + 2η² Σ_{k<t} β^{t−k}‖b_k‖² (Heo et al.), and SGDP grows by η²‖Πb_t‖² only', () => {
    const eta = 0.1;
    const beta = 0.9;
    for (const name of ['sgdm', 'sgdp'] as const) {
      const w = Float64Array.from([0.3, 0.7, 0.65]);
      const g = new Float64Array(3);
      const opt = createOptimizer(config(name, eta), block, 3);
      const b2: number[] = [];
      for (let t = 0; t < 80; t++) {
        toyLoss(w, A, g);
        const before = dot(w, w);
        const rep = opt.step(w, g);
        b2.push(rep.directionSquared[0]);
        const history = name === 'sgdm' ? b2.slice(0, t).reduce((s, v, k) => s + beta ** (t - k) * v, 0) : 0;
        expectClose(dot(w, w), before + eta * eta * b2[t] + 2 * eta * eta * history, F64_ITERATIVE, `${name} ‖w_${t + 1}‖²`);
      }
    }
  });

  it('the race: momentum grows ‖w‖ far more than plain SGD on the toy, SGDP/AdamP keep it within 40%/5% (seed 1, 200 steps)', () => {
    const race = createAdampRace({ steps: 200, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 });
    while (race.step());
    const growth = (n: OptimizerName) => race.toy[n].norm[200] / race.toy[n].norm[0];
    expect(growth('sgdm')).toBeGreaterThan(3 * growth('sgd'));
    expect(growth('sgdp')).toBeLessThan(1.4);
    expect(growth('adamp')).toBeLessThan(1.05);
    expect(growth('adam')).toBeGreaterThan(growth('adamp'));
    // The normalized layer is detected as scale-invariant at every SGDP/AdamP step, never for the others.
    expect(race.classifier.sgdp.projectedFraction).toBe(1);
    expect(race.classifier.adamp.projectedFraction).toBe(1);
    expect(race.classifier.sgdm.projectedFraction).toBe(0);
  });
});

describe('classifier blocks', () => {
  it('W is a matrix block of H×d, V of K×H, the bias 1-D', () => {
    expect(classifierBlocks({ dimension: 5, hidden: 4, classes: 3, gain: 2 })).toEqual([
      { offset: 0, rows: 4, cols: 5, matrix: true },
      { offset: 20, rows: 3, cols: 4, matrix: true },
      { offset: 32, rows: 1, cols: 3, matrix: false },
    ]);
  });
});
