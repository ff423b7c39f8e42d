import { describe, expect, it } from 'vitest';
import { stepCount } from '../../../app/frame/stepCount';

describe('the step counter of a training or race cell', () => {
  it("reads the job's own count: done, then step, then iteration", () => {
    expect(stepCount({ done: 40, steps: 200 }, 3)).toBe(40);
    expect(stepCount({ phase: 'training', step: 12, steps: 300 }, 3)).toBe(12);
    expect(stepCount({ iteration: 7, marginalError: 0.1 }, 3)).toBe(7);
    expect(stepCount({ done: 5, step: 9, iteration: 11 }, 3)).toBe(5);
  });

  it('counts frames received where the progress carries no count', () => {
    // The Sinkhorn race reports three lanes' histories and no count of its own.
    expect(stepCount({ epsilon: 0.1, entries: [] }, 6)).toBe(6);
    expect(stepCount({ done: Number.NaN }, 2)).toBe(2);
    expect(stepCount(null, 0)).toBe(0);
  });
});
