/**
 * Compressed sparse row (CSR) matrices in f64 and the products the heat pipeline
 * needs: y = A x and Y = A X for a dense row-major block X (n×m). CPU reference for
 * the `spmm` kernel (src/kernels/spmm).
 */

export interface CsrMatrix {
  rows: number;
  cols: number;
  /** rows + 1 offsets into colIndex/values. */
  rowPtr: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** Builds a CSR matrix from (row, col, value) triplets; duplicates are summed, columns sorted per row. */
export function csrFromTriplets(
  rows: number,
  cols: number,
  rowIndex: ArrayLike<number>,
  colIndex: ArrayLike<number>,
  values: ArrayLike<number>,
): CsrMatrix {
  const count = rowIndex.length;
  if (colIndex.length !== count || values.length !== count) {
    throw new Error(`triplets have ${rowIndex.length} rows, ${colIndex.length} columns and ${values.length} values; need equal lengths`);
  }
  const perRow = new Int32Array(rows + 1);
  for (let t = 0; t < count; t++) {
    const r = rowIndex[t];
    const c = colIndex[t];
    if (r < 0 || r >= rows || c < 0 || c >= cols) throw new Error(`triplet ${t} at (${r}, ${c}) is outside ${rows}×${cols}`);
    perRow[r + 1]++;
  }
  for (let r = 0; r < rows; r++) perRow[r + 1] += perRow[r];
  const fill = perRow.slice(0, rows);
  const order = new Int32Array(count);
  for (let t = 0; t < count; t++) order[fill[rowIndex[t]]++] = t;
  // sort each row by column and merge duplicates
  const rowPtr = new Int32Array(rows + 1);
  const outCol: number[] = [];
  const outVal: number[] = [];
  for (let r = 0; r < rows; r++) {
    const slice = Array.from(order.subarray(perRow[r], perRow[r + 1])).sort((a, b) => colIndex[a] - colIndex[b]);
    let last = -1;
    for (const t of slice) {
      const c = colIndex[t];
      if (c === last) outVal[outVal.length - 1] += values[t];
      else {
        outCol.push(c);
        outVal.push(values[t]);
        last = c;
      }
    }
    rowPtr[r + 1] = outCol.length;
  }
  return { rows, cols, rowPtr, colIndex: Int32Array.from(outCol), values: Float64Array.from(outVal) };
}

/** y = A x. */
export function csrMatVec(a: CsrMatrix, x: ArrayLike<number>, out = new Float64Array(a.rows)): Float64Array {
  if (x.length !== a.cols) throw new Error(`vector has ${x.length} entries but the matrix has ${a.cols} columns`);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) s += a.values[p] * x[a.colIndex[p]];
    out[i] = s;
  }
  return out;
}

/** Y = A X for a dense row-major block X of shape cols×m; `out` (rows×m) may be given to reuse memory. */
export function csrMatMat(a: CsrMatrix, x: ArrayLike<number>, m: number, out = new Float64Array(a.rows * m)): Float64Array {
  if (x.length !== a.cols * m) throw new Error(`dense block has ${x.length} entries but ${a.cols}×${m} needs ${a.cols * m}`);
  out.fill(0, 0, a.rows * m);
  for (let i = 0; i < a.rows; i++) {
    const oi = i * m;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const v = a.values[p];
      const oj = a.colIndex[p] * m;
      for (let c = 0; c < m; c++) out[oi + c] += v * x[oj + c];
    }
  }
  return out;
}

/** The dense row-major copy of a CSR matrix (tests and small exact paths). */
export function csrToDense(a: CsrMatrix): Float64Array {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) out[i * a.cols + a.colIndex[p]] += a.values[p];
  }
  return out;
}
