/**
 * Parameter specs: each parameter is declared once, as an entry of a table. A job's table
 * lives in src/catalogue/<chapter>.ts beside its name, and yields
 *   - the view's sliders (a view's table spreads the job's entries and adds its own
 *     display-only ones; controls/ParamControls.tsx, store/url.ts, io/exportJson.ts),
 *   - the job's TypeScript parameter type, `ValuesOf<typeof table>`,
 *   - the one validator: the UI clamps with `coerce` (URL, number boxes, notebooks), the
 *     job refuses with `checkParams` (an InputError naming the field), and the view hands
 *     its values to the job with `pickParams`, both against the same entries.
 * tests/unit/architecture/paramSpecs.test.ts checks that every view's entries equal the
 * entries of the jobs it runs, and that each job accepts exactly its table's range.
 */
import { InputError } from './errors';

interface BaseSpec {
  /** Key in the URL and in exports; stable once published. */
  name: string;
  /** Label next to the control. */
  label: string;
  /** One sentence shown as the control's description (accessibility and tooltips). */
  description?: string;
  /**
   * Shown among the cell's essential controls (true) or under the closed "More settings"
   * disclosure (false). Unset means essential; ParamControls shows at most
   * MAX_ESSENTIAL_CONTROLS and moves any beyond that under "More settings".
   */
  essential?: boolean;
  /**
   * Whether the parameter applies given the cell's other values (e.g. `batchSize` only for
   * SGD-type optimizers). Unset means always. A control that does not apply is disabled and
   * says `inapplicableReason`. The value is still validated, kept in the URL and exported.
   */
  appliesWhen?: (values: ParamValues) => boolean;
  /** Why the control is off when `appliesWhen` is false, e.g. "GD uses every sample". */
  inapplicableReason?: string;
}

/** Most controls a cell shows before "More settings". */
export const MAX_ESSENTIAL_CONTROLS = 8;

export interface NumberSpec extends BaseSpec {
  type: 'number' | 'integer';
  default: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  /** 'log' sliders move in log10 space (min must be > 0). */
  scale?: 'linear' | 'log';
  /** 'number': a number box alone (seeds, counts with a huge range); default a slider with a box. A parameter named `seed` is a number box. */
  control?: 'slider' | 'number';
}

export interface EnumSpec extends BaseSpec {
  type: 'enum';
  default: string;
  options: readonly { value: string; label: string }[];
}

export interface BooleanSpec extends BaseSpec {
  type: 'boolean';
  default: boolean;
}

export type ParamSpec = NumberSpec | EnumSpec | BooleanSpec;
export type ParamTable = readonly ParamSpec[];
export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

/** The defaults of a table, as values. */
export function defaults(table: ParamTable): ParamValues {
  return Object.fromEntries(table.map((s) => [s.name, s.default]));
}

export interface Coerced {
  value: ParamValue;
  /** Set when the input was changed (clamped, rounded) or rejected (default used). */
  notice?: string;
}

/**
 * Turns a raw value (from the URL, a number input or a loaded notebook) into a
 * valid one: numbers are parsed, clamped to [min, max] and snapped to integers
 * where the type says so; unknown enum values and garbage fall back to the
 * default. Every change comes with a notice naming the bad value.
 */
export function coerce(spec: ParamSpec, raw: unknown): Coerced {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) {
        return { value: spec.default, notice: `${spec.name}: "${String(raw)}" is not a number; using ${spec.default}` };
      }
      let v = spec.type === 'integer' ? Math.round(n) : n;
      v = Math.min(spec.max, Math.max(spec.min, v));
      if (v !== n) {
        const why = n < spec.min || n > spec.max ? `outside [${spec.min}, ${spec.max}]` : 'not an integer';
        return { value: v, notice: `${spec.name}: ${n} is ${why}; using ${v}` };
      }
      return { value: v };
    }
    case 'enum': {
      const s = String(raw);
      if (spec.options.some((o) => o.value === s)) return { value: s };
      return {
        value: spec.default,
        notice: `${spec.name}: "${s}" is not one of ${spec.options.map((o) => o.value).join(', ')}; using ${spec.default}`,
      };
    }
    case 'boolean': {
      if (raw === true || raw === 'true' || raw === '1') return { value: true };
      if (raw === false || raw === 'false' || raw === '0') return { value: false };
      return { value: spec.default, notice: `${spec.name}: "${String(raw)}" is not true or false; using ${spec.default}` };
    }
  }
}

/** Coerces a whole record against a table; unknown keys are reported and dropped. */
export function coerceAll(table: ParamTable, raw: Record<string, unknown>): { values: ParamValues; notices: string[] } {
  const values = defaults(table);
  const notices: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const spec = table.find((s) => s.name === key);
    if (!spec) {
      notices.push(`unknown parameter "${key}" ignored`);
      continue;
    }
    const c = coerce(spec, value);
    values[key] = c.value;
    if (c.notice) notices.push(c.notice);
  }
  return { values, notices };
}

/** Formats a value for the URL: shortest round-tripping text for numbers. */
export function formatParam(spec: ParamSpec, value: ParamValue): string {
  if (spec.type === 'number') return String(Number(value));
  return String(value);
}

/** Text for aria-valuetext and figure descriptions: value with its unit. */
export function describeValue(spec: ParamSpec, value: ParamValue): string {
  if (spec.type === 'number' || spec.type === 'integer') {
    const n = Number(value);
    const text = Math.abs(n) >= 1e4 || (Math.abs(n) < 1e-3 && n !== 0) ? n.toExponential(2) : String(+n.toPrecision(4));
    return spec.unit ? `${text} ${spec.unit}` : text;
  }
  if (spec.type === 'enum') return spec.options.find((o) => o.value === value)?.label ?? String(value);
  return value ? 'on' : 'off';
}

/** The value type of one entry: the union of an enum's option values, boolean, or number. */
export type ValueOf<S> = S extends { type: 'enum'; options: readonly { value: infer V }[] } ? V : S extends { type: 'boolean' } ? boolean : number;

/** The typed record of a table's values, keyed by the entries' names. */
export type ValuesOf<T extends ParamTable> = { -readonly [S in T[number] as S['name']]: ValueOf<S> };

/** Declares a table and keeps its literal names and option values, so `ValuesOf` can read them. */
export function defineParams<const T extends ParamTable>(table: T): T {
  const seen = new Set<string>();
  for (const spec of table) {
    if (seen.has(spec.name)) throw new Error(`defineParams: "${spec.name}" is declared twice`);
    seen.add(spec.name);
  }
  return table;
}

/** Why `value` is not a valid value of `spec`, or null when it is. */
export function invalidReason(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const kind = spec.type === 'integer' ? 'an integer' : 'a number';
      const ok = typeof value === 'number' && Number.isFinite(value) && (spec.type !== 'integer' || Number.isInteger(value)) && value >= spec.min && value <= spec.max;
      return ok ? null : `need ${kind} in ${spec.min}…${spec.max}`;
    }
    case 'enum':
      return typeof value === 'string' && spec.options.some((o) => o.value === value) ? null : `expected ${spec.options.map((o) => o.value).join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'need true or false';
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/**
 * The job's validator: every entry of `table` must be present in `raw` with a valid value
 * (fields `raw` carries beyond the table are left to the job). Throws an InputError that
 * names the first bad field, e.g. `invalid n: 5000 (need an integer in 8…4096)` or
 * `unknown cost: cosine (expected sqeuclidean, euclidean, l1)`. `skip`
 * names entries that do not apply (e.g. the built-in dataset's size when data is loaded).
 */
export function checkParams<const T extends ParamTable>(table: T, raw: unknown, skip: readonly string[] = []): ValuesOf<T> {
  if (raw === null || typeof raw !== 'object') throw new InputError('invalid params: expected an object');
  const record = raw as Record<string, unknown>;
  for (const spec of table) {
    if (skip.includes(spec.name)) continue;
    const value = record[spec.name];
    const why = invalidReason(spec, value);
    if (why) throw new InputError(spec.type === 'enum' && typeof value === 'string' ? `unknown ${spec.name}: ${value} (${why})` : `invalid ${spec.name}: ${shown(value)} (${why})`);
  }
  return record as ValuesOf<T>;
}

/**
 * A view's values for a job: the entries of the job's table, taken from the cell's values
 * (already coerced against the same entries, so this only narrows their type; a missing or
 * bad value falls back to the entry's default through `coerce`).
 */
export function pickParams<const T extends ParamTable>(table: T, values: ParamValues): ValuesOf<T> {
  const out: Record<string, ParamValue> = {};
  for (const spec of table) out[spec.name] = coerce(spec, values[spec.name]).value;
  return out as ValuesOf<T>;
}
