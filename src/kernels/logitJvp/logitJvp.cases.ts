import { slopeSpread } from '../../geometry/ghosts/radius';
import { createMlp, initMlp, mlpLogits, mlpLogitsJvp, type Mlp } from '../../geometry/nn';
import type { Activation } from '../../geometry/nn/activations';
import { gaussianVector, mulberry32 } from '../../geometry/random';
import { compareClose, F32_REDUCTION } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import { logitJvpGpu, type DenseLayerLayout } from './logitJvp';

function layout(mlp: Mlp): DenseLayerLayout[] {
  return mlp.layers.slice(0, -1).map((inputs, l) => ({
    inputs,
    outputs: mlp.layers[l + 1],
    weightOffset: mlp.weightOffset[l],
    biasOffset: mlp.biasOffset[l],
  }));
}

function problem(activation: Activation, layers: number[], samples: number, seed: number) {
  const random = mulberry32(seed);
  const mlp = createMlp(layers, activation);
  // Parameters rounded to f32 first, so the f64 reference and the f32 kernel see the same network.
  const theta = Float64Array.from(Float32Array.from(initMlp(mlp, random)));
  const v = Float64Array.from(Float32Array.from(gaussianVector(mlp.paramCount, random)));
  const x = Float64Array.from(Float32Array.from(gaussianVector(samples * layers[0], random)));
  return { mlp, theta, v, x, samples, k: layers[layers.length - 1] };
}

/**
 * The independent expectation is central finite differences of the f64 forward pass,
 * (z(θ + hv) − z(θ − hv))/2h; the f64 JVP and the f32 kernel must both meet it.
 */
function slopesCase(activation: Activation, layers: number[], samples: number, seed: number): KernelCase {
  const p = problem(activation, layers, samples, seed);
  const h = 1e-5;
  const plus = mlpLogits(p.mlp, p.theta.map((t, i) => t + h * p.v[i]), { x: p.x, n: samples });
  const minus = mlpLogits(p.mlp, p.theta.map((t, i) => t - h * p.v[i]), { x: p.x, n: samples });
  const fd = plus.map((z, i) => (z - minus[i]) / (2 * h));
  return {
    name: `${activation} MLP ${layers.join('→')} on ${samples} samples: slopes a = J v match finite differences`,
    tolerance: F32_REDUCTION,
    cpu: () => {
      const slopes = new Float64Array(samples * p.k);
      mlpLogitsJvp(p.mlp, p.theta, { x: p.x, n: samples }, p.v, slopes);
      return slopes;
    },
    gpu: async (ctx) => (await logitJvpGpu(ctx, p.theta, p.v, p.x, samples, layout(p.mlp), activation)).slopes,
    check: (out) => {
      const r = compareClose(out, fd, F32_REDUCTION, 'slopes vs finite differences');
      return r.ok ? null : r.message;
    },
  };
}

const chained = problem('tanh', [6, 16, 5], 200, 21);

export const suite: KernelSuite = {
  kernel: 'logitJvp',
  cases: [
    slopesCase('tanh', [6, 16, 5], 200, 21),
    slopesCase('relu', [4, 12, 12, 3], 97, 22),
    slopesCase('softplus', [3, 8, 4], 64, 23),
    slopesCase('gelu', [5, 10, 4], 50, 24),
    {
      name: 'chained JVP → spread kernel: per-sample ρ_a = π/Δ_a of the slopes',
      tolerance: F32_REDUCTION,
      cpu: () => {
        const slopes = new Float64Array(200 * 5);
        mlpLogitsJvp(chained.mlp, chained.theta, { x: chained.x, n: 200 }, chained.v, slopes);
        return Float64Array.from({ length: 200 }, (_, i) => Math.PI / slopeSpread(slopes, i * 5, 5));
      },
      gpu: async (ctx) => (await logitJvpGpu(ctx, chained.theta, chained.v, chained.x, 200, layout(chained.mlp), 'tanh')).radii,
      check: (out) => {
        // Property: every radius is positive and at most π/|a_j − a_k| for any pair, in particular the first two classes.
        const slopes = new Float64Array(200 * 5);
        mlpLogitsJvp(chained.mlp, chained.theta, { x: chained.x, n: 200 }, chained.v, slopes);
        for (let i = 0; i < 200; i++) {
          const pair = Math.PI / Math.abs(slopes[i * 5] - slopes[i * 5 + 1]);
          if (!(out[i] > 0 && out[i] <= pair * (1 + 1e-4))) return `sample ${i}: ρ_a = ${out[i]} is not in (0, π/|a_0 − a_1| = ${pair}]`;
        }
        return null;
      },
    },
  ],
};
