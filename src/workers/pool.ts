/**
 * The CPU path's worker pool: helper workers that each hold a row block of a big operator in
 * their own WebAssembly memory (the site has no COOP/COEP, so no SharedArrayBuffer), owned by
 * the engine and lent to one job at a time.
 *
 * Size: min(hardwareConcurrency, 4) row blocks in all, the job's own worker computing the first
 * and `size − 1` helpers the rest (so one core means no helper and no pool). Helpers are created
 * lazily, on the first loan. A job asks through `ctx.acquirePool(entries)` and gets a lease only
 * when the pool is free and the operator is big enough to pay for the messages (waking an idle
 * worker costs about 1 ms here, a row-block pass over 4096² entries about 10 ms); otherwise it
 * runs single-threaded at once: a job never waits for a pool another job holds. The lease is
 * released in the job's `finally` (and again by the engine when the run ends, which is a no-op
 * when the job did), so a superseded job lets go at its next checkpoint.
 *
 * Messages are small vectors (v, u, the shares of Kᵀu); each helper builds its block of the
 * operator itself (e.g. Gibbs kernel rows from the points and ε, poolRows.ts).
 */
import type { PoolReply, PoolRequest } from './poolRows';

/** One helper worker seen as request → reply (replies come back in request order). */
export interface PoolChannel {
  request(message: PoolRequest, transfer?: Transferable[]): Promise<PoolReply>;
  terminate(): void;
}

/** What a lease lends: the helpers (blocks 1…workers−1) and the block count, the job's worker included. */
export interface PoolLease {
  readonly helpers: readonly PoolChannel[];
  /** Row blocks computed in parallel: the helpers plus the job's own worker. */
  readonly workers: number;
  /** Gives the pool back; safe to call more than once. */
  release(): void;
  /** A helper failed (crashed, out of memory, an error reply): the pool stops lending and ends its helpers. */
  fail(): void;
}

/** Below this many operator entries the pool does not pay (bench/wasm.bench.ts measures it). */
export const POOL_MIN_ENTRIES = 2048 * 2048;
/** At most this many row blocks, whatever the core count. */
export const POOL_MAX_WORKERS = 4;

/** Row blocks for a machine: min(hardwareConcurrency, 4), at least 1 (1 means no pool). */
export function poolSize(hardwareConcurrency: number | undefined, cap = POOL_MAX_WORKERS): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency!) : 1;
  return Math.max(1, Math.min(cores, cap));
}

export interface WorkerPoolOptions {
  /** Row blocks in all (poolSize); below 2 the pool never lends. */
  size: number;
  /** Starts one helper worker (called lazily, size − 1 times). */
  spawn: () => PoolChannel;
  /** Operators with fewer entries run single-threaded (default POOL_MIN_ENTRIES). */
  minEntries?: number;
}

export class WorkerPool {
  private helpers: PoolChannel[] | null = null;
  private held = false;
  private broken = false;
  readonly size: number;
  readonly minEntries: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size));
    this.minEntries = options.minEntries ?? POOL_MIN_ENTRIES;
  }

  /** True while a job holds the pool. */
  get busy(): boolean {
    return this.held;
  }

  /**
   * A lease for an operator of `entries` entries, or null (pool held, too small an operator,
   * one core, or the helpers could not start): the caller then runs single-threaded.
   */
  acquire(entries: number): PoolLease | null {
    if (this.held || this.broken || this.size < 2 || !(entries >= this.minEntries)) return null;
    if (!this.helpers) {
      try {
        this.helpers = Array.from({ length: this.size - 1 }, () => this.options.spawn());
      } catch {
        // no nested workers here (or a CSP refused them): single-threaded from now on
        this.broken = true;
        return null;
      }
    }
    this.held = true;
    let released = false;
    return {
      helpers: this.helpers,
      workers: this.size,
      release: () => {
        if (released) return;
        released = true;
        this.held = false;
      },
      fail: () => this.markBroken(),
    };
  }

  /** A helper failed (an error reply or a crash): stop lending and end the helpers. */
  markBroken(): void {
    this.broken = true;
    this.terminate();
  }

  terminate(): void {
    this.helpers?.forEach((h) => h.terminate());
    this.helpers = null;
  }
}

/**
 * A channel over anything with `postMessage` and a message listener (a browser Worker, Node's
 * worker_threads Worker). Replies are matched to requests by order: a helper answers each
 * request before it reads the next.
 */
export function messageChannel(
  target: { postMessage(message: unknown, transfer: Transferable[]): void },
  listen: (onMessage: (data: unknown) => void, onError: (error: unknown) => void) => void,
  terminate: () => void,
): PoolChannel {
  const waiting: { resolve: (reply: PoolReply) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | null = null;
  listen(
    (data) => {
      const next = waiting.shift();
      if (!next) return;
      const reply = data as PoolReply;
      if (reply.type === 'error') next.reject(new Error(`pool worker: ${reply.message}`));
      else next.resolve(reply);
    },
    (error) => {
      failure = new Error(`pool worker failed: ${error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error)}`);
      for (const w of waiting.splice(0)) w.reject(failure);
    },
  );
  return {
    request(message, transfer = []) {
      if (failure) return Promise.reject(failure);
      return new Promise<PoolReply>((resolve, reject) => {
        waiting.push({ resolve, reject });
        target.postMessage(message, transfer);
      });
    },
    terminate,
  };
}
