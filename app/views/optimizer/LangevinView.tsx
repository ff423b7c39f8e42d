/**
 * Spherical Langevin with iterate averaging on a planted single-index model: overlap of the last iterate and of
 * the running average for one (d, n), and the success-rate phase picture over (d, n) in the exponent
 * coordinate log_d n, with the reference lines n = d^{k* / 2} and n = d^{k*−1}.
 */
import { useRef } from 'react';
import { pickParams } from '../../params/spec';
import { LANGEVIN_PARAMS } from '../../../src/catalogue/optimizer2';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import { langevinCsv, langevinExport } from './exportOptimizer2';
import { langevinChecks, meanRate } from './langevinChecks';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { fmt } from './fmt';
import { ROLE } from '../../plots/palette';

const params = LANGEVIN_PARAMS;

function LangevinView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(LANGEVIN_PARAMS, v);
  const job = useJob(cellId, 'optimizer/langevin', jobParams, null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const total = run ? run.phase.ds.length * run.phase.exponents.length : 1;
  const t = run ? Float64Array.from({ length: run.steps + 1 }, (_, i) => i) : new Float64Array(0);
  const overlaps: Series[] = run
    ? [
        { label: 'last iterate |⟨θ_t, θ*⟩|', x: t, y: run.run.last, color: ROLE.purple },
        { label: 'averaged iterate |⟨θ̄_t, θ*⟩|', x: t, y: run.run.average, color: ROLE.green },
        { label: 'zero noise, last iterate', x: t, y: run.zeroNoise.last, color: ROLE.orange, dashed: true },
      ]
    : [];
  const phase: Series[] = run
    ? (
        [
          ['average', 'averaged iterate', ROLE.green],
          ['last', 'last iterate', ROLE.purple],
          ['zeroNoiseLast', 'zero noise (β = ∞)', ROLE.orange],
        ] as const
      ).map(([key, label, color]) => ({
        label,
        x: run.phase.exponents,
        y: run.phase.exponents.map((e) => meanRate(run, key, e, e + 1e-9)),
        color,
        points: true,
      }))
    : [];
  const description = run
    ? `Phase cells ${run.cells} of ${total}; single run (d = ${run.d}, n = ${run.n}, k* = ${run.kStar}): final overlap last iterate ${fmt(run.run.last[run.steps])}, averaged ${fmt(run.run.average[run.steps])}, zero noise ${fmt(run.zeroNoise.last[run.steps])}.`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="optimizer-langevin"
      cellId={cellId}
      title="Langevin on the sphere: last iterate, averaging and the sample-size phase picture"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={job.progress ? { fraction: job.progress.cells / total, text: `cell ${job.progress.cells} of ${total}` } : undefined}
      figure={svgRef}
      exportResult={job.result ? () => langevinExport(job.result!) : undefined}
      exportCsv={job.result ? () => langevinCsv(job.result!) : undefined}
      description={description}
    >
      {run ? (
        <>
          <div className="figure-row">
            <LinePlot svgRef={svgRef} series={overlaps} xLabel="step" yLabel="overlap with θ*" yDomain={[0, 1]} height={240} />
            <LinePlot
              series={phase}
              xLabel="log_d n"
              yLabel={`success rate (overlap ≥ 0.5), mean over d ∈ {${run.phase.ds.join(', ')}}`}
              yDomain={[0, 1]}
              vLines={[
                { value: run.kStar / 2, label: 'n = d^{k*/2}' },
                { value: run.kStar - 1, label: 'n = d^{k*−1}' },
              ]}
              height={240}
            />
          </div>
          <PaperCheckTable rows={langevinChecks(run)} />
        </>
      ) : null}
    </ViewFrame>
  );
}

export const langevinView: ViewDefinition = {
  id: 'optimizer-langevin',
  title: 'Langevin on the sphere: last iterate, averaging and the sample-size phase picture',
  params,
  jobs: ['optimizer/langevin'],
  component: LangevinView,
};
