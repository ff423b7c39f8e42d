/** Resolves the dataset parameter into job params + data (digits fetched, loaded file kept in state). */
import { useEffect, useMemo, useState } from 'react';
import type { ParamValues } from '../../params/spec';
import type { HeatData, HeatMethod, HeatParams } from '../../../src/workers/jobs/heat';
import { firstRows, loadDigits, type LoadedHeatData } from './data';

export function useHeatInput(values: ParamValues, loaded: LoadedHeatData | null): { params: HeatParams; data: HeatData | null; problem: string | null; ready: boolean } {
  const [digits, setDigits] = useState<LoadedHeatData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const dataset = String(values.dataset);
  useEffect(() => {
    if (dataset !== 'digits' || digits) return;
    loadDigits().then(setDigits, (e: Error) => setProblem(`could not load the digits data: ${e.message}`));
  }, [dataset, digits]);
  const n = Number(values.n);
  // memoised: useJob restarts when the data object changes identity
  const data = useMemo<HeatData | null>(() => {
    if (dataset === 'digits') return digits ? firstRows(digits, n) : null;
    if (dataset === 'loaded') return loaded ? firstRows(loaded, n) : null;
    return null;
  }, [dataset, digits, loaded, n]);
  const needsData = dataset === 'digits' || dataset === 'loaded';
  const ready = !needsData || data !== null;
  const issue = dataset === 'loaded' && !loaded ? 'choose a CSV or JSON file with "Load data" (dataset: Loaded file)' : problem;
  const params: HeatParams = {
    dataset: dataset === 'digits' || dataset === 'loaded' ? 'data' : (dataset as HeatParams['dataset']),
    n,
    noise: Number(values.noise),
    k: Number(values.k),
    alpha: Number(values.alpha),
    laplacian: values.laplacian as HeatParams['laplacian'],
    t: Number(values.t),
    autoT: Boolean(values.autoT),
    order: Number(values.order),
    sigma: Number(values.sigma),
    heat: 'auto',
    method: (values.method ?? 'heatgeo') as HeatMethod,
    mdsIterations: Number(values.mdsIterations),
    dims: 2,
    seed: Number(values.seed),
    steps: values.steps === undefined ? undefined : Number(values.steps),
    landmarks: values.landmarks === undefined ? undefined : Number(values.landmarks),
  };
  return { params, data, problem: issue, ready };
}
