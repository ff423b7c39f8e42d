/**
 * The value under the pointer on a line plot, as pure functions: the x positions
 * a read-out can stop at (every drawable x of every series, sorted, without
 * repeats), the nearest of them to the pointer, and each series' point nearest
 * to that x. The DOM layer that draws it is app/plots/readoutLayer.ts.
 */

/** Index of the entry of `xs` nearest to `target` among those `keep` accepts (first on ties); −1 if none. */
export function nearestIndex(xs: ArrayLike<number>, target: number, keep: (i: number) => boolean = () => true): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const d = Math.abs(xs[i] - target);
    if (d < bestDistance && keep(i)) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

/** Index of the entry of an ascending array nearest to `target` (the lower one on ties); −1 when empty. */
export function nearestSorted(sorted: ArrayLike<number>, target: number): number {
  const n = sorted.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= target) lo = mid;
    else hi = mid;
  }
  return Math.abs(sorted[hi] - target) < Math.abs(sorted[lo] - target) ? hi : lo;
}

export interface ReadoutSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Every x at which some series has a drawable point (`ok(x, y)`), ascending, each once. */
export function readoutStops(series: readonly ReadoutSeries[], ok: (x: number, y: number) => boolean): Float64Array {
  const all: number[] = [];
  for (const s of series) for (let t = 0; t < Math.min(s.x.length, s.y.length); t++) if (ok(s.x[t], s.y[t])) all.push(s.x[t]);
  all.sort((a, b) => a - b);
  const stops: number[] = [];
  for (const v of all) if (stops.length === 0 || v !== stops[stops.length - 1]) stops.push(v);
  return Float64Array.from(stops);
}

/** For each series, the index of its drawable point nearest to `x` in x (−1 when it has none). */
export function pointsAt(series: readonly ReadoutSeries[], x: number, ok: (x: number, y: number) => boolean): number[] {
  return series.map((s) => nearestIndex(s.x, x, (t) => t < s.y.length && ok(s.x[t], s.y[t])));
}
