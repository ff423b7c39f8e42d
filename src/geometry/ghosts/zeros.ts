/**
 * The complex zeros of the partition function F(τ) = Σ_k exp(z_k + a_k τ) — the
 * "ghosts of softmax" (Sao 2026). log F, hence the cross-entropy along the step, is
 * analytic exactly where F ≠ 0, so the Taylor radius at τ = 0 is ρ* = min |τ₀| over
 * zeros τ₀. For K = 2 this is the closed form of `binaryExactRadius`; for K > 2 it is
 * found here numerically:
 *
 * 1. Merge equal slopes (`mergeEqualSlopes`) so the extreme slopes are unique.
 * 2. Zeros lie in the vertical strip x_L ≤ Re τ ≤ x_R where no single term outweighs the
 *    sum of the others (`zeroStrip`); |τ₀| ≥ ρ_a = π/Δ_a (see radius.ts).
 * 3. Newton's iteration τ ← τ − F/F' from a grid of starts in the strip, upper half-plane
 *    only (z and a are real, so zeros come in conjugate pairs). A limit converges to a
 *    zero when |F| ≤ ZERO_RESIDUAL·Σ_k|terms|; limits closer than a millionth of ρ_a merge.
 * 4. Certificate: the argument principle on the circle |τ| = (1 − CERTIFICATE_GAP)·d,
 *    d the nearest zero found, must count no zero. If it counts one (a start missed it),
 *    the radius is bracketed by bisection on the zero count and Newton is restarted from
 *    the point of that circle where |F|/Σ|terms| is smallest.
 *
 * Deviation from the paper: the paper bounds the radius (ρ_a) and solves the binary case;
 * the certified nearest zero for K > 2 is this chapter's addition.
 */
import type { Complex } from './complex';
import { mergeEqualSlopes, partitionAt } from './partition';
import { radiusFromSpread } from './radius';

/** A limit of Newton's iteration is a zero when |F| ≤ this × Σ_k |exp(z_k + a_k τ)|. */
export const ZERO_RESIDUAL = 1e-10;
/** The certificate checks the disk of radius (1 − gap)·d: no zero nearer than that. */
export const CERTIFICATE_GAP = 1e-3;

export interface NearestZero {
  /** The nearest zero with Im ≥ 0 (its conjugate is a zero too), or null when F has none (Δ_a = 0). */
  zero: Complex | null;
  /** ρ* = |zero|, +Infinity when there is none. */
  distance: number;
  /** Every distinct zero found with Im > 0, nearest first. */
  zeros: Complex[];
  /** True when the argument principle confirmed that no zero is nearer than (1 − CERTIFICATE_GAP)·distance. */
  certified: boolean;
  /** ρ_a = π/Δ_a of the same sample, for reference (distance ≥ ρ_a always). */
  lowerBound: number;
}

export interface ZeroSearchOptions {
  /** Starts across the strip (default 5). */
  columns?: number;
  /** Starts up the imaginary axis, spaced ρ_a/2 (default 8). */
  rows?: number;
  /** Newton iterations per start (default 80). */
  iterations?: number;
  /** The two hot loops, e.g. the WebAssembly ones (src/kernels/wasm/zeroSearch.ts); default: newtonZero and windingNumber here. */
  kernels?: ZeroSearchKernels;
}

/** Newton's iteration and the zero count, as `newtonZero` and `windingNumber` compute them. */
export interface ZeroSearchKernels {
  newton(z: ArrayLike<number>, a: ArrayLike<number>, x: number, y: number, maxStep: number, iterations?: number): { re: number; im: number; converged: boolean };
  winding(z: ArrayLike<number>, a: ArrayLike<number>, r: number): number;
}

/**
 * The strip [x_L, x_R] of real parts where zeros can lie, for merged slopes sorted
 * ascending (at least two). Beyond x_R the top-slope term exceeds all others together:
 * x_R solves LSE_{j<K}(z_j − z_K + (a_j − a_K)x) = 0, a strictly decreasing function of x.
 */
export function zeroStrip(z: ArrayLike<number>, a: ArrayLike<number>): { left: number; right: number } {
  const K = a.length;
  if (K < 2) throw new Error(`zero strip needs at least two distinct slopes, got ${K}`);
  const right = solveMonotone((x) => {
    let m = -Infinity;
    for (let j = 0; j < K - 1; j++) m = Math.max(m, z[j] - z[K - 1] + (a[j] - a[K - 1]) * x);
    let s = 0;
    for (let j = 0; j < K - 1; j++) s += Math.exp(z[j] - z[K - 1] + (a[j] - a[K - 1]) * x - m);
    return -(m + Math.log(s));
  });
  const left = solveMonotone((x) => {
    let m = -Infinity;
    for (let j = 1; j < K; j++) m = Math.max(m, z[j] - z[0] + (a[j] - a[0]) * x);
    let s = 0;
    for (let j = 1; j < K; j++) s += Math.exp(z[j] - z[0] + (a[j] - a[0]) * x - m);
    return m + Math.log(s);
  });
  return { left, right };
}

/** Root of a continuous increasing function by bracketing outward from 0, then bisection. */
function solveMonotone(f: (x: number) => number): number {
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 200 && f(lo) > 0; i++) lo *= 2;
  for (let i = 0; i < 200 && f(hi) < 0; i++) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Newton's iteration for F from (x, y); each step is capped at `maxStep` so a start near a
 * critical point of F does not fly off. Returns the limit and whether it is a zero.
 */
export function newtonZero(
  z: ArrayLike<number>,
  a: ArrayLike<number>,
  x: number,
  y: number,
  maxStep: number,
  iterations = 80,
): { re: number; im: number; converged: boolean } {
  for (let it = 0; it < iterations; it++) {
    const v = partitionAt(z, a, x, y);
    const den = v.dre * v.dre + v.dim * v.dim;
    if (!(den > 0)) break;
    let sx = (v.re * v.dre + v.im * v.dim) / den;
    let sy = (v.im * v.dre - v.re * v.dim) / den;
    const len = Math.hypot(sx, sy);
    if (!Number.isFinite(len)) break;
    if (len > maxStep) {
      sx *= maxStep / len;
      sy *= maxStep / len;
    }
    x -= sx;
    y -= sy;
    if (len <= 1e-15 * (1 + Math.hypot(x, y))) break;
  }
  const v = partitionAt(z, a, x, y);
  return { re: x, im: y, converged: Math.hypot(v.re, v.im) <= ZERO_RESIDUAL * v.magnitude };
}

/**
 * Number of zeros of F inside |τ| < r by the argument principle: the winding of F(re^{iθ})
 * around 0. The slopes are first centred, F(τ)·e^{−cτ} with c = (max a + min a)/2, which has
 * the same zeros and no winding of its own, so each term turns by at most (Δ_a/2)·r per
 * radian; the circle starts with max(128, 8·Δ_a·r) arcs so that carrier turns less than π/8
 * per arc (no aliasing by multiples of 2π). An arc whose phase change still exceeds π/4 — a
 * zero close to the circle — is halved recursively (to depth 24), so a zero just outside the
 * circle costs a few dozen extra evaluations instead of a uniformly fine sampling.
 */
export function windingNumber(z: ArrayLike<number>, a: ArrayLike<number>, r: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < a.length; k++) {
    lo = Math.min(lo, a[k]);
    hi = Math.max(hi, a[k]);
  }
  const centred = Float64Array.from(a, (v) => v - 0.5 * (lo + hi));
  const phase = (t: number) => {
    const v = partitionAt(z, centred, r * Math.cos(t), r * Math.sin(t));
    return Math.atan2(v.im, v.re);
  };
  const wrap = (d: number) => (d > Math.PI ? d - 2 * Math.PI : d < -Math.PI ? d + 2 * Math.PI : d);
  const arc = (t0: number, p0: number, t1: number, p1: number, depth: number): number => {
    const d = wrap(p1 - p0);
    if (Math.abs(d) <= Math.PI / 4 || depth >= 24) return d;
    const tm = 0.5 * (t0 + t1);
    const pm = phase(tm);
    return arc(t0, p0, tm, pm, depth + 1) + arc(tm, pm, t1, p1, depth + 1);
  };
  const arcs = Math.max(128, Math.min(1 << 20, Math.ceil(8 * (hi - lo) * r)));
  let total = 0;
  const first = phase(0);
  let prev = first;
  for (let i = 1; i <= arcs; i++) {
    const t1 = (2 * Math.PI * i) / arcs;
    const p1 = i === arcs ? first : phase(t1);
    total += arc((2 * Math.PI * (i - 1)) / arcs, prev, t1, p1, 0);
    prev = p1;
  }
  return Math.round(total / (2 * Math.PI));
}

/** Nearest zero of F for one sample (logits z, slopes a, K entries each). */
export function nearestZero(z: ArrayLike<number>, a: ArrayLike<number>, options: ZeroSearchOptions = {}): NearestZero {
  const merged = mergeEqualSlopes(z, a);
  const K = merged.a.length;
  const spread = K > 0 ? merged.a[K - 1] - merged.a[0] : 0;
  const lowerBound = radiusFromSpread(spread);
  if (K < 2) return { zero: null, distance: Infinity, zeros: [], certified: true, lowerBound };
  // Centre the logits: F's zeros do not change when every z_k moves by the same constant.
  const zc = Float64Array.from(merged.z);
  const zmax = Math.max(...zc);
  for (let k = 0; k < K; k++) zc[k] -= zmax;
  const ac = merged.a;

  const newton = options.kernels?.newton ?? newtonZero;
  const windings = options.kernels?.winding ?? windingNumber;
  const columns = options.columns ?? 5;
  const rows = options.rows ?? 8;
  const iterations = options.iterations ?? 80;
  const strip = zeroStrip(zc, ac);
  const found: Complex[] = [];
  const addZero = (re: number, im: number) => {
    if (im < 0) im = -im;
    if (!Number.isFinite(re) || !Number.isFinite(im)) return;
    for (const f of found) if (Math.hypot(f.re - re, f.im - im) < 1e-6 * lowerBound) return;
    found.push({ re, im });
  };
  const maxStep = lowerBound;
  const cols = strip.right - strip.left > 1e-9 * lowerBound ? columns : 1;
  for (let i = 0; i < cols; i++) {
    const x = cols === 1 ? 0.5 * (strip.left + strip.right) : strip.left + ((strip.right - strip.left) * i) / (cols - 1);
    for (let j = 1; j <= rows; j++) {
      const r = newton(zc, ac, x, 0.5 * j * lowerBound, maxStep, iterations);
      if (r.converged) addZero(r.re, r.im);
    }
  }
  found.sort((p, q) => Math.hypot(p.re, p.im) - Math.hypot(q.re, q.im));

  // Certify the nearest; if a zero was missed, bracket it by the zero count and restart Newton there.
  let certified = false;
  for (let attempt = 0; attempt < 4 && !certified; attempt++) {
    const d = found.length > 0 ? Math.hypot(found[0].re, found[0].im) : Infinity;
    if (d < Infinity && windings(zc, ac, (1 - CERTIFICATE_GAP) * d) === 0) {
      certified = true;
      break;
    }
    let hi = d < Infinity ? (1 - CERTIFICATE_GAP) * d : Math.max(Math.abs(strip.left), Math.abs(strip.right)) + 8 * lowerBound;
    for (let i = 0; i < 60 && windings(zc, ac, hi) === 0; i++) hi *= 2;
    let lo = lowerBound * (1 - 1e-12);
    while (hi / lo - 1 > 1e-5) {
      const mid = 0.5 * (lo + hi);
      if (windings(zc, ac, mid) > 0) hi = mid;
      else lo = mid;
    }
    // The missed zero lies in the thin annulus lo ≤ |τ| ≤ hi: start Newton at the smallest |F| there.
    const samples = 4096;
    let best = -1;
    let bestValue = Infinity;
    for (let i = 0; i <= samples / 2; i++) {
      const t = (Math.PI * i) / (samples / 2);
      const v = partitionAt(zc, ac, hi * Math.cos(t), hi * Math.sin(t));
      const ratio = Math.hypot(v.re, v.im) / v.magnitude;
      if (ratio < bestValue) {
        bestValue = ratio;
        best = t;
      }
    }
    const r = newton(zc, ac, hi * Math.cos(best), hi * Math.sin(best), 0.05 * lowerBound, iterations * 2);
    if (r.converged) addZero(r.re, r.im);
    found.sort((p, q) => Math.hypot(p.re, p.im) - Math.hypot(q.re, q.im));
  }
  const zero = found.length > 0 ? found[0] : null;
  return { zero, distance: zero ? Math.hypot(zero.re, zero.im) : Infinity, zeros: found, certified, lowerBound };
}
