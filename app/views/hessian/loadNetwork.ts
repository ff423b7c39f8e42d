/**
 * Reading a user's network for the Hessian chapter (docs/formats.md, "Hessian spectra → Load data").
 * Pure (no DOM, no React): the view and the unit tests call the same functions.
 *
 * Two inputs:
 *  - a model + data JSON in exactly the shape the chapter's Export JSON writes: either the whole
 *    export (`{ format, result: { model, data, weightDecay, … } }`) or just its `result`. The model
 *    is analysed as it is: `model.layers` [d_in, hidden…, k], `model.activation`, `model.weights`
 *    (P = Σ n_l (n_{l−1} + 1), per layer W (out × in, row-major) then b), `data.x` (n × d_in),
 *    `data.y` (labels in [0, k)), `weightDecay` (λ_wd ≥ 0 of L = mean CE + λ_wd/2 ‖θ‖²);
 *  - a dataset CSV: numeric feature columns plus a `label` column of class indices 0…k−1, to train
 *    the view's network on.
 * Every error names the field and what was expected; nothing is repaired silently.
 */
import { ACTIVATIONS, parameterCount, type Activation, type ClassificationData } from '../../../src/geometry/nn';
import type { LoadedNetworkInput } from '../../../src/workers/jobs/hessian';
import type { LoadedFile } from '../../io/LoadData';
import { ParseError, expectMatrix, expectNumberArray, expectObject, type CsvTable } from '../../io/parse';

/** The largest loaded network and data set (see app/notebooks/hessian.md, "Your own network"). */
export const MAX_LOADED_PARAMETERS = 200_000;
export const MAX_LOADED_SAMPLES = 10_000;
export const MAX_LOADED_CLASSES = 100;

export interface LoadedNetwork extends LoadedNetworkInput {
  /** File name, for the view's caption. */
  name: string;
}

function labelsFrom(values: ArrayLike<number>, path: string, classes: number | null): Int32Array {
  const y = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0) throw new ParseError(`${path}[${i}] = ${v}; expected a class index, an integer ≥ 0`);
    if (classes !== null && v >= classes) {
      throw new ParseError(`${path}[${i}] = ${v} is out of range: the model has ${classes} outputs, so labels must be in [0, ${classes - 1}]`);
    }
    y[i] = v;
  }
  return y;
}

function checkSamples(n: number, path: string): void {
  if (n > MAX_LOADED_SAMPLES) throw new ParseError(`${path} has ${n} samples; the limit is ${MAX_LOADED_SAMPLES}`);
}

/** A model + data JSON (the export's `result`, or the whole export). */
export function networkFromJson(json: unknown, name = 'model.json'): LoadedNetwork {
  let root = expectObject(json);
  let prefix = '';
  if ('result' in root && !('model' in root)) {
    root = expectObject(root.result, 'result');
    prefix = 'result.';
  }
  if (!('model' in root)) throw new ParseError(`no field "${prefix}model"; expected { model: { layers, activation, weights }, data: { x, y }, weightDecay }`);
  const model = expectObject(root.model, `${prefix}model`);
  const layersRaw = model.layers;
  if (!Array.isArray(layersRaw) || layersRaw.length < 2) {
    throw new ParseError(`${prefix}model.layers must be an array of at least 2 layer sizes [d_in, …, k], got ${JSON.stringify(layersRaw)?.slice(0, 40)}`);
  }
  const layers = layersRaw.map((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ParseError(`${prefix}model.layers[${i}] = ${JSON.stringify(v)}; expected a positive integer`);
    return v;
  });
  const classes = layers[layers.length - 1];
  if (classes < 2) throw new ParseError(`${prefix}model.layers[${layers.length - 1}] = ${classes}; the output layer needs at least 2 classes`);
  if (classes > MAX_LOADED_CLASSES) throw new ParseError(`${prefix}model.layers[${layers.length - 1}] = ${classes} classes; the limit is ${MAX_LOADED_CLASSES}`);
  const activation = model.activation;
  if (typeof activation !== 'string' || !ACTIVATIONS.includes(activation as Activation)) {
    throw new ParseError(`${prefix}model.activation = ${JSON.stringify(activation)}; expected one of ${ACTIVATIONS.map((a) => `"${a}"`).join(', ')}`);
  }
  const P = parameterCount(layers);
  if (P > MAX_LOADED_PARAMETERS) throw new ParseError(`${prefix}model.layers ${JSON.stringify(layers)} has P = ${P} parameters; the limit is ${MAX_LOADED_PARAMETERS}`);
  if (!Array.isArray(model.weights)) throw new ParseError(`${prefix}model.weights must be an array of ${P} numbers, got ${typeof model.weights}`);
  if (model.weights.length !== P) {
    throw new ParseError(
      `${prefix}model.weights has ${model.weights.length} entries but layers ${JSON.stringify(layers)} need P = ${P} (per layer W out×in then b)`,
    );
  }
  const weights = expectNumberArray(model.weights, `${prefix}model.weights`, P);

  if (!('data' in root)) throw new ParseError(`no field "${prefix}data"; expected { x: number[n][${layers[0]}], y: number[n] }`);
  const data = expectObject(root.data, `${prefix}data`);
  if (Array.isArray(data.x)) checkSamples(data.x.length, `${prefix}data.x`);
  const x = expectMatrix(data.x, `${prefix}data.x`);
  if (x.cols !== layers[0]) {
    throw new ParseError(`${prefix}data.x has ${x.cols} columns but model.layers[0] = ${layers[0]} (the input size)`);
  }
  const yRaw = expectNumberArray(data.y, `${prefix}data.y`);
  if (yRaw.length !== x.rows) throw new ParseError(`${prefix}data.y has ${yRaw.length} labels but data.x has ${x.rows} rows`);
  const y = labelsFrom(yRaw, `${prefix}data.y`, classes);

  let weightDecay = 0;
  if (root.weightDecay !== undefined) {
    const wd = root.weightDecay;
    if (typeof wd !== 'number' || !Number.isFinite(wd) || wd < 0) throw new ParseError(`${prefix}weightDecay = ${JSON.stringify(wd)}; expected a finite number ≥ 0`);
    weightDecay = wd;
  }
  const dataset: ClassificationData = { x: x.data, y, n: x.rows, dimension: x.cols, classes };
  return { name, source: 'model', data: dataset, model: { layers, activation: activation as Activation, weights }, weightDecay };
}

/** A dataset CSV: every column but `label` is a numeric feature; `label` holds class indices. */
export function datasetFromCsv(table: CsvTable, name = 'data.csv'): LoadedNetwork {
  const labelColumn = table.columns.indexOf('label');
  if (labelColumn < 0) throw new ParseError(`no column "label"; expected numeric feature columns and a "label" column of class indices (the columns are ${table.columns.join(', ')})`);
  const features = table.columns.filter((c) => c !== 'label');
  if (features.length === 0) throw new ParseError('the file has only a "label" column; expected at least one numeric feature column');
  const n = table.rows.length;
  checkSamples(n, 'the file');
  const d = features.length;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  const featureIndex = features.map((f) => table.columns.indexOf(f));
  let classes = 0;
  table.rows.forEach((row, r) => {
    for (let j = 0; j < d; j++) {
      const raw = row[featureIndex[j]].trim();
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) throw new ParseError(`line ${table.lines[r]}, column "${features[j]}": "${row[featureIndex[j]]}" is not a finite number`);
      x[r * d + j] = v;
    }
    const raw = row[labelColumn].trim();
    const label = raw === '' ? NaN : Number(raw);
    if (!Number.isInteger(label) || label < 0) {
      throw new ParseError(`line ${table.lines[r]}, column "label": "${row[labelColumn]}" is not a class index (an integer ≥ 0)`);
    }
    if (label >= MAX_LOADED_CLASSES) throw new ParseError(`line ${table.lines[r]}, column "label": ${label} is out of range; labels must be in [0, ${MAX_LOADED_CLASSES - 1}]`);
    y[r] = label;
    classes = Math.max(classes, label + 1);
  });
  if (classes < 2) throw new ParseError(`column "label" has only class 0; expected at least 2 classes (labels 0…k−1)`);
  return { name, source: 'dataset', data: { x, y, n, dimension: d, classes }, model: null, weightDecay: null };
}

/** The file the "Load data" input read, as a network or a dataset (what the view hands to the job). */
export function networkFromFile(file: LoadedFile): LoadedNetwork {
  return file.kind === 'json' ? networkFromJson(file.json, file.name) : datasetFromCsv(file.table, file.name);
}
