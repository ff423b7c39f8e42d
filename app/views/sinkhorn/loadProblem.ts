/**
 * "Load data" for the Sinkhorn views (formats in docs/formats.md, "Sinkhorn plans"):
 * - JSON `{ "a": number[], "b": number[], "cost": number[][] }` (cost is a.length × b.length);
 * - CSV points with columns `x,y[,z],set[,weight]`, `set` = `source` or `target`
 *   (weight defaults to 1; the cost is computed with the view's cost parameter).
 * Errors name the bad field, line or value. Mass checks (negative, NaN, sums that differ)
 * happen in the job, so their messages are the same for every input path.
 */
import type { LoadedFile } from '../../io/LoadData';
import { expectMatrix, expectNumberArray, expectObject } from '../../io/parse';
import type { SinkhornData } from '../../../src/workers/jobs/sinkhorn';

/** Largest loaded problem: n·m entries (the built-in maximum is 4096 × 4096). */
export const MAX_ENTRIES = 4096 * 4096;

export interface LoadedProblem {
  name: string;
  data: SinkhornData;
  n: number;
  m: number;
}

function checkSize(n: number, m: number): void {
  if (n * m > MAX_ENTRIES) throw new Error(`the problem is ${n}×${m} = ${n * m} entries; the limit is ${MAX_ENTRIES} (4096×4096)`);
}

export function problemFromJson(json: unknown, name = 'the file'): LoadedProblem {
  const o = expectObject(json);
  for (const key of ['a', 'b', 'cost']) if (!(key in o)) throw new Error(`${name} has no "${key}" field; expected { "a": [...], "b": [...], "cost": [[...], ...] }`);
  const a = expectNumberArray(o.a, 'a');
  const b = expectNumberArray(o.b, 'b');
  const cost = expectMatrix(o.cost, 'cost');
  if (cost.rows !== a.length || cost.cols !== b.length) {
    throw new Error(`cost is ${cost.rows}×${cost.cols} but a has ${a.length} and b has ${b.length} entries (expected ${a.length}×${b.length})`);
  }
  checkSize(a.length, b.length);
  return { name, data: { a, b, cost: cost.data }, n: a.length, m: b.length };
}

export function problemFromCsv(table: { columns: string[]; rows: string[][]; lines: number[] }, name = 'the file'): LoadedProblem {
  const col = (c: string) => table.columns.indexOf(c);
  for (const required of ['x', 'y', 'set']) {
    if (col(required) < 0) throw new Error(`${name} has no "${required}" column; expected x,y[,z],set[,weight] (columns: ${table.columns.join(', ')})`);
  }
  const coords = col('z') >= 0 ? ['x', 'y', 'z'] : ['x', 'y'];
  const dim = coords.length;
  const source: number[] = [];
  const target: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    const set = row[col('set')].trim().toLowerCase();
    if (set !== 'source' && set !== 'target') throw new Error(`line ${line}, column "set": "${row[col('set')]}" must be source or target`);
    const point = coords.map((c) => {
      const raw = row[col(c)].trim();
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) throw new Error(`line ${line}, column "${c}": "${row[col(c)]}" is not a finite number`);
      return v;
    });
    let weight = 1;
    if (col('weight') >= 0) {
      const raw = row[col('weight')].trim();
      weight = raw === '' ? NaN : Number(raw);
      if (Number.isNaN(weight)) throw new Error(`line ${line}, column "weight": "${row[col('weight')]}" is not a number`);
      if (weight < 0) throw new Error(`line ${line}, column "weight": ${weight} is negative; masses must be ≥ 0`);
    }
    (set === 'source' ? source : target).push(...point);
    (set === 'source' ? a : b).push(weight);
  });
  if (a.length === 0) throw new Error(`${name} has no rows with set = source`);
  if (b.length === 0) throw new Error(`${name} has no rows with set = target`);
  checkSize(a.length, b.length);
  return { name, data: { a, b, x: source, y: target, dim }, n: a.length, m: b.length };
}

export function problemFromFile(file: LoadedFile): LoadedProblem {
  return file.kind === 'json' ? problemFromJson(file.json, file.name) : problemFromCsv(file.table, file.name);
}
