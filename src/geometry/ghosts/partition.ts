/**
 * The softmax partition function along a step direction (Sao 2026, "Ghosts of
 * Softmax", §2): with logits linearized along θ(τ) = θ₀ + τv,
 *
 *   F(τ) = Σ_k exp(z_k + a_k τ),   F'(τ) = Σ_k a_k exp(z_k + a_k τ),
 *
 * at complex τ = x + iy. z (logits) and a (slopes a_k = ∇z_k·v) are real, K entries.
 * Each term has modulus exp(z_k + a_k x), so the values are returned scaled by
 * e^{−m}, m = max_k (z_k + a_k x) (the max-shift): the scaled F never overflows, and
 * the ratios that matter (F/F', the phase of F, |F| / Σ|terms|) do not depend on m.
 */

export interface PartitionValue {
  /** F(τ)·e^{−shift}. */
  re: number;
  im: number;
  /** F'(τ)·e^{−shift}. */
  dre: number;
  dim: number;
  /** Σ_k |exp(z_k + a_k τ)|·e^{−shift} (≥ 1): the scale against which |F| is judged small. */
  magnitude: number;
  /** m = max_k (z_k + a_k x). */
  shift: number;
}

/** F and F' at τ = x + iy for the K logits and slopes starting at `offset` of z and a. */
export function partitionAt(
  z: ArrayLike<number>,
  a: ArrayLike<number>,
  x: number,
  y: number,
  offset = 0,
  count = z.length - offset,
): PartitionValue {
  let shift = -Infinity;
  for (let k = 0; k < count; k++) {
    const e = z[offset + k] + a[offset + k] * x;
    if (e > shift) shift = e;
  }
  let re = 0;
  let im = 0;
  let dre = 0;
  let dim = 0;
  let magnitude = 0;
  for (let k = 0; k < count; k++) {
    const ak = a[offset + k];
    const m = Math.exp(z[offset + k] + ak * x - shift);
    const c = m * Math.cos(ak * y);
    const s = m * Math.sin(ak * y);
    re += c;
    im += s;
    dre += ak * c;
    dim += ak * s;
    magnitude += m;
  }
  return { re, im, dre, dim, magnitude, shift };
}

/** log F(x) at real x, stably: m + log Σ exp(z_k + a_k x − m). */
export function logPartitionReal(z: ArrayLike<number>, a: ArrayLike<number>, x: number, offset = 0, count = z.length - offset): number {
  const v = partitionAt(z, a, x, 0, offset, count);
  return v.shift + Math.log(v.re);
}

/**
 * Merges classes with exactly equal slopes: e^{z_i + aτ} + e^{z_j + aτ} = e^{LSE(z_i, z_j) + aτ},
 * so F has the same zeros with one term per distinct slope. Returned sorted by slope.
 * Needed because the zero strip (see `zeroStrip`) is bounded only when the extreme slopes are unique.
 */
export function mergeEqualSlopes(
  z: ArrayLike<number>,
  a: ArrayLike<number>,
  offset = 0,
  count = z.length - offset,
): { z: Float64Array; a: Float64Array } {
  const order = Array.from({ length: count }, (_, k) => k).sort((i, j) => a[offset + i] - a[offset + j]);
  const zs: number[] = [];
  const as: number[] = [];
  for (const k of order) {
    const ak = a[offset + k];
    const zk = z[offset + k];
    const last = as.length - 1;
    if (last >= 0 && as[last] === ak) {
      const m = Math.max(zs[last], zk);
      zs[last] = m + Math.log(Math.exp(zs[last] - m) + Math.exp(zk - m));
    } else {
      zs.push(zk);
      as.push(ak);
    }
  }
  return { z: Float64Array.from(zs), a: Float64Array.from(as) };
}
