// AssemblyScript source of the CPU path's WebAssembly SIMD kernels (f64x2).
// Built by scripts/build-wasm.mjs (`asc --enable simd -O3 --runtime stub`) into
// src/kernels/wasm/build/kernels.wasm. Every kernel is checked against its f64 JS
// reference in src/geometry (src/kernels/wasm/kernels.test.ts). All pointers are byte
// offsets into this module's memory; matrices are row-major, 16-byte aligned.

// ---------------------------------------------------------------------------------
// Memory: a bump allocator over the linear memory (the host keeps its operators here
// for the whole job; `heapReset` frees everything at once). Growing the memory detaches
// the host's typed-array views, so the host re-reads `memory.buffer` after allocating.

let heapTop: usize = 0;

function heapStart(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

export function heapReset(): void {
  heapTop = heapStart();
}

/** Allocates `bytes` (rounded up to 16) and returns the offset, or 0 when memory cannot grow. */
export function allocate(bytes: usize): usize {
  if (heapTop == 0) heapTop = heapStart();
  const at = heapTop;
  const size = (bytes + 15) & ~(<usize>15);
  // a request past the 32-bit address space would wrap `end` below `at`: refuse it
  if (size < bytes || at + size < at) return 0;
  const end = at + size;
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >>> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  heapTop = end;
  return at;
}

// ---------------------------------------------------------------------------------
// Dense products.

/** y_i = Σ_j A_ij x_j for rows [i0, i1) one at a time (two accumulators; the tail rows of matVec). */
function matVecRows(a: usize, x: usize, y: usize, i0: i32, i1: i32, m: i32): void {
  const m4 = m & ~3;
  for (let i = i0; i < i1; i++) {
    const row = a + (<usize>i * <usize>m) * 8;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let j = 0;
    for (; j < m4; j += 4) {
      const o = <usize>j * 8;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(row + o), v128.load(x + o)));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(row + o, 16), v128.load(x + o, 16)));
    }
    const s = f64x2.add(s0, s1);
    let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; j < m; j++) t += load<f64>(row + <usize>j * 8) * load<f64>(x + <usize>j * 8);
    store<f64>(y + <usize>i * 8, t);
  }
}

/**
 * y_i = Σ_j A_ij x_j, A n×m. Four rows per pass over x: four independent accumulators
 * (one row's single chain of adds bounds the loop by the add latency, ~12 GB/s here) and
 * each load of x serves four rows.
 */
export function matVec(a: usize, x: usize, y: usize, n: i32, m: i32): void {
  const m2 = m & ~1;
  const stride = <usize>m * 8;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = a + <usize>i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const xv = v128.load(x + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), xv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), xv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), xv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), xv));
    }
    let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let t1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    let t2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
    let t3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
    if (j < m) {
      const o = <usize>j * 8;
      const xj = load<f64>(x + o);
      t0 += load<f64>(r0 + o) * xj;
      t1 += load<f64>(r1 + o) * xj;
      t2 += load<f64>(r2 + o) * xj;
      t3 += load<f64>(r3 + o) * xj;
    }
    store<f64>(y + <usize>i * 8, t0);
    store<f64>(y + <usize>i * 8 + 8, t1);
    store<f64>(y + <usize>i * 8 + 16, t2);
    store<f64>(y + <usize>i * 8 + 24, t3);
  }
  matVecRows(a, x, y, i, n, m);
}

/** y_j = Σ_i A_ij u_i (Aᵀu), A n×m, four rows per pass over y. */
export function matVecTransposed(a: usize, u: usize, y: usize, n: i32, m: i32): void {
  memory.fill(y, 0, <usize>m * 8);
  const m2 = m & ~1;
  const stride = <usize>m * 8;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = a + <usize>i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    const u0 = f64x2.splat(load<f64>(u + <usize>i * 8));
    const u1 = f64x2.splat(load<f64>(u + <usize>i * 8 + 8));
    const u2 = f64x2.splat(load<f64>(u + <usize>i * 8 + 16));
    const u3 = f64x2.splat(load<f64>(u + <usize>i * 8 + 24));
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const p = f64x2.add(
        f64x2.add(f64x2.mul(v128.load(r0 + o), u0), f64x2.mul(v128.load(r1 + o), u1)),
        f64x2.add(f64x2.mul(v128.load(r2 + o), u2), f64x2.mul(v128.load(r3 + o), u3)),
      );
      v128.store(y + o, f64x2.add(v128.load(y + o), p));
    }
    for (; j < m; j++) {
      const o = <usize>j * 8;
      store<f64>(
        y + o,
        load<f64>(y + o) +
          (load<f64>(r0 + o) * load<f64>(u + <usize>i * 8) + load<f64>(r1 + o) * load<f64>(u + <usize>i * 8 + 8)) +
          (load<f64>(r2 + o) * load<f64>(u + <usize>i * 8 + 16) + load<f64>(r3 + o) * load<f64>(u + <usize>i * 8 + 24)),
      );
    }
  }
  for (; i < n; i++) {
    const r = a + <usize>i * stride;
    const ui = load<f64>(u + <usize>i * 8);
    const uv = f64x2.splat(ui);
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v128.load(r + o), uv)));
    }
    for (; j < m; j++) store<f64>(y + <usize>j * 8, load<f64>(y + <usize>j * 8) + load<f64>(r + <usize>j * 8) * ui);
  }
}

// ---------------------------------------------------------------------------------
// exp(x) for f64x2: x = k ln2 + r, |r| ≤ ln2/2, k = round(x / ln2) (the 1.5·2⁵² shifter),
// exp(r) by its Taylor polynomial to degree 13 (Estrin; truncation < 2e-17 relative),
// 2^k from the exponent bits. Inputs below −707 give 0 (exp(−707) ≈ 1e-307: what lies
// below is at or near the subnormal range, which we flush); inputs above 709.78 give +∞.
// The coefficients are read from memory: V8 rebuilds v128 constants inside loops.

const EXP_TABLE: usize = memory.data<f64>([
  1.4426950408889634, 1.4426950408889634, // 1/ln2
  6755399441055744.0, 6755399441055744.0, // 1.5·2^52
  0.6931471803691238, 0.6931471803691238, // ln2 hi
  1.9082149292705877e-10, 1.9082149292705877e-10, // ln2 lo
  1.0 / 6227020800.0, 1.0 / 6227020800.0, // 1/13!
  1.0 / 479001600.0, 1.0 / 479001600.0, // 1/12!
  1.0 / 39916800.0, 1.0 / 39916800.0,
  1.0 / 3628800.0, 1.0 / 3628800.0,
  1.0 / 362880.0, 1.0 / 362880.0,
  1.0 / 40320.0, 1.0 / 40320.0,
  1.0 / 5040.0, 1.0 / 5040.0,
  1.0 / 720.0, 1.0 / 720.0,
  1.0 / 120.0, 1.0 / 120.0,
  1.0 / 24.0, 1.0 / 24.0,
  1.0 / 6.0, 1.0 / 6.0,
  0.5, 0.5,
  1.0, 1.0,
  1.0, 1.0,
  -707.0, -707.0, // lower clamp (keeps k ≥ −1020)
  709.78, 709.78, // upper clamp
], 16);

// @ts-ignore: decorator
@inline
function expVec(x: v128): v128 {
  const t = EXP_TABLE;
  const lo = v128.load(t, 288);
  const hi = v128.load(t, 304);
  const under = f64x2.lt(x, lo);
  const over = f64x2.gt(x, hi);
  // pmin/pmax (one minpd/maxpd each; NaN in x passes through) rather than min/max, whose
  // IEEE NaN and −0 rules cost V8 several instructions each on x86
  const xc = f64x2.pmin(f64x2.pmax(x, lo), hi);
  const shifter = v128.load(t, 16);
  const kf = f64x2.add(f64x2.mul(xc, v128.load(t, 0)), shifter);
  const k = f64x2.sub(kf, shifter);
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(k, v128.load(t, 32))), f64x2.mul(k, v128.load(t, 48)));
  // Estrin's scheme (c_i = 1/i! at offset 272 − 16 i): dependency depth ~5 multiply-adds
  // instead of Horner's 13, which bounds this loop by latency otherwise.
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const q0 = f64x2.add(v128.load(t, 272), f64x2.mul(v128.load(t, 256), r));
  const q1 = f64x2.add(v128.load(t, 240), f64x2.mul(v128.load(t, 224), r));
  const q2 = f64x2.add(v128.load(t, 208), f64x2.mul(v128.load(t, 192), r));
  const q3 = f64x2.add(v128.load(t, 176), f64x2.mul(v128.load(t, 160), r));
  const q4 = f64x2.add(v128.load(t, 144), f64x2.mul(v128.load(t, 128), r));
  const q5 = f64x2.add(v128.load(t, 112), f64x2.mul(v128.load(t, 96), r));
  const q6 = f64x2.add(v128.load(t, 80), f64x2.mul(v128.load(t, 64), r));
  const s0 = f64x2.add(q0, f64x2.mul(q1, r2));
  const s1 = f64x2.add(q2, f64x2.mul(q3, r2));
  const s2 = f64x2.add(q4, f64x2.mul(q5, r2));
  const t0 = f64x2.add(s0, f64x2.mul(s1, r4));
  const t1 = f64x2.add(s2, f64x2.mul(q6, r4));
  const p = f64x2.add(t0, f64x2.mul(t1, r8));
  // 2^k: (k + 1023) << 52, with k read from the low mantissa bits of kf. k ≤ 1024 after the
  // clamp, so split 2^k = 2^(k−1)·2 to keep the biased exponent in range at the top.
  const ki = i64x2.sub(kf, shifter);
  const scale = i64x2.shl(i64x2.add(ki, i64x2.splat(1022)), 52);
  let e = f64x2.mul(f64x2.mul(p, scale), f64x2.splat(2.0));
  e = v128.andnot(e, under);
  e = v128.bitselect(f64x2.splat(Infinity), e, over);
  return e;
}

/** out_k = exp(x_k) for k < count (the vector exp above; scalar tail through the same code). */
export function expArray(x: usize, out: usize, count: i32): void {
  const c2 = count & ~1;
  let k = 0;
  for (; k < c2; k += 2) v128.store(out + <usize>k * 8, expVec(v128.load(x + <usize>k * 8)));
  if (k < count) {
    const v = expVec(f64x2.splat(load<f64>(x + <usize>k * 8)));
    store<f64>(out + <usize>k * 8, f64x2.extract_lane(v, 0));
  }
}

/**
 * out_i = max_j A_ij + log Σ_j exp(A_ij − max_j A_ij), A n×m (a row of −∞ gives −∞,
 * a row with +∞ or NaN gives its max, as the JS reference). The log is the scalar Math.log.
 */
export function rowLogSumExp(a: usize, out: usize, n: i32, m: i32): void {
  const m2 = m & ~1;
  for (let i = 0; i < n; i++) {
    const row = a + (<usize>i * <usize>m) * 8;
    let mv = f64x2.splat(-Infinity);
    let j = 0;
    for (; j < m2; j += 2) mv = f64x2.pmax(mv, v128.load(row + <usize>j * 8));
    let mx = Math.max(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1));
    for (; j < m; j++) mx = Math.max(mx, load<f64>(row + <usize>j * 8));
    if (!isFinite(mx)) {
      store<f64>(out + <usize>i * 8, mx);
      continue;
    }
    const shift = f64x2.splat(mx);
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    const m4 = m & ~3;
    j = 0;
    for (; j < m4; j += 4) {
      const o = row + <usize>j * 8;
      s0 = f64x2.add(s0, expVec(f64x2.sub(v128.load(o), shift)));
      s1 = f64x2.add(s1, expVec(f64x2.sub(v128.load(o, 16), shift)));
    }
    for (; j < m2; j += 2) s0 = f64x2.add(s0, expVec(f64x2.sub(v128.load(row + <usize>j * 8), shift)));
    const s = f64x2.add(s0, s1);
    let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (j < m) t += Math.exp(load<f64>(row + <usize>j * 8) - mx);
    store<f64>(out + <usize>i * 8, mx + Math.log(t));
  }
}

// ---------------------------------------------------------------------------------
// Scaling Sinkhorn (Cuturi 2013), P = diag(u) K diag(v), K = exp(−C/ε).

/**
 * K_k = exp(−C_k/ε), entries below 1e-300 flushed to 0 (subnormal arithmetic is 3–20×
 * slower and such an entry matters only when its whole row is that small, where the
 * scaling form has failed anyway). K may alias C.
 */
export function gibbsKernel(c: usize, k: usize, count: i32, epsilon: f64): void {
  const scale = f64x2.splat(-1.0 / epsilon);
  const tiny = f64x2.splat(1e-300);
  const c2 = count & ~1;
  let t = 0;
  for (; t < c2; t += 2) {
    const e = expVec(f64x2.mul(v128.load(c + <usize>t * 8), scale));
    v128.store(k + <usize>t * 8, v128.andnot(e, f64x2.lt(e, tiny)));
  }
  if (t < count) {
    const e = Math.exp(-load<f64>(c + <usize>t * 8) / epsilon);
    store<f64>(k + <usize>t * 8, e < 1e-300 ? 0 : e);
  }
}

/**
 * One fused pass over K (n×m) per Sinkhorn iteration. For each row i, while the row is
 * in cache:
 *   kv_i = Σ_j K_ij v_j            (v = vIn, the last column scaling)
 *   err += |uIn_i kv_i − a_i|      (the row marginal error of the plan (uIn, vIn))
 *   uOut_i = a_i / kv_i
 *   ktu_j += uOut_i K_ij            (this row's share of Kᵀ uOut)
 * then vOut_j = b_j / ktu_j. Returns the error term Σ_i |uIn_i kv_i − a_i|, i.e. the
 * marginal error of the previous iterate (its column term is 0 up to rounding).
 * Rows are taken four at a time (then two, then one) so each load of v and of ktu serves four rows.
 */
export function sinkhornScalingPass(
  k: usize, a: usize, b: usize, uIn: usize, vIn: usize, uOut: usize, vOut: usize, ktu: usize, n: i32, m: i32,
): f64 {
  memory.fill(ktu, 0, <usize>m * 8);
  const stride = <usize>m * 8;
  const m2 = m & ~1;
  let err: f64 = 0;
  let i = 0;
  // four rows at a time: four independent sums (one chain of adds per row bounds the loop by
  // the add latency) and each load of v, and each load and store of Kᵀu, serves four rows
  for (; i + 3 < n; i += 4) {
    const r0 = k + <usize>i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const vj = v128.load(vIn + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), vj));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), vj));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), vj));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), vj));
    }
    let kv0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let kv1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    let kv2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
    let kv3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
    if (j < m) {
      const o = <usize>j * 8;
      const vj = load<f64>(vIn + o);
      kv0 += load<f64>(r0 + o) * vj;
      kv1 += load<f64>(r1 + o) * vj;
      kv2 += load<f64>(r2 + o) * vj;
      kv3 += load<f64>(r3 + o) * vj;
    }
    const ai = a + <usize>i * 8;
    const ui = uIn + <usize>i * 8;
    const a0 = load<f64>(ai);
    const a1 = load<f64>(ai, 8);
    const a2 = load<f64>(ai, 16);
    const a3 = load<f64>(ai, 24);
    err += Math.abs(load<f64>(ui) * kv0 - a0) + Math.abs(load<f64>(ui, 8) * kv1 - a1);
    err += Math.abs(load<f64>(ui, 16) * kv2 - a2) + Math.abs(load<f64>(ui, 24) * kv3 - a3);
    const u0 = a0 / kv0;
    const u1 = a1 / kv1;
    const u2 = a2 / kv2;
    const u3 = a3 / kv3;
    const uo = uOut + <usize>i * 8;
    store<f64>(uo, u0);
    store<f64>(uo, u1, 8);
    store<f64>(uo, u2, 16);
    store<f64>(uo, u3, 24);
    const w0 = f64x2.splat(u0);
    const w1 = f64x2.splat(u1);
    const w2 = f64x2.splat(u2);
    const w3 = f64x2.splat(u3);
    j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const p = f64x2.add(
        f64x2.add(f64x2.mul(v128.load(r0 + o), w0), f64x2.mul(v128.load(r1 + o), w1)),
        f64x2.add(f64x2.mul(v128.load(r2 + o), w2), f64x2.mul(v128.load(r3 + o), w3)),
      );
      v128.store(ktu + o, f64x2.add(v128.load(ktu + o), p));
    }
    if (j < m) {
      const o = <usize>j * 8;
      store<f64>(ktu + o, load<f64>(ktu + o) + ((load<f64>(r0 + o) * u0 + load<f64>(r1 + o) * u1) + (load<f64>(r2 + o) * u2 + load<f64>(r3 + o) * u3)));
    }
  }
  for (; i + 1 < n; i += 2) {
    const r0 = k + <usize>i * stride;
    const r1 = r0 + stride;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const vj = v128.load(vIn + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), vj));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), vj));
    }
    let kv0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let kv1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    if (j < m) {
      const vj = load<f64>(vIn + <usize>j * 8);
      kv0 += load<f64>(r0 + <usize>j * 8) * vj;
      kv1 += load<f64>(r1 + <usize>j * 8) * vj;
    }
    const a0 = load<f64>(a + <usize>i * 8);
    const a1 = load<f64>(a + <usize>i * 8 + 8);
    err += Math.abs(load<f64>(uIn + <usize>i * 8) * kv0 - a0) + Math.abs(load<f64>(uIn + <usize>i * 8 + 8) * kv1 - a1);
    const u0 = a0 / kv0;
    const u1 = a1 / kv1;
    store<f64>(uOut + <usize>i * 8, u0);
    store<f64>(uOut + <usize>i * 8 + 8, u1);
    const w0 = f64x2.splat(u0);
    const w1 = f64x2.splat(u1);
    j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      v128.store(ktu + o, f64x2.add(v128.load(ktu + o), f64x2.add(f64x2.mul(v128.load(r0 + o), w0), f64x2.mul(v128.load(r1 + o), w1))));
    }
    if (j < m) {
      const o = <usize>j * 8;
      store<f64>(ktu + o, load<f64>(ktu + o) + (load<f64>(r0 + o) * u0 + load<f64>(r1 + o) * u1));
    }
  }
  if (i < n) {
    const r0 = k + <usize>i * stride;
    let kv0: f64 = 0;
    for (let j = 0; j < m; j++) kv0 += load<f64>(r0 + <usize>j * 8) * load<f64>(vIn + <usize>j * 8);
    const a0 = load<f64>(a + <usize>i * 8);
    err += Math.abs(load<f64>(uIn + <usize>i * 8) * kv0 - a0);
    const u0 = a0 / kv0;
    store<f64>(uOut + <usize>i * 8, u0);
    for (let j = 0; j < m; j++) store<f64>(ktu + <usize>j * 8, load<f64>(ktu + <usize>j * 8) + load<f64>(r0 + <usize>j * 8) * u0);
  }
  for (let j = 0; j < m; j++) store<f64>(vOut + <usize>j * 8, load<f64>(b + <usize>j * 8) / load<f64>(ktu + <usize>j * 8));
  return err;
}

/** P_ij = u_i K_ij v_j into `plan` (may alias K). */
export function scalingPlan(k: usize, u: usize, v: usize, plan: usize, n: i32, m: i32): void {
  const m2 = m & ~1;
  for (let i = 0; i < n; i++) {
    const o = (<usize>i * <usize>m) * 8;
    const ui = load<f64>(u + <usize>i * 8);
    const uv = f64x2.splat(ui);
    let j = 0;
    for (; j < m2; j += 2) {
      v128.store(plan + o + <usize>j * 8, f64x2.mul(f64x2.mul(v128.load(k + o + <usize>j * 8), uv), v128.load(v + <usize>j * 8)));
    }
    if (j < m) store<f64>(plan + o + <usize>j * 8, ui * load<f64>(k + o + <usize>j * 8) * load<f64>(v + <usize>j * 8));
  }
}

// ---------------------------------------------------------------------------------
// Log-domain Sinkhorn (Peyré & Cuturi 2019, Remark 4.23) on C itself, t_ij = (s − C_ij)·κ
// with κ = 1/ε: the row pass LSE_j((g_j − C_ij)/ε) and the column pass LSE_i((f_i − C_ij)/ε),
// n·m vector exps each. exp arguments are ≤ 0 after the shift, so every sum is ≥ 1 and the
// vector exp's flush below e^−707 changes it by < m·1e-307 (relative): nothing subnormal.

/**
 * out_i = LSE_j((s_j − A_ij)·κ), A n×m, two passes over each row while it is in cache (the
 * max, then Σ exp(t − max)). With `weighted` ≠ 0 also weighted_i = Σ_j A_ij e_ij / Σ_j e_ij,
 * e_ij = exp(t_ij − max) (the mean cost of row i of the plan: ⟨C, P⟩ for free).
 * A row whose max is ±∞ or NaN gives that max (weighted NaN), as the JS reference.
 */
export function rowLogSumExpShifted(a: usize, s: usize, out: usize, weighted: usize, n: i32, m: i32, scale: f64): void {
  const m2 = m & ~1;
  const k = f64x2.splat(scale);
  for (let i = 0; i < n; i++) {
    const row = a + (<usize>i * <usize>m) * 8;
    let mv = f64x2.splat(-Infinity);
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      mv = f64x2.pmax(mv, f64x2.mul(f64x2.sub(v128.load(s + o), v128.load(row + o)), k));
    }
    let mx = Math.max(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1));
    if (j < m) mx = Math.max(mx, (load<f64>(s + <usize>j * 8) - load<f64>(row + <usize>j * 8)) * scale);
    if (!isFinite(mx)) {
      store<f64>(out + <usize>i * 8, mx);
      if (weighted) store<f64>(weighted + <usize>i * 8, NaN);
      continue;
    }
    const shift = f64x2.splat(mx);
    let s0 = f64x2.splat(0);
    let w0 = f64x2.splat(0);
    j = 0;
    if (weighted) {
      for (; j < m2; j += 2) {
        const o = <usize>j * 8;
        const c = v128.load(row + o);
        const e = expVec(f64x2.sub(f64x2.mul(f64x2.sub(v128.load(s + o), c), k), shift));
        s0 = f64x2.add(s0, e);
        w0 = f64x2.add(w0, f64x2.mul(c, e));
      }
    } else {
      let s1 = f64x2.splat(0);
      const m4 = m & ~3;
      for (; j < m4; j += 4) {
        const o = <usize>j * 8;
        s0 = f64x2.add(s0, expVec(f64x2.sub(f64x2.mul(f64x2.sub(v128.load(s + o), v128.load(row + o)), k), shift)));
        s1 = f64x2.add(s1, expVec(f64x2.sub(f64x2.mul(f64x2.sub(v128.load(s + o, 16), v128.load(row + o, 16)), k), shift)));
      }
      for (; j < m2; j += 2) {
        const o = <usize>j * 8;
        s0 = f64x2.add(s0, expVec(f64x2.sub(f64x2.mul(f64x2.sub(v128.load(s + o), v128.load(row + o)), k), shift)));
      }
      s0 = f64x2.add(s0, s1);
    }
    let t = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let w = f64x2.extract_lane(w0, 0) + f64x2.extract_lane(w0, 1);
    if (j < m) {
      const c = load<f64>(row + <usize>j * 8);
      const e = Math.exp((load<f64>(s + <usize>j * 8) - c) * scale - mx);
      t += e;
      w += c * e;
    }
    store<f64>(out + <usize>i * 8, mx + Math.log(t));
    if (weighted) store<f64>(weighted + <usize>i * 8, w / t);
  }
}

/** Start of the running column max: finite (so M − max(M, t) is never −∞ − (−∞)), below any real t. */
const COLUMN_START: f64 = -1e300;

/**
 * out_j = LSE_i((s_i − A_ij)·κ), A n×m, in one pass over A row by row (two rows at a time)
 * with a running max M_j (in `out`) and sum S_j (in `work`, m f64) per column: a pair of
 * columns whose max moves is rescaled, S ← S·exp(M − M′) + Σ exp(t − M′), otherwise
 * S += Σ exp(t − M) (one exp per entry; the max moves about log n times per column for
 * rows in random order). Finally out_j = M_j + log S_j (−∞ for a column of −∞).
 */
export function columnLogSumExpShifted(a: usize, s: usize, out: usize, work: usize, n: i32, m: i32, scale: f64): void {
  const m2 = m & ~1;
  const k = f64x2.splat(scale);
  const stride = <usize>m * 8;
  for (let j = 0; j < m; j++) {
    store<f64>(out + <usize>j * 8, COLUMN_START);
    store<f64>(work + <usize>j * 8, 0);
  }
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = a + <usize>i * stride;
    const r1 = r0 + stride;
    const s0 = f64x2.splat(load<f64>(s + <usize>i * 8));
    const s1 = f64x2.splat(load<f64>(s + <usize>i * 8 + 8));
    let j = 0;
    for (; j < m2; j += 2) {
      const o = <usize>j * 8;
      const t0 = f64x2.mul(f64x2.sub(s0, v128.load(r0 + o)), k);
      const t1 = f64x2.mul(f64x2.sub(s1, v128.load(r1 + o)), k);
      const mx = v128.load(out + o);
      let sum = v128.load(work + o);
      const top = f64x2.pmax(t0, t1);
      if (v128.any_true(f64x2.gt(top, mx))) {
        const nm = f64x2.pmax(mx, top);
        sum = f64x2.add(f64x2.mul(sum, expVec(f64x2.sub(mx, nm))), f64x2.add(expVec(f64x2.sub(t0, nm)), expVec(f64x2.sub(t1, nm))));
        v128.store(out + o, nm);
      } else {
        sum = f64x2.add(sum, f64x2.add(expVec(f64x2.sub(t0, mx)), expVec(f64x2.sub(t1, mx))));
      }
      v128.store(work + o, sum);
    }
    if (j < m) columnScalar(r0, s + <usize>i * 8, out, work, j, scale, 2, stride);
  }
  if (i < n) {
    const r0 = a + <usize>i * stride;
    for (let j = 0; j < m; j++) columnScalar(r0, s + <usize>i * 8, out, work, j, scale, 1, stride);
  }
  for (let j = 0; j < m; j++) {
    const o = <usize>j * 8;
    store<f64>(out + o, load<f64>(out + o) + Math.log(load<f64>(work + o)));
  }
}

/** The scalar form of the column update for column j over `rows` consecutive rows from r0. */
function columnScalar(r0: usize, s: usize, out: usize, work: usize, j: i32, scale: f64, rows: i32, stride: usize): void {
  const o = <usize>j * 8;
  for (let r = 0; r < rows; r++) {
    const t = (load<f64>(s + <usize>r * 8) - load<f64>(r0 + <usize>r * stride + o)) * scale;
    const mx = load<f64>(out + o);
    if (t > mx) {
      store<f64>(work + o, load<f64>(work + o) * Math.exp(mx - t) + 1);
      store<f64>(out + o, t);
    } else store<f64>(work + o, load<f64>(work + o) + Math.exp(t - mx));
  }
}

/** P_ij = exp((f_i + g_j − C_ij)·κ) into `plan` (may alias C); entries below e^−707 are 0. */
export function logDomainPlan(c: usize, f: usize, g: usize, plan: usize, n: i32, m: i32, scale: f64): void {
  const m2 = m & ~1;
  const k = f64x2.splat(scale);
  for (let i = 0; i < n; i++) {
    const o = (<usize>i * <usize>m) * 8;
    const fi = load<f64>(f + <usize>i * 8);
    const fv = f64x2.splat(fi);
    let j = 0;
    for (; j < m2; j += 2) {
      const q = <usize>j * 8;
      v128.store(plan + o + q, expVec(f64x2.mul(f64x2.sub(f64x2.add(fv, v128.load(g + q)), v128.load(c + o + q)), k)));
    }
    if (j < m) store<f64>(plan + o + <usize>j * 8, Math.exp((fi + load<f64>(g + <usize>j * 8) - load<f64>(c + o + <usize>j * 8)) * scale));
  }
}

const SUM_LOW: f64 = 1e-280;
const SUM_HIGH: f64 = 1e280;

/**
 * The row pass of the cached-kernel log-domain Sinkhorn fused with the next column pass's
 * product (one read of K̃ and C per iteration instead of K̃ twice and C once). For each row i:
 *   rowSum_i = Σ_j K̃_ij v_j, rowWeighted_i = Σ_j C_ij K̃_ij v_j,
 *   lse_i = log rowSum_i − f̂_i/ε, or, with rowSum_i outside [1e-280, 1e280], the exact
 *           LSE_j((g_j − C_ij)/ε) into exactRow_i (and its mean cost into exactRowWeighted_i),
 *   fNext_i = ε (log a_i − lse_i), u_i = exp((fNext_i − f̂_i)/ε) (0 for −∞),
 *   colSum_j += K̃_ij u_i  (the next column pass's Σ_i K̃_ij u_i while the row is in cache).
 * colSum is valid for the next iteration unless the references move (then it is recomputed).
 */
export function logSinkhornRowPass(
  k: usize, c: usize, v: usize, g: usize, fRef: usize, logA: usize, fNext: usize, u: usize,
  rowSum: usize, rowWeighted: usize, exactRow: usize, exactRowWeighted: usize, colSum: usize,
  n: i32, m: i32, epsilon: f64,
): void {
  const inv = 1.0 / epsilon;
  const m2 = m & ~1;
  const stride = <usize>m * 8;
  memory.fill(colSum, 0, stride);
  for (let i = 0; i < n; i++) {
    const rk = k + <usize>i * stride;
    const rc = c + <usize>i * stride;
    let s0 = f64x2.splat(0);
    let w0 = f64x2.splat(0);
    let j = 0;
    for (; j < m2; j += 2) {
      const q = <usize>j * 8;
      const e = f64x2.mul(v128.load(rk + q), v128.load(v + q));
      s0 = f64x2.add(s0, e);
      w0 = f64x2.add(w0, f64x2.mul(v128.load(rc + q), e));
    }
    let sum = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let w = f64x2.extract_lane(w0, 0) + f64x2.extract_lane(w0, 1);
    if (j < m) {
      const q = <usize>j * 8;
      const e = load<f64>(rk + q) * load<f64>(v + q);
      sum += e;
      w += load<f64>(rc + q) * e;
    }
    const o = <usize>i * 8;
    store<f64>(rowSum + o, sum);
    store<f64>(rowWeighted + o, w);
    const ref = load<f64>(fRef + o);
    let lse: f64;
    if (sum >= SUM_LOW && sum <= SUM_HIGH) lse = Math.log(sum) - ref * inv;
    else {
      rowLogSumExpShifted(rc, g, exactRow + o, exactRowWeighted + o, 1, m, inv);
      lse = load<f64>(exactRow + o);
    }
    const fn = epsilon * (load<f64>(logA + o) - lse);
    store<f64>(fNext + o, fn);
    const ui = fn == -Infinity ? 0.0 : Math.exp((fn - ref) * inv);
    store<f64>(u + o, ui);
    if (ui == 0) continue;
    const uv = f64x2.splat(ui);
    j = 0;
    for (; j < m2; j += 2) {
      const q = <usize>j * 8;
      v128.store(colSum + q, f64x2.add(v128.load(colSum + q), f64x2.mul(v128.load(rk + q), uv)));
    }
    if (j < m) store<f64>(colSum + <usize>j * 8, load<f64>(colSum + <usize>j * 8) + load<f64>(rk + <usize>j * 8) * ui);
  }
}

export * from './gemm';
export * from './heat';
export * from './zeros';
