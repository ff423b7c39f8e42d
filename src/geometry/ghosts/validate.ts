/**
 * Validation of a loaded or generated radii data set: per sample, logits z ∈ ℝ^K and
 * slopes a ∈ ℝ^K (same shape), optional integer labels. Messages name the bad value.
 */

export interface RadiiDataSet {
  samples: number;
  classes: number;
  /** Row-major samples×classes. */
  logits: Float64Array;
  slopes: Float64Array;
  labels: Int32Array | null;
}

function matrix(value: unknown, field: string): { rows: number; cols: number; data: Float64Array } {
  if (!Array.isArray(value)) throw new Error(`"${field}" must be an array of rows (number[][]), got ${typeof value}`);
  if (value.length === 0) throw new Error(`"${field}" is empty: expected at least one sample`);
  const first = value[0];
  if (!Array.isArray(first)) throw new Error(`"${field}"[0] must be an array of numbers`);
  const cols = first.length;
  const data = new Float64Array(value.length * cols);
  value.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row)) throw new Error(`"${field}"[${i}] must be an array of numbers`);
    if (row.length !== cols) throw new Error(`"${field}"[${i}] has ${row.length} entries but row 0 has ${cols}`);
    row.forEach((v: unknown, k: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`"${field}"[${i}][${k}] is ${JSON.stringify(v) ?? String(v)}: expected a finite number`);
      }
      data[i * cols + k] = v;
    });
  });
  return { rows: value.length, cols, data };
}

/** Parses `{ logits: number[][], directions: number[][], labels?: number[] }`; throws with a message naming the bad value. */
export function parseRadiiDataSet(input: unknown): RadiiDataSet {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('expected a JSON object { "logits": number[][], "directions": number[][], "labels"?: number[] }');
  }
  const o = input as Record<string, unknown>;
  if (!('logits' in o)) throw new Error('missing field "logits" (number[][]: one row of K logits per sample)');
  if (!('directions' in o)) throw new Error('missing field "directions" (number[][]: one row of K slopes a_k = ∇z_k·v per sample)');
  const z = matrix(o.logits, 'logits');
  const a = matrix(o.directions, 'directions');
  if (z.rows !== a.rows || z.cols !== a.cols) {
    throw new Error(`"logits" is ${z.rows}×${z.cols} but "directions" is ${a.rows}×${a.cols}: they must have the same shape`);
  }
  if (z.cols < 2) throw new Error(`each sample needs at least 2 classes, got ${z.cols}`);
  let labels: Int32Array | null = null;
  if (o.labels !== undefined && o.labels !== null) {
    if (!Array.isArray(o.labels)) throw new Error('"labels" must be an array of class indices');
    if (o.labels.length !== z.rows) throw new Error(`"labels" has ${o.labels.length} entries but there are ${z.rows} samples`);
    labels = new Int32Array(z.rows);
    o.labels.forEach((v: unknown, i: number) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= z.cols) {
        throw new Error(`"labels"[${i}] is ${JSON.stringify(v)}: expected an integer class index in [0, ${z.cols - 1}]`);
      }
      labels![i] = v;
    });
  }
  return { samples: z.rows, classes: z.cols, logits: z.data, slopes: a.data, labels };
}
