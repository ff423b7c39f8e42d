/**
 * Presentation metadata for a parameter table, declared beside it without rewriting its
 * entries: which parameters are essential (the rest go under "More settings"), when one
 * applies (with the reason shown when it does not), and descriptions for tooltips.
 *
 *     export const params = refineTable(table, {
 *       essential: ['epsilon', 'n'],
 *       applies: { batchSize: { when: (v) => v.optimizer !== 'gd', reason: 'GD uses every sample' } },
 *     });
 *
 * Names are checked: a name that is not in the table throws, naming it.
 */
import type { ParamSpec, ParamTable, ParamValues } from './spec';

export interface TableRefinement {
  /** The parameters shown by default, in the table's order; every other one becomes `essential: false`. */
  essential?: readonly string[];
  applies?: Record<string, { when: (values: ParamValues) => boolean; reason: string }>;
  descriptions?: Record<string, string>;
  /** Parameters drawn as a number box instead of a slider. */
  numberBox?: readonly string[];
}

export function refineTable<const T extends ParamTable>(table: T, refinement: TableRefinement): T {
  const names = new Set(table.map((s) => s.name));
  const listed = [...(refinement.essential ?? []), ...Object.keys(refinement.applies ?? {}), ...Object.keys(refinement.descriptions ?? {}), ...(refinement.numberBox ?? [])];
  for (const name of listed) if (!names.has(name)) throw new Error(`refineTable: "${name}" is not a parameter of this table (${[...names].join(', ')})`);
  const refined = table.map((spec): ParamSpec => {
    const out: ParamSpec = { ...spec };
    if (refinement.essential) out.essential = refinement.essential.includes(spec.name);
    const applies = refinement.applies?.[spec.name];
    if (applies) {
      out.appliesWhen = applies.when;
      out.inapplicableReason = applies.reason;
    }
    const description = refinement.descriptions?.[spec.name];
    if (description && !spec.description) out.description = description;
    if (refinement.numberBox?.includes(spec.name) && (out.type === 'number' || out.type === 'integer')) out.control = 'number';
    return out;
  });
  // Same names, types and ranges: only presentation fields change, so the table keeps its type.
  return refined as readonly ParamSpec[] as T;
}
