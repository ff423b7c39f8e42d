/**
 * The loss along the step, ℓ(τ) = log F(τ) − (z_y + a_y τ), with its Taylor polynomials of
 * order 1…N at τ = 0 (Sao 2026). Inside |τ| < ρ* they converge to the loss; outside they
 * peel away however high the order, because the nearest complex zero of F caps the radius.
 * Beside it, the root test |c_n|^{−1/n} approaching ρ*.
 */
import { useMemo, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LoadData } from '../../io/LoadData';
import { LinePlot, formatNumber, sequentialColor, type Series } from '../../plots';
import { evaluateTaylor, lossAlongStep } from '../../../src/geometry/ghosts/taylor';
import { SAMPLE_RADII_SIZE_PARAMS } from '../../../src/catalogue/radii';
import { dataParams, sampleJobParams } from './dataParams';
import { useLoadedSet } from './useLoadedSet';
import { radiiExport } from './exportRadii';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';
import { useAppStore } from '../../store/store';

const baseParams = defineParams([
  ...dataParams,
  { name: 'order', label: 'Taylor order N', type: 'integer', default: 8, min: 1, max: 60, step: 1, description: 'Polynomials of order 1…N are drawn.' },
  { name: 'span', label: 'Range (× ρ*)', type: 'number', default: 2, min: 0.5, max: 5, step: 0.1, description: 'The τ axis runs over ± this many radii.' },
]);

const params = refineTable(baseParams, { essential: ['source', 'classes', 'logitScale', 'slopeScale', 'sample', 'order', 'span'] });

function TaylorView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [data, onLoad, clear, fileName] = useLoadedSet();
  const { source, sample, order, span } = pickParams(params, values);
  // The synthetic set is drawn sample by sample, so its first sample+1 rows are the same at any size;
  // the MLP is trained on the whole set, so it keeps the plane view's default size (200 samples).
  const samples = source === 'mlp' ? SAMPLE_RADII_SIZE_PARAMS[0].default : sample + 1;
  const job = useJob(cellId, 'radii/sample-radii', sampleJobParams(values, samples, false), data);
  const result = job.result;

  const theme = useAppStore((s) => s.theme);
  const figure = useMemo(() => {
    if (!result) return null;
    const sel = result.selected;
    const radius = Number.isFinite(sel.rhoExact) ? sel.rhoExact : 1;
    const T = span * radius;
    const n = 401;
    const taus = Float64Array.from({ length: n }, (_, i) => -T + (2 * T * i) / (n - 1));
    const truth = taus.map((t) => lossAlongStep(sel.logits, sel.slopes, sel.label, t));
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of truth) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const pad = Math.max(0.5, 0.5 * (hi - lo));
    const band: [number, number] = [lo - pad, hi + pad];
    const orders = order <= 12 ? Array.from({ length: order }, (_, i) => i + 1) : [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48].filter((o) => o < order).concat(order);
    const color = sequentialColor('viridis', theme === 'dark');
    const series: Series[] = orders.map((o, j) => ({
      label: `order ${o}`,
      x: taus,
      // Points outside the frame are dropped so a diverging polynomial leaves it (LinePlot does not clip).
      y: taus.map((t) => {
        const v = evaluateTaylor(sel.coefficients, t, o);
        return v >= band[0] && v <= band[1] ? v : NaN;
      }),
      color: color(0.1 + (0.8 * j) / Math.max(1, orders.length - 1)),
    }));
    // The loss in the text colour: '#111' vanished on the dark theme.
    series.push({ label: 'loss ℓ(τ)', x: taus, y: truth, color: 'currentColor' });
    const n0 = Math.min(sel.coefficients.length - 1, 60);
    const ns = Array.from({ length: n0 }, (_, i) => i + 1);
    const root = ns.map((k) => sel.rootTest[k]);
    return { sel, series, band, ns, root, T };
  }, [result, order, span, theme]);

  const sel = figure?.sel;
  const description = sel
    ? `Sample ${sel.index} (label ${sel.label}): ρ_a = ${formatNumber(sel.rhoA)}, ρ* = ${formatNumber(sel.rhoExact)}. ` +
      `Taylor polynomials of order 1…${order} of the loss along τ match it inside |τ| < ρ* and diverge outside; ` +
      `the root test gives |c_n|^(−1/n) = ${formatNumber(sel.rootTest[Math.min(60, sel.rootTest.length - 1)])} at n = ${Math.min(60, sel.rootTest.length - 1)}.`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="radii-taylor"
      cellId={cellId}
      title="Loss along the step and its Taylor polynomials"
      table={params}
      params={values}
      setParam={setParam}
      job={job}
      figure={svgRef}
      exportResult={result ? () => ({ ...radiiExport(result), order }) : undefined}
      description={description}
      tools={
        <>
          <LoadData onLoad={onLoad} accept=".json" label="Load logits + directions (JSON)" />
          {fileName ? (
            <button type="button" onClick={clear}>
              Back to the synthetic set
            </button>
          ) : null}
        </>
      }
    >
      {figure && sel ? (
        <div>
          <LinePlot
            svgRef={svgRef}
            series={figure.series}
            xLabel="step τ"
            yLabel="loss"
            xDomain={[-figure.T, figure.T]}
            yDomain={figure.band}
            vLines={[
              { value: sel.rhoA, label: 'ρ_a', color: ROLE.orange },
              { value: -sel.rhoA, label: '', color: ROLE.orange },
              { value: sel.rhoExact, label: 'ρ*', color: ROLE.purple },
              { value: -sel.rhoExact, label: '', color: ROLE.purple },
            ]}
            height={340}
          />
          <LinePlot
            series={[{ label: '|c_n|^(−1/n)', x: figure.ns, y: figure.root, points: true, color: ROLE.blue }]}
            xLabel="order n"
            yLabel="root test"
            yScale="log"
            hLines={[
              { value: sel.rhoExact, label: 'ρ*', color: ROLE.purple },
              { value: sel.rhoA, label: 'ρ_a', color: ROLE.orange },
            ]}
            height={220}
          />
        </div>
      ) : null}
    </ViewFrame>
  );
}

export const taylorView: ViewDefinition = { id: 'radii-taylor', title: 'Loss along the step and its Taylor polynomials', params, jobs: ['radii/sample-radii'], component: TaylorView };
