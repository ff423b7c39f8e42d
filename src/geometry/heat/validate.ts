/**
 * Checks on an input point cloud before a graph is built. Fatal problems throw an
 * Error naming the bad value; harmless oddities come back as warnings.
 */

export interface PointCloudCheck {
  warnings: string[];
}

export function checkPointCloud(x: ArrayLike<number>, n: number, d: number, k: number, maxRows: number): PointCloudCheck {
  if (n > maxRows) throw new Error(`${n} rows is more than the limit of ${maxRows}; subsample the data or lower n`);
  if (n < 3) throw new Error(`${n} rows: need at least 3 points`);
  if (d < 1) throw new Error('the data has no numeric columns');
  if (x.length !== n * d) throw new Error(`data has ${x.length} values but ${n} rows × ${d} columns needs ${n * d}`);
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new Error(`k = ${k} but it must satisfy 1 ≤ k < n = ${n} (the number of rows)`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new Error(`row ${Math.floor(i / d) + 1}, column ${(i % d) + 1} is ${x[i]}: every coordinate must be a finite number`);
    }
  }
  const warnings: string[] = [];
  const constant: number[] = [];
  for (let c = 0; c < d; c++) {
    let same = true;
    for (let i = 1; i < n && same; i++) same = x[i * d + c] === x[c];
    if (same) constant.push(c + 1);
  }
  if (constant.length === d) throw new Error(`every column is constant: all ${n} points coincide`);
  if (constant.length > 0) {
    warnings.push(`column${constant.length > 1 ? 's' : ''} ${constant.slice(0, 8).join(', ')}${constant.length > 8 ? '…' : ''} ${constant.length > 1 ? 'are' : 'is'} constant and carry no information`);
  }
  const seen = new Map<string, number>();
  let duplicates = 0;
  let first = '';
  for (let i = 0; i < n; i++) {
    const key = Array.prototype.slice.call(x, i * d, (i + 1) * d).join(',');
    const j = seen.get(key);
    if (j !== undefined) {
      if (duplicates === 0) first = `rows ${j + 1} and ${i + 1}`;
      duplicates++;
    } else seen.set(key, i);
  }
  if (duplicates > 0) {
    warnings.push(`${duplicates} duplicate point${duplicates > 1 ? 's' : ''} (first: ${first} are identical); duplicates get affinity 1 to each other and distance 0`);
  }
  return { warnings };
}
