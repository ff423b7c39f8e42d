/**
 * Sinkhorn, log-domain Sinkhorn and Sinkhorn-Newton-Sparse racing on the same problem:
 * marginal error (log scale) against wall time or iterations, streamed live.
 */
import { useRef, useState } from 'react';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import type { LoadedFile } from '../../io/LoadData';
import { LoadData } from '../../io/LoadData';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { problemFromFile, type LoadedProblem } from './loadProblem';
import { raceParams } from './params';
import { pickParams } from '../../params/spec';
import { SINKHORN_PROBLEM_PARAMS } from '../../../src/catalogue/sinkhorn';
import { ROLE } from '../../plots/palette';

const LABELS: Record<string, string> = { sinkhorn: 'Sinkhorn (scaling)', log: 'log-domain Sinkhorn', sns: 'Sinkhorn-Newton-Sparse' };
const COLORS: Record<string, string> = { sinkhorn: ROLE.blue, log: ROLE.orange, sns: ROLE.green };

function RaceView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [loaded, setLoaded] = useState<LoadedProblem | null>(null);
  const job = useJob(cellId, 'sinkhorn/race', pickParams(SINKHORN_PROBLEM_PARAMS, values), loaded?.data ?? null, { streams: true });
  const race = job.status === 'running' && job.progress ? job.progress : job.result;
  const v = pickParams(raceParams, values);
  const bySeconds = v.xAxis !== 'iteration';
  const series: Series[] = (race?.entries ?? []).map((e) => ({
    label: `${LABELS[e.method]}${e.failure ? ' (failed: underflow)' : e.converged ? ` — ${e.iterations} it, ${e.seconds.toFixed(2)} s` : ''}`,
    x: bySeconds ? e.history.seconds : e.history.iteration,
    y: e.history.marginalError,
    color: COLORS[e.method],
  }));
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="sinkhorn-race"
      cellId={cellId}
      title="Convergence race"
      table={raceParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={race && job.status === 'running' ? { text: race.entries.map((e) => `${e.method}: ${e.iterations}`).join(' · ') } : undefined}
      figure={svgRef}
      exportCsv={
        job.result
          ? () => ({
              columns: ['method', 'iteration', 'marginalError', 'seconds', 'step'],
              rows: job.result!.entries.flatMap((e) =>
                Array.from(e.history.iteration, (iteration, k) => [e.method, iteration, e.history.marginalError[k], e.history.seconds[k], e.history.newton[k] ? 'newton' : 'sinkhorn']),
              ),
            })
          : undefined
      }
      exportResult={
        job.result
          ? () => ({
              epsilon: job.result!.epsilon,
              n: job.result!.n,
              m: job.result!.m,
              entries: job.result!.entries.map((e) => ({
                method: e.method,
                iterations: e.iterations,
                seconds: e.seconds,
                converged: e.converged,
                failure: e.failure,
                marginalError: e.marginalError,
                history: Array.from(e.history.iteration, (iteration, k) => ({
                  iteration,
                  marginalError: e.history.marginalError[k],
                  seconds: e.history.seconds[k],
                  step: e.history.newton[k] ? 'newton' : 'sinkhorn',
                })),
              })),
            })
          : undefined
      }
      description={
        race
          ? `Marginal error ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ per ${bySeconds ? 'second of compute' : 'iteration'} at ε = ${race.epsilon} on a ${race.n}×${race.m} problem: ` +
            race.entries.map((e) => `${LABELS[e.method]} ${e.failure ? 'failed (scaling underflow)' : `${e.iterations} iterations in ${e.seconds.toFixed(2)} s`}`).join('; ') +
            '.'
          : undefined
      }
      tools={
        <div className="sinkhorn-data-tools">
          <LoadData onLoad={(file: LoadedFile) => setLoaded(problemFromFile(file))} />
          {loaded ? (
            <p className="data-note">
              Using {loaded.name}.{' '}
              <button type="button" onClick={() => setLoaded(null)}>
                Use built-in data
              </button>
            </p>
          ) : null}
        </div>
      }
    >
      <LinePlot
        svgRef={svgRef}
        series={series}
        xLabel={bySeconds ? 'wall time (s)' : 'iteration'}
        yLabel="marginal error"
        yScale="log"
        hLines={[{ value: v.tolerance, label: 'tolerance' }]}
        width={560}
        height={340}
        ariaLabel="marginal error against time for three solvers"
      />
    </ViewFrame>
  );
}

export const raceView: ViewDefinition = { id: 'sinkhorn-race', title: 'Convergence race', params: raceParams, jobs: ['sinkhorn/race'], component: RaceView };
