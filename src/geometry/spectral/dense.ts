/**
 * The exact reference for small operators: the full matrix (n products with unit vectors) and
 * its complete eigendecomposition in f64 (Householder + implicit QL, linalg/symmetricEigen).
 * O(n³): fine for n ≲ 1500 in a worker, a few seconds at n = 3000.
 */
import { symmetricEigenvalues } from '../linalg/symmetricEigen';
import { type LinearOperator, operatorToDense } from './operator';

export interface ExactSpectrum {
  /** All eigenvalues, descending. */
  values: Float64Array;
  /** tr(A) = Σ λ. */
  trace: number;
}

export const MAX_DENSE_SIZE = 3000;

export function exactSpectrum(op: LinearOperator, maxSize = MAX_DENSE_SIZE): ExactSpectrum {
  if (op.size > maxSize) throw new Error(`exact spectrum of a ${op.size}×${op.size} operator exceeds the dense limit ${maxSize}`);
  const a = operatorToDense(op);
  // Eigenvalues only: the same numbers as the full decomposition without accumulating its rotations.
  const descending = symmetricEigenvalues(a, op.size).reverse();
  let trace = 0;
  for (let i = 0; i < op.size; i++) trace += a[i * op.size + i];
  return { values: descending, trace };
}
