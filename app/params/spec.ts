/**
 * Parameter tables. Each view declares its parameters once, here-typed; sliders,
 * URL serialization, validation/clamping and the export's `params` are all
 * generated from the table (see controls/ParamControls.tsx, store/url.ts,
 * io/exportJson.ts).
 */

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
