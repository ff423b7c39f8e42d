/**
 * The ghosts of softmax in the complex τ-plane (Sao 2026): the zeros of
 * F(τ) = Σ_k exp(z_k + a_k τ) for one sample (×, with their conjugates), the nearest zero
 * of every sample (grey cloud), the circles |τ| = ρ_a = π/Δ_a and |τ| = ρ*, and the real
 * step τ as a handle on the real axis: drag it (or use the τ slider) to see where it leaves
 * the disk where the Taylor series of the loss converges.
 */
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LoadData } from '../../io/LoadData';
import { formatNumber, useFigureSize } from '../../plots';
import { SAMPLE_RADII_BOUND_PARAMS, SAMPLE_RADII_SIZE_PARAMS } from '../../../src/catalogue/radii';
import { dataParams, sampleJobParams } from './dataParams';
import { useLoadedSet } from './useLoadedSet';
import { radiiExport } from './exportRadii';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const baseParams = defineParams([
  ...SAMPLE_RADII_SIZE_PARAMS,
  ...dataParams,
  ...SAMPLE_RADII_BOUND_PARAMS,
  { name: 'tau', label: 'Step τ', type: 'number', default: 0.5, min: -20, max: 20, step: 0.01, description: 'The real step length along the direction; drag the handle on the real axis.' },
  { name: 'cloud', label: 'Nearest zero of every sample', type: 'boolean', default: true },
]);

const params = refineTable(baseParams, { essential: ['samples', 'source', 'classes', 'logitScale', 'sample', 'percentile', 'tau', 'cloud'] });

const COLORS = { rhoA: ROLE.orange, rhoExact: ROLE.purple, zero: ROLE.blue, cloud: '#9e9e9e', safe: ROLE.green, warn: ROLE.orange, bad: ROLE.vermillion };

function ComplexPlaneView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const [data, onLoad, clear, fileName] = useLoadedSet();
  const { samples, tau, cloud: showCloud } = pickParams(params, values);
  const job = useJob(cellId, 'radii/sample-radii', sampleJobParams(values, samples, true), data);
  const result = job.result;
  // Drawn one SVG unit per CSS px at the column's width (app/plots/figureSize.ts), so its type keeps its size.
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useFigureSize(box, { width: 560, height: 460, keepAspect: true });
  // The static figure is drawn once per result; the step layer is moved in place so a drag
  // in progress keeps its element (rebuilding it would end the gesture).
  const scales = useRef<{ x: d3.ScaleLinear<number, number>; y: d3.ScaleLinear<number, number> } | null>(null);
  const latestSetParam = useRef(setParam);
  latestSetParam.current = setParam;

  useEffect(() => {
    const g = d3.select(gRef.current);
    if (!gRef.current || !result) return;
    const m = { top: 16, right: 16, bottom: 40, left: 52 };
    const w = width - m.left - m.right;
    const h = height - m.top - m.bottom;
    const sel = result.selected;
    const rhoA = sel.rhoA;
    const rhoStar = sel.rhoExact;
    const finiteOr = (v: number, f: number) => (Number.isFinite(v) ? v : f);
    const R = Math.max(2.2 * finiteOr(rhoStar, finiteOr(rhoA, 1)), 1e-6);
    const x = d3.scaleLinear().domain([-R * (w / h), R * (w / h)]).range([0, w]);
    const y = d3.scaleLinear().domain([-R, R]).range([h, 0]);
    scales.current = { x, y };
    g.selectAll('*').remove();
    const root = g.attr('transform', `translate(${m.left},${m.top})`);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(7));
    root.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(7));
    root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 34).attr('text-anchor', 'middle').text('Re τ');
    root.append('text').attr('class', 'axis-label').attr('transform', `translate(-40,${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('Im τ');
    root.append('line').attr('x1', 0).attr('x2', w).attr('y1', y(0)).attr('y2', y(0)).attr('stroke', '#bbb');
    root.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', 0).attr('y2', h).attr('stroke', '#bbb');
    const clip = `radii-clip-${cellId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
    root.append('clipPath').attr('id', clip).append('rect').attr('width', w).attr('height', h);
    const plot = root.append('g').attr('clip-path', `url(#${clip})`);
    if (showCloud) {
      const cloud: [number, number][] = [];
      const p = result.perSample;
      for (let i = 0; i < result.samples; i++) {
        if (!Number.isFinite(p.zeroRe[i])) continue;
        cloud.push([p.zeroRe[i], p.zeroIm[i]], [p.zeroRe[i], -p.zeroIm[i]]);
      }
      plot.append('g').selectAll('circle').data(cloud).join('circle').attr('cx', (d) => x(d[0])).attr('cy', (d) => y(d[1])).attr('r', 2).attr('fill', COLORS.cloud).attr('opacity', 0.6);
    }
    // Each radius is labelled where its circle crosses a diagonal, ρ* above the real axis and ρ_a below,
    // so two close radii do not stack their labels; a halo in the panel colour keeps them readable over the cloud.
    const labels: { x: number; y: number; text: string }[] = [];
    const circle = (r: number, color: string, dash: string | null, label: string, below: boolean) => {
      if (!Number.isFinite(r)) return;
      plot.append('ellipse').attr('cx', x(0)).attr('cy', y(0)).attr('rx', x(r) - x(0)).attr('ry', y(0) - y(r)).attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2).attr('stroke-dasharray', dash);
      const d = r * Math.SQRT1_2;
      labels.push({ x: x(d) + 6, y: below ? y(-d) + 16 : y(d) - 6, text: label });
    };
    circle(rhoA, COLORS.rhoA, '6 4', `ρₐ = ${formatNumber(rhoA)}`, true);
    circle(rhoStar, COLORS.rhoExact, null, `ρ* = ${formatNumber(rhoStar)}`, false);
    const zeros: [number, number][] = [];
    for (let j = 0; j < sel.zeros.length; j += 2) zeros.push([sel.zeros[j], sel.zeros[j + 1]], [sel.zeros[j], -sel.zeros[j + 1]]);
    const cross = d3.symbol(d3.symbolCross, 60);
    plot.append('g').selectAll('path').data(zeros).join('path').attr('d', cross).attr('transform', (d) => `translate(${x(d[0])},${y(d[1])}) rotate(45)`).attr('fill', COLORS.zero);
    plot.append('line').attr('class', 'tau-line').attr('x1', x(0)).attr('y1', y(0)).attr('y2', y(0)).attr('stroke-width', 4);
    const handle = root
      .append('circle')
      .attr('class', 'tau-handle')
      .attr('cy', y(0))
      .attr('r', 8)
      .attr('stroke', 'white')
      .attr('stroke-width', 2)
      .style('cursor', 'ew-resize');
    handle.append('title').text('drag the step τ along the real axis');
    const [lo, hi] = x.domain();
    handle.call(
      d3.drag<SVGCircleElement, unknown>().on('drag', (event) => {
        const value = Math.max(Math.max(-20, lo), Math.min(Math.min(20, hi), x.invert(event.x)));
        latestSetParam.current('tau', Number(value.toPrecision(3)));
      }),
    );
    for (const l of labels)
      root
        .append('text')
        .attr('class', 'reference-label')
        .attr('x', Math.min(l.x, w - 4))
        .attr('y', Math.max(14, Math.min(h - 4, l.y)))
        .attr('text-anchor', l.x > w - 120 ? 'end' : 'start')
        .attr('paint-order', 'stroke')
        .attr('stroke', 'var(--panel)')
        .attr('stroke-width', 4)
        .attr('stroke-linejoin', 'round')
        .text(l.text);
    const legend = root.append('g').attr('class', 'legend').attr('transform', 'translate(8, 6)');
    [
      ['zeros of F (sample)', COLORS.zero],
      ...(showCloud ? [['nearest zero, every sample', COLORS.cloud]] : []),
      ['|τ| = ρₐ = π/Δₐ', COLORS.rhoA],
      ['|τ| = ρ* (nearest zero)', COLORS.rhoExact],
    ].forEach(([label, c], i) => {
      const row = legend.append('g').attr('transform', `translate(0, ${i * 16})`);
      row.append('rect').attr('width', 12).attr('height', 4).attr('y', 5).attr('fill', c);
      row.append('text').attr('x', 16).attr('y', 10).text(label);
    });
  }, [result, showCloud, cellId, width, height]);

  useEffect(() => {
    if (!gRef.current || !result || !scales.current) return;
    const { x } = scales.current;
    const [lo, hi] = x.domain();
    const shown = Math.max(lo, Math.min(hi, tau));
    const sel = result.selected;
    const color = Math.abs(tau) < sel.rhoA ? COLORS.safe : Math.abs(tau) < sel.rhoExact ? COLORS.warn : COLORS.bad;
    const g = d3.select(gRef.current);
    g.select('.tau-line').attr('x2', x(shown)).attr('stroke', color);
    g.select('.tau-handle').attr('cx', x(shown)).attr('fill', color);
  }, [result, tau, showCloud, cellId, width, height]);

  const sel = result?.selected;
  const rA = sel ? Math.abs(tau) / sel.rhoA : NaN;
  const rStar = sel ? Math.abs(tau) / sel.rhoExact : NaN;
  const description = result && sel
    ? `Sample ${sel.index} of ${result.samples} (${result.source === 'loaded' && fileName ? `loaded ${fileName}` : result.source}; slopes: ${result.slopesFrom}): ρ_a = ${formatNumber(sel.rhoA)}, ρ* = ${formatNumber(sel.rhoExact)}` +
      `${sel.certified ? '' : ' (not certified)'}; step τ = ${formatNumber(tau)} has r = τ/ρ_a = ${formatNumber(rA)} and τ/ρ* = ${formatNumber(rStar)}` +
      ` — ${rStar >= 1 ? 'outside the disk of convergence' : rA >= 1 ? 'beyond the bound ρ_a but inside ρ*' : 'safe'}. ` +
      `Set bound π/max Δ_a = ${formatNumber(result.rhoA)}, ${Math.round(result.percentile * 100)}th-percentile bound ${formatNumber(result.rhoAPercentile)}.` +
      (result.notes.length ? ` ${result.notes.join('. ')}.` : '')
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="radii-plane"
      cellId={cellId}
      title="Ghosts of softmax: zeros of F in the complex step plane"
      table={params}
      params={values}
      setParam={setParam}
      job={job}
      progress={job.progress ? { fraction: job.progress.done / job.progress.total, text: `sample ${job.progress.done} of ${job.progress.total}` } : undefined}
      figure={svgRef}
      exportResult={result ? () => radiiExport(result) : undefined}
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
      <div ref={box} className="plot-frame">
        <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={description ?? 'complex τ-plane'}>
          <g ref={gRef} />
        </svg>
      </div>
    </ViewFrame>
  );
}

export const complexPlaneView: ViewDefinition = {
  id: 'radii-plane',
  title: 'Ghosts of softmax: zeros of F in the complex step plane',
  params,
  jobs: ['radii/sample-radii'],
  component: ComplexPlaneView,
};
