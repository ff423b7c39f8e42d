/**
 * The heat chapter's parameters, declared once (src/catalogue/params.ts): the views' sliders
 * spread these entries, the jobs' types are derived from them and the jobs validate against
 * them (src/workers/jobs/heatStages.ts `validateParams`). Also the methods, labels and size
 * limits the jobs and the views share (pure data, no worker code).
 */
import { defineParams, type ValuesOf } from './params';

export type HeatMethod = 'heatgeo' | 'phate' | 'diffusion' | 'shortest';
export const HEAT_METHODS: readonly HeatMethod[] = ['heatgeo', 'phate', 'diffusion', 'shortest'];
export const HEAT_METHOD_LABELS: Record<HeatMethod, string> = {
  heatgeo: 'Heat geodesic',
  phate: 'PHATE-like potential',
  diffusion: 'Diffusion map',
  shortest: 'Shortest paths (Isomap)',
};

/** Most rows the chapter accepts (n×n matrices in f64 on the CPU path). */
export const HEAT_MAX_ROWS = 5000;
/** Most rows for the comparison job (four n×n pipelines). */
export const HEAT_COMPARE_MAX_ROWS = 2000;

/** The synthetic data sets the worker makes (src/geometry/heat/datasets.ts), in the menu's order. */
export const HEAT_SYNTHETIC_DATASETS = [
  { value: 'swissroll', label: 'Swiss roll' },
  { value: 'scurve', label: 'S-curve' },
  { value: 'torus', label: 'Torus' },
  { value: 'sphere', label: 'Sphere' },
  { value: 'tree', label: 'Branching tree' },
  { value: 'clusters', label: 'Gaussian clusters' },
  { value: 'circle', label: 'Circle' },
] as const;

const method = {
  name: 'method',
  label: 'Method',
  type: 'enum',
  default: 'heatgeo',
  options: HEAT_METHODS.map((m) => ({ value: m, label: HEAT_METHOD_LABELS[m] })),
} as const;
const n = { name: 'n', label: 'Points n', type: 'integer', default: 400, min: 50, max: HEAT_MAX_ROWS, step: 50, description: 'Number of points (the first n rows of loaded data).' } as const;
const noise = { name: 'noise', label: 'Noise', type: 'number', default: 0.1, min: 0, max: 2, step: 0.01, description: 'Standard deviation of Gaussian noise added to every coordinate.' } as const;
const k = { name: 'k', label: 'Neighbours k', type: 'integer', default: 10, min: 2, max: 60, step: 1, description: 'The adaptive bandwidth is the distance to the k-th neighbour.' } as const;
const alpha = { name: 'alpha', label: 'Decay α', type: 'number', default: 40, min: 2, max: 100, step: 1, description: 'Kernel exp(−(d/σ_i)^α); α = 2 is a Gaussian.' } as const;
const laplacian = {
  name: 'laplacian',
  label: 'Laplacian',
  type: 'enum',
  default: 'normalized',
  options: [
    { value: 'normalized', label: 'normalized (I − D^-1/2 W D^-1/2)' },
    { value: 'combinatorial', label: 'combinatorial (D − W)' },
  ],
} as const;
const t = {
  name: 't',
  label: 'Diffusion time t',
  type: 'number',
  default: 80,
  min: 0.1,
  max: 1000,
  step: 0.1,
  scale: 'log',
  description: 'Heat kernel time; grows with n (≈ n/5 works for 2-D manifolds).',
} as const;
const autoT = { name: 'autoT', label: 'Choose t by entropy knee', type: 'boolean', default: false } as const;
const order = {
  name: 'order',
  label: 'Chebyshev order K',
  type: 'integer',
  default: 60,
  min: 2,
  max: 400,
  step: 1,
  description: 'Used by the Chebyshev route (n above 400); smaller n takes the eigendecomposition route, which has no order.',
} as const;
const sigma = { name: 'sigma', label: 'Harnack σ', type: 'number', default: 1, min: 0, max: 2, step: 0.05, description: 'Volume regularization in Varadhan’s formula; σ = 1 is exact for Euclidean space.' } as const;
const steps = {
  name: 'steps',
  label: 'Comparator steps',
  type: 'integer',
  default: 20,
  min: 1,
  max: 200,
  step: 1,
  description: 'Random-walk steps for the PHATE-like potential (P^steps) and the diffusion map (λ^steps).',
} as const;
// max 5000, not 500: the warm-start test (tests/unit/heat/stages.test.ts) runs SMACOF to its tolerance with a 5000 cap
const mdsIterations = {
  name: 'mdsIterations',
  label: 'MDS iterations',
  type: 'integer',
  default: 20,
  min: 0,
  max: 5000,
  step: 5,
  description: 'Most SMACOF iterations after classical MDS (it stops earlier once the stress settles); a new t or σ starts from the previous layout.',
} as const;
const seed = { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 } as const;
const landmarks = {
  name: 'landmarks',
  label: 'Landmarks L',
  type: 'integer',
  default: 0,
  min: 0,
  max: 1000,
  step: 10,
  description:
    'Heat geodesic only: 0 = all points (exact); L > 0 applies the heat kernel to L farthest-point landmarks and embeds by landmark MDS (much faster for large n; ~100 is enough on a Swiss roll).',
} as const;

const mdsTolerance = {
  name: 'mdsTolerance',
  label: 'SMACOF tolerance',
  type: 'number',
  default: 1e-5,
  min: 0,
  max: 0.99,
  step: 1e-12,
  description: 'SMACOF stops when (σ_k − σ_{k+1}) ≤ tolerance · σ_k (de Leeuw’s relative criterion); 0 stops only where the stress stops decreasing.',
} as const;

/** `heat/embed`: one method's embedding. */
export const HEAT_EMBED_PARAMS = defineParams([method, n, noise, k, alpha, laplacian, t, autoT, order, sigma, steps, mdsIterations, seed, landmarks]);

/** `heat/compare`: every method on one graph, so fewer points (at most HEAT_COMPARE_MAX_ROWS, 250 by default). */
export const HEAT_COMPARE_PARAMS = defineParams([
  { ...n, default: 250, max: HEAT_COMPARE_MAX_ROWS },
  noise,
  k,
  alpha,
  laplacian,
  t,
  autoT,
  order,
  sigma,
  steps,
  mdsIterations,
  seed,
]);

/**
 * What the views set without a control (and benchmarks and previews may change): the jobs'
 * call contract beyond the sliders, validated with the same `checkParams`. Not in the jobs'
 * `params`, which the views' tables must repeat unchanged.
 */
export const HEAT_JOB_FIELDS = defineParams([
  {
    name: 'dataset',
    label: 'Dataset',
    type: 'enum',
    default: 'swissroll',
    options: [...HEAT_SYNTHETIC_DATASETS, { value: 'data', label: 'The loaded data (passed with the job)' }],
    description: 'A synthetic data set made in the worker, or "data" for the data the job is given (a loaded file, the digits).',
  },
  {
    name: 'heat',
    label: 'Heat kernel route',
    type: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Automatic' },
      { value: 'chebyshev', label: 'Chebyshev (order K)' },
      { value: 'eigen', label: 'Truncated eigendecomposition' },
      { value: 'exact', label: 'Exact (every eigenpair)' },
    ],
    description:
      "'chebyshev' (order K), 'eigen' (truncated eigendecomposition, cached per graph), 'exact' (every eigenpair; small n), or 'auto' (eigen up to HEAT_EIGEN_ROUTE_MAX_ROWS on the JavaScript CPU path; Chebyshev above, with WebAssembly SIMD and on the GPU).",
  },
  { name: 'dims', label: 'Embedding dimension', type: 'integer', default: 2, min: 1, max: 3, step: 1 },
  mdsTolerance,
  {
    name: 'subsample',
    label: 'Preview rows',
    type: 'integer',
    default: 0,
    min: 0,
    max: HEAT_MAX_ROWS,
    step: 1,
    description: 'Previews run on m evenly spaced rows of the data (t scaled by m/n, since the diffusion time for a fixed manifold scale grows with the density of points); 0: every row.',
  },
  { name: 'skipQuality', label: 'Skip quality figures', type: 'boolean', default: false, description: 'Benchmarks time the pipeline alone.' },
]);

/** Entries a caller may omit: the job then uses the entry's default, or for `landmarks` its automatic choice (heatStages.ts `landmarkCount`). */
export const HEAT_OPTIONAL_FIELDS = ['steps', 'landmarks', 'mdsTolerance', 'subsample', 'skipQuality'] as const;

/** What an omitted `steps` or `mdsTolerance` means. */
export const HEAT_FIELD_DEFAULTS: { steps: number; mdsTolerance: number } = { steps: steps.default, mdsTolerance: mdsTolerance.default };

type HeatOptional = (typeof HEAT_OPTIONAL_FIELDS)[number];
type WithOptional<T> = Omit<T, HeatOptional> & Partial<Pick<T, Extract<keyof T, HeatOptional>>>;

/** The parameters of `heat/embed`. */
export type HeatParams = WithOptional<ValuesOf<typeof HEAT_EMBED_PARAMS> & ValuesOf<typeof HEAT_JOB_FIELDS>>;
/** The parameters of `heat/compare` (and of the pipeline both jobs run). */
export type HeatCompareParams = WithOptional<ValuesOf<typeof HEAT_COMPARE_PARAMS> & ValuesOf<typeof HEAT_JOB_FIELDS>>;
