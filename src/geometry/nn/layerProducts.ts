/**
 * The three dense products of an MLP layer over a batch, in f64, register-blocked (four samples
 * and, for the backward products, four outputs per pass over a row) so each value loaded from
 * memory is used several times and a weight matrix is streamed once per four samples. Matrices are row-major Float64Array slices given by a base offset.
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
    let o = 0;
    // Two outputs × four samples: eight accumulators stay in registers.
    for (; o + 1 < no; o += 2) {
      const w = mBase + o * ni;
      const u = w + ni;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let j = 0; j < ni; j++) {
        const wj = m[w + j];
        const uj = m[u + j];
        const a0 = a[r0 + j];
        const a1 = a[r1 + j];
        const a2 = a[r2 + j];
        const a3 = a[r3 + j];
        s0 += a0 * wj;
        s1 += a1 * wj;
        s2 += a2 * wj;
        s3 += a3 * wj;
        t0 += a0 * uj;
        t1 += a1 * uj;
        t2 += a2 * uj;
        t3 += a3 * uj;
      }
      const c = bias ? bias[biasBase + o] : 0;
      const e = bias ? bias[biasBase + o + 1] : 0;
      const t = z0 + o;
      if (accumulate) {
        z[t] += s0 + c;
        z[t + no] += s1 + c;
        z[t + 2 * no] += s2 + c;
        z[t + 3 * no] += s3 + c;
        z[t + 1] += t0 + e;
        z[t + 1 + no] += t1 + e;
        z[t + 1 + 2 * no] += t2 + e;
        z[t + 1 + 3 * no] += t3 + e;
      } else {
        z[t] = s0 + c;
        z[t + no] = s1 + c;
        z[t + 2 * no] = s2 + c;
        z[t + 3 * no] = s3 + c;
        z[t + 1] = t0 + e;
        z[t + 1 + no] = t1 + e;
        z[t + 1 + 2 * no] = t2 + e;
        z[t + 1 + 3 * no] = t3 + e;
      }
    }
    for (; o < no; o++) {
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

/** B = (accumulate ? B : 0) + D M, four rows of B by four rows of M at a time. */
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
  if (!accumulate) b.fill(0, 0, count * ni);
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const b0 = i * ni;
    const b1 = b0 + ni;
    const b2 = b1 + ni;
    const b3 = b2 + ni;
    const e0 = i * no;
    const e1 = e0 + no;
    const e2 = e1 + no;
    const e3 = e2 + no;
    let o = 0;
    for (; o + 3 < no; o += 4) {
      const d00 = d[e0 + o], d01 = d[e0 + o + 1], d02 = d[e0 + o + 2], d03 = d[e0 + o + 3];
      const d10 = d[e1 + o], d11 = d[e1 + o + 1], d12 = d[e1 + o + 2], d13 = d[e1 + o + 3];
      const d20 = d[e2 + o], d21 = d[e2 + o + 1], d22 = d[e2 + o + 2], d23 = d[e2 + o + 3];
      const d30 = d[e3 + o], d31 = d[e3 + o + 1], d32 = d[e3 + o + 2], d33 = d[e3 + o + 3];
      const w0 = mBase + o * ni;
      const w1 = w0 + ni;
      const w2 = w1 + ni;
      const w3 = w2 + ni;
      for (let j = 0; j < ni; j++) {
        const m0 = m[w0 + j];
        const m1 = m[w1 + j];
        const m2 = m[w2 + j];
        const m3 = m[w3 + j];
        b[b0 + j] += d00 * m0 + d01 * m1 + d02 * m2 + d03 * m3;
        b[b1 + j] += d10 * m0 + d11 * m1 + d12 * m2 + d13 * m3;
        b[b2 + j] += d20 * m0 + d21 * m1 + d22 * m2 + d23 * m3;
        b[b3 + j] += d30 * m0 + d31 * m1 + d32 * m2 + d33 * m3;
      }
    }
    for (; o < no; o++) {
      const f0 = d[e0 + o];
      const f1 = d[e1 + o];
      const f2 = d[e2 + o];
      const f3 = d[e3 + o];
      const w = mBase + o * ni;
      for (let j = 0; j < ni; j++) {
        const mj = m[w + j];
        b[b0 + j] += f0 * mj;
        b[b1 + j] += f1 * mj;
        b[b2 + j] += f2 * mj;
        b[b3 + j] += f3 * mj;
      }
    }
  }
  for (; i < count; i++) {
    const bi = i * ni;
    const di = i * no;
    for (let o = 0; o < no; o++) {
      const dio = d[di + o];
      const w = mBase + o * ni;
      for (let j = 0; j < ni; j++) b[bi + j] += dio * m[w + j];
    }
  }
}

/**
 * G += Dᵀ A (G at gBase, no × ni), and, when biasBase ≥ 0, G[biasBase + o] += Σ_i D[i, o];
 * four rows of G by four samples at a time.
 */
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
  let o = 0;
  for (; o + 3 < no; o += 4) {
    const w0 = gBase + o * ni;
    const w1 = w0 + ni;
    const w2 = w1 + ni;
    const w3 = w2 + ni;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let i = 0;
    for (; i + 3 < count; i += 4) {
      const e0 = i * no + o;
      const e1 = e0 + no;
      const e2 = e1 + no;
      const e3 = e2 + no;
      const d00 = d[e0], d01 = d[e0 + 1], d02 = d[e0 + 2], d03 = d[e0 + 3];
      const d10 = d[e1], d11 = d[e1 + 1], d12 = d[e1 + 2], d13 = d[e1 + 3];
      const d20 = d[e2], d21 = d[e2 + 1], d22 = d[e2 + 2], d23 = d[e2 + 3];
      const d30 = d[e3], d31 = d[e3 + 1], d32 = d[e3 + 2], d33 = d[e3 + 3];
      c0 += d00 + d10 + d20 + d30;
      c1 += d01 + d11 + d21 + d31;
      c2 += d02 + d12 + d22 + d32;
      c3 += d03 + d13 + d23 + d33;
      const r0 = aBase + i * ni;
      const r1 = r0 + ni;
      const r2 = r1 + ni;
      const r3 = r2 + ni;
      for (let j = 0; j < ni; j++) {
        const a0 = a[r0 + j];
        const a1 = a[r1 + j];
        const a2 = a[r2 + j];
        const a3 = a[r3 + j];
        g[w0 + j] += d00 * a0 + d10 * a1 + d20 * a2 + d30 * a3;
        g[w1 + j] += d01 * a0 + d11 * a1 + d21 * a2 + d31 * a3;
        g[w2 + j] += d02 * a0 + d12 * a1 + d22 * a2 + d32 * a3;
        g[w3 + j] += d03 * a0 + d13 * a1 + d23 * a2 + d33 * a3;
      }
    }
    for (; i < count; i++) {
      const e = i * no + o;
      const f0 = d[e];
      const f1 = d[e + 1];
      const f2 = d[e + 2];
      const f3 = d[e + 3];
      c0 += f0;
      c1 += f1;
      c2 += f2;
      c3 += f3;
      const r = aBase + i * ni;
      for (let j = 0; j < ni; j++) {
        const aj = a[r + j];
        g[w0 + j] += f0 * aj;
        g[w1 + j] += f1 * aj;
        g[w2 + j] += f2 * aj;
        g[w3 + j] += f3 * aj;
      }
    }
    if (biasBase >= 0) {
      g[biasBase + o] += c0;
      g[biasBase + o + 1] += c1;
      g[biasBase + o + 2] += c2;
      g[biasBase + o + 3] += c3;
    }
  }
  for (; o < no; o++) {
    const w = gBase + o * ni;
    let column = 0;
    for (let i = 0; i < count; i++) {
      const dio = d[i * no + o];
      column += dio;
      const r = aBase + i * ni;
      for (let j = 0; j < ni; j++) g[w + j] += dio * a[r + j];
    }
    if (biasBase >= 0) g[biasBase + o] += column;
  }
}
