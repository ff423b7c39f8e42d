/**
 * Matrix-free algorithms written once as generators that yield "product requests" (out ← A x),
 * so the same code runs synchronously on an f64 CPU operator and asynchronously on a GPU operator
 * whose product needs an awaited read-back (umap-js's rule: `fit` and `fitAsync` give the same
 * answer). The async driver also calls `checkpoint` after each product, which is where a worker
 * job yields and notices cancellation.
 */
import type { LinearOperator } from './operator';

export interface ProductRequest {
  readonly x: Float64Array;
  readonly out: Float64Array;
}

export type Process<T> = Generator<ProductRequest, T, void>;

/** A symmetric operator whose product may be asynchronous (GPU). */
export interface AsyncLinearOperator {
  readonly size: number;
  apply(x: Float64Array, out: Float64Array): void | Promise<void>;
}

export function runProcess<T>(process: Process<T>, op: LinearOperator): T {
  let step = process.next();
  while (!step.done) {
    op.apply(step.value.x, step.value.out);
    step = process.next();
  }
  return step.value;
}

export async function runProcessAsync<T>(process: Process<T>, op: AsyncLinearOperator, checkpoint?: () => Promise<void>): Promise<T> {
  let step = process.next();
  while (!step.done) {
    await op.apply(step.value.x, step.value.out);
    if (checkpoint) await checkpoint();
    step = process.next();
  }
  return step.value;
}
