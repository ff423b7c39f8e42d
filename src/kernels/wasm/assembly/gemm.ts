// Register-blocked GEMM for the MLP layer products (f64x2 SIMD); the f64 reference is
// src/geometry/nn/layerProducts.ts, the host code src/kernels/wasm/denseProducts.ts.
//
//   gemmStrided:  C[r, c] (+)= Σ_k X(r, k) · Y[k, c]
//
// X is read as scalars at x + 8·(r·xr + k·xk), so the same kernel serves X = D (xr = width,
// xk = 1) and X = Dᵀ (xr = 1, xk = width); Y and C are row-major with row strides ys and cs.
// Blocks of 4 rows × 4 columns keep 8 f64x2 accumulators in registers; per step of k it loads
// two vectors of Y and four scalars of X for 16 multiply-adds. All pointers are byte offsets.

@inline function blockStore(p: usize, acc: v128, accumulate: bool): void {
  if (accumulate) v128.store(p, f64x2.add(v128.load(p), acc));
  else v128.store(p, acc);
}

@inline function scalarStore(p: usize, acc: f64, accumulate: bool): void {
  if (accumulate) store<f64>(p, load<f64>(p) + acc);
  else store<f64>(p, acc);
}

export function gemmStrided(
  c: usize, cs: i32,
  x: usize, xr: i32, xk: i32,
  y: usize, ys: i32,
  rows: i32, inner: i32, cols: i32,
  accumulate: bool,
): void {
  const xrB = <usize>xr << 3;
  const xkB = <usize>xk << 3;
  const ysB = <usize>ys << 3;
  const csB = <usize>cs << 3;
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const x0 = x + <usize>r * xrB;
    const x1 = x0 + xrB;
    const x2 = x1 + xrB;
    const x3 = x2 + xrB;
    const c0 = c + <usize>r * csB;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      let a00 = f64x2.splat(0), a01 = f64x2.splat(0);
      let a10 = f64x2.splat(0), a11 = f64x2.splat(0);
      let a20 = f64x2.splat(0), a21 = f64x2.splat(0);
      let a30 = f64x2.splat(0), a31 = f64x2.splat(0);
      let yp = y + (<usize>j << 3);
      let kx: usize = 0;
      for (let k = 0; k < inner; k++) {
        const y0 = v128.load(yp);
        const y1 = v128.load(yp, 16);
        const s0 = v128.load64_splat(x0 + kx);
        const s1 = v128.load64_splat(x1 + kx);
        const s2 = v128.load64_splat(x2 + kx);
        const s3 = v128.load64_splat(x3 + kx);
        a00 = f64x2.add(a00, f64x2.mul(s0, y0));
        a01 = f64x2.add(a01, f64x2.mul(s0, y1));
        a10 = f64x2.add(a10, f64x2.mul(s1, y0));
        a11 = f64x2.add(a11, f64x2.mul(s1, y1));
        a20 = f64x2.add(a20, f64x2.mul(s2, y0));
        a21 = f64x2.add(a21, f64x2.mul(s2, y1));
        a30 = f64x2.add(a30, f64x2.mul(s3, y0));
        a31 = f64x2.add(a31, f64x2.mul(s3, y1));
        yp += ysB;
        kx += xkB;
      }
      const p0 = c0 + (<usize>j << 3);
      const p1 = p0 + csB;
      const p2 = p1 + csB;
      const p3 = p2 + csB;
      blockStore(p0, a00, accumulate);
      blockStore(p0 + 16, a01, accumulate);
      blockStore(p1, a10, accumulate);
      blockStore(p1 + 16, a11, accumulate);
      blockStore(p2, a20, accumulate);
      blockStore(p2 + 16, a21, accumulate);
      blockStore(p3, a30, accumulate);
      blockStore(p3 + 16, a31, accumulate);
    }
    for (; j + 1 < cols; j += 2) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let yp = y + (<usize>j << 3);
      let kx: usize = 0;
      for (let k = 0; k < inner; k++) {
        const y0 = v128.load(yp);
        a0 = f64x2.add(a0, f64x2.mul(v128.load64_splat(x0 + kx), y0));
        a1 = f64x2.add(a1, f64x2.mul(v128.load64_splat(x1 + kx), y0));
        a2 = f64x2.add(a2, f64x2.mul(v128.load64_splat(x2 + kx), y0));
        a3 = f64x2.add(a3, f64x2.mul(v128.load64_splat(x3 + kx), y0));
        yp += ysB;
        kx += xkB;
      }
      const p0 = c0 + (<usize>j << 3);
      blockStore(p0, a0, accumulate);
      blockStore(p0 + csB, a1, accumulate);
      blockStore(p0 + 2 * csB, a2, accumulate);
      blockStore(p0 + 3 * csB, a3, accumulate);
    }
    if (j < cols) {
      let a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0;
      let yp = y + (<usize>j << 3);
      let kx: usize = 0;
      for (let k = 0; k < inner; k++) {
        const yv = load<f64>(yp);
        a0 += load<f64>(x0 + kx) * yv;
        a1 += load<f64>(x1 + kx) * yv;
        a2 += load<f64>(x2 + kx) * yv;
        a3 += load<f64>(x3 + kx) * yv;
        yp += ysB;
        kx += xkB;
      }
      const p0 = c0 + (<usize>j << 3);
      scalarStore(p0, a0, accumulate);
      scalarStore(p0 + csB, a1, accumulate);
      scalarStore(p0 + 2 * csB, a2, accumulate);
      scalarStore(p0 + 3 * csB, a3, accumulate);
    }
  }
  for (; r < rows; r++) {
    const x0 = x + <usize>r * xrB;
    const c0 = c + <usize>r * csB;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
      let yp = y + (<usize>j << 3);
      let kx: usize = 0;
      for (let k = 0; k < inner; k++) {
        const s = v128.load64_splat(x0 + kx);
        a0 = f64x2.add(a0, f64x2.mul(s, v128.load(yp)));
        a1 = f64x2.add(a1, f64x2.mul(s, v128.load(yp, 16)));
        yp += ysB;
        kx += xkB;
      }
      const p0 = c0 + (<usize>j << 3);
      blockStore(p0, a0, accumulate);
      blockStore(p0 + 16, a1, accumulate);
    }
    for (; j < cols; j++) {
      let a: f64 = 0;
      let yp = y + (<usize>j << 3);
      let kx: usize = 0;
      for (let k = 0; k < inner; k++) {
        a += load<f64>(x0 + kx) * load<f64>(yp);
        yp += ysB;
        kx += xkB;
      }
      scalarStore(c0 + (<usize>j << 3), a, accumulate);
    }
  }
}

/** dst (cols × rows) = srcᵀ, src rows × cols row-major with row stride srcStride. */
export function transposeInto(dst: usize, src: usize, srcStride: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const s = src + ((<usize>r * <usize>srcStride) << 3);
    for (let j = 0; j < cols; j++) store<f64>(dst + ((<usize>j * <usize>rows + <usize>r) << 3), load<f64>(s + (<usize>j << 3)));
  }
}
