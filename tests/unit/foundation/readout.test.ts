import { describe, expect, it } from 'vitest';
import { nearestIndex, nearestSorted, pointsAt, readoutStops } from '../../../app/plots/readout';

const always = () => true;
const positive = (x: number, y: number) => x > 0 && y > 0;

describe('line-plot read-out: nearest-point search', () => {
  it('nearestSorted picks the closest entry of an ascending array, the lower one on an exact tie', () => {
    const xs = [0, 1, 2.5, 4, 10];
    expect(nearestSorted(xs, -3)).toBe(0);
    expect(nearestSorted(xs, 1.7)).toBe(1); // |1.7 − 1| = 0.7 < |1.7 − 2.5| = 0.8
    expect(nearestSorted(xs, 1.8)).toBe(2); // 0.8 > 0.7
    expect(nearestSorted(xs, 7)).toBe(3); // 7 − 4 = 3 = 10 − 7: tie, lower
    expect(nearestSorted(xs, 99)).toBe(4);
    expect(nearestSorted([], 1)).toBe(-1);
    expect(nearestSorted([5], -1)).toBe(0);
  });

  it('nearestSorted agrees with a linear scan on every query of a grid', () => {
    const xs = Array.from({ length: 37 }, (_, i) => i * i * 0.1);
    for (let q = -5; q < 140; q += 0.37) expect(nearestSorted(xs, q)).toBe(nearestIndex(xs, q));
  });

  it('nearestIndex works on unsorted x and skips rejected points; −1 when every point is rejected', () => {
    const xs = [5, 1, 3, 2];
    expect(nearestIndex(xs, 2.2)).toBe(3);
    expect(nearestIndex(xs, 2.2, (i) => i !== 3)).toBe(2); // without x = 2: |2.2 − 3| = 0.8 beats |2.2 − 1| = 1.2
    expect(nearestIndex(xs, 2.2, () => false)).toBe(-1);
  });

  it('readoutStops merges the drawable x of all series, ascending and without repeats', () => {
    const series = [
      { x: [3, 1, 2], y: [1, 1, 1] },
      { x: [2, 4, 0], y: [1, -1, 1] },
    ];
    expect(Array.from(readoutStops(series, always))).toEqual([0, 1, 2, 3, 4]);
    // On log scales a non-positive value is not drawn, so it is no stop: x = 4 has y = −1 and x = 0 is not positive.
    expect(Array.from(readoutStops(series, positive))).toEqual([1, 2, 3]);
  });

  it('pointsAt gives each series its own nearest drawable point (series on different grids)', () => {
    const series = [
      { x: [0, 10, 20], y: [5, 6, 7] },
      { x: [0, 4, 8, 12], y: [1, 2, -3, 4] },
      { x: [], y: [] },
    ];
    expect(pointsAt(series, 9, always)).toEqual([1, 2, -1]);
    expect(pointsAt(series, 9, positive)).toEqual([1, 3, -1]); // y = −3 at x = 8 is skipped: x = 12 is next nearest (3 < 5)
  });
});
