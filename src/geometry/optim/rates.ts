/**
 * Convergence rates read off an error curve e_t (t = 0…T) by least squares:
 * - the log–log slope s of log e_t against log t (e_t ≈ C t^s: sublinear, s = −2 would match an
 *   Ω(1/T²) bound with equality),
 * - the log–linear rate ρ = −d(ln e_t)/dt (e_t ≈ C e^{−ρ t}: linear convergence).
 * The window is [from, to] (inclusive); non-finite and non-positive errors are skipped, and so are
 * errors below `floor` (rounding noise once a run has converged).
 */
export interface FitWindow {
  from: number;
  to: number;
  floor?: number;
}

function fit(e: ArrayLike<number>, w: FitWindow, x: (t: number) => number): { slope: number; points: number } {
  const floor = w.floor ?? 0;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = Math.max(1, w.from); t <= Math.min(w.to, e.length - 1); t++) {
    const v = e[t];
    if (!(Number.isFinite(v) && v > floor)) continue;
    const a = x(t);
    const b = Math.log(v);
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    sxy += a * b;
  }
  const den = n * sxx - sx * sx;
  return { slope: n >= 2 && den > 0 ? (n * sxy - sx * sy) / den : NaN, points: n };
}

/** Least-squares slope of log e against log t over the window. */
export function logLogSlope(e: ArrayLike<number>, w: FitWindow): number {
  return fit(e, w, Math.log).slope;
}

/** ρ = −(least-squares slope of ln e against t) over the window: the per-iteration linear rate. */
export function linearRate(e: ArrayLike<number>, w: FitWindow): number {
  return -fit(e, w, (t) => t).slope;
}

/** The last t ≤ to with e_t > floor (where a linear run reaches rounding noise), or `from` if none. */
export function lastAbove(e: ArrayLike<number>, floor: number, from: number, to: number): number {
  let last = from;
  for (let t = from; t <= Math.min(to, e.length - 1); t++) if (e[t] > floor) last = t;
  return last;
}

export interface CurveFit {
  /** log–log slope over [T/10, T]. */
  logLogSlope: number;
  /** Linear rate ρ over [window.from, window.to]. */
  rate: number;
  window: { from: number; to: number };
}

/**
 * The fits shown in the paper check for one error curve of T + 1 points: the log–log slope over the
 * last decade [T/10, T], and the linear rate over the second half of the stretch before the error
 * falls below 1e-10 · e₀ (rounding noise), starting no earlier than `start`.
 */
export function fitCurve(e: ArrayLike<number>, iterations: number, start = 1): CurveFit {
  const floor = 1e-10 * (Number.isFinite(e[0]) ? e[0] : 1);
  const to = lastAbove(e, floor, 0, iterations);
  const from = Math.min(to, Math.max(start, Math.floor(to / 2)));
  return {
    logLogSlope: logLogSlope(e, { from: Math.max(1, Math.floor(iterations / 10)), to: iterations, floor }),
    rate: linearRate(e, { from, to, floor }),
    window: { from, to },
  };
}
