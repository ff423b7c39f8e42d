/**
 * The three dense products of an MLP layer over a batch, in f64, register-blocked four ways
 * (four samples, or four outputs, per pass over a row) so each value loaded from memory is used
 * four times. Matrices are row-major Float64Array slices given by a base offset.
 *
 *   affineRows:       Z[i, o] (+)= c[o] + Σ_j A[i, j] M[o, j]      (forward: Z = A Mᵀ + c)
 *   rowsTimesMatrix:  B[i, j] (+)= Σ_o D[i, o] M[o, j]             (backward: B = D M)
 *   accumulateOuter:  G[o, j]  += Σ_i D[i, o] A[i, j]              (weight gradient: G += Dᵀ A)
 *
 * A is count × ni, M is no × ni, Z and D are count × no, B is count × ni, G is no × ni.
 */

/** Z = (accumulate ? Z : 0) + (bias ? c : 0) + A Mᵀ. */
export function affineRows(
  z: Float64Array,
  a: Float64Array,
  aBase: number,
  m: Float64Array,
  mBase: number,
  bias: Float64Array | null,
  biasBase: number,
  count: number,
  ni: number,
  no: number,
  accumulate: boolean,
): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const r0 = aBase + i * ni;
    const r1 = r0 + ni;
    const r2 = r1 + ni;
    const r3 = r2 + ni;
    const z0 = i * no;
    for (let o = 0; o < no; o++) {
      const w = mBase + o * ni;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < ni; j++) {
        const wj = m[w + j];
        s0 += a[r0 + j] * wj;
        s1 += a[r1 + j] * wj;
        s2 += a[r2 + j] * wj;
        s3 += a[r3 + j] * wj;
      }
      const c = bias ? bias[biasBase + o] : 0;
      const t = z0 + o;
      if (accumulate) {
        z[t] += s0 + c;
        z[t + no] += s1 + c;
        z[t + 2 * no] += s2 + c;
        z[t + 3 * no] += s3 + c;
      } else {
        z[t] = s0 + c;
        z[t + no] = s1 + c;
        z[t + 2 * no] = s2 + c;
        z[t + 3 * no] = s3 + c;
      }
    }
  }
  for (; i < count; i++) {
    const r = aBase + i * ni;
    for (let o = 0; o < no; o++) {
      const w = mBase + o * ni;
      let s = bias ? bias[biasBase + o] : 0;
      for (let j = 0; j < ni; j++) s += a[r + j] * m[w + j];
      if (accumulate) z[i * no + o] += s;
      else z[i * no + o] = s;
    }
  }
}

/** B = (accumulate ? B : 0) + D M. */
export function rowsTimesMatrix(
  b: Float64Array,
  d: Float64Array,
  m: Float64Array,
  mBase: number,
  count: number,
  no: number,
  ni: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < count; i++) {
    const bi = i * ni;
    const di = i * no;
    if (!accumulate) for (let j = 0; j < ni; j++) b[bi + j] = 0;
    let o = 0;
    for (; o + 3 < no; o += 4) {
      const d0 = d[di + o];
      const d1 = d[di + o + 1];
      const d2 = d[di + o + 2];
      const d3 = d[di + o + 3];
      const w0 = mBase + o * ni;
      const w1 = w0 + ni;
      const w2 = w1 + ni;
      const w3 = w2 + ni;
      for (let j = 0; j < ni; j++) b[bi + j] += d0 * m[w0 + j] + d1 * m[w1 + j] + d2 * m[w2 + j] + d3 * m[w3 + j];
    }
    for (; o < no; o++) {
      const dio = d[di + o];
      const w = mBase + o * ni;
      for (let j = 0; j < ni; j++) b[bi + j] += dio * m[w + j];
    }
  }
}

/** G += Dᵀ A (G at gBase, no × ni), and, when biasBase ≥ 0, G[biasBase + o] += Σ_i D[i, o]. */
export function accumulateOuter(
  g: Float64Array,
  gBase: number,
  biasBase: number,
  d: Float64Array,
  a: Float64Array,
  aBase: number,
  count: number,
  no: number,
  ni: number,
): void {
  for (let o = 0; o < no; o++) {
    const w = gBase + o * ni;
    let i = 0;
    let column = 0;
    for (; i + 3 < count; i += 4) {
      const d0 = d[i * no + o];
      const d1 = d[(i + 1) * no + o];
      const d2 = d[(i + 2) * no + o];
      const d3 = d[(i + 3) * no + o];
      column += d0 + d1 + d2 + d3;
      const r0 = aBase + i * ni;
      const r1 = r0 + ni;
      const r2 = r1 + ni;
      const r3 = r2 + ni;
      for (let j = 0; j < ni; j++) g[w + j] += d0 * a[r0 + j] + d1 * a[r1 + j] + d2 * a[r2 + j] + d3 * a[r3 + j];
    }
    for (; i < count; i++) {
      const dio = d[i * no + o];
      column += dio;
      const r = aBase + i * ni;
      for (let j = 0; j < ni; j++) g[w + j] += dio * a[r + j];
    }
    if (biasBase >= 0) g[biasBase + o] += column;
  }
}
