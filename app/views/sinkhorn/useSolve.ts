/**
 * The state a Sinkhorn view shares: the loaded data (kept until a new file validates),
 * the `sinkhorn/solve` job, and the plan to draw (the streamed one while running,
 * the last good one otherwise).
 */
import { useMemo, useRef, useState } from 'react';
import { useJob } from '../../engine/useJob';
import type { LoadedFile } from '../../io/LoadData';
import type { CsvTable } from '../../io/exporters';
import { pickParams, type ParamValues } from '../../params/spec';
import type { SinkhornSolveResult } from '../../../src/workers/jobs/sinkhorn';
import { problemFromFile, type LoadedProblem } from './loadProblem';
import { SINKHORN_SOLVE_PARAMS } from '../../../src/catalogue/sinkhorn';

export function useSolve(cellId: string, values: ParamValues) {
  const [loaded, setLoaded] = useState<LoadedProblem | null>(null);
  const [normalize, setNormalize] = useState(false);
  // useJob restarts when `data` changes identity: keep it stable between renders
  const data = useMemo(() => (loaded ? { ...loaded.data, normalize } : null), [loaded, normalize]);
  const job = useJob(cellId, 'sinkhorn/solve', pickParams(SINKHORN_SOLVE_PARAMS, values), data);
  const lastPlan = useRef<{ plan: Float64Array; n: number; m: number } | null>(null);
  // `shown` keeps its identity until another plan arrives: the figure derived from it is
  // recomputed and redrawn only then, not on every render (a slider step renders at once).
  const next = job.status === 'running' ? job.progress : job.result;
  if (next?.plan && next.plan !== lastPlan.current?.plan) lastPlan.current = { plan: next.plan, n: next.n, m: next.m };
  return {
    job,
    shown: lastPlan.current,
    loaded,
    normalize,
    setNormalize,
    /** Throws (the LoadData input shows the message) and keeps the previous data when the file is bad. */
    load(file: LoadedFile) {
      const problem = problemFromFile(file);
      setNormalize(false);
      setLoaded(problem);
    },
    unload() {
      setLoaded(null);
      setNormalize(false);
    },
  };
}

/** "; warm start from ε = …" when the solve began at the potentials of the cell's previous solve. */
export function warmNote(r: SinkhornSolveResult): string {
  const w = r.warmStart;
  if (!w) return '';
  const levels = w.levels.length > 0 ? ` through ${w.levels.length} intermediate ε (${w.levelIterations} iterations)` : '';
  // the same ε (a new tolerance, budget or method): the previous solve's potentials, not another ε's
  if (w.fromEpsilon === r.epsilon) return `, warm-started from the previous solve's potentials (same ε)${levels}`;
  return `, warm-started from the potentials at ε = ${w.fromEpsilon}${levels}`;
}

/** The `result` of Export JSON (fields documented in docs/formats.md, "Sinkhorn plans"). */
export function exportResult(r: SinkhornSolveResult, backend: string | null) {
  const plan: number[][] = [];
  for (let i = 0; i < r.n; i++) plan.push(Array.from(r.plan.subarray(i * r.m, (i + 1) * r.m)));
  const history = Array.from(r.history.iteration, (iteration, k) => ({
    iteration,
    marginalError: r.history.marginalError[k],
    seconds: r.history.seconds[k],
    cost: r.history.cost[k],
    dual: r.history.dual[k],
    step: r.history.newton[k] ? 'newton' : 'sinkhorn',
  }));
  return {
    method: r.method,
    epsilon: r.epsilon,
    n: r.n,
    m: r.m,
    a: r.a,
    b: r.b,
    costScale: r.costScale,
    plan,
    cost: r.cost,
    marginalError: r.marginalError,
    iterations: r.iterations,
    converged: r.converged,
    tolerance: r.tolerance,
    seconds: r.seconds,
    backend,
    failure: r.failure,
    warmStart: r.warmStart,
    history,
  };
}

/** Export CSV: the per-iteration history (the plan itself is in the JSON export). */
export function historyCsv(r: SinkhornSolveResult): CsvTable {
  return {
    columns: ['iteration', 'marginalError', 'seconds', 'cost', 'dual', 'step'],
    rows: Array.from(r.history.iteration, (iteration, k) => [
      iteration,
      r.history.marginalError[k],
      r.history.seconds[k],
      r.history.cost[k],
      r.history.dual[k],
      r.history.newton[k] ? 'newton' : 'sinkhorn',
    ]),
  };
}
