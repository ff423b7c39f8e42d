import { describe, expect, it } from 'vitest';
import { createLatestRun } from '../../../app/engine/latestRun';

/** A fake engine: a run settles only when cancelled or finished by the test; counts runs in flight. */
function fakeEngine() {
  const state = { inFlight: 0, maxInFlight: 0, started: [] as number[], cancels: 0 };
  let settleCurrent: (() => void) | null = null;
  const startRun = (value: number) => () => {
    state.started.push(value);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    return new Promise<void>((resolve) => {
      let done = false;
      const settle = () => {
        if (done) return;
        done = true;
        state.inFlight--;
        if (settleCurrent === settle) settleCurrent = null;
        resolve();
      };
      settleCurrent = settle;
    });
  };
  const cancel = () => {
    state.cancels++;
    // the worker notices the cancel at its next checkpoint: later, not inside this call
    const settle = settleCurrent;
    if (settle) setTimeout(settle, 0);
  };
  return { state, startRun, cancel, finish: () => settleCurrent?.() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createLatestRun', () => {
  it('a drag of 50 input events keeps at most one run in flight and ends on the newest value', async () => {
    const fake = fakeEngine();
    const latest = createLatestRun(fake.cancel);
    const outcomes: Promise<boolean>[] = [];
    for (let value = 0; value < 50; value++) {
      outcomes.push(latest.request(fake.startRun(value)));
      if (value % 10 === 9) await flush(); // some events arrive after the cancelled run settled
    }
    await flush();
    await flush();
    expect(fake.state.maxInFlight).toBe(1);
    expect(fake.state.started.at(-1)).toBe(49);
    // only the first run and the newest request at each settle started: far fewer than 50
    expect(fake.state.started.length).toBeLessThanOrEqual(6);
    // each request says whether it started: the replaced ones resolved false
    expect((await Promise.all(outcomes)).filter(Boolean).length).toBe(fake.state.started.length);
    fake.finish();
    await flush();
    expect(latest.busy).toBe(false);
  });

  it('starts at once when idle, without cancelling, and a failed run frees the cell', async () => {
    let cancels = 0;
    const latest = createLatestRun(() => cancels++);
    let calls = 0;
    await latest.request(() => {
      calls++;
      return Promise.reject(new Error('boom'));
    });
    await flush();
    expect(latest.busy).toBe(false);
    expect(await latest.request(() => (calls++, Promise.resolve()))).toBe(true);
    expect(calls).toBe(2);
    expect(cancels).toBe(0);
  });
});
