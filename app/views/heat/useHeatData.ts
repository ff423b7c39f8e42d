/**
 * Resolves the view's data menu into the job's fields without a control (`dataset`: a synthetic
 * set, or 'data' with the digits fetched or the loaded file kept in state) and the data itself.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ParamValues } from '../../params/spec';
import { pickParams } from '../../params/spec';
import type { HeatData } from '../../../src/workers/jobs/heat';
import type { HeatCompareParams } from '../../../src/catalogue/heat';
import { firstRows, loadDigits, type LoadedHeatData } from './data';
import { DATASET_PARAMS } from './params';

type JobFields = Pick<HeatCompareParams, 'dataset' | 'heat' | 'dims'>;

export function useHeatInput(values: ParamValues, n: number, loaded: LoadedHeatData | null): { fields: JobFields; data: HeatData | null; problem: string | null; ready: boolean } {
  const [digits, setDigits] = useState<LoadedHeatData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { dataset } = pickParams(DATASET_PARAMS, values);
  useEffect(() => {
    if (dataset !== 'digits' || digits) return;
    loadDigits().then(setDigits, (e: Error) => setProblem(`could not load the digits data: ${e.message}`));
  }, [dataset, digits]);
  // memoised: useJob restarts when the data object changes identity
  const data = useMemo<HeatData | null>(() => {
    if (dataset === 'digits') return digits ? firstRows(digits, n) : null;
    if (dataset === 'loaded') return loaded ? firstRows(loaded, n) : null;
    return null;
  }, [dataset, digits, loaded, n]);
  const needsData = dataset === 'digits' || dataset === 'loaded';
  const ready = !needsData || data !== null;
  const issue = dataset === 'loaded' && !loaded ? 'choose a CSV or JSON file with "Load data" (dataset: Loaded file)' : problem;
  const fields: JobFields = { dataset: needsData ? 'data' : dataset, heat: 'auto', dims: 2 };
  return { fields, data, problem: issue, ready };
}
