/**
 * Gr(2, 3): a 2-plane through the origin of ℝ³ meets the unit sphere in a great circle.
 * The Grassmann geodesic from plane X to plane Y (exp of t·log, via the SVD) is drawn as
 * the family of great circles at t = 0, 0.1, …, 1; they all pass through the line X ∩ Y,
 * and the distance is the one non-zero principal angle, the angle between the normals.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { grassmannDistance, grassmannGeodesic, principalAngles } from '../../../src/geometry/manifolds';
import { fromLonLat, globe, GLOBE_SIZE, toLonLat } from './sphereDraw';
import { sequentialColor } from '../../plots';
import { useAppStore } from '../../store/store';

const params = defineParams([
  { name: 'lon1', label: 'X: normal longitude', type: 'number', default: 0, min: -180, max: 180, step: 1, unit: '°' },
  { name: 'lat1', label: 'X: normal latitude', type: 'number', default: 70, min: -89, max: 89, step: 1, unit: '°' },
  { name: 'lon2', label: 'Y: normal longitude', type: 'number', default: 80, min: -180, max: 180, step: 1, unit: '°' },
  { name: 'lat2', label: 'Y: normal latitude', type: 'number', default: 20, min: -89, max: 89, step: 1, unit: '°' },
]);

const shape = { n: 3, p: 2 };

/** An orthonormal basis (3×2, row-major) of the plane with unit normal u. */
function planeBasis(u: Float64Array): Float64Array {
  const helper = Math.abs(u[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const a = [u[1] * helper[2] - u[2] * helper[1], u[2] * helper[0] - u[0] * helper[2], u[0] * helper[1] - u[1] * helper[0]];
  const na = Math.hypot(...a);
  const e1 = a.map((x) => x / na);
  const e2 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]];
  return Float64Array.of(e1[0], e2[0], e1[1], e2[1], e1[2], e2[2]);
}

/** The great circle of a plane: its basis columns e1 cos φ + e2 sin φ as [lon, lat]. */
function circle(b: Float64Array): [number, number][] {
  return Array.from({ length: 121 }, (_, k) => {
    const phi = (2 * Math.PI * k) / 120;
    return toLonLat([b[0] * Math.cos(phi) + b[1] * Math.sin(phi), b[2] * Math.cos(phi) + b[3] * Math.sin(phi), b[4] * Math.cos(phi) + b[5] * Math.sin(phi)]);
  });
}

function GrassmannView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const n = pickParams(params, v);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const c = useMemo(() => {
    const nx = fromLonLat(n.lon1, n.lat1);
    const ny = fromLonLat(n.lon2, n.lat2);
    const x = planeBasis(nx);
    const y = planeBasis(ny);
    const normalAngle = Math.acos(Math.min(1, Math.abs(nx[0] * ny[0] + nx[1] * ny[1] + nx[2] * ny[2])));
    try {
      const planes = Array.from({ length: 11 }, (_, k) => grassmannGeodesic(x, y, k / 10, shape));
      return { x, y, planes, angles: principalAngles(x, y, shape), distance: grassmannDistance(x, y, shape), normalAngle, error: null };
    } catch (e) {
      return { x, y, planes: [x, y], angles: principalAngles(x, y, shape), distance: grassmannDistance(x, y, shape), normalAngle, error: (e as Error).message };
    }
  }, [n.lon1, n.lat1, n.lon2, n.lat2]);
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    if (!gRef.current) return;
    const g = d3.select(gRef.current as SVGGElement);
    g.selectAll('*').remove();
    const { path } = globe(g, [-30, -25]);
    const ramp = sequentialColor('viridis', theme === 'dark');
    const color = (k: number) => ramp(k / Math.max(1, c.planes.length - 1));
    c.planes.forEach((b, k) => {
      g.append('path')
        .datum({ type: 'LineString', coordinates: circle(b) } as d3.GeoPermissibleObjects)
        .attr('d', path)
        .attr('fill', 'none')
        .attr('stroke', color(k))
        .attr('stroke-width', k === 0 || k === c.planes.length - 1 ? 3 : 1.2);
    });
  }, [c, theme]);
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="geodesics-grassmann"
      cellId={cellId}
      title="Grassmann Gr(2, 3): planes as great circles"
      table={params}
      params={v}
      setParam={setParam}
      figure={svgRef}
      error={c.error}
      exportResult={() => ({ X: Array.from(c.x), Y: Array.from(c.y), principalAngles: Array.from(c.angles), distance: c.distance, geodesic: c.planes.map((p, k) => ({ t: k / 10, basis: Array.from(p) })) })}
      exportCsv={() => ({ columns: ['t', 'x00', 'x01', 'x10', 'x11', 'x20', 'x21'], rows: c.planes.map((p, k) => [k / 10, ...Array.from(p)]) })}
      description={`Principal angles ${Array.from(c.angles, (a) => a.toFixed(4)).join(' and ')} rad; Grassmann distance ${c.distance.toFixed(4)}, equal to the angle ${c.normalAngle.toFixed(4)} between the planes' normals. The circles from X (dark) to Y (yellow) all pass through the line X ∩ Y.`}
    >
      <svg ref={svgRef} viewBox={`0 0 ${GLOBE_SIZE} ${GLOBE_SIZE}`} width={GLOBE_SIZE} role="img" aria-label="Planes along a Grassmann geodesic as great circles">
        <g ref={gRef} />
      </svg>
    </ViewFrame>
  );
}

export const grassmannView: ViewDefinition = { id: 'geodesics-grassmann', title: 'Grassmann Gr(2, 3)', params, component: GrassmannView };
