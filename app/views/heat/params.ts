/**
 * The parameter tables of the heat chapter's views: the jobs' entries (declared once, in
 * src/catalogue/heat.ts) after the view's own data menu, which adds the digits and a loaded file
 * to the synthetic data sets (both reach the job as `dataset: 'data'`, useHeatData.ts).
 */
import { defineParams, type ParamValues } from '../../params/spec';
import { refineTable } from '../../params/refine';
import { HEAT_COMPARE_PARAMS, HEAT_EMBED_PARAMS, HEAT_SYNTHETIC_DATASETS } from '../../../src/catalogue/heat';

export const DATASET_PARAMS = defineParams([
  {
    name: 'dataset',
    label: 'Dataset',
    type: 'enum',
    default: 'swissroll',
    options: [...HEAT_SYNTHETIC_DATASETS, { value: 'digits', label: 'Digits (8×8 images)' }, { value: 'loaded', label: 'Loaded file' }],
  },
]);

const autoTReason = { when: (v: ParamValues) => !v.autoT, reason: 'Chosen by the entropy knee (untick to set it).' };

export const embedParams = refineTable(defineParams([...DATASET_PARAMS, ...HEAT_EMBED_PARAMS]), {
  essential: ['dataset', 'method', 'n', 'noise', 'k', 't', 'autoT', 'landmarks'],
  applies: {
    t: autoTReason,
    landmarks: { when: (v) => v.method === 'heatgeo', reason: 'Landmarks apply to the heat geodesic only.' },
  },
});

export const compareParams = refineTable(defineParams([...DATASET_PARAMS, ...HEAT_COMPARE_PARAMS]), {
  essential: ['dataset', 'n', 'noise', 'k', 'alpha', 't', 'autoT'],
  applies: { t: autoTReason },
});
