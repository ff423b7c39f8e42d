/**
 * The Poincaré disk: the hyperbolic geodesic between two points (an arc orthogonal to the
 * boundary, computed on the Lorentz hyperboloid and mapped back), dots equally spaced in
 * hyperbolic distance, and the distance computed in both models.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { lorentzDistance, poincareDistance, poincareGeodesic, poincareToLorentz } from '../../../src/geometry/manifolds';
import { ROLE } from '../../plots/palette';

const SIZE = 320;
const params = defineParams([
  { name: 'r1', label: 'x: radius', type: 'number', default: 0.7, min: 0, max: 0.999, step: 0.001 },
  { name: 'phi1', label: 'x: angle', type: 'number', default: 200, min: 0, max: 360, step: 1, unit: '°' },
  { name: 'r2', label: 'y: radius', type: 'number', default: 0.85, min: 0, max: 0.999, step: 0.001 },
  { name: 'phi2', label: 'y: angle', type: 'number', default: 330, min: 0, max: 360, step: 1, unit: '°' },
]);

const polar = (r: number, deg: number) => [r * Math.cos((deg * Math.PI) / 180), r * Math.sin((deg * Math.PI) / 180)];

function PoincareView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const n = pickParams(params, v);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const c = useMemo(() => {
    const x = polar(n.r1, n.phi1);
    const y = polar(n.r2, n.phi2);
    const curve = Array.from({ length: 101 }, (_, k) => poincareGeodesic(x, y, k / 100));
    return {
      x,
      y,
      curve,
      dots: Array.from({ length: 11 }, (_, k) => curve[k * 10]),
      poincare: poincareDistance(x, y),
      lorentz: lorentzDistance(poincareToLorentz(x), poincareToLorentz(y)),
    };
  }, [n.r1, n.phi1, n.r2, n.phi2]);
  useEffect(() => {
    const g = d3.select(gRef.current);
    g.selectAll('*').remove();
    const s = SIZE / 2 - 10;
    const X = (p: ArrayLike<number>) => SIZE / 2 + s * p[0];
    const Y = (p: ArrayLike<number>) => SIZE / 2 - s * p[1];
    g.append('circle').attr('cx', SIZE / 2).attr('cy', SIZE / 2).attr('r', s).style('fill', 'var(--bg)').attr('stroke', 'currentColor').attr('stroke-opacity', 0.5);
    // Geodesics through the origin as a reference grid (diameters).
    for (let a = 0; a < 180; a += 30) {
      const p = polar(1, a);
      g.append('line').attr('x1', X([-p[0], -p[1]])).attr('y1', Y([-p[0], -p[1]])).attr('x2', X(p)).attr('y2', Y(p)).attr('stroke', 'currentColor').attr('stroke-opacity', 0.15);
    }
    g.append('path').attr('d', d3.line<Float64Array>().x(X).y(Y)(c.curve)).attr('fill', 'none').attr('stroke', ROLE.vermillion).attr('stroke-width', 2.5);
    for (const p of c.dots) g.append('circle').attr('cx', X(p)).attr('cy', Y(p)).attr('r', 3.5).attr('fill', ROLE.blue);
    for (const p of [c.x, c.y]) g.append('circle').attr('cx', X(p)).attr('cy', Y(p)).attr('r', 5).attr('fill', 'currentColor');
  }, [c]);
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="geodesics-poincare"
      cellId={cellId}
      title="Poincaré disk and Lorentz hyperboloid"
      table={params}
      params={v}
      setParam={setParam}
      figure={svgRef}
      exportResult={() => ({ x: c.x, y: c.y, poincareDistance: c.poincare, lorentzDistance: c.lorentz, geodesic: c.dots.map((p, k) => ({ t: k / 10, point: Array.from(p) })) })}
      exportCsv={() => ({ columns: ['t', 'x', 'y'], rows: c.dots.map((p, k) => [k / 10, p[0], p[1]]) })}
      description={`Hyperbolic distance ${c.poincare.toFixed(6)} in the Poincaré disk and ${c.lorentz.toFixed(6)} on the Lorentz hyperboloid; dots are equally spaced in hyperbolic distance, so they crowd toward the boundary in the disk picture.`}
    >
      <svg ref={svgRef} viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} role="img" aria-label="Geodesic in the Poincaré disk">
        <g ref={gRef} />
      </svg>
    </ViewFrame>
  );
}

export const poincareView: ViewDefinition = { id: 'geodesics-poincare', title: 'Poincaré disk and Lorentz hyperboloid', params, component: PoincareView };
