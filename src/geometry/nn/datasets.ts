/**
 * Seeded data sets for the MLP chapters. All return a `ClassificationData` (data.ts).
 *
 *  - gaussianMixture: k classes in dimension d. Class means μ_c = separation · u_c with u_c
 *    independent uniformly random unit vectors; samples x = μ_c + N(0, I_d); labels balanced
 *    (sample i has class i mod k).
 *  - twoSpirals: 2 classes in the plane; class c, parameter t ∈ [0, 1):
 *    r = t, angle = turns·2π·t + cπ, x = r(cos, sin) + noise·N(0, I₂).
 *  - digitsData: the UCI/sklearn 8×8 digits (1797×64, pixel values 0…16) passed in as JSON
 *    `{ x: number[][], y: number[] }` (public/data/digits.json; geometry code never fetches),
 *    pixels scaled to [0, 1], optionally the first n rows.
 */
import { gaussian, type Random } from '../random';
import type { ClassificationData } from './data';
import { validateData } from './data';

export interface GaussianMixtureOptions {
  classes: number;
  dimension: number;
  separation: number;
  n: number;
  random: Random;
}

export function gaussianMixture({ classes, dimension, separation, n, random }: GaussianMixtureOptions): ClassificationData {
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`mixture classes ${classes}; expected an integer ≥ 2`);
  if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`mixture dimension ${dimension}; expected a positive integer`);
  if (!Number.isInteger(n) || n < classes) throw new Error(`mixture n = ${n}; expected an integer ≥ classes (${classes})`);
  if (!(separation >= 0) || !Number.isFinite(separation)) throw new Error(`mixture separation ${separation}; expected a finite number ≥ 0`);
  const means = new Float64Array(classes * dimension);
  for (let c = 0; c < classes; c++) {
    let norm = 0;
    for (let j = 0; j < dimension; j++) {
      const g = gaussian(random);
      means[c * dimension + j] = g;
      norm += g * g;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dimension; j++) means[c * dimension + j] *= separation / norm;
  }
  const x = new Float64Array(n * dimension);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    y[i] = c;
    for (let j = 0; j < dimension; j++) x[i * dimension + j] = means[c * dimension + j] + gaussian(random);
  }
  return { x, y, n, dimension, classes };
}

export interface TwoSpiralsOptions {
  n: number;
  noise?: number;
  turns?: number;
  random: Random;
}

export function twoSpirals({ n, noise = 0.05, turns = 1.5, random }: TwoSpiralsOptions): ClassificationData {
  if (!Number.isInteger(n) || n < 2) throw new Error(`spirals n = ${n}; expected an integer ≥ 2`);
  if (!(noise >= 0)) throw new Error(`spirals noise ${noise}; expected ≥ 0`);
  if (!(turns > 0)) throw new Error(`spirals turns ${turns}; expected > 0`);
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  const perClass = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = Math.floor(i / 2) / perClass;
    const angle = turns * 2 * Math.PI * t + c * Math.PI;
    x[2 * i] = t * Math.cos(angle) + noise * gaussian(random);
    x[2 * i + 1] = t * Math.sin(angle) + noise * gaussian(random);
    y[i] = c;
  }
  return { x, y, n, dimension: 2, classes: 2 };
}

export interface DigitsJson {
  x: number[][];
  y: number[];
}

/** The digits set from its JSON (shape `{ x: n×64, y: n }`), pixels scaled by 1/16; the first `n` rows if given. */
export function digitsData(json: DigitsJson, n?: number): ClassificationData {
  if (!json || !Array.isArray(json.x) || !Array.isArray(json.y)) throw new Error('digits JSON must be { "x": number[][], "y": number[] }');
  if (json.x.length !== json.y.length) throw new Error(`digits JSON has ${json.x.length} rows of x but ${json.y.length} labels`);
  const rows = n === undefined ? json.x.length : n;
  if (!Number.isInteger(rows) || rows < 1 || rows > json.x.length) throw new Error(`digits n = ${n}; expected an integer in [1, ${json.x.length}]`);
  const dimension = json.x[0]?.length ?? 0;
  const x = new Float64Array(rows * dimension);
  const y = new Int32Array(rows);
  let classes = 0;
  for (let i = 0; i < rows; i++) {
    const row = json.x[i];
    if (!Array.isArray(row) || row.length !== dimension) throw new Error(`digits row ${i} has ${row?.length} pixels; expected ${dimension}`);
    for (let j = 0; j < dimension; j++) x[i * dimension + j] = row[j] / 16;
    y[i] = json.y[i];
    if (!Number.isInteger(json.y[i])) throw new Error(`digits label y[${i}] = ${json.y[i]} is not an integer`);
    classes = Math.max(classes, json.y[i] + 1);
  }
  const data: ClassificationData = { x, y, n: rows, dimension, classes: Math.max(classes, 10) };
  validateData(data);
  return data;
}
