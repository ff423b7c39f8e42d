/**
 * The curvature of an MLP's loss at a fixed θ as a linear operator v ↦ M v on ℝᴾ, for the
 * spectral methods (Lanczos, power iteration, Hutchinson, SLQ):
 *   'hessian'      M = H = ∇²L(θ)                                  (R-operator, mlp.ts)
 *   'gaussNewton'  M = G = (1/N) Σᵢ Jᵢᵀ (diag pᵢ − pᵢpᵢᵀ) Jᵢ + weightDecay·I
 *   'residual'     M = H − G = (1/N) Σᵢ Σ_c (pᵢ − e_{yᵢ})_c ∇²z_c(xᵢ)
 * Sagun et al. (2017) tie the outliers of the spectrum to G; showing G and H − G apart is how
 * the chapter makes that visible.
 *
 * θ and the data are fixed for the operator's life (θ is copied), so when N ≤ maxCachedRows the
 * forward pass and ∂L/∂z are computed once and every product costs one R-forward and one
 * (R-)backward pass; otherwise each product streams the data in chunks.
 */
import type { ClassificationData } from './data';
import {
  backwardChunk,
  crossEntropyChunk,
  forwardChunk,
  logitCurvatureChunk,
  type Mlp,
  MlpWorkspace,
  rBackwardChunk,
  rForwardChunk,
} from './mlp';

export type CurvatureKind = 'hessian' | 'gaussNewton' | 'residual';

export const CURVATURE_KINDS: readonly CurvatureKind[] = ['hessian', 'gaussNewton', 'residual'];

export interface CurvatureOperator {
  readonly kind: CurvatureKind;
  /** P, the dimension of the operator. */
  readonly size: number;
  /** out ← M v (out overwritten). */
  apply(v: Float64Array, out: Float64Array): void;
  /** Products computed so far. */
  readonly products: number;
}

export interface CurvatureOptions {
  /** Largest N for which the forward pass is cached (memory ≈ 8·N·Σ widths·8 bytes). */
  maxCachedRows?: number;
  /** Chunk size when not cached. */
  chunk?: number;
  /** Makes the operator's workspace (e.g. one whose dense products run in WebAssembly); default: a JS workspace. */
  workspace?: (mlp: Mlp, capacity: number) => MlpWorkspace;
}

export function curvatureOperator(
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  kind: CurvatureKind,
  options: CurvatureOptions = {},
): CurvatureOperator {
  if (!CURVATURE_KINDS.includes(kind)) throw new Error(`unknown curvature "${kind}"; expected one of ${CURVATURE_KINDS.join(', ')}`);
  if (theta.length !== mlp.paramCount) throw new Error(`θ has ${theta.length} entries but the MLP has P = ${mlp.paramCount} parameters`);
  if (data.x.length !== data.n * mlp.layers[0]) throw new Error(`data x has ${data.x.length} entries but n×d_in = ${data.n}×${mlp.layers[0]}`);
  const P = mlp.paramCount;
  const th = Float64Array.from(theta);
  const n = data.n;
  const cached = n <= (options.maxCachedRows ?? 4096);
  const capacity = cached ? n : Math.min(n, options.chunk ?? 256);
  const ws = options.workspace ? options.workspace(mlp, capacity) : new MlpWorkspace(mlp, capacity);
  if (ws.capacity !== capacity || ws.mlp.layers.length !== mlp.layers.length || ws.mlp.layers.some((s, i) => s !== mlp.layers[i])) {
    throw new Error(`curvature workspace holds ${ws.capacity} samples of layers [${ws.mlp.layers}]; expected ${capacity} of [${mlp.layers}]`);
  }
  const top = mlp.layers.length - 2;
  const scale = 1 / n;
  const scratch = kind === 'residual' ? new Float64Array(P) : null;
  if (cached) {
    forwardChunk(mlp, th, data.x, 0, n, ws);
    crossEntropyChunk(mlp, data.y, 0, n, ws, scale);
  }
  let products = 0;

  function chunkProduct(v: Float64Array, out: Float64Array, row0: number, count: number): void {
    if (!cached) {
      forwardChunk(mlp, th, data.x, row0, count, ws);
      crossEntropyChunk(mlp, data.y, row0, count, ws, scale);
    }
    rForwardChunk(mlp, th, v, data.x, row0, count, ws);
    logitCurvatureChunk(mlp, count, ws, scale, ws.rdelta[top]);
    if (kind === 'gaussNewton') {
      backwardChunk(mlp, th, data.x, row0, count, ws, out, ws.rdelta);
      return;
    }
    // rBackward leaves the top R{δ} = H_ℓ J v intact, so the residual reuses it for G v.
    rBackwardChunk(mlp, th, v, data.x, row0, count, ws, out);
    if (scratch) backwardChunk(mlp, th, data.x, row0, count, ws, scratch, ws.rdelta);
  }

  return {
    kind,
    size: P,
    get products() {
      return products;
    },
    apply(v, out) {
      if (v.length !== P || out.length !== P) throw new Error(`curvature operator of size ${P} got v of ${v.length} and out of ${out.length}`);
      out.fill(0);
      scratch?.fill(0);
      for (let row0 = 0; row0 < n; row0 += ws.capacity) chunkProduct(v, out, row0, Math.min(ws.capacity, n - row0));
      if (scratch) {
        for (let i = 0; i < P; i++) out[i] -= scratch[i];
      } else {
        for (let i = 0; i < P; i++) out[i] += weightDecay * v[i];
      }
      products++;
    },
  };
}
