// AssemblyScript kernels of the heat-geodesic chapter's CPU path (f64x2), re-exported by
// kernels.ts. Each keeps its f64 JS reference's arithmetic per entry (the same operations in the
// same order, no fused multiply-add), so the lanes reproduce the reference to the last bit; the
// SIMD lanes run over independent entries (two candidate points, two columns, two coordinates).
// References: src/geometry/linalg/distances.ts (pairwiseSquaredDistances, knnBruteForce),
// src/geometry/heat/sparse.ts (csrMatMat), src/geometry/heat/chebyshev.ts (the recurrence of
// heatKernelChebyshevDense), src/geometry/heat/mds.ts (guttmanTransform, stress).
// Index arrays are i32, values f64; all pointers are byte offsets into this module's memory.

// ---------------------------------------------------------------------------------
// Distances and neighbours.

/** D_ij = Σ_c (x_ic − y_jc)², n×m; two j per lane pair, each summed over c in order. */
export function pairwiseSquaredDistancesHeat(x: usize, y: usize, out: usize, n: i32, m: i32, d: i32): void {
  const rowBytes = <usize>d * 8;
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * rowBytes;
    const o = out + <usize>i * <usize>m * 8;
    let j = 0;
    for (; j + 1 < m; j += 2) {
      const y0 = y + <usize>j * rowBytes;
      const y1 = y0 + rowBytes;
      let s = f64x2.splat(0);
      for (let c = 0; c < d; c++) {
        const cb = <usize>c * 8;
        const xv = f64x2.splat(load<f64>(xi + cb));
        const yv = f64x2.replace_lane(f64x2.splat(load<f64>(y0 + cb)), 1, load<f64>(y1 + cb));
        const t = f64x2.sub(xv, yv);
        s = f64x2.add(s, f64x2.mul(t, t));
      }
      v128.store(o + <usize>j * 8, s);
    }
    if (j < m) {
      const yj = y + <usize>j * rowBytes;
      let s: f64 = 0;
      for (let c = 0; c < d; c++) {
        const t = load<f64>(xi + <usize>c * 8) - load<f64>(yj + <usize>c * 8);
        s += t * t;
      }
      store<f64>(o + <usize>j * 8, s);
    }
  }
}

/** Inserts (s, j) into the sorted list of k (strict <: the smaller index stays first on ties). */
@inline
function insertNeighbour(bestD: usize, bestI: usize, k: i32, s: f64, j: i32): void {
  if (s < load<f64>(bestD + <usize>(k - 1) * 8)) {
    let p = k - 1;
    while (p > 0 && load<f64>(bestD + <usize>(p - 1) * 8) > s) {
      store<f64>(bestD + <usize>p * 8, load<f64>(bestD + <usize>(p - 1) * 8));
      store<i32>(bestI + <usize>p * 4, load<i32>(bestI + <usize>(p - 1) * 4));
      p--;
    }
    store<f64>(bestD + <usize>p * 8, s);
    store<i32>(bestI + <usize>p * 4, j);
  }
}

/**
 * The k nearest neighbours of every row of x (n×d) among the others, nearest first: `indices`
 * (n×k i32) and `dist` (n×k squared distances). Candidates are scanned in index order, as in
 * knnBruteForce, two distances per f64x2; `work` holds k f64 + k i32.
 */
export function knnBruteForceHeat(x: usize, n: i32, d: i32, k: i32, indices: usize, dist: usize, work: usize): void {
  const rowBytes = <usize>d * 8;
  const bestD = work;
  const bestI = work + <usize>k * 8;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      store<f64>(bestD + <usize>p * 8, Infinity);
      store<i32>(bestI + <usize>p * 4, -1);
    }
    const xi = x + <usize>i * rowBytes;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const y0 = x + <usize>j * rowBytes;
      const y1 = y0 + rowBytes;
      let s = f64x2.splat(0);
      for (let c = 0; c < d; c++) {
        const cb = <usize>c * 8;
        const t = f64x2.sub(f64x2.splat(load<f64>(xi + cb)), f64x2.replace_lane(f64x2.splat(load<f64>(y0 + cb)), 1, load<f64>(y1 + cb)));
        s = f64x2.add(s, f64x2.mul(t, t));
      }
      if (j != i) insertNeighbour(bestD, bestI, k, f64x2.extract_lane(s, 0), j);
      if (j + 1 != i) insertNeighbour(bestD, bestI, k, f64x2.extract_lane(s, 1), j + 1);
    }
    if (j < n && j != i) {
      const yj = x + <usize>j * rowBytes;
      let s: f64 = 0;
      for (let c = 0; c < d; c++) {
        const t = load<f64>(xi + <usize>c * 8) - load<f64>(yj + <usize>c * 8);
        s += t * t;
      }
      insertNeighbour(bestD, bestI, k, s, j);
    }
    memory.copy(indices + <usize>i * <usize>k * 4, bestI, <usize>k * 4);
    memory.copy(dist + <usize>i * <usize>k * 8, bestD, <usize>k * 8);
  }
}

// ---------------------------------------------------------------------------------
// Sparse (CSR) × dense blocks.

/** out = A X, A rows×cols CSR (rowPtr, colIndex i32; values f64), X cols×m row-major; two columns per lane pair. */
export function csrMatMatHeat(rowPtr: usize, colIndex: usize, values: usize, rows: i32, x: usize, m: i32, out: usize): void {
  const stride = <usize>m * 8;
  memory.fill(out, 0, <usize>rows * stride);
  const m2 = m & ~1;
  for (let i = 0; i < rows; i++) {
    const oi = out + <usize>i * stride;
    const end = load<i32>(rowPtr + <usize>(i + 1) * 4);
    for (let p = load<i32>(rowPtr + <usize>i * 4); p < end; p++) {
      const v = load<f64>(values + <usize>p * 8);
      const vv = f64x2.splat(v);
      const oj = x + <usize>load<i32>(colIndex + <usize>p * 4) * stride;
      let q = 0;
      for (; q < m2; q += 2) {
        const b = <usize>q * 8;
        v128.store(oi + b, f64x2.add(v128.load(oi + b), f64x2.mul(vv, v128.load(oj + b))));
      }
      if (q < m) store<f64>(oi + <usize>q * 8, load<f64>(oi + <usize>q * 8) + v * load<f64>(oj + <usize>q * 8));
    }
  }
}

/**
 * One Chebyshev step on the rows `ball[0..size)` (the rows within k hops of the columns):
 *   first (k = 1): cur = −prev + (L/φ) prev,  y = (c0/2) prev + ck cur;
 *   later: prev ← −prev − 2 cur + (2L/φ) cur,  y += ck prev (T_k over T_{k−2}).
 * Blocks are n×m row-major; the same per-entry arithmetic as chebyshevColumns (chebyshev.ts).
 */
export function chebyshevStepHeat(
  rowPtr: usize, colIndex: usize, values: usize, ball: usize, size: i32,
  prev: usize, cur: usize, y: usize, m: i32, phi: f64, c0: f64, ck: f64, first: i32,
): void {
  const stride = <usize>m * 8;
  const m2 = m & ~1;
  const two = f64x2.splat(2);
  const half0 = f64x2.splat(0.5 * c0);
  const ckv = f64x2.splat(ck);
  // first: write cur from prev; later: write prev from cur
  const dst = first ? cur : prev;
  const src = first ? prev : cur;
  for (let r = 0; r < size; r++) {
    const i = load<i32>(ball + <usize>r * 4);
    const oi = <usize>i * stride;
    let q = 0;
    if (first) {
      for (; q < m2; q += 2) v128.store(cur + oi + <usize>q * 8, f64x2.neg(v128.load(prev + oi + <usize>q * 8)));
      if (q < m) store<f64>(cur + oi + <usize>q * 8, -load<f64>(prev + oi + <usize>q * 8));
    } else {
      for (; q < m2; q += 2) {
        const b = oi + <usize>q * 8;
        v128.store(prev + b, f64x2.sub(f64x2.neg(v128.load(prev + b)), f64x2.mul(two, v128.load(cur + b))));
      }
      if (q < m) {
        const b = oi + <usize>q * 8;
        store<f64>(prev + b, -load<f64>(prev + b) - 2 * load<f64>(cur + b));
      }
    }
    const end = load<i32>(rowPtr + <usize>(i + 1) * 4);
    for (let p = load<i32>(rowPtr + <usize>i * 4); p < end; p++) {
      const raw = load<f64>(values + <usize>p * 8);
      const v = first ? raw / phi : (2 * raw) / phi;
      const vv = f64x2.splat(v);
      const oj = <usize>load<i32>(colIndex + <usize>p * 4) * stride;
      q = 0;
      for (; q < m2; q += 2) {
        const b = <usize>q * 8;
        v128.store(dst + oi + b, f64x2.add(v128.load(dst + oi + b), f64x2.mul(vv, v128.load(src + oj + b))));
      }
      if (q < m) store<f64>(dst + oi + <usize>q * 8, load<f64>(dst + oi + <usize>q * 8) + v * load<f64>(src + oj + <usize>q * 8));
    }
    q = 0;
    if (first) {
      for (; q < m2; q += 2) {
        const b = oi + <usize>q * 8;
        v128.store(y + b, f64x2.add(f64x2.mul(half0, v128.load(prev + b)), f64x2.mul(ckv, v128.load(cur + b))));
      }
      if (q < m) {
        const b = oi + <usize>q * 8;
        store<f64>(y + b, 0.5 * c0 * load<f64>(prev + b) + ck * load<f64>(cur + b));
      }
    } else {
      for (; q < m2; q += 2) {
        const b = oi + <usize>q * 8;
        v128.store(y + b, f64x2.add(v128.load(y + b), f64x2.mul(ckv, v128.load(prev + b))));
      }
      if (q < m) {
        const b = oi + <usize>q * 8;
        store<f64>(y + b, load<f64>(y + b) + ck * load<f64>(prev + b));
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// SMACOF (stress majorization).

/** The Guttman transform X⁺ = (1/n) B(X) X into `out` (n×dims), as guttmanTransform (mds.ts); dims = 2 holds a point in one f64x2. */
export function guttmanTransformHeat(x: usize, delta: usize, n: i32, dims: i32, out: usize): void {
  const nf = <f64>n;
  if (dims == 2) {
    for (let i = 0; i < n; i++) {
      const xi = v128.load(x + <usize>i * 16);
      const row = delta + <usize>i * <usize>n * 8;
      let acc = f64x2.splat(0);
      let diag: f64 = 0;
      for (let j = 0; j < n; j++) {
        if (j == i) continue;
        const xj = v128.load(x + <usize>j * 16);
        const t = f64x2.sub(xi, xj);
        const sq = f64x2.mul(t, t);
        const dist = Math.sqrt(f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1));
        const bij = dist > 0 ? -load<f64>(row + <usize>j * 8) / dist : 0;
        diag -= bij;
        acc = f64x2.add(acc, f64x2.mul(f64x2.splat(bij), xj));
      }
      v128.store(out + <usize>i * 16, f64x2.div(f64x2.add(acc, f64x2.mul(f64x2.splat(diag), xi)), f64x2.splat(nf)));
    }
    return;
  }
  const rb = <usize>dims * 8;
  memory.fill(out, 0, <usize>n * rb);
  for (let i = 0; i < n; i++) {
    const oi = out + <usize>i * rb;
    const xi = x + <usize>i * rb;
    const row = delta + <usize>i * <usize>n * 8;
    let diag: f64 = 0;
    for (let j = 0; j < n; j++) {
      if (j == i) continue;
      const xj = x + <usize>j * rb;
      let d2: f64 = 0;
      for (let c = 0; c < dims; c++) {
        const t = load<f64>(xi + <usize>c * 8) - load<f64>(xj + <usize>c * 8);
        d2 += t * t;
      }
      const dist = Math.sqrt(d2);
      const bij = dist > 0 ? -load<f64>(row + <usize>j * 8) / dist : 0;
      diag -= bij;
      for (let c = 0; c < dims; c++) store<f64>(oi + <usize>c * 8, load<f64>(oi + <usize>c * 8) + bij * load<f64>(xj + <usize>c * 8));
    }
    for (let c = 0; c < dims; c++) store<f64>(oi + <usize>c * 8, (load<f64>(oi + <usize>c * 8) + diag * load<f64>(xi + <usize>c * 8)) / nf);
  }
}

/** Raw stress Σ_{i<j} (‖x_i − x_j‖ − δ_ij)², summed in the reference's order (mds.ts `stress`). */
export function stressHeat(x: usize, delta: usize, n: i32, dims: i32): f64 {
  let s: f64 = 0;
  const rb = <usize>dims * 8;
  for (let i = 0; i < n; i++) {
    const row = delta + <usize>i * <usize>n * 8;
    if (dims == 2) {
      const xi = v128.load(x + <usize>i * 16);
      for (let j = i + 1; j < n; j++) {
        const t = f64x2.sub(xi, v128.load(x + <usize>j * 16));
        const sq = f64x2.mul(t, t);
        const r = Math.sqrt(f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1)) - load<f64>(row + <usize>j * 8);
        s += r * r;
      }
      continue;
    }
    const xi = x + <usize>i * rb;
    for (let j = i + 1; j < n; j++) {
      const xj = x + <usize>j * rb;
      let d2: f64 = 0;
      for (let c = 0; c < dims; c++) {
        const t = load<f64>(xi + <usize>c * 8) - load<f64>(xj + <usize>c * 8);
        d2 += t * t;
      }
      const r = Math.sqrt(d2) - load<f64>(row + <usize>j * 8);
      s += r * r;
    }
  }
  return s;
}
