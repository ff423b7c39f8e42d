// AssemblyScript kernels of the radii chapter's certified zero search, re-exported by
// kernels.ts: Newton's iteration for F(τ) = Σ_k exp(z_k + a_k τ) and the argument-principle
// zero count on a circle. Scalar f64 (each Newton step depends on the last; the terms of one
// sample are a handful), the same operations in the same order as the JS references in
// src/geometry/ghosts (partitionAt in partition.ts, newtonZero and windingNumber in zeros.ts);
// exp, cos, sin, atan2 and hypot are AssemblyScript's own (musl's algorithms), so results agree
// with the reference to rounding, not bit for bit (tests/unit/radii/wasmZeros.test.ts).
// z and a are K f64 at byte offsets into this module's memory.

// F·e^{−shift} and F'·e^{−shift} at x + iy, and Σ|terms|·e^{−shift}: the last partitionAt.
let pRe: f64 = 0;
let pIm: f64 = 0;
let pDre: f64 = 0;
let pDim: f64 = 0;
let pMagnitude: f64 = 0;

function partitionAtZeros(z: usize, a: usize, count: i32, x: f64, y: f64): void {
  let shift = -Infinity;
  for (let k = 0; k < count; k++) {
    const e = load<f64>(z + <usize>k * 8) + load<f64>(a + <usize>k * 8) * x;
    if (e > shift) shift = e;
  }
  let re: f64 = 0;
  let im: f64 = 0;
  let dre: f64 = 0;
  let dim: f64 = 0;
  let magnitude: f64 = 0;
  for (let k = 0; k < count; k++) {
    const ak = load<f64>(a + <usize>k * 8);
    const m = Math.exp(load<f64>(z + <usize>k * 8) + ak * x - shift);
    const c = m * Math.cos(ak * y);
    const s = m * Math.sin(ak * y);
    re += c;
    im += s;
    dre += ak * c;
    dim += ak * s;
    magnitude += m;
  }
  pRe = re;
  pIm = im;
  pDre = dre;
  pDim = dim;
  pMagnitude = magnitude;
}

/**
 * Newton's iteration τ ← τ − F/F' from (x, y), each step capped at maxStep (newtonZero).
 * Writes out[0] = re, out[1] = im, out[2] = 1 when |F| ≤ residual·Σ|terms| at the limit, else 0.
 */
export function zeroNewton(z: usize, a: usize, count: i32, x: f64, y: f64, maxStep: f64, iterations: i32, residual: f64, out: usize): void {
  for (let it = 0; it < iterations; it++) {
    partitionAtZeros(z, a, count, x, y);
    const den = pDre * pDre + pDim * pDim;
    if (!(den > 0)) break;
    let sx = (pRe * pDre + pIm * pDim) / den;
    let sy = (pIm * pDre - pRe * pDim) / den;
    const len = Math.hypot(sx, sy);
    if (!isFinite(len)) break;
    if (len > maxStep) {
      sx *= maxStep / len;
      sy *= maxStep / len;
    }
    x -= sx;
    y -= sy;
    if (len <= 1e-15 * (1 + Math.hypot(x, y))) break;
  }
  partitionAtZeros(z, a, count, x, y);
  store<f64>(out, x);
  store<f64>(out, y, 8);
  store<f64>(out, Math.hypot(pRe, pIm) <= residual * pMagnitude ? 1.0 : 0.0, 16);
}

function phaseAt(z: usize, c: usize, count: i32, r: f64, t: f64): f64 {
  partitionAtZeros(z, c, count, r * Math.cos(t), r * Math.sin(t));
  return Math.atan2(pIm, pRe);
}

function wrapPhase(d: f64): f64 {
  return d > Math.PI ? d - 2 * Math.PI : d < -Math.PI ? d + 2 * Math.PI : d;
}

function arcWinding(z: usize, c: usize, count: i32, r: f64, t0: f64, p0: f64, t1: f64, p1: f64, depth: i32): f64 {
  const d = wrapPhase(p1 - p0);
  if (Math.abs(d) <= Math.PI / 4 || depth >= 24) return d;
  const tm = 0.5 * (t0 + t1);
  const pm = phaseAt(z, c, count, r, tm);
  return arcWinding(z, c, count, r, t0, p0, tm, pm, depth + 1) + arcWinding(z, c, count, r, tm, pm, t1, p1, depth + 1);
}

/**
 * Zeros of F inside |τ| < r by the argument principle (windingNumber): slopes centred into
 * `work` (K f64), max(128, 8·Δ_a·r) arcs, an arc turning more than π/4 halved to depth 24.
 */
export function zeroWinding(z: usize, a: usize, count: i32, r: f64, work: usize): i32 {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < count; k++) {
    lo = Math.min(lo, load<f64>(a + <usize>k * 8));
    hi = Math.max(hi, load<f64>(a + <usize>k * 8));
  }
  for (let k = 0; k < count; k++) store<f64>(work + <usize>k * 8, load<f64>(a + <usize>k * 8) - 0.5 * (lo + hi));
  const arcs = <i32>Math.max(128, Math.min(<f64>(1 << 20), Math.ceil(8 * (hi - lo) * r)));
  let total: f64 = 0;
  const first = phaseAt(z, work, count, r, 0);
  let prev = first;
  for (let i = 1; i <= arcs; i++) {
    const t1 = (2 * Math.PI * <f64>i) / <f64>arcs;
    const p1 = i == arcs ? first : phaseAt(z, work, count, r, t1);
    total += arcWinding(z, work, count, r, (2 * Math.PI * <f64>(i - 1)) / <f64>arcs, prev, t1, p1, 0);
    prev = p1;
  }
  return <i32>Math.round(total / (2 * Math.PI));
}
