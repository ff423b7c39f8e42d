/** Labels of reference lines that must not overlap (app/plots/referenceLabels.ts) and the dark theme's ramps (app/plots/frame.ts). */
import { describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { labelRows } from '../../../app/plots/referenceLabels';
import { DARK_RAMP_START, sequentialColor } from '../../../app/plots/frame';

describe('labelRows: overlapping labels step into rows', () => {
  it('keeps labels that do not overlap in row 0', () => {
    expect(labelRows([{ start: 0, size: 20 }, { start: 30, size: 20 }, { start: 60, size: 20 }])).toEqual([0, 0, 0]);
  });
  it('moves a label that starts under its neighbour to the next row, and back to row 0 once clear (λ3, λ2 close; λ1 far)', () => {
    // λ1 at 200, λ2 at 112, λ3 at 100: each 20 px wide, 4 px gap.
    expect(labelRows([{ start: 200, size: 20 }, { start: 112, size: 20 }, { start: 100, size: 20 }])).toEqual([0, 1, 0]);
  });
  it('uses as many rows as labels stacked over one point', () => {
    const rows = labelRows([0, 1, 2, 3].map((k) => ({ start: k, size: 50 })));
    expect(new Set(rows).size).toBe(4);
  });
});

describe('sequentialColor on the dark theme', () => {
  it('starts viridis at DARK_RAMP_START and ends where the light ramp ends', () => {
    expect(sequentialColor('viridis', true)(0)).toBe(d3.interpolateViridis(DARK_RAMP_START));
    expect(sequentialColor('viridis', true)(1)).toBe(d3.interpolateViridis(1));
    expect(sequentialColor('viridis')(0)).toBe(d3.interpolateViridis(0));
  });
});
