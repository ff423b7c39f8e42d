/** The parameter tables of the heat chapter's views (one source for sliders, URL and export). */
import type { ParamSpec, ParamTable } from '../../params/spec';
import { refineTable } from '../../params/refine';

export const DATASET_OPTIONS = [
  { value: 'swissroll', label: 'Swiss roll' },
  { value: 'scurve', label: 'S-curve' },
  { value: 'torus', label: 'Torus' },
  { value: 'sphere', label: 'Sphere' },
  { value: 'tree', label: 'Branching tree' },
  { value: 'clusters', label: 'Gaussian clusters' },
  { value: 'circle', label: 'Circle' },
  { value: 'digits', label: 'Digits (8×8 images)' },
  { value: 'loaded', label: 'Loaded file' },
] as const;

export const METHOD_OPTIONS = [
  { value: 'heatgeo', label: 'Heat geodesic' },
  { value: 'phate', label: 'PHATE-like potential' },
  { value: 'diffusion', label: 'Diffusion map' },
  { value: 'shortest', label: 'Shortest paths (Isomap)' },
] as const;

const common: ParamSpec[] = [
  { name: 'dataset', label: 'Dataset', type: 'enum', default: 'swissroll', options: DATASET_OPTIONS },
  { name: 'n', label: 'Points n', type: 'integer', default: 400, min: 50, max: 5000, step: 50, description: 'Number of points (the first n rows of loaded data).' },
  { name: 'noise', label: 'Noise', type: 'number', default: 0.1, min: 0, max: 2, step: 0.01, description: 'Standard deviation of Gaussian noise added to every coordinate.' },
  { name: 'k', label: 'Neighbours k', type: 'integer', default: 10, min: 2, max: 60, step: 1, description: 'The adaptive bandwidth is the distance to the k-th neighbour.' },
  { name: 'alpha', label: 'Decay α', type: 'number', default: 40, min: 2, max: 100, step: 1, description: 'Kernel exp(−(d/σ_i)^α); α = 2 is a Gaussian.' },
  {
    name: 'laplacian',
    label: 'Laplacian',
    type: 'enum',
    default: 'normalized',
    options: [
      { value: 'normalized', label: 'normalized (I − D^-1/2 W D^-1/2)' },
      { value: 'combinatorial', label: 'combinatorial (D − W)' },
    ],
  },
  { name: 't', label: 'Diffusion time t', type: 'number', default: 80, min: 0.1, max: 1000, step: 0.1, scale: 'log', description: 'Heat kernel time; grows with n (≈ n/5 works for 2-D manifolds).' },
  { name: 'autoT', label: 'Choose t by entropy knee', type: 'boolean', default: false },
  { name: 'order', label: 'Chebyshev order K', type: 'integer', default: 60, min: 2, max: 400, step: 1, description: 'Used by the Chebyshev route (n above 400); smaller n takes the eigendecomposition route, which has no order.' },
  { name: 'sigma', label: 'Harnack σ', type: 'number', default: 1, min: 0, max: 2, step: 0.05, description: 'Volume regularization in Varadhan’s formula; σ = 1 is exact for Euclidean space.' },
  { name: 'steps', label: 'Comparator steps', type: 'integer', default: 20, min: 1, max: 200, step: 1, description: 'Random-walk steps for the PHATE-like potential (P^steps) and the diffusion map (λ^steps).' },
  { name: 'mdsIterations', label: 'MDS iterations', type: 'integer', default: 20, min: 0, max: 500, step: 5, description: 'Most SMACOF iterations after classical MDS (it stops earlier once the stress settles); a new t or σ starts from the previous layout.' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
];

const baseEmbedParams: ParamTable = [
  ...common.slice(0, 1),
  { name: 'method', label: 'Method', type: 'enum', default: 'heatgeo', options: METHOD_OPTIONS },
  ...common.slice(1),
  {
    name: 'landmarks',
    label: 'Landmarks L',
    type: 'integer',
    default: 0,
    min: 0,
    max: 1000,
    step: 10,
    description: 'Heat geodesic only: 0 = all points (exact); L > 0 applies the heat kernel to L farthest-point landmarks and embeds by landmark MDS (much faster for large n; ~100 is enough on a Swiss roll).',
  },
];

export const embedParams: ParamTable = refineTable(baseEmbedParams, {
  essential: ['dataset', 'method', 'n', 'noise', 'k', 't', 'autoT', 'landmarks'],
  applies: {
    t: { when: (v) => !v.autoT, reason: 'Chosen by the entropy knee (untick to set it).' },
    landmarks: { when: (v) => v.method === 'heatgeo', reason: 'Landmarks apply to the heat geodesic only.' },
  },
});

const baseCompareParams: ParamTable = common.map((s): ParamSpec => {
  if (s.type !== 'integer') return s;
  if (s.name === 'n') return { ...s, default: 300, max: 2000 };
  if (s.name === 't') return { ...s, default: 60 };
  return s;
});

export const compareParams: ParamTable = refineTable(baseCompareParams, {
  essential: ['dataset', 'n', 'noise', 'k', 'alpha', 't', 'autoT'],
  applies: { t: { when: (v) => !v.autoT, reason: 'Chosen by the entropy knee (untick to set it).' } },
});
