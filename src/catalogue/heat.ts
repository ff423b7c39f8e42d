/** The heat chapter's methods and size limits: shared by the jobs and the views (pure data, no worker code). */

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
