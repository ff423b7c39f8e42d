/**
 * The sample set's parameters shared by the plane and Taylor views (declared once, in
 * src/catalogue/radii.ts), and what the views ask `radii/sample-radii` for.
 */
import { pickParams, type ParamValues } from '../../params/spec';
import { refineTable } from '../../params/refine';
import { SAMPLE_RADII_BOUND_PARAMS, SAMPLE_RADII_PARAMS, type SampleRadiiParams } from '../../../src/catalogue/radii';

const mlp = { when: (v: Record<string, unknown>) => v.source === 'mlp', reason: 'Used when the samples come from a trained MLP.' };
const synthetic = { when: (v: Record<string, unknown>) => v.source !== 'mlp', reason: 'Used by the random (synthetic) set only.' };

export const dataParams = refineTable(SAMPLE_RADII_PARAMS, {
  applies: { trainSteps: mlp, direction: mlp, classes: synthetic, logitScale: synthetic, slopeScale: synthetic },
});

/**
 * The job's params from a cell's values: the set's entries, the percentile (its default where
 * the view has no slider for it), `samples` as the view sizes the set, and Taylor coefficients
 * up to order 60 (the Taylor view draws orders up to its own slider's N ≤ 60).
 */
export function sampleJobParams(values: ParamValues, samples: number, withZeros: boolean): SampleRadiiParams {
  return { ...pickParams(SAMPLE_RADII_PARAMS, values), ...pickParams(SAMPLE_RADII_BOUND_PARAMS, values), samples, order: 60, withZeros };
}
