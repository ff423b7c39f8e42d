/**
 * The worker's memo of pipeline stages: for each cell, the last result of each named
 * stage together with the key of the inputs it read. A job asks `stages.run(name, key,
 * compute)`: equal key → the stored value, otherwise `compute()` and store it. So a
 * slider that changes only a downstream parameter recomputes only the stages
 * downstream of it. `last(name)` hands back the previous value whatever its key, for
 * warm starts (the previous potentials, embedding, eigenvector).
 *
 * Memory is bounded: at most `maxBytes` in all (default 192 MiB; sizes are estimated
 * from the typed arrays a value holds). When a store would pass the bound, whole cells
 * are evicted, least recently used first, then the current cell's other stages, oldest
 * first; a single value larger than the bound is returned but not kept.
 *
 * The geometry stays pure: stages are geometry functions; only this cache lives in
 * src/workers.
 */

export const DEFAULT_STAGE_CACHE_BYTES = 192 * 1024 * 1024;

interface Entry {
  key: string;
  value: unknown;
  bytes: number;
  used: number;
}

/** Estimated bytes a value holds: typed arrays at their length, plain values at a small constant. */
export function estimateBytes(value: unknown, seen: Set<unknown> = new Set()): number {
  if (value === null || typeof value !== 'object') return 16;
  if (seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  let total = 32;
  if (Array.isArray(value)) {
    for (const item of value) total += estimateBytes(item, seen);
    return total;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) total += estimateBytes(k, seen) + estimateBytes(v, seen);
    return total;
  }
  for (const item of Object.values(value as Record<string, unknown>)) total += estimateBytes(item, seen);
  return total;
}

/**
 * A stable string key of a stage's inputs (object keys in sorted order). Typed arrays enter by a 64-bit FNV-1a hash of
 * their bytes and their length (a loaded data set changes its key when any number changes).
 */
export function stageKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return `typed:${v.byteLength}:${hashBytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))}`;
    if (typeof v === 'number' && !Number.isFinite(v)) return `num:${String(v)}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // Key order must not matter: { n, k } and { k, n } read the same inputs.
      const sorted: Record<string, unknown> = {};
      for (const name of Object.keys(v).sort()) sorted[name] = (v as Record<string, unknown>)[name];
      return sorted;
    }
    return v;
  });
}

/** FNV-1a over bytes, two 32-bit lanes (different offsets) joined: collisions are not a practical concern here. */
function hashBytes(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16) + (b >>> 0).toString(16);
}

export interface StageMemo {
  /** The stored value for `name` when `key` equals its key; otherwise computes, stores and returns it. */
  run<T>(name: string, key: unknown, compute: () => T | Promise<T>): Promise<T>;
  /** The last value stored for `name` in this cell, whatever its key (for warm starts). */
  last<T>(name: string): T | undefined;
  /** Whether `run(name, key, …)` would hit. */
  has(name: string, key: unknown): boolean;
}

export class StageCache {
  private readonly cells = new Map<string, Map<string, Entry>>();
  private clock = 0;
  private total = 0;
  /** Counts for tests and the status line: stage hits and misses since creation. */
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number = DEFAULT_STAGE_CACHE_BYTES) {}

  get bytes(): number {
    return this.total;
  }

  /** The memo a job of `cell` sees. */
  forCell(cell: string): StageMemo {
    return {
      run: async <T>(name: string, key: unknown, compute: () => T | Promise<T>): Promise<T> => {
        const k = stageKey(key);
        const entry = this.cells.get(cell)?.get(name);
        if (entry && entry.key === k) {
          this.hits++;
          entry.used = ++this.clock;
          return entry.value as T;
        }
        this.misses++;
        const value = await compute();
        this.store(cell, name, k, value);
        return value;
      },
      last: <T>(name: string): T | undefined => this.cells.get(cell)?.get(name)?.value as T | undefined,
      has: (name: string, key: unknown) => this.cells.get(cell)?.get(name)?.key === stageKey(key),
    };
  }

  /** Forgets one cell's stages (or all). */
  clear(cell?: string): void {
    if (cell === undefined) {
      this.cells.clear();
      this.total = 0;
      return;
    }
    for (const entry of this.cells.get(cell)?.values() ?? []) this.total -= entry.bytes;
    this.cells.delete(cell);
  }

  private store(cell: string, name: string, key: string, value: unknown): void {
    const bytes = estimateBytes(value);
    let stages = this.cells.get(cell);
    const old = stages?.get(name);
    if (old) {
      this.total -= old.bytes;
      stages!.delete(name);
    }
    if (bytes > this.maxBytes) return;
    this.evictFor(cell, bytes);
    if (!stages) {
      stages = new Map();
      this.cells.set(cell, stages);
    }
    stages.set(name, { key, value, bytes, used: ++this.clock });
    this.total += bytes;
  }

  /** Frees room for `bytes`: other cells by least recent use, then this cell's oldest stages. */
  private evictFor(cell: string, bytes: number): void {
    const recency = (stages: Map<string, Entry>) => Math.max(0, ...[...stages.values()].map((e) => e.used));
    while (this.total + bytes > this.maxBytes) {
      const others = [...this.cells.entries()].filter(([c]) => c !== cell);
      if (others.length > 0) {
        others.sort((a, b) => recency(a[1]) - recency(b[1]));
        this.clear(others[0]![0]);
        continue;
      }
      const own = this.cells.get(cell);
      if (!own || own.size === 0) return;
      const oldest = [...own.entries()].sort((a, b) => a[1].used - b[1].used)[0]!;
      this.total -= oldest[1].bytes;
      own.delete(oldest[0]);
    }
  }
}
