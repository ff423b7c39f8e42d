/**
 * Which controls a cell shows and what their tooltips say, from the parameter table
 * (app/params/spec.ts): the essential ones first (at most MAX_ESSENTIAL_CONTROLS; any
 * beyond go under "More settings" too), a tooltip naming what the control does, its
 * unit and range, and whether it applies to the current values.
 */
import { MAX_ESSENTIAL_CONTROLS, type ParamSpec, type ParamTable, type ParamValues } from '../params/spec';

export function splitEssential(table: ParamTable): { essential: ParamSpec[]; more: ParamSpec[] } {
  const essential: ParamSpec[] = [];
  const more: ParamSpec[] = [];
  for (const spec of table) {
    if (spec.essential !== false && essential.length < MAX_ESSENTIAL_CONTROLS) essential.push(spec);
    else more.push(spec);
  }
  return { essential, more };
}

export function applies(spec: ParamSpec, values: ParamValues): boolean {
  return spec.appliesWhen ? spec.appliesWhen(values) : true;
}

function formatBound(v: number): string {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(0) : String(v);
}

/** "What it does. Unit: … Range a–b." — every control's title. */
export function controlTooltip(spec: ParamSpec): string {
  const parts: string[] = [spec.description ?? `Sets ${spec.label.toLowerCase()}.`];
  if (spec.type === 'number' || spec.type === 'integer') {
    if (spec.unit) parts.push(`Unit: ${spec.unit}.`);
    parts.push(`Range ${formatBound(spec.min)}–${formatBound(spec.max)}${spec.type === 'integer' ? ', whole numbers' : ''}${spec.scale === 'log' ? ', log scale' : ''}.`);
  } else if (spec.type === 'enum') {
    parts.push(`One of: ${spec.options.map((o) => o.label).join(', ')}.`);
  } else {
    parts.push('On or off.');
  }
  return parts.join(' ');
}

/** A seed (or any parameter declared `control: 'number'`) is a number box, not a slider. */
export function isNumberBox(spec: ParamSpec): boolean {
  return (spec.type === 'number' || spec.type === 'integer') && (spec.control === 'number' || (spec.control === undefined && /^seed$|Seed$/.test(spec.name)));
}
