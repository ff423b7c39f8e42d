/** The sphere: the great-circle geodesic between two points (our exp/log samples as dots, d3-geo's great circle as the line). */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { sphereDistance, sphereGeodesic } from '../../../src/geometry/manifolds';
import { fromLonLat, globe, GLOBE_SIZE, toLonLat } from './sphereDraw';
import { ROLE } from '../../plots/palette';

const params = defineParams([
  { name: 'lon1', label: 'p: longitude', type: 'number', default: -40, min: -180, max: 180, step: 1, unit: '°' },
  { name: 'lat1', label: 'p: latitude', type: 'number', default: 20, min: -89, max: 89, step: 1, unit: '°' },
  { name: 'lon2', label: 'q: longitude', type: 'number', default: 60, min: -180, max: 180, step: 1, unit: '°' },
  { name: 'lat2', label: 'q: latitude', type: 'number', default: 45, min: -89, max: 89, step: 1, unit: '°' },
  { name: 'spin', label: 'View rotation', type: 'number', default: -10, min: -180, max: 180, step: 1, unit: '°' },
]);

function SphereView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const n = pickParams(params, v);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const computed = useMemo(() => {
    const p = fromLonLat(n.lon1, n.lat1);
    const q = fromLonLat(n.lon2, n.lat2);
    let error: string | null = null;
    let samples: Float64Array[] = [];
    try {
      samples = Array.from({ length: 11 }, (_, k) => sphereGeodesic(p, q, k / 10));
    } catch (e) {
      error = (e as Error).message;
    }
    return { p, q, distance: sphereDistance(p, q), samples, error };
  }, [n.lon1, n.lat1, n.lon2, n.lat2]);
  useEffect(() => {
    if (!gRef.current) return;
    const g = d3.select(gRef.current as SVGGElement);
    g.selectAll('*').remove();
    const { projection, path } = globe(g, [-n.spin, -20]);
    g.append('path')
      .datum({ type: 'LineString', coordinates: [toLonLat(computed.p), toLonLat(computed.q)] } as d3.GeoPermissibleObjects)
      .attr('d', path)
      .attr('fill', 'none')
      .attr('stroke', ROLE.vermillion)
      .attr('stroke-width', 2.5);
    for (const s of computed.samples) {
      const xy = projection(toLonLat(s));
      const visible = d3.geoDistance(toLonLat(s), [-projection.rotate()[0], -projection.rotate()[1]]) < Math.PI / 2;
      if (xy && visible) g.append('circle').attr('cx', xy[0]).attr('cy', xy[1]).attr('r', 3.5).attr('fill', ROLE.blue);
    }
  }, [computed, n.spin]);
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="geodesics-sphere"
      cellId={cellId}
      title="Sphere: great circles"
      table={params}
      params={v}
      setParam={setParam}
      figure={svgRef}
      error={computed.error}
      exportResult={() => ({ p: Array.from(computed.p), q: Array.from(computed.q), distance: computed.distance, geodesic: computed.samples.map((s, k) => ({ t: k / 10, point: Array.from(s) })) })}
      exportCsv={() => ({ columns: ['t', 'x', 'y', 'z'], rows: computed.samples.map((s, k) => [k / 10, s[0], s[1], s[2]]) })}
      description={`Great-circle distance ${computed.distance.toFixed(4)} rad (${((computed.distance * 180) / Math.PI).toFixed(2)}°); blue dots are exp_p(t·log_p q) at t = 0, 0.1, …, 1, the red line is d3-geo's great circle.`}
    >
      <svg ref={svgRef} viewBox={`0 0 ${GLOBE_SIZE} ${GLOBE_SIZE}`} width={GLOBE_SIZE} role="img" aria-label="Great circle on the sphere">
        <g ref={gRef} />
      </svg>
    </ViewFrame>
  );
}

export const sphereView: ViewDefinition = { id: 'geodesics-sphere', title: 'Sphere: great circles', params, component: SphereView };
