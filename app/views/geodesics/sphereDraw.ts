/** Shared drawing for the sphere-based cells: an orthographic globe with graticule, in D3. */
import * as d3 from 'd3';

export const GLOBE_SIZE = 320;

/** Unit vector → [longitude, latitude] in degrees (d3-geo's convention). */
export function toLonLat(p: ArrayLike<number>): [number, number] {
  return [(Math.atan2(p[1], p[0]) * 180) / Math.PI, (Math.asin(Math.max(-1, Math.min(1, p[2]))) * 180) / Math.PI];
}

export function fromLonLat(lonDeg: number, latDeg: number): Float64Array {
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  return Float64Array.of(Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat));
}

export function globe(g: d3.Selection<SVGGElement, unknown, null, undefined>, rotate: [number, number]) {
  const projection = d3.geoOrthographic().scale(GLOBE_SIZE / 2 - 12).translate([GLOBE_SIZE / 2, GLOBE_SIZE / 2]).rotate(rotate).clipAngle(90);
  const path = d3.geoPath(projection);
  g.append('path').datum({ type: 'Sphere' } as d3.GeoPermissibleObjects).attr('d', path).style('fill', 'var(--bg)').style('stroke', 'var(--muted)');
  g.append('path').datum(d3.geoGraticule10()).attr('d', path).attr('fill', 'none').style('stroke', 'var(--border)');
  return { projection, path };
}
