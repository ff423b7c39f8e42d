/**
 * The curvature operator of an MLP (Hessian, Gauss–Newton or residual; src/geometry/nn/curvature.ts)
 * split by samples across the worker pool (pool.ts): the loss is the mean over the n samples,
 * so with row blocks b of n_b samples
 *   H v = Σ_b (n_b / n) H_b v + λ v     (λ v only for the Hessian and the Gauss–Newton matrix),
 * H_b the operator of block b's samples without weight decay. Block 0 is computed on the job's
 * own worker, the others by the helpers (poolRows.ts, `curvatureSetup` once, then `curvatureApply`
 * per product: only v and the block's product travel); each block runs the WASM layer products
 * (src/kernels/wasm/denseProducts.ts). The products equal the single-threaded operator's up to
 * the order of the final sum.
 */
import { curvatureOperator, type ClassificationData, type CurvatureKind, type Mlp } from '../geometry/nn';
import { wasmWorkspaceFactory } from '../kernels/wasm/denseProducts';
import type { WasmKernelModule } from '../kernels/wasm/wasm';
import type { PoolLease } from './pool';
import { rowBlocks } from './sinkhornScalingPool';

export interface PooledCurvature {
  readonly size: number;
  /** Row blocks computed in parallel (the job's worker included). */
  readonly workers: number;
  apply(v: Float64Array): Promise<Float64Array>;
}

function rows(data: ClassificationData, start: number, end: number): ClassificationData {
  const d = data.dimension;
  return { x: data.x.slice(start * d, end * d), y: data.y.slice(start, end), n: end - start, dimension: d, classes: data.classes };
}

/** `key` names (MLP, θ, data, kind): a helper holding the block of that key keeps it. */
export async function createCurvaturePool(
  module: WasmKernelModule,
  lease: PoolLease,
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  weightDecay: number,
  kind: CurvatureKind,
  key: string,
): Promise<PooledCurvature> {
  const n = data.n;
  const blocks = rowBlocks(n, lease.helpers.length + 1);
  const helpers = lease.helpers.slice(0, blocks.length - 1);
  const setups = helpers.map((helper, h) => {
    const block = rows(data, ...blocks[h + 1]);
    return helper.request({ type: 'curvatureSetup', key, layers: [...mlp.layers], activation: mlp.activation, kind, theta, x: block.x, y: block.y, dimension: block.dimension, classes: block.classes });
  });
  const own = curvatureOperator(mlp, theta, rows(data, ...blocks[0]), 0, kind, { workspace: wasmWorkspaceFactory(module) });
  for (const reply of await Promise.all(setups)) if (reply.type !== 'setup') throw new Error(`pool worker answered "${reply.type}" to "curvatureSetup"`);
  const P = own.size;
  const ownOut = new Float64Array(P);
  const weight = (b: number) => (blocks[b][1] - blocks[b][0]) / n;
  const decay = kind === 'residual' ? 0 : weightDecay;
  return {
    size: P,
    workers: blocks.length,
    async apply(v) {
      if (v.length !== P) throw new Error(`curvature operator of size ${P} got v of ${v.length}`);
      const replies = helpers.map((helper) => helper.request({ type: 'curvatureApply', v }));
      own.apply(v, ownOut);
      const out = new Float64Array(P);
      const w0 = weight(0);
      for (let i = 0; i < P; i++) out[i] = w0 * ownOut[i];
      (await Promise.all(replies)).forEach((reply, h) => {
        if (reply.type !== 'vector' || reply.values.length !== P) throw new Error('pool worker returned no product of the right size');
        const w = weight(h + 1);
        for (let i = 0; i < P; i++) out[i] += w * reply.values[i];
      });
      for (let i = 0; i < P; i++) out[i] += decay * v[i];
      return out;
    },
  };
}
