/**
 * `sinkhorn/race`: Sinkhorn, log-domain Sinkhorn and SNS on the same problem, interleaved so
 * the one that has used the least time steps next (a fair race in wall time), streaming the
 * three histories as progress (each report is a frame of the figure: all three histories so
 * far). CPU only (the race compares the f64 algorithms). Every lane starts cold, since the
 * race is about convergence from scratch; the problem (cost matrix) is a cached stage, so a
 * change of ε or the tolerance rebuilds only the solvers.
 */
import { createSolver } from '../../geometry/ot/solve';
import { OT_METHODS, type OtMethod, type OtSolver } from '../../geometry/ot/solver';
import { defineJob, type JobContext } from '../job';
import { HistoryBuffer, preparedStage, problemKey, type SinkhornData, type SinkhornHistory, type SinkhornProblemParams } from './sinkhornProblem';
import { SINKHORN_PROBLEM_PARAMS } from '../../catalogue/sinkhorn';

/** A progress report (a frame of the figure) at most this often, in ms: about 16 per second, above the 10 a streamed figure needs. */
const PROGRESS_INTERVAL_MS = 60;

export interface RaceEntry {
  method: OtMethod;
  iterations: number;
  seconds: number;
  converged: boolean;
  failure: string | null;
  marginalError: number;
  history: SinkhornHistory;
}

export interface SinkhornRaceResult {
  epsilon: number;
  n: number;
  m: number;
  entries: RaceEntry[];
}

export type SinkhornRaceProgress = SinkhornRaceResult;

/** Runs the three methods on one problem; the one that has used the least time steps next. */
async function raceCpu(ctx: JobContext<SinkhornRaceProgress>, params: SinkhornProblemParams, data: SinkhornData | null): Promise<SinkhornRaceResult> {
  const { problem } = await preparedStage(ctx, params, data, problemKey(params, data));
  const lanes = OT_METHODS.map((method) => ({
    method,
    solver: createSolver(problem, params.epsilon, method, { trackCost: true }) as OtSolver,
    history: new HistoryBuffer(),
    seconds: 0,
    done: false,
    converged: false,
    failure: null as string | null,
    error: NaN,
  }));
  const snapshot = (): SinkhornRaceResult => ({
    epsilon: params.epsilon,
    n: problem.n,
    m: problem.m,
    entries: lanes.map((l) => ({
      method: l.method,
      iterations: l.solver.iterations,
      seconds: l.seconds,
      converged: l.converged,
      failure: l.failure,
      marginalError: l.error,
      history: l.history.snapshot(),
    })),
  });
  let lastProgress = -Infinity;
  for (;;) {
    const running = lanes.filter((l) => !l.done);
    if (running.length === 0) break;
    const lane = running.reduce((p, q) => (q.seconds < p.seconds ? q : p));
    const t0 = performance.now();
    const record = lane.solver.step();
    lane.seconds += (performance.now() - t0) / 1000;
    if (lane.solver.failure) {
      lane.failure = lane.solver.failure;
      lane.done = true;
    } else {
      lane.history.push(record, lane.seconds);
      lane.error = record.marginalError;
      if (record.marginalError <= params.tolerance) {
        lane.converged = true;
        lane.done = true;
      } else if (lane.solver.iterations >= params.maxIterations) lane.done = true;
    }
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      ctx.progress(snapshot());
    }
    await ctx.checkpoint();
  }
  return snapshot();
}

export const race = defineJob<SinkhornProblemParams, SinkhornData | null, SinkhornRaceResult, SinkhornRaceProgress>({
  name: 'sinkhorn/race',
  params: SINKHORN_PROBLEM_PARAMS,
  cpu: raceCpu,
  cost: (p) => (p.n * p.n) / Math.max(p.epsilon, 1e-4),
});

