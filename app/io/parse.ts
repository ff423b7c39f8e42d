/**
 * Parsing of loaded files, with errors that name the line, column or field.
 * Pure functions (no DOM): chapters validate their own shapes on top of these.
 */
import { csvParseRows } from 'd3';

/** Files larger than this are refused before they are read. */
export const MAX_FILE_BYTES = 20 * 2 ** 20;
/** Rows beyond this are refused (views cap further for their own limits). */
export const MAX_CSV_ROWS = 200_000;

export class ParseError extends Error {
  override name = 'ParseError';
}

export interface CsvTable {
  columns: string[];
  /** Data rows (header excluded), with their 1-based line numbers in the file. */
  rows: string[][];
  lines: number[];
}

export function parseCsv(text: string, maxRows = MAX_CSV_ROWS): CsvTable {
  const all = csvParseRows(text.replace(/^\uFEFF/, ''));
  const lines: number[] = [];
  const rows: string[][] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  all.forEach((row, index) => {
    if (row.length === 0 || (row.length === 1 && row[0].trim() === '')) return;
    if (!header) {
      header = row.map((c) => c.trim());
      headerLine = index + 1;
      return;
    }
    rows.push(row);
    lines.push(index + 1);
  });
  if (!header) throw new ParseError('the file is empty: expected a header line and at least one row');
  const columns: string[] = header;
  if (rows.length === 0) throw new ParseError(`the file has a header (line ${headerLine}) but no data rows`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (c === '') throw new ParseError(`line ${headerLine}: a column has an empty name`);
    if (seen.has(c)) throw new ParseError(`line ${headerLine}: column "${c}" appears twice`);
    seen.add(c);
  }
  if (rows.length > maxRows) throw new ParseError(`the file has ${rows.length} rows; the limit is ${maxRows}`);
  rows.forEach((row, r) => {
    if (row.length !== columns.length) {
      throw new ParseError(`line ${lines[r]}: ${row.length} fields but the header has ${columns.length} (${columns.join(', ')})`);
    }
  });
  return { columns, rows, lines };
}

/** Reads the named columns as numbers; a non-numeric or non-finite entry names its line and column. */
export function numericColumns(table: CsvTable, names: readonly string[]): Float64Array[] {
  return names.map((name) => {
    const c = table.columns.indexOf(name);
    if (c < 0) throw new ParseError(`no column "${name}"; the columns are ${table.columns.join(', ')}`);
    const out = new Float64Array(table.rows.length);
    table.rows.forEach((row, r) => {
      const raw = row[c].trim();
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) throw new ParseError(`line ${table.lines[r]}, column "${name}": "${row[c]}" is not a finite number`);
      out[r] = v;
    });
    return out;
  });
}

/** JSON.parse with the error's position turned into a line and column. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ParseError('the file is empty: expected a JSON object');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const m = /position (\d+)/.exec(message);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      throw new ParseError(`invalid JSON at line ${line}, column ${column}: ${message}`);
    }
    // Some engines echo the whole input after the reason: keep only the reason.
    throw new ParseError(`invalid JSON: ${message.replace(/, ".*$/s, '')}`);
  }
}

/** A JSON object, or an error naming what it got instead. */
export function expectObject(value: unknown, path = 'the file'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError(`${path} must be a JSON object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty array of finite numbers, as a Float64Array. */
export function expectNumberArray(value: unknown, path: string, length?: number): Float64Array {
  if (!Array.isArray(value)) throw new ParseError(`${path} must be an array of numbers, got ${describe(value)}`);
  if (value.length === 0) throw new ParseError(`${path} is empty`);
  if (length !== undefined && value.length !== length) throw new ParseError(`${path} has ${value.length} entries but ${length} are expected`);
  const out = new Float64Array(value.length);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParseError(`${path}[${i}] must be a finite number, got ${describe(v)}`);
    out[i] = v;
  });
  return out;
}

/** A rectangular matrix (array of equal-length rows of finite numbers), flattened row-major. */
export function expectMatrix(value: unknown, path: string): { data: Float64Array; rows: number; cols: number } {
  if (!Array.isArray(value) || value.length === 0) throw new ParseError(`${path} must be a non-empty array of rows, got ${describe(value)}`);
  const first = value[0];
  if (!Array.isArray(first) || first.length === 0) throw new ParseError(`${path}[0] must be a non-empty array of numbers, got ${describe(first)}`);
  const rows = value.length;
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  value.forEach((row, i) => {
    if (!Array.isArray(row)) throw new ParseError(`${path}[${i}] must be an array of numbers, got ${describe(row)}`);
    if (row.length !== cols) throw new ParseError(`${path} is ragged: row ${i} has ${row.length} entries but row 0 has ${cols}`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParseError(`${path}[${i}][${j}] must be a finite number, got ${describe(v)}`);
      data[i * cols + j] = v;
    });
  });
  return { data, rows, cols };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `"${v.length > 20 ? v.slice(0, 20) + '…' : v}"`;
  if (typeof v === 'number') return String(v);
  return typeof v;
}
