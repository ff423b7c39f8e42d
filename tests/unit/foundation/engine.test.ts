import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/workers/engine';
import { defineJob, InputError, type AnyJob } from '../../../src/workers/job';
import { statusText } from '../../../src/workers/backend';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';

/** A job that counts to `steps`, checkpointing and reporting progress each step. */
const counter = defineJob<{ steps: number; busyMs: number }, null, { count: number }, { step: number }>({
  name: 'test/count',
  async cpu(ctx, params) {
    let count = 0;
    for (let i = 0; i < params.steps; i++) {
      const until = performance.now() + params.busyMs;
      while (performance.now() < until) {
        // burn CPU like a real iteration would
      }
      count++;
      ctx.progress({ step: i + 1 });
      await ctx.checkpoint();
    }
    return { count };
  },
});

const failing = defineJob<{ value: number }, null, never>({
  name: 'test/bad-input',
  async cpu(_ctx, params) {
    throw new InputError(`invalid epsilon: ${params.value} (expected a positive number)`);
  },
});

function engine(): Engine {
  const e = new Engine(new Map<string, AnyJob>([[counter.name, counter], [failing.name, failing]]));
  // In Node there is no navigator.gpu: the engine must settle on the CPU path and say why.
  return e;
}

describe('compute engine', () => {
  it('runs on the CPU when WebGPU is absent and says why', async () => {
    const e = engine();
    const status = await e.init('auto');
    // no WebAssembly kernel loader was given, so the CPU path is the JavaScript reference
    expect(statusText(status)).toBe('Compute: CPU (JavaScript, no WebGPU)');
    expect(statusText(await e.init('cpu'))).toBe('Compute: CPU (JavaScript, forced)');
  });

  it('names the WASM SIMD path when the kernels load, and JavaScript when loading fails', async () => {
    const jobs = new Map<string, AnyJob>([[counter.name, counter]]);
    const withWasm = new Engine(jobs, () => loadKernelsNode());
    expect(statusText(await withWasm.init('cpu'))).toBe('Compute: CPU (WASM SIMD, forced)');
    const broken = new Engine(jobs, () => Promise.reject(new Error('no such file')));
    expect(statusText(await broken.init('cpu'))).toBe('Compute: CPU (JavaScript, forced)');
  });

  it('returns the result with the backend used', async () => {
    const e = engine();
    await e.init('auto');
    const out = await e.run<{ count: number }>('view', 'test/count', { steps: 5, busyMs: 0 }, null);
    expect(out.result.count).toBe(5);
    expect(out.backend).toBe('cpu');
  });

  it('a new job for the same view cancels the stale one instead of queueing behind it', async () => {
    const e = engine();
    await e.init('auto');
    const stale = e.run('view', 'test/count', { steps: 1000, busyMs: 2 }, null);
    await new Promise((r) => setTimeout(r, 30));
    const fresh = e.run<{ count: number }>('view', 'test/count', { steps: 3, busyMs: 0 }, null);
    await expect(stale).rejects.toMatchObject({ name: 'JobCancelled' });
    expect((await fresh).result.count).toBe(3);
  });

  it('runs issued together for one view (a drag) start only the newest: the stale ones do no work', async () => {
    const started: number[] = [];
    const recording = defineJob<{ steps: number }, null, { steps: number }>({
      name: 'test/recording',
      async cpu(ctx, params) {
        started.push(params.steps);
        await ctx.checkpoint();
        return { steps: params.steps };
      },
    });
    const e = new Engine(new Map<string, AnyJob>([[recording.name, recording]]));
    await e.init('auto');
    const runs = [1, 2, 3].map((steps) => e.run<{ steps: number }>('view', 'test/recording', { steps }, null));
    await expect(runs[0]).rejects.toMatchObject({ name: 'JobCancelled' });
    await expect(runs[1]).rejects.toMatchObject({ name: 'JobCancelled' });
    expect((await runs[2]!).result.steps).toBe(3);
    expect(started).toEqual([3]);
  });

  it('jobs for different views run independently', async () => {
    const e = engine();
    await e.init('auto');
    const [a, b] = await Promise.all([
      e.run<{ count: number }>('a', 'test/count', { steps: 4, busyMs: 1 }, null),
      e.run<{ count: number }>('b', 'test/count', { steps: 6, busyMs: 1 }, null),
    ]);
    expect([a.result.count, b.result.count]).toEqual([4, 6]);
  });

  it('cancel(view) stops a running job at its next checkpoint', async () => {
    const e = engine();
    await e.init('auto');
    const job = e.run('view', 'test/count', { steps: 1000, busyMs: 2 }, null);
    await new Promise((r) => setTimeout(r, 30));
    e.cancel('view');
    await expect(job).rejects.toThrow(/cancelled/);
  });

  it('throttles progress reports', async () => {
    const e = engine();
    await e.init('auto');
    const reports: unknown[] = [];
    // 200 steps of 1 ms ≈ 200 ms: at one report per 50 ms, far fewer than 200 get through.
    await e.run('view', 'test/count', { steps: 200, busyMs: 1 }, null, (r) => reports.push(r));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.length).toBeLessThan(20);
  });

  it('passes input errors through with their message', async () => {
    const e = engine();
    await e.init('auto');
    await expect(e.run('view', 'test/bad-input', { value: -1 }, null)).rejects.toThrow('invalid epsilon: -1 (expected a positive number)');
    await expect(e.run('view', 'no/such-job', {}, null)).rejects.toThrow(/unknown job "no\/such-job"/);
  });
});
