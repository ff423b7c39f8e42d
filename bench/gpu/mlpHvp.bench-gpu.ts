/**
 * GPU benchmark case for bench/hessian.bench.ts: one Hessian-vector product of a tanh MLP
 * (shapes in HVP_BENCH_SHAPES, keyed by the approximate parameter count) over 256 samples.
 * θ, the data and the forward pass stay on the GPU; a run uploads v, records the R-forward and
 * R-backward passes and reads H v back (P floats).
 */
import type { BenchCase } from '../../tests/harness/main';
import { createMlp, type ClassificationData } from '../../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../../src/geometry/random';
import type { KernelContext } from '../../src/kernels/context';
import { HVP_BENCH_SAMPLES, HVP_BENCH_SHAPES } from '../setup/mlpHvpShapes';
import { createMlpHvpGpu, type MlpHvpOperator } from '../../src/kernels/mlpHvp/mlpHvp';


let cache: { size: number; op: MlpHvpOperator; v: Float64Array; out: Float64Array } | null = null;

function operator(ctx: KernelContext, size: number) {
  if (cache?.size === size) return cache;
  cache?.op.dispose();
  const layers = HVP_BENCH_SHAPES[size];
  if (!layers) throw new Error(`no MLP shape for size ${size}; have ${Object.keys(HVP_BENCH_SHAPES).join(', ')}`);
  const mlp = createMlp(layers, 'tanh');
  const random = mulberry32(1);
  const n = HVP_BENCH_SAMPLES;
  const data: ClassificationData = { x: gaussianVector(n * layers[0], random), y: Int32Array.from({ length: n }, (_, i) => i % 10), n, dimension: layers[0], classes: 10 };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.3 * t);
  cache = { size, op: createMlpHvpGpu(ctx, mlp, theta, data, 0), v: gaussianVector(mlp.paramCount, random), out: new Float64Array(mlp.paramCount) };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'mlp-hvp',
    async run(ctx, size) {
      const { op, v, out } = operator(ctx, size);
      await op.apply(v, out);
      return out[0];
    },
  },
];
