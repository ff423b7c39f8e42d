/**
 * Rows for labels along one axis that must not overlap (the labels of reference lines:
 * λ1, λ2, λ3 at close eigenvalues; ρ* and ρ_a at close radii). Each label, in order of
 * position, takes the first row where it starts at least `gap` px after the last label
 * placed in that row — interval-graph colouring, which uses as few rows as the
 * largest number of labels stacked over one point.
 */
export interface LabelSpan {
  /** Where the label starts along the axis, px. */
  start: number;
  /** Its extent along the axis, px. */
  size: number;
}

/** The row (0, 1, …) of each label, in the input's order. */
export function labelRows(spans: readonly LabelSpan[], gap = 4): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start);
  const ends: number[] = [];
  const rows = new Array<number>(spans.length);
  for (const i of order) {
    let row = ends.findIndex((end) => spans[i].start >= end + gap);
    if (row < 0) row = ends.length;
    ends[row] = spans[i].start + spans[i].size;
    rows[i] = row;
  }
  return rows;
}
