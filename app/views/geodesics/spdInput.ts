/**
 * The SPD view's inputs: matrices built from the sliders (eigenvalues, condition
 * number, rotation) or read from a loaded JSON file `{ "matrices": number[][][], "M"?: number[][] }`
 * (docs/formats.md, "Geodesics"). Validation of symmetry and definiteness happens in
 * the job, whose InputError is shown next to the figure; here only the shape is checked.
 */
import { expectMatrix, expectObject, ParseError } from '../../io/parse';
import { defineParams, pickParams, type ParamValues } from '../../params/spec';
import { SPD_PATHS_PARAMS } from '../../../src/catalogue/geodesics';
import type { SpdPathsData } from '../../../src/workers/jobs/geodesics';
import { refineTable } from '../../params/refine';

const baseSpdParams = defineParams([
  { name: 'dimension', label: 'Matrix size', type: 'enum', default: '2', options: [{ value: '2', label: '2×2 (ellipses)' }, { value: '3', label: '3×3 (ellipsoids)' }] },
  { name: 't', label: 'Position t along the geodesic', type: 'number', default: 0.5, min: 0, max: 1, step: 0.01 },
  { name: 'aMajor', label: 'A: largest eigenvalue', type: 'number', default: 4, min: 0.01, max: 100, step: 0.01, scale: 'log' },
  { name: 'aCondition', label: 'A: condition number', type: 'number', default: 8, min: 1, max: 1e8, step: 0.01, scale: 'log', description: 'Largest over smallest eigenvalue of A.' },
  { name: 'aAngle', label: 'A: rotation', type: 'number', default: 20, min: -90, max: 90, step: 1, unit: '°' },
  { name: 'bMajor', label: 'B: largest eigenvalue', type: 'number', default: 3, min: 0.01, max: 100, step: 0.01, scale: 'log' },
  { name: 'bCondition', label: 'B: condition number', type: 'number', default: 12, min: 1, max: 1e8, step: 0.01, scale: 'log' },
  { name: 'bAngle', label: 'B: rotation', type: 'number', default: 80, min: 0, max: 180, step: 1, unit: '°' },
  { name: 'cMajor', label: 'C (mean only): largest eigenvalue', type: 'number', default: 1, min: 0.01, max: 100, step: 0.01, scale: 'log' },
  { name: 'cCondition', label: 'C: condition number', type: 'number', default: 2, min: 1, max: 1e8, step: 0.01, scale: 'log' },
  { name: 'cAngle', label: 'C: rotation', type: 'number', default: 60, min: -90, max: 90, step: 1, unit: '°' },
  { name: 'mMajor', label: 'GBW M: largest eigenvalue', type: 'number', default: 1, min: 0.01, max: 100, step: 0.01, scale: 'log', description: 'The SPD parameter M of the generalized BW metric (M = I gives BW).' },
  { name: 'mCondition', label: 'GBW M: condition number', type: 'number', default: 4, min: 1, max: 1e4, step: 0.01, scale: 'log' },
  { name: 'mAngle', label: 'GBW M: rotation', type: 'number', default: 45, min: -90, max: 90, step: 1, unit: '°' },
  ...SPD_PATHS_PARAMS,
]);

export const spdParams = refineTable(baseSpdParams, { essential: ['dimension', 't', 'aMajor', 'aCondition', 'bMajor', 'bCondition', 'theta', 'means'] });

/** R diag(major, …, major/condition) Rᵀ: a rotation by `angle` degrees in the (x, y) plane (n = 2) or about (1, 1, 1)/√3 (n = 3). */
export function spdFromSliders(n: 2 | 3, major: number, condition: number, angle: number): Float64Array {
  const minor = major / condition;
  const values = n === 2 ? [major, minor] : [major, Math.sqrt(major * minor), minor];
  const a = (angle * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  let r: number[];
  if (n === 2) r = [c, -s, s, c];
  else {
    // Rodrigues about u = (1, 1, 1)/√3
    const u = 1 / Math.sqrt(3);
    const k = 1 - c;
    r = [
      c + u * u * k, u * u * k - u * s, u * u * k + u * s,
      u * u * k + u * s, c + u * u * k, u * u * k - u * s,
      u * u * k - u * s, u * u * k + u * s, c + u * u * k,
    ];
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += r[i * n + k] * values[k] * r[j * n + k];
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  return out;
}

export function dataFromSliders(p: ParamValues): SpdPathsData {
  const v = pickParams(spdParams, p);
  const n = v.dimension === '3' ? 3 : 2;
  return {
    n,
    matrices: [spdFromSliders(n, v.aMajor, v.aCondition, v.aAngle), spdFromSliders(n, v.bMajor, v.bCondition, v.bAngle), spdFromSliders(n, v.cMajor, v.cCondition, v.cAngle)],
    m: spdFromSliders(n, v.mMajor, v.mCondition, v.mAngle),
  };
}

/** Parses `{ "matrices": number[][][], "M"?: number[][] }`; errors name the field. */
export function dataFromJson(json: unknown): SpdPathsData {
  const doc = expectObject(json);
  const list = doc.matrices;
  if (!Array.isArray(list)) throw new ParseError('"matrices" must be an array of n×n matrices (arrays of rows)');
  if (list.length < 2) throw new ParseError(`"matrices" has ${list.length} entries but at least 2 are needed`);
  if (list.length > 64) throw new ParseError(`"matrices" has ${list.length} entries; at most 64 are accepted`);
  let n = 0;
  const matrices = list.map((m, i) => {
    const { data, rows, cols } = expectMatrix(m, `matrices[${i}]`);
    if (rows !== cols) throw new ParseError(`matrices[${i}] is ${rows}×${cols} but must be square`);
    if (rows < 2 || rows > 8) throw new ParseError(`matrices[${i}] is ${rows}×${rows} but n must be from 2 to 8`);
    if (i === 0) n = rows;
    else if (rows !== n) throw new ParseError(`matrices[${i}] is ${rows}×${rows} but matrices[0] is ${n}×${n}`);
    return data;
  });
  let m: Float64Array | null = null;
  if (doc.M !== undefined) {
    const parsed = expectMatrix(doc.M, 'M');
    if (parsed.rows !== n || parsed.cols !== n) throw new ParseError(`M is ${parsed.rows}×${parsed.cols} but the matrices are ${n}×${n}`);
    m = parsed.data;
  }
  return { n, matrices, m };
}

/** The leading k×k block of an n×n matrix (the marginal covariance of the first k coordinates). */
export function leadingBlock(a: ArrayLike<number>, n: number, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = a[i * n + j];
  return out;
}
