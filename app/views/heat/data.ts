/**
 * Input data for the heat chapter's views: the synthetic datasets are made in the
 * worker; the digits and a loaded CSV/JSON become a `HeatData` here.
 *
 * CSV (header required): every numeric column is a coordinate, except
 *   `label`            integer class (colours the points),
 *   `gt_<name>`        ground-truth intrinsic coordinates (geodesic = Euclidean distance
 *                      between the gt_ columns; enables the quality figures),
 *   `color`            a numeric value to colour by.
 * JSON: { "x": number[][], "y"?: number[] } (the digits format).
 */
import { expectMatrix, expectNumberArray, expectObject, numericColumns } from '../../io/parse';
import type { LoadedFile } from '../../io/LoadData';
import type { HeatData } from '../../../src/workers/jobs/heat';

export const HEAT_LOAD_MAX_ROWS = 5000;

export interface LoadedHeatData extends HeatData {
  name: string;
  columns: string[];
}

export function heatDataFromFile(file: LoadedFile): LoadedHeatData {
  if (file.kind === 'json') {
    const obj = expectObject(file.json);
    const m = expectMatrix(obj.x, 'x');
    checkRows(m.rows);
    const labels = obj.y === undefined ? null : Int32Array.from(expectNumberArray(obj.y, 'y', m.rows));
    return { name: file.name, columns: Array.from({ length: m.cols }, (_, i) => `x${i + 1}`), points: m.data, n: m.rows, d: m.cols, labels, color: null, groundTruth: null };
  }
  const { table } = file;
  checkRows(table.rows.length);
  const coordinates = table.columns.filter((c) => c !== 'label' && c !== 'color' && !c.startsWith('gt_'));
  const truth = table.columns.filter((c) => c.startsWith('gt_'));
  if (coordinates.length === 0) throw new Error(`no coordinate columns: the header has only ${table.columns.join(', ')}`);
  const cols = numericColumns(table, coordinates);
  const n = table.rows.length;
  const d = coordinates.length;
  const points = new Float64Array(n * d);
  cols.forEach((col, c) => col.forEach((v, i) => (points[i * d + c] = v)));
  let groundTruth: Float64Array | null = null;
  if (truth.length) {
    const g = numericColumns(table, truth);
    groundTruth = new Float64Array(n * truth.length);
    g.forEach((col, c) => col.forEach((v, i) => (groundTruth![i * truth.length + c] = v)));
  }
  const labels = table.columns.includes('label') ? Int32Array.from(numericColumns(table, ['label'])[0]) : null;
  const color = table.columns.includes('color') ? numericColumns(table, ['color'])[0] : null;
  return { name: file.name, columns: coordinates, points, n, d, labels, color, groundTruth, groundTruthDim: truth.length };
}

function checkRows(rows: number): void {
  if (rows > HEAT_LOAD_MAX_ROWS) throw new Error(`${rows} rows is more than the chapter's limit of ${HEAT_LOAD_MAX_ROWS}; subsample first`);
  if (rows < 3) throw new Error(`${rows} rows: need at least 3 points`);
}

let digitsPromise: Promise<LoadedHeatData> | null = null;

/** public/data/digits.json (scikit-learn's load_digits), fetched once. */
export function loadDigits(): Promise<LoadedHeatData> {
  digitsPromise ??= fetch(`${import.meta.env.BASE_URL}data/digits.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`digits.json: HTTP ${r.status}`);
      return r.json() as Promise<{ x: number[][]; y: number[] }>;
    })
    .then((json) => heatDataFromFile({ name: 'digits.json', kind: 'json', json }))
    .catch((e: Error) => {
      digitsPromise = null;
      throw e;
    });
  return digitsPromise;
}

/** The first n rows of a data set (the n slider applies to loaded data too). */
export function firstRows(data: LoadedHeatData, n: number): LoadedHeatData {
  if (n >= data.n) return data;
  const g = data.groundTruthDim ?? 0;
  return {
    ...data,
    n,
    points: data.points.slice(0, n * data.d),
    labels: data.labels ? data.labels.slice(0, n) : null,
    color: data.color ? data.color.slice(0, n) : null,
    groundTruth: data.groundTruth ? data.groundTruth.slice(0, n * g) : null,
  };
}
