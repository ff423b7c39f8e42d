/**
 * The GPU Hessian-vector product against the f64 R-operator, and both against an independent
 * expectation: the central finite difference of the f64 backprop gradient along v,
 * (∇L(θ + h v) − ∇L(θ − h v)) / 2h, which does not use second-order code at all.
 * Tiny nets (SwiftShader is slow); one case per activation, one with weight decay and a deeper
 * one whose layers cross the 16-wide tiles; and the Gauss-Newton variant G v.
 */
import {
  createMlp,
  mlpGaussNewtonVector,
  mlpHessianVector,
  mlpLogitsJvp,
  mlpLossGradient,
  type Activation,
  type ClassificationData,
} from '../../geometry/nn';
import { gaussianVector, mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION, F64_ITERATIVE } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import { mlpHvpGpu } from './mlpHvp';

function hvpCase(name: string, layers: number[], activation: Activation, n: number, weightDecay: number, seed: number): KernelCase {
  const random = mulberry32(seed);
  const mlp = createMlp(layers, activation);
  const k = layers[layers.length - 1];
  const data: ClassificationData = {
    x: gaussianVector(n * layers[0], random),
    y: Int32Array.from({ length: n }, (_, i) => i % k),
    n,
    dimension: layers[0],
    classes: k,
  };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.6 * t);
  const v = gaussianVector(mlp.paramCount, random);
  const finiteDifference = () => {
    const h = 1e-5;
    const gp = new Float64Array(mlp.paramCount);
    const gm = new Float64Array(mlp.paramCount);
    mlpLossGradient(mlp, theta.map((t, i) => t + h * v[i]), data, weightDecay, gp);
    mlpLossGradient(mlp, theta.map((t, i) => t - h * v[i]), data, weightDecay, gm);
    return gp.map((g, i) => (g - gm[i]) / (2 * h));
  };
  return {
    name: `${name}: H v (${layers.join('-')}, ${activation}, N = ${n}, P = ${mlp.paramCount})`,
    tolerance: F32_REDUCTION,
    cpu: () => {
      const out = new Float64Array(mlp.paramCount);
      mlpHessianVector(mlp, theta, data, weightDecay, v, out);
      return out;
    },
    gpu: (ctx) => mlpHvpGpu(ctx, mlp, theta, data, weightDecay, v),
    check: (out, backend) => {
      const r = compareClose(out, finiteDifference(), backend === 'cpu' ? F64_ITERATIVE : F32_REDUCTION, 'finite difference of the gradient');
      return r.ok ? null : r.message;
    },
  };
}

/**
 * G v on the GPU and CPU (reverse mode), checked through uᵀ G v = (1/N) Σᵢ (J u)ᵢᵀ (diag pᵢ − pᵢpᵢᵀ) (J v)ᵢ + wd uᵀv
 * with J u, J v from the forward-mode logit JVP — an independent route to the same number.
 */
function gaussNewtonCase(name: string, layers: number[], activation: Activation, n: number, weightDecay: number, seed: number): KernelCase {
  const random = mulberry32(seed);
  const mlp = createMlp(layers, activation);
  const k = layers[layers.length - 1];
  const data: ClassificationData = { x: gaussianVector(n * layers[0], random), y: Int32Array.from({ length: n }, (_, i) => i % k), n, dimension: layers[0], classes: k };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.6 * t);
  const v = gaussianVector(mlp.paramCount, random);
  const u = gaussianVector(mlp.paramCount, random);
  const forwardMode = () => {
    const ju = new Float64Array(n * k);
    const jv = new Float64Array(n * k);
    const logits = new Float64Array(n * k);
    mlpLogitsJvp(mlp, theta, data, u, ju, logits);
    mlpLogitsJvp(mlp, theta, data, v, jv);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = logits.subarray(i * k, i * k + k);
      const m = Math.max(...z);
      const e = Array.from(z, (zc) => Math.exp(zc - m));
      const sum = e.reduce((a, b) => a + b, 0);
      const p = e.map((ec) => ec / sum);
      let mean = 0;
      for (let c = 0; c < k; c++) mean += p[c] * jv[i * k + c];
      for (let c = 0; c < k; c++) total += (ju[i * k + c] * p[c] * (jv[i * k + c] - mean)) / n;
    }
    return total + weightDecay * u.reduce((s, ui, i) => s + ui * v[i], 0);
  };
  return {
    name: `${name}: G v (${layers.join('-')}, ${activation}, N = ${n}, P = ${mlp.paramCount})`,
    tolerance: F32_REDUCTION,
    cpu: () => {
      const out = new Float64Array(mlp.paramCount);
      mlpGaussNewtonVector(mlp, theta, data, weightDecay, v, out);
      return out;
    },
    gpu: (ctx) => mlpHvpGpu(ctx, mlp, theta, data, weightDecay, v, 'gaussNewton'),
    check: (out, backend) => {
      const reverse = u.reduce((s, ui, i) => s + ui * out[i], 0);
      const r = compareClose(reverse, forwardMode(), backend === 'cpu' ? F64_ITERATIVE : F32_REDUCTION, 'uᵀ G v by forward mode');
      return r.ok ? null : r.message;
    },
  };
}

export const suite: KernelSuite = {
  kernel: 'mlpHvp',
  cases: [
    hvpCase('tanh', [3, 5, 3], 'tanh', 7, 0, 1),
    hvpCase('relu, weight decay', [4, 6, 5, 3], 'relu', 9, 0.01, 2),
    hvpCase('gelu', [2, 4, 2], 'gelu', 5, 0, 3),
    hvpCase('softplus', [3, 4, 4, 2], 'softplus', 6, 0, 4),
    hvpCase('tanh across tiles', [8, 20, 18, 4], 'tanh', 33, 0.001, 5),
    gaussNewtonCase('gelu', [3, 5, 4, 3], 'gelu', 8, 0.01, 6),
    gaussNewtonCase('tanh across tiles', [8, 20, 18, 4], 'tanh', 33, 0, 7),
  ],
};
