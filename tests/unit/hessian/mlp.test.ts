/**
 * The f64 MLP core against PyTorch autograd (fixtures), central finite differences,
 * and the closed-form Hessian of softmax cross-entropy for a linear model.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createMlp,
  erf,
  mlpGaussNewtonVector,
  mlpHessianVector,
  mlpLogits,
  mlpLogitsJvp,
  mlpLoss,
  mlpLossGradient,
  MlpWorkspace,
  parameterCount,
  curvatureOperator,
  type Activation,
  type ClassificationData,
  type Mlp,
} from '../../../src/geometry/nn';
import { mulberry32, gaussianVector } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';

interface TorchCase {
  name: string;
  layers: number[];
  activation: Activation;
  weightDecay: number;
  theta: number[];
  x: number[];
  y: number[];
  v: number[];
  loss: number;
  grad: number[];
  logits: number[];
  jvp: number[];
  hvp: number[];
  gvp: number[];
  hessian: number[];
  gaussNewton: number[];
  eigenvalues: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/hessian/mlp_torch.json', import.meta.url), 'utf8')) as {
  cases: TorchCase[];
};

function dataOf(c: TorchCase): ClassificationData {
  const d = c.layers[0];
  return { x: Float64Array.from(c.x), y: Int32Array.from(c.y), n: c.y.length, dimension: d, classes: c.layers[c.layers.length - 1] };
}

/** Dense Hessian by P products with the unit vectors (column j = H e_j). */
function explicitHessian(mlp: Mlp, theta: Float64Array, data: ClassificationData, wd: number, product = mlpHessianVector): Float64Array {
  const P = mlp.paramCount;
  const H = new Float64Array(P * P);
  const e = new Float64Array(P);
  const col = new Float64Array(P);
  for (let j = 0; j < P; j++) {
    e.fill(0);
    e[j] = 1;
    product(mlp, theta, data, wd, e, col);
    for (let i = 0; i < P; i++) H[i * P + j] = col[i];
  }
  return H;
}

describe('erf (GELU needs it to f64 accuracy)', () => {
  it('matches Python math.erf across the series/continued-fraction switch at |x| = 3', () => {
    // Values printed by CPython's math.erf (libm).
    const table: [number, number][] = [
      [-4.2, -0.9999999971445058],
      [-1.3, -0.9340079449406524],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [2.9, 0.9999589021219005],
      [3.1, 0.9999883513426328],
      [5, 0.9999999999984626],
    ];
    for (const [x, expected] of table) expectClose(erf(x), expected, F64_EXACT, `erf(${x})`);
  });
});

describe('MLP against PyTorch autograd', () => {
  for (const c of fixture.cases) {
    describe(c.name, () => {
      const mlp = createMlp(c.layers, c.activation);
      const theta = Float64Array.from(c.theta);
      const v = Float64Array.from(c.v);
      const data = dataOf(c);
      const k = c.layers[c.layers.length - 1];
      // A chunk smaller than n so the chunked accumulation is exercised.
      const ws = new MlpWorkspace(mlp, 3);

      it('has the parameter count of the layout', () => {
        expect(mlp.paramCount).toBe(c.theta.length);
        expect(parameterCount(c.layers)).toBe(c.theta.length);
      });
      it('logits and loss', () => {
        expectClose(mlpLogits(mlp, theta, data, ws), c.logits, F64_PEER, 'logits');
        expectClose(mlpLoss(mlp, theta, data, c.weightDecay, ws), c.loss, F64_PEER, 'loss');
      });
      it('gradient', () => {
        const g = new Float64Array(mlp.paramCount);
        const loss = mlpLossGradient(mlp, theta, data, c.weightDecay, g, ws);
        expectClose(loss, c.loss, F64_PEER, 'loss');
        expectClose(g, c.grad, F64_PEER, 'gradient');
      });
      it('logit JVP (forward mode)', () => {
        const slopes = new Float64Array(data.n * k);
        const logits = new Float64Array(data.n * k);
        mlpLogitsJvp(mlp, theta, data, v, slopes, logits, ws);
        expectClose(slopes, c.jvp, F64_PEER, 'J v');
        expectClose(logits, c.logits, F64_PEER, 'logits');
      });
      it('Hessian-vector product (R-operator) vs double backward', () => {
        const hv = new Float64Array(mlp.paramCount);
        mlpHessianVector(mlp, theta, data, c.weightDecay, v, hv, ws);
        expectClose(hv, c.hvp, F64_PEER, 'H v');
      });
      it('Gauss-Newton product vs explicit Jᵀ H_ℓ J', () => {
        const gv = new Float64Array(mlp.paramCount);
        mlpGaussNewtonVector(mlp, theta, data, c.weightDecay, v, gv, ws);
        expectClose(gv, c.gvp, F64_PEER, 'G v');
      });
      it('explicit Hessian and Gauss-Newton matrices vs torch', () => {
        expectClose(explicitHessian(mlp, theta, data, c.weightDecay), c.hessian, F64_PEER, 'H');
        expectClose(explicitHessian(mlp, theta, data, c.weightDecay, mlpGaussNewtonVector), c.gaussNewton, F64_PEER, 'G');
      });
    });
  }
});

describe('MLP against central finite differences', () => {
  const cases: [Activation, number[]][] = [
    ['tanh', [3, 5, 4, 3]],
    ['gelu', [2, 6, 3]],
    ['softplus', [4, 3, 3, 2]],
  ];
  for (const [activation, layers] of cases) {
    const random = mulberry32(17 + layers.length);
    const mlp = createMlp(layers, activation);
    const n = 9;
    const data: ClassificationData = {
      x: gaussianVector(n * layers[0], random),
      y: Int32Array.from({ length: n }, (_, i) => i % layers[layers.length - 1]),
      n,
      dimension: layers[0],
      classes: layers[layers.length - 1],
    };
    const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.7 * t);
    const v = gaussianVector(mlp.paramCount, random);
    const wd = 0.003;
    const h = 1e-5;
    const plus = theta.map((t, i) => t + h * v[i]);
    const minus = theta.map((t, i) => t - h * v[i]);

    it(`${activation} ${layers.join('-')}: gradient · v = directional derivative of the loss`, () => {
      const g = new Float64Array(mlp.paramCount);
      mlpLossGradient(mlp, theta, data, wd, g);
      const fd = (mlpLoss(mlp, plus, data, wd) - mlpLoss(mlp, minus, data, wd)) / (2 * h);
      expectClose(g.reduce((s, gi, i) => s + gi * v[i], 0), fd, F64_ITERATIVE, 'g·v');
    });
    it(`${activation} ${layers.join('-')}: H v = central difference of the gradient`, () => {
      const gp = new Float64Array(mlp.paramCount);
      const gm = new Float64Array(mlp.paramCount);
      mlpLossGradient(mlp, plus, data, wd, gp);
      mlpLossGradient(mlp, minus, data, wd, gm);
      const hv = new Float64Array(mlp.paramCount);
      mlpHessianVector(mlp, theta, data, wd, v, hv);
      expectClose(hv, gp.map((g, i) => (g - gm[i]) / (2 * h)), F64_ITERATIVE, 'H v');
    });
    it(`${activation} ${layers.join('-')}: J v = central difference of the logits`, () => {
      const k = layers[layers.length - 1];
      const slopes = new Float64Array(n * k);
      mlpLogitsJvp(mlp, theta, data, v, slopes);
      const zp = mlpLogits(mlp, plus, data);
      const zm = mlpLogits(mlp, minus, data);
      expectClose(slopes, zp.map((z, i) => (z - zm[i]) / (2 * h)), F64_ITERATIVE, 'J v');
    });
    it(`${activation} ${layers.join('-')}: the explicit Hessian is symmetric`, () => {
      const H = explicitHessian(mlp, theta, data, wd);
      const P = mlp.paramCount;
      const Ht = new Float64Array(P * P);
      for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) Ht[j * P + i] = H[i * P + j];
      expectClose(H, Ht, F64_EXACT, 'Hᵀ');
    });
  }
});

describe('softmax cross-entropy of a linear model: closed-form Hessian', () => {
  // H = (1/N) Σᵢ (diag pᵢ − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ + wd·I with x̃ = [x, 1], in the layout W (k×d) then b.
  const d = 3;
  const k = 4;
  const n = 11;
  const wd = 0.02;
  const random = mulberry32(5);
  const mlp = createMlp([d, k], 'tanh');
  const theta = gaussianVector(mlp.paramCount, random);
  const data: ClassificationData = {
    x: gaussianVector(n * d, random),
    y: Int32Array.from({ length: n }, (_, i) => (3 * i) % k),
    n,
    dimension: d,
    classes: k,
  };
  const P = mlp.paramCount;
  const index = (c: number, j: number) => (j < d ? c * d + j : k * d + c);
  const closed = new Float64Array(P * P);
  for (let i = 0; i < n; i++) {
    const xt = [...data.x.subarray(i * d, i * d + d), 1];
    const z = Array.from({ length: k }, (_, c) => xt.reduce((s, xj, j) => s + xj * theta[index(c, j)], 0));
    const m = Math.max(...z);
    const e = z.map((zc) => Math.exp(zc - m));
    const s = e.reduce((a, b) => a + b, 0);
    const p = e.map((ec) => ec / s);
    for (let c = 0; c < k; c++)
      for (let c2 = 0; c2 < k; c2++) {
        const a = ((c === c2 ? p[c] : 0) - p[c] * p[c2]) / n;
        for (let j = 0; j <= d; j++) for (let j2 = 0; j2 <= d; j2++) closed[index(c, j) * P + index(c2, j2)] += a * xt[j] * xt[j2];
      }
  }
  for (let t = 0; t < P; t++) closed[t * P + t] += wd;

  it('H from R-operator products equals Xᵀ(diag p − ppᵀ)X blocks', () => {
    expectClose(explicitHessian(mlp, theta, data, wd), closed, F64_EXACT, 'H');
  });
  it('G = H for a linear model (the network has no curvature of its own)', () => {
    expectClose(explicitHessian(mlp, theta, data, wd, mlpGaussNewtonVector), closed, F64_EXACT, 'G');
  });
});

describe('MLP errors name the bad value', () => {
  it('rejects malformed layers and activations', () => {
    expect(() => createMlp([3], 'tanh')).toThrow(/at least \[d_in, classes\]/);
    expect(() => createMlp([3, 0, 2], 'tanh')).toThrow(/layers\[1\] = 0/);
    expect(() => createMlp([3, 1], 'tanh')).toThrow(/at least 2 classes/);
    expect(() => createMlp([3, 2], 'sigmoid' as Activation)).toThrow(/unknown activation "sigmoid"/);
  });
  it('rejects a direction of the wrong length', () => {
    const mlp = createMlp([2, 3, 2], 'relu');
    const data: ClassificationData = { x: new Float64Array(4), y: new Int32Array(2), n: 2, dimension: 2, classes: 2 };
    const theta = new Float64Array(mlp.paramCount);
    expect(() => mlpHessianVector(mlp, theta, data, 0, new Float64Array(5), new Float64Array(mlp.paramCount))).toThrow(
      /direction v has 5 entries but the MLP has P = 17/,
    );
    expect(() => mlpLoss(mlp, theta, { ...data, x: new Float64Array(3) })).toThrow(/inputs x have 3 entries but n×d_in = 2×2 needs 4/);
  });
});

describe('curvature operators', () => {
  const c = fixture.cases[0];
  const mlp = createMlp(c.layers, c.activation);
  const data = dataOf(c);
  const v = Float64Array.from(c.v);
  for (const maxCachedRows of [1000, 2]) {
    const label = maxCachedRows > data.n ? 'cached forward' : 'streamed in chunks';
    it(`${label}: H, G and H − G products match torch, repeatedly`, () => {
      const out = new Float64Array(mlp.paramCount);
      const H = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'hessian', { maxCachedRows, chunk: 2 });
      const G = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'gaussNewton', { maxCachedRows, chunk: 2 });
      const R = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'residual', { maxCachedRows, chunk: 2 });
      for (let repeat = 0; repeat < 2; repeat++) {
        H.apply(v, out);
        expectClose(out, c.hvp, F64_PEER, 'H v');
        G.apply(v, out);
        expectClose(out, c.gvp, F64_PEER, 'G v');
        R.apply(v, out);
        expectClose(out, c.hvp.map((h, i) => h - c.gvp[i]), F64_PEER, '(H − G) v');
      }
      expect(H.products).toBe(2);
    });
  }
});
