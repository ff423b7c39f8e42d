import { affineInvariant, buresWasserstein, logEuclidean } from '../../geometry/spd';
import { gaussian, mulberry32 } from '../../geometry/random';
import { compareClose, F32_ITERATIVE, F64_EXACT, F64_PEER } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import fixtures from '../../../tests/fixtures/geodesics/spd.json';
import { spdDistanceGpu, type BatchedSpdMetric } from './spdDistance';

const random = mulberry32(3);

function rotation(): Float64Array {
  const q = new Float64Array(9);
  for (let j = 0; j < 3; j++) {
    const v = [gaussian(random), gaussian(random), gaussian(random)];
    for (let k = 0; k < j; k++) {
      const d = v[0] * q[k] + v[1] * q[3 + k] + v[2] * q[6 + k];
      for (let i = 0; i < 3; i++) v[i] -= d * q[i * 3 + k];
    }
    const r = Math.hypot(...v);
    for (let i = 0; i < 3; i++) q[i * 3 + j] = v[i] / r;
  }
  return q;
}

function spd(q: Float64Array, values: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out.push(values.reduce((s, l, k) => s + q[i * 3 + k] * l * q[j * 3 + k], 0));
  return out;
}

// Commuting pairs A = Q diag(a) Qᵀ, B = Q diag(b) Qᵀ with a random Q per pair: closed forms
// d_AI = d_LE = sqrt(Σ log²(b_k/a_k)), d_BW = sqrt(Σ (√a_k − √b_k)²).
const PAIRS = 200;
const commuting = { a: [] as number[], b: [] as number[], ai: [] as number[], bw: [] as number[] };
for (let i = 0; i < PAIRS; i++) {
  const q = rotation();
  const la = [0, 1, 2].map(() => Math.exp(4 * random() - 2));
  const lb = [0, 1, 2].map(() => Math.exp(4 * random() - 2));
  commuting.a.push(...spd(q, la));
  commuting.b.push(...spd(q, lb));
  commuting.ai.push(Math.sqrt(la.reduce((s, x, k) => s + Math.log(lb[k] / x) ** 2, 0)));
  commuting.bw.push(Math.sqrt(la.reduce((s, x, k) => s + (Math.sqrt(x) - Math.sqrt(lb[k])) ** 2, 0)));
}

// Non-commuting pairs with 60-digit reference distances (tests/fixtures/geodesics/make_spd.py), condition 100.
const peerCase = (fixtures.highPrecision as { name: string; A: number[]; B: number[]; distance: Record<string, number> }[]).find((c) => c.name === '3x3 condition 100')!;

const cpu = { affineInvariant, logEuclidean, buresWasserstein };

function batchCpu(a: number[], b: number[], metric: BatchedSpdMetric): Float64Array {
  const out = new Float64Array(a.length / 9);
  for (let i = 0; i < out.length; i++) out[i] = cpu[metric].distance(Float64Array.from(a.slice(i * 9, i * 9 + 9)), Float64Array.from(b.slice(i * 9, i * 9 + 9)));
  return out;
}

function golden(expected: number[], cpuTolerance = F64_EXACT) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') => {
    const r = compareClose(out, expected, backend === 'cpu' ? cpuTolerance : F32_ITERATIVE, 'closed form');
    return r.ok ? null : r.message;
  };
}

function batchCase(name: string, a: number[], b: number[], metric: BatchedSpdMetric, check: KernelCase['check']): KernelCase {
  return { name, tolerance: F32_ITERATIVE, cpu: () => batchCpu(a, b, metric), gpu: (ctx) => spdDistanceGpu(ctx, a, b, metric), check };
}

export const suite: KernelSuite = {
  kernel: 'spdDistance',
  cases: [
    batchCase(`affine-invariant, ${PAIRS} commuting pairs: sqrt(Σ log²(b/a))`, commuting.a, commuting.b, 'affineInvariant', golden(commuting.ai)),
    batchCase(`log-Euclidean, ${PAIRS} commuting pairs: sqrt(Σ log²(b/a))`, commuting.a, commuting.b, 'logEuclidean', golden(commuting.ai)),
    batchCase(`Bures–Wasserstein, ${PAIRS} commuting pairs: ‖A^{1/2} − B^{1/2}‖_F`, commuting.a, commuting.b, 'buresWasserstein', golden(commuting.bw)),
    ...(['affineInvariant', 'logEuclidean', 'buresWasserstein'] as const).map((metric) =>
      batchCase(`${metric}, a non-commuting pair of condition 100 against 60-digit mpmath`, peerCase.A, peerCase.B, metric, golden([peerCase.distance[metric]], F64_PEER)),
    ),
  ],
};
