/**
 * The engine's own figure: time per repeat of a row log-sum-exp sweep over an
 * n×n matrix, on whichever backend the engine chose. It runs for seconds at large
 * n, so it shows progress and cancellation, and is what the end-to-end tests use
 * to check that the main thread stays responsive while the worker computes.
 */
import { useRef } from 'react';
import { pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot } from '../../plots';
import { LSE_SWEEP_PARAMS } from '../../../src/catalogue/foundation';

function SweepView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(LSE_SWEEP_PARAMS, values);
  const job = useJob(cellId, 'foundation/lse-sweep', jobParams, null, { streams: true });
  const times = job.status === 'running' && job.progress ? job.progress.times : job.result ? Array.from(job.result.times) : [];
  const median = times.length ? [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] : NaN;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="engine-sweep"
      cellId={cellId}
      title="Row log-sum-exp sweep"
      table={LSE_SWEEP_PARAMS}
      params={values}
      setParam={setParam}
      job={job}
      progress={
        job.progress
          ? { fraction: job.progress.done / job.progress.total, text: `repeat ${job.progress.done} of ${job.progress.total}` }
          : undefined
      }
      figure={svgRef}
      exportResult={job.result ? () => ({ n: job.result!.n, times: job.result!.times, rowLse: job.result!.rowLse }) : undefined}
      description={
        times.length
          ? `Milliseconds per repeat of a row log-sum-exp over a ${jobParams.n}×${jobParams.n} matrix; median ${median.toFixed(1)} ms over ${times.length} repeats.`
          : undefined
      }
    >
      <LinePlot
        svgRef={svgRef}
        series={[{ label: 'time per repeat', x: times.map((_, i) => i + 1), y: times, points: true }]}
        xLabel="repeat"
        yLabel="milliseconds"
        height={260}
      />
    </ViewFrame>
  );
}

export const sweepView: ViewDefinition = { id: 'engine-sweep', title: 'Row log-sum-exp sweep', params: LSE_SWEEP_PARAMS, jobs: ['foundation/lse-sweep'], component: SweepView };
