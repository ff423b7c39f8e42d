import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/workers/engine';
import { defineJob, type AnyJob } from '../../../src/workers/job';
import { estimateBytes, StageCache, stageKey } from '../../../src/workers/stageCache';

describe('stage cache', () => {
  it('hits on an equal key, recomputes on a different one, and keeps the last value for warm starts', async () => {
    const cache = new StageCache();
    const memo = cache.forCell('cell');
    let computed = 0;
    const compute = (v: number) => () => {
      computed++;
      return new Float64Array([v]);
    };
    const a = await memo.run('graph', { n: 10, k: 4 }, compute(1));
    const again = await memo.run('graph', { k: 4, n: 10 - 0 }, compute(2));
    expect(again).toBe(a);
    expect(computed).toBe(1);
    const b = await memo.run('graph', { n: 10, k: 5 }, compute(3));
    expect(b[0]).toBe(3);
    expect(computed).toBe(2);
    expect(memo.last<Float64Array>('graph')).toBe(b);
    expect(cache.forCell('other').last('graph')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keys typed arrays by their bytes: one changed number changes the key', () => {
    const x = new Float64Array([1, 2, 3]);
    const y = new Float64Array([1, 2, 3]);
    expect(stageKey({ x })).toBe(stageKey({ x: y }));
    y[2] = 3.0000000000000004;
    expect(stageKey({ x })).not.toBe(stageKey({ x: y }));
    expect(stageKey({ v: NaN })).not.toBe(stageKey({ v: null }));
  });

  it('stays under its byte bound: the least recently used cell goes first, oversize values are not kept', async () => {
    const cache = new StageCache(10_000);
    const block = () => new Float64Array(500); // 4000 bytes
    await cache.forCell('a').run('s', 1, block);
    await cache.forCell('b').run('s', 1, block);
    await cache.forCell('a').run('s', 1, block); // a is now the most recent
    await cache.forCell('c').run('s', 1, block);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.forCell('b').last('s')).toBeUndefined();
    expect(cache.forCell('a').last('s')).toBeDefined();
    const huge = await cache.forCell('a').run('big', 1, () => new Float64Array(5000));
    expect(huge.length).toBe(5000);
    expect(cache.forCell('a').has('big', 1)).toBe(false);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(estimateBytes({ a: new Float64Array(10), b: [new Float32Array(4)] })).toBeGreaterThanOrEqual(96);
  });
});

/** A job whose preview halves the work; it records what each pass saw. */
const seen: { n: number; preview: boolean }[] = [];
const halving = defineJob<{ n: number }, null, { n: number }>({
  name: 'test/halving',
  async cpu(ctx, params) {
    seen.push({ n: params.n, preview: ctx.preview });
    await ctx.checkpoint();
    return { n: params.n };
  },
  preview: (params) => (params.n > 10 ? { n: Math.ceil(params.n / 2) } : null),
});

describe('engine previews', () => {
  const jobs = new Map<string, AnyJob>([[halving.name, halving]]);
  it('full mode: the preview reaches onPreview first, then the full result returns', async () => {
    const e = new Engine(jobs);
    await e.init('cpu');
    seen.length = 0;
    const previews: unknown[] = [];
    const out = await e.run<{ n: number }>('v', 'test/halving', { n: 40 }, null, undefined, 'full', (r) => previews.push(r));
    expect(previews).toEqual([{ n: 20 }]);
    expect(out.result).toEqual({ n: 40 });
    expect(out.preview).toBeUndefined();
    expect(seen).toEqual([
      { n: 20, preview: true },
      { n: 40, preview: false },
    ]);
  });
  it('preview mode (a drag) runs the preview alone and says so; cheap params run once', async () => {
    const e = new Engine(jobs);
    await e.init('cpu');
    seen.length = 0;
    const out = await e.run<{ n: number }>('v', 'test/halving', { n: 40 }, null, undefined, 'preview');
    expect(out).toMatchObject({ result: { n: 20 }, preview: true });
    const cheap = await e.run<{ n: number }>('v', 'test/halving', { n: 8 }, null, undefined, 'full');
    expect(cheap.result).toEqual({ n: 8 });
    expect(seen).toEqual([
      { n: 20, preview: true },
      { n: 8, preview: false },
    ]);
  });
});

/** Busy-waits `units` × 5 ms: a run can only be slower than that, never faster, so the bound below holds under load. */
const costly = defineJob<{ units: number }, null, { units: number }>({
  name: 'test/costly',
  async cpu(ctx, params) {
    for (let i = 0; i < params.units; i++) {
      const until = performance.now() + 5;
      while (performance.now() < until) {
        // work
      }
      await ctx.checkpoint();
    }
    return { units: params.units };
  },
  cost: (params) => params.units,
});

describe('engine estimates', () => {
  it('announces a long run from the rate of the last one; the first run of a job has nothing to go on', async () => {
    const e = new Engine(new Map<string, AnyJob>([[costly.name, costly]]));
    await e.init('cpu');
    const heard: number[] = [];
    await e.run('v', 'test/costly', { units: 20 }, null, undefined, 'full', undefined, (s) => heard.push(s));
    expect(heard).toEqual([]); // nothing learned yet
    const long = e.run('v', 'test/costly', { units: 400 }, null, undefined, 'full', undefined, (s) => {
      heard.push(s);
      e.cancel('v');
    });
    await expect(long).rejects.toThrow(/cancelled/);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toBeGreaterThanOrEqual(400 * 0.005);
  });
});
