/**
 * Play / pause / step in the engine (src/workers/pauseGate.ts): a paused job waits at its
 * checkpoint, a step runs it to its next forwarded report, cancel and a superseding run end
 * it. Every assertion counts checkpoints and reports; none measures time.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/workers/engine';
import { defineJob, type AnyJob } from '../../../src/workers/job';

/** Checkpoints passed by the counting job's current run (it counts before each checkpoint). */
let passed = 0;

/** Counts to `steps`: one progress report (throttled by the engine) and one checkpoint per step. */
const counter = defineJob<{ steps: number }, null, { count: number }, { step: number }>({
  name: 'test/count',
  async cpu(ctx, params) {
    passed = 0;
    for (let i = 1; i <= params.steps; i++) {
      ctx.progress({ step: i });
      passed = i;
      await ctx.checkpoint();
    }
    return { count: params.steps };
  },
});

/** Two reports per checkpoint, the second within the engine's throttle interval of the first. */
const burst = defineJob<{ steps: number }, null, { count: number }, { step: number }>({
  name: 'test/burst',
  async cpu(ctx, params) {
    for (let i = 1; i <= params.steps; i++) {
      ctx.progress({ step: 2 * i - 1 });
      ctx.progress({ step: 2 * i });
      await ctx.checkpoint();
    }
    return { count: params.steps };
  },
});

async function engine(): Promise<Engine> {
  const e = new Engine(new Map<string, AnyJob>([[counter.name, counter], [burst.name, burst]]));
  await e.init('cpu');
  return e;
}

/** Lets the event loop turn `n` times (macrotasks), so a job that could run, would. */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** A progress listener that keeps the reports' steps and, apart, the parked notices (as `P<step>`, or `P` without a report). */
function listener(onReport?: (count: number) => void) {
  const reports: number[] = [];
  const log: string[] = [];
  const listen = (r: unknown, parked?: boolean) => {
    const step = (r as { step: number } | undefined)?.step;
    if (parked) {
      log.push(step === undefined ? 'P' : `P${step}`);
      if (step !== undefined) reports.push(step);
      return;
    }
    reports.push(step!);
    log.push(String(step));
    onReport?.(reports.length);
  };
  return { reports, log, listen };
}

async function untilParked(e: Engine, view: string): Promise<void> {
  for (let i = 0; i < 2000 && !e.isParked(view); i++) await turns(1);
  expect(e.isParked(view)).toBe(true);
}

describe('engine play / pause / step', () => {
  it('a paused job makes no progress until resumed, then finishes', async () => {
    const e = await engine();
    // Pause from inside the first report: the job is held at the checkpoint right after it.
    const { reports, log, listen } = listener((n) => n === 1 && e.pause('view'));
    const run = e.run<{ count: number }>('view', 'test/count', { steps: 500 }, null, listen);
    await untilParked(e, 'view');
    expect(passed).toBe(1);
    await turns();
    expect(passed).toBe(1);
    expect(reports).toEqual([1]);
    // The listener already had step 1, so the parked notice carries no report.
    expect(log).toEqual(['1', 'P']);
    e.resume('view');
    expect((await run).result.count).toBe(500);
    expect(passed).toBe(500);
    expect(e.isParked('view')).toBe(false);
  });

  it('a pause sent with the run holds it at its first checkpoint', async () => {
    const e = await engine();
    const run = e.run<{ count: number }>('view', 'test/count', { steps: 50 }, null, () => {});
    e.pause('view');
    await untilParked(e, 'view');
    await turns();
    expect(passed).toBe(1);
    e.resume('view');
    expect((await run).result.count).toBe(50);
  });

  it('step advances exactly one report and holds again', async () => {
    const e = await engine();
    const { reports, log, listen } = listener((n) => n === 1 && e.pause('view'));
    const run = e.run<{ count: number }>('view', 'test/count', { steps: 500 }, null, listen);
    await untilParked(e, 'view');
    for (const expected of [2, 3, 4]) {
      e.step('view');
      await turns(2);
      await untilParked(e, 'view');
      await turns();
      // One report per step, although the engine would throttle reports this close together.
      expect(reports.at(-1)).toBe(expected);
      expect(reports.length).toBe(expected);
      expect(passed).toBe(expected);
    }
    // Each park is told once, after the report it stopped at.
    expect(log).toEqual(['1', 'P', '2', 'P', '3', 'P', '4', 'P']);
    e.resume('view');
    expect((await run).result.count).toBe(500);
  });

  it('a job paused between throttled reports parks with the report the throttle held back', async () => {
    const e = await engine();
    const { log, listen } = listener();
    // Two reports per checkpoint: the first goes out, the second comes inside the throttle
    // interval and is held back. Paused with the run, the job parks at its first checkpoint and
    // its notice carries that held-back report, so the figure shows step 2, where it stopped.
    const run = e.run<{ count: number }>('view', 'test/burst', { steps: 20 }, null, listen);
    e.pause('view');
    await untilParked(e, 'view');
    await turns();
    expect(log).toEqual(['1', 'P2']);
    e.resume('view');
    expect((await run).result.count).toBe(20);
    expect(log.filter((entry) => entry.startsWith('P'))).toEqual(['P2']);
  });

  it('without a progress listener a step passes one checkpoint', async () => {
    const e = await engine();
    const run = e.run<{ count: number }>('view', 'test/count', { steps: 100 }, null);
    e.pause('view');
    await untilParked(e, 'view');
    expect(passed).toBe(1);
    e.step('view');
    await turns(2);
    await untilParked(e, 'view');
    await turns();
    expect(passed).toBe(2);
    e.resume('view');
    expect((await run).result.count).toBe(100);
  });

  it('cancel while paused ends the job with JobCancelled', async () => {
    const e = await engine();
    const run = e.run('view', 'test/count', { steps: 500 }, null, (_r, parked) => parked || e.pause('view'));
    await untilParked(e, 'view');
    e.cancel('view');
    await expect(run).rejects.toMatchObject({ name: 'JobCancelled' });
    expect(passed).toBe(1);
    expect(e.isParked('view')).toBe(false);
  });

  it('a new run supersedes a paused one and plays', async () => {
    const e = await engine();
    const stale = e.run('view', 'test/count', { steps: 500 }, null, () => e.pause('view'));
    await untilParked(e, 'view');
    const fresh = e.run<{ count: number }>('view', 'test/count', { steps: 30 }, null, () => {});
    await expect(stale).rejects.toMatchObject({ name: 'JobCancelled' });
    expect((await fresh).result.count).toBe(30);
    expect(passed).toBe(30);
  });

  it('pausing one view leaves the others running', async () => {
    const e = await engine();
    const held = e.run('a', 'test/count', { steps: 500 }, null, () => e.pause('a'));
    await untilParked(e, 'a');
    const other = await e.run<{ count: number }>('b', 'test/count', { steps: 40 }, null);
    expect(other.result.count).toBe(40);
    expect(e.isParked('a')).toBe(true);
    e.cancel('a');
    await expect(held).rejects.toMatchObject({ name: 'JobCancelled' });
  });
});
