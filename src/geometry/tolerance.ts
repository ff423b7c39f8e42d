/**
 * The one tolerance module. Every comparison in the test suites and the kernel
 * harness goes through `expectClose` with one of these named tolerances.
 *
 * A value `actual` passes against `expected` when
 *   |actual − expected| ≤ absolute + relative · |expected|.
 */
export interface Tolerance {
  readonly absolute: number;
  readonly relative: number;
}

/** f64 reference against a closed form computed in f64: a few ulps of accumulated rounding. */
export const F64_EXACT: Tolerance = { absolute: 1e-12, relative: 1e-10 };
/** f64 iterative methods (eigen-solvers, fixed points) run to convergence. */
export const F64_ITERATIVE: Tolerance = { absolute: 1e-8, relative: 1e-7 };
/** f64 against values saved from a peer library (numpy, scipy, POT, sklearn, torch). */
export const F64_PEER: Tolerance = { absolute: 1e-9, relative: 1e-7 };
/** f32 GPU kernel against its f64 CPU reference: single-step arithmetic (maps, sums of few terms). */
export const F32_ELEMENTWISE: Tolerance = { absolute: 1e-6, relative: 1e-5 };
/** f32 GPU kernel against its f64 CPU reference: reductions and products over up to ~10^4 terms. */
export const F32_REDUCTION: Tolerance = { absolute: 1e-4, relative: 1e-4 };
/** f32 GPU iterative solvers (Sinkhorn, MDS, Lanczos) against the f64 reference. */
export const F32_ITERATIVE: Tolerance = { absolute: 1e-3, relative: 1e-3 };

export interface CloseReport {
  ok: boolean;
  worstIndex: number;
  worstExcess: number;
  message: string;
}

/** Compares two arrays (or scalars) elementwise; reports the worst offender rather than the first. */
export function compareClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tolerance: Tolerance,
  label = 'value',
): CloseReport {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  if (a.length !== e.length) {
    return {
      ok: false,
      worstIndex: -1,
      worstExcess: Infinity,
      message: `${label}: length ${a.length} but expected length ${e.length}`,
    };
  }
  let worstIndex = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    // Equal values pass, infinities included (∞ − ∞ is NaN, which would read as a failure).
    if (a[i] === e[i]) continue;
    const bound = tolerance.absolute + tolerance.relative * Math.abs(e[i]);
    const diff = Math.abs(a[i] - e[i]);
    // Once the values differ, NaN or an infinity on either side is a failure, not a pass
    // (diff > bound is false for NaN, and an infinite expected value makes the bound infinite).
    const excess = Number.isFinite(diff) && Number.isFinite(bound) ? diff - bound : Infinity;
    if (excess > 0 && excess > worstExcess) {
      worstExcess = excess;
      worstIndex = i;
    }
  }
  if (worstIndex < 0) return { ok: true, worstIndex, worstExcess: 0, message: `${label}: ok` };
  return {
    ok: false,
    worstIndex,
    worstExcess,
    message:
      `${label}[${worstIndex}] = ${a[worstIndex]} but expected ${e[worstIndex]} ` +
      `(tolerance ${tolerance.absolute} + ${tolerance.relative}·|expected|)`,
  };
}

/** Throws an Error naming the worst element when `actual` is not close to `expected`. */
export function expectClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tolerance: Tolerance,
  label?: string,
): void {
  const report = compareClose(actual, expected, tolerance, label);
  if (!report.ok) throw new Error(report.message);
}
