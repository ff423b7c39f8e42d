/**
 * Work that splits into independent chunks (samples, column blocks) on the worker pool: the
 * job's own worker and every helper pull the next chunk [start, end) of `total` items as they
 * finish one, each helper with IN_FLIGHT requests outstanding (so a reply waiting for the job's
 * worker to yield at its checkpoint does not leave a helper idle). After each chunk computed here
 * the job's `checkpoint` is awaited; once it throws (cancelled), or `cancelled()` says so, no
 * further chunk is handed out and a helper finishes at most the chunks it holds. Used by
 * sampleRadiiPool.ts and heatPool.ts.
 */
import type { PoolChannel } from './pool';

/** Requests a helper holds at once. */
export const IN_FLIGHT = 2;

export interface ChunkWork {
  /** Computes [start, end) on the job's own worker. */
  own(start: number, end: number): void;
  /** Has `helper` compute [start, end) and stores its reply. */
  helper(helper: PoolChannel, start: number, end: number): Promise<void>;
}

export async function pullChunks(
  total: number,
  chunk: number,
  helpers: readonly PoolChannel[],
  work: ChunkWork,
  checkpoint: () => Promise<void>,
  cancelled: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const take = (): [number, number] | null => {
    if (next >= total || stopped || cancelled()) return null;
    const start = next;
    next = Math.min(total, next + chunk);
    return [start, next];
  };
  const helperLoops = helpers.flatMap((helper) =>
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let c = take(); c; c = take()) await work.helper(helper, ...c);
    }),
  );
  const own = (async () => {
    try {
      for (let c = take(); c; c = take()) {
        work.own(...c);
        await checkpoint();
      }
    } catch (error) {
      stopped = true;
      throw error;
    }
  })();
  await Promise.all([own, ...helperLoops]);
}
