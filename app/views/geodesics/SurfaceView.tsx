/**
 * A graph surface coloured by Gaussian curvature K (red > 0, blue < 0) with a fan of
 * geodesics shot from a point (RK4 on the geodesic equation; one GPU invocation per
 * geodesic when WebGPU is in use). Drag the orange marker over the surface to move the
 * start point; sliders set the fan size, length and steps. Chart (x, y, f) is shown as
 * three.js (x, f, −y) so z is up.
 */
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { defineParams, pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { ThreeCanvas, type ThreeHandle } from '../../three';
import { LOSS_SLICE_DEFAULTS, LOSS_SLICE_LABEL, surfaceByName } from '../../../src/geometry/surfaces';
import type { FanParams } from '../../../src/workers/jobs/geodesics';
import { FAN_PARAMS, LOSS_SLICE_PARAMS } from '../../../src/catalogue/geodesics';
import { formatValue } from './metricStyle';

/** The start-point marker (drawn lit in 3-D) and its swatch in the hint under the figure. */
const MARKER_CSS = '#ff7f0e';

const GRID = 90;

const params = defineParams([...FAN_PARAMS, ...LOSS_SLICE_PARAMS]);

/** Domain and label without building anything on the main thread (the loss slice's domain is [−r, r]²). */
function surfaceInfo(surfaceName: string): { domain: readonly [number, number, number, number]; label: string } {
  if (surfaceName === 'lossSlice') {
    const r = LOSS_SLICE_DEFAULTS.radius;
    return { domain: [-r, r, -r, r], label: LOSS_SLICE_LABEL };
  }
  return surfaceByName(surfaceName);
}

/** The start point clamped into the surface's domain (2 % inside its edges). */
function clampStart(surfaceName: string, x: number, y: number): [number, number] {
  const [x0, x1, y0, y1] = surfaceInfo(surfaceName).domain;
  const mx = 0.02 * (x1 - x0);
  const my = 0.02 * (y1 - y0);
  return [Math.min(x1 - mx, Math.max(x0 + mx, x)), Math.min(y1 - my, Math.max(y0 + my, y))];
}

function curvatureScale(curvature: Float32Array): number {
  const sorted = Float32Array.from(curvature, Math.abs).sort();
  return sorted[Math.floor(0.95 * (sorted.length - 1))] || sorted[sorted.length - 1] || 1;
}

interface Scene {
  surface: THREE.Mesh;
  fan: THREE.LineSegments;
  marker: THREE.Mesh;
}

function SurfaceView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const handle = useRef<ThreeHandle | null>(null);
  const scene = useRef<Scene | null>(null);
  const v = pickParams(FAN_PARAMS, values);
  const surfaceName = v.surface;
  const [x0, y0] = clampStart(surfaceName, v.x0, v.y0);
  const isLossSlice = surfaceName === 'lossSlice';
  const jobParams: FanParams = {
    ...v,
    x0,
    y0,
    gridSize: GRID,
    // Only the loss slice depends on these, so the other surfaces' jobs are not rerun when they move.
    ...(isLossSlice ? pickParams(LOSS_SLICE_PARAMS, values) : {}),
  };
  const job = useJob(cellId, 'geodesics/fan', jobParams);
  const result = job.result;
  const setParamRef = useRef(setParam);
  setParamRef.current = setParam;
  const surfaceRef = useRef(surfaceName);
  surfaceRef.current = surfaceName;

  const setup = (h: ThreeHandle) => {
    const surface = new THREE.Mesh(new THREE.BufferGeometry(), new THREE.MeshStandardMaterial({ vertexColors: true, side: THREE.DoubleSide, roughness: 0.8 }));
    const fan = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ color: 0x111111, transparent: true, opacity: 0.75 }));
    const marker = new THREE.Mesh(new THREE.SphereGeometry(0.12, 24, 16), new THREE.MeshStandardMaterial({ color: MARKER_CSS, emissive: 0x552200 }));
    h.scene.add(surface, fan, marker);
    scene.current = { surface, fan, marker };
    h.camera.position.set(3.2, 3.4, 3.6);
    h.controls.target.set(0, 0.3, 0);
    h.controls.update();
    // Dragging the marker moves the start point; elsewhere the orbit controls rotate the view.
    const raycaster = new THREE.Raycaster();
    const pointer = new THREE.Vector2();
    const el = h.renderer.domElement;
    let dragging = false;
    let pending: [number, number] | null = null;
    let frame = 0;
    const hit = (event: PointerEvent, target: THREE.Object3D) => {
      const rect = el.getBoundingClientRect();
      pointer.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.setFromCamera(pointer, h.camera);
      return raycaster.intersectObject(target)[0];
    };
    const down = (event: PointerEvent) => {
      if (hit(event, marker)) {
        dragging = true;
        h.controls.enabled = false;
        el.setPointerCapture(event.pointerId);
      }
    };
    const move = (event: PointerEvent) => {
      if (!dragging) return;
      const p = hit(event, surface);
      if (!p) return;
      pending = clampStart(surfaceRef.current, p.point.x, -p.point.z);
      marker.position.copy(p.point);
      h.invalidate();
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (pending) {
            setParamRef.current('x0', +pending[0].toFixed(3));
            setParamRef.current('y0', +pending[1].toFixed(3));
          }
        });
    };
    const up = (event: PointerEvent) => {
      if (!dragging) return;
      dragging = false;
      h.controls.enabled = true;
      el.releasePointerCapture(event.pointerId);
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      if (frame) cancelAnimationFrame(frame);
    };
  };

  // The surface mesh, coloured by K on a symmetric diverging scale.
  useEffect(() => {
    const s = scene.current;
    if (!s || !result) return;
    const size = result.gridSize;
    const [xa, xb, ya, yb] = result.domain;
    const positions = new Float32Array(size * size * 3);
    const colors = new Float32Array(size * size * 3);
    // Saturate at the 95th percentile of |K| so a sharp peak does not wash out the rest.
    const kScale = curvatureScale(result.curvature);
    const color = d3.scaleDiverging(d3.interpolateRdBu).domain([kScale, 0, -kScale]).clamp(true);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) {
        const v = i * size + j;
        positions[v * 3] = xa + ((xb - xa) * j) / (size - 1);
        positions[v * 3 + 1] = result.heights[v];
        positions[v * 3 + 2] = -(ya + ((yb - ya) * i) / (size - 1));
        const c = d3.rgb(color(result.curvature[v]));
        colors[v * 3] = c.r / 255;
        colors[v * 3 + 1] = c.g / 255;
        colors[v * 3 + 2] = c.b / 255;
      }
    const index: number[] = [];
    for (let i = 0; i < size - 1; i++)
      for (let j = 0; j < size - 1; j++) {
        const a = i * size + j;
        index.push(a, a + size, a + 1, a + 1, a + size, a + size + 1);
      }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    g.setIndex(index);
    g.computeVertexNormals();
    s.surface.geometry.dispose();
    s.surface.geometry = g;
    handle.current?.invalidate();
  }, [result?.surface, result?.gridSize, result?.heights, result?.curvature, result?.domain, result]);

  // The fan: one segment per RK4 step of every geodesic (steps past a geodesic's end are dropped).
  useEffect(() => {
    const s = scene.current;
    if (!s || !result) return;
    const { count, steps, points, lengths } = result;
    let segments = 0;
    for (let j = 0; j < count; j++) segments += Math.max(0, lengths[j] - 1);
    const positions = new Float32Array(segments * 6);
    let o = 0;
    const stride = (steps + 1) * 3;
    for (let j = 0; j < count; j++)
      for (let k = 1; k < lengths[j]; k++) {
        for (const q of [k - 1, k]) {
          const p = j * stride + q * 3;
          positions[o++] = points[p];
          positions[o++] = points[p + 2] + 0.004; // lift the lines a hair above the mesh
          positions[o++] = -points[p + 1];
        }
      }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    s.fan.geometry.dispose();
    s.fan.geometry = g;
    // The first point's z is the surface height at the start: no surface evaluation on the main thread.
    s.marker.position.set(points[0], points[2], -points[1]);
    handle.current?.invalidate();
  }, [result]);

  let kMin = 0;
  let kMax = 0;
  if (result)
    for (const k of result.curvature) {
      kMin = Math.min(kMin, k);
      kMax = Math.max(kMax, k);
    }
  const legendScale = result ? curvatureScale(result.curvature) : 1;
  const finished = result ? Array.from(result.lengths).filter((l) => l === result.steps + 1).length : 0;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="geodesics-surface"
      cellId={cellId}
      title="Geodesic fans on a surface coloured by Gaussian curvature"
      table={params}
      params={values}
      setParam={setParam}
      job={job}
      progress={job.progress ? { text: job.progress.stage } : undefined}
      figure={canvasRef}
      exportResult={
        result
          ? () => ({
              surface: result.surface,
              start: [x0, y0],
              count: result.count,
              steps: result.steps,
              lengths: result.lengths,
              points: result.points,
              domain: Array.from(result.domain),
              ...(result.lossSlice ? { lossSlice: result.lossSlice } : {}),
            })
          : undefined
      }
      exportCsv={
        result
          ? () => {
              // One row per valid point: geodesic j, step k, (x, y, z).
              const rows: number[][] = [];
              const stride = (result.steps + 1) * 3;
              for (let j = 0; j < result.count; j++)
                for (let k = 0; k < result.lengths[j]; k++) {
                  const o = j * stride + k * 3;
                  rows.push([j, k, result.points[o], result.points[o + 1], result.points[o + 2]]);
                }
              return { columns: ['geodesic', 'step', 'x', 'y', 'z'], rows };
            }
          : undefined
      }
      description={
        result
          ? `${result.count} geodesics of arc length ${v.length} from (${x0.toFixed(2)}, ${y0.toFixed(2)}) on the ${surfaceInfo(result.surface).label}; ` +
            `${finished} stay inside the domain. Gaussian curvature ranges from ${formatValue(kMin)} to ${formatValue(kMax)}.`
          : undefined
      }
    >
      <ThreeCanvas setup={setup} handleRef={handle} canvasRef={canvasRef} height={440} ariaLabel="Surface coloured by Gaussian curvature with a fan of geodesics" />
      <div className="curvature-legend" style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12 }}>
        <span>K ≤ {formatValue(-legendScale)}</span>
        <span style={{ width: 160, height: 10, background: 'linear-gradient(to right, #2166ac, #f7f7f7, #b2182b)' }} />
        <span>≥ {formatValue(legendScale)}</span>
        {/* A swatch of the marker's own colour: the hint names a colour the reader should find on the surface. */}
        <span>
          <span aria-hidden="true" style={{ color: MARKER_CSS, fontSize: 16 }}>
            ●
          </span>{' '}
          Drag the orange marker to move the start point.
        </span>
      </div>
    </ViewFrame>
  );
}

export const surfaceView: ViewDefinition = { id: 'geodesics-surface', title: 'Geodesic fans on surfaces', params, jobs: ['geodesics/fan'], component: SurfaceView };
