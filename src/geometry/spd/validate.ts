/**
 * Validation at the public boundary of the SPD routines. Nothing is repaired
 * silently: a matrix that is not symmetric is reported, not symmetrized; one that
 * is not positive definite is reported with its smallest eigenvalue.
 */
import { MAX_SPD_SIZE, sizeOf } from './symmetric';
import { symmetricEigenJacobi as symmetricEigen } from '../linalg/jacobiEigen';

/** Relative asymmetry |A_ij − A_ji| ≤ tol·max|A| accepted as symmetric (rounding in a file written by numpy). */
export const SYMMETRY_TOLERANCE = 1e-10;

export class SpdInputError extends Error {
  override name = 'SpdInputError';
}

export function validateSymmetric(a: ArrayLike<number>, label = 'matrix'): number {
  const n = sizeOf(a);
  if (n > MAX_SPD_SIZE) throw new SpdInputError(`${label} is ${n}×${n} but at most ${MAX_SPD_SIZE}×${MAX_SPD_SIZE} is supported`);
  let scaleMax = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new SpdInputError(`${label}[${Math.floor(i / n)}][${i % n}] = ${a[i]} is not finite`);
    scaleMax = Math.max(scaleMax, Math.abs(a[i]));
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(a[i * n + j] - a[j * n + i]);
      if (d > SYMMETRY_TOLERANCE * scaleMax) {
        throw new SpdInputError(
          `${label} is not symmetric: [${i}][${j}] = ${a[i * n + j]} but [${j}][${i}] = ${a[j * n + i]} (not symmetrized silently)`,
        );
      }
    }
  return n;
}

/** Checks symmetry and positive definiteness; returns n. */
export function validateSpd(a: ArrayLike<number>, label = 'matrix'): number {
  const n = validateSymmetric(a, label);
  const { values } = symmetricEigen(a, n);
  if (!(values[0] > 0)) {
    throw new SpdInputError(`${label} is not positive definite: its smallest eigenvalue is ${values[0].toPrecision(6)}`);
  }
  return n;
}

/** Validates a list of SPD matrices of one common size n (2 ≤ n ≤ 8 unless `minSize` says otherwise). */
export function validateSpdList(list: readonly ArrayLike<number>[], label = 'matrices', minSize = 1): number {
  if (list.length === 0) throw new SpdInputError(`${label} is empty; expected at least one matrix`);
  const n = validateSpd(list[0], `${label}[0]`);
  if (n < minSize) throw new SpdInputError(`${label}[0] is ${n}×${n} but at least ${minSize}×${minSize} is expected`);
  list.forEach((m, i) => {
    const k = validateSpd(m, `${label}[${i}]`);
    if (k !== n) throw new SpdInputError(`${label}[${i}] is ${k}×${k} but ${label}[0] is ${n}×${n}`);
  });
  return n;
}
