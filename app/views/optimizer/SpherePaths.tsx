/** The unit sphere with one path of w/‖w‖ per optimizer (three.js, drawn on demand). */
import { useEffect, useRef, type RefObject } from 'react';
import * as THREE from 'three';
import { ThreeCanvas, type ThreeHandle } from '../../three';

export interface SpherePath {
  /** (count)·3 positions on the unit sphere. */
  points: Float64Array;
  count: number;
  color: string;
}

export function SpherePaths({ paths, canvasRef }: { paths: readonly SpherePath[]; canvasRef?: RefObject<HTMLCanvasElement | null> }) {
  const handle = useRef<ThreeHandle | null>(null);
  const lines = useRef<THREE.Line[]>([]);
  const setup = (h: ThreeHandle) => {
    const sphere = new THREE.Mesh(new THREE.SphereGeometry(1, 48, 32), new THREE.MeshStandardMaterial({ color: 0xdddddd, transparent: true, opacity: 0.35, depthWrite: false }));
    h.scene.add(sphere);
    const wire = new THREE.LineSegments(new THREE.WireframeGeometry(new THREE.SphereGeometry(1.001, 12, 8)), new THREE.LineBasicMaterial({ color: 0xbbbbbb, transparent: true, opacity: 0.4 }));
    h.scene.add(wire);
    h.scene.add(new THREE.AxesHelper(1.3));
    lines.current = [];
  };
  useEffect(() => {
    const h = handle.current;
    if (!h) return;
    for (const l of lines.current) {
      h.scene.remove(l);
      l.geometry.dispose();
      (l.material as THREE.Material).dispose();
    }
    lines.current = paths.map((p) => {
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute('position', new THREE.BufferAttribute(Float32Array.from(p.points.subarray(0, 3 * p.count), (v) => v * 1.01), 3));
      const line = new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: p.color }));
      h.scene.add(line);
      return line;
    });
    h.invalidate();
  }, [paths]);
  return <ThreeCanvas setup={setup} handleRef={handle} canvasRef={canvasRef} height={360} ariaLabel="Paths of w/‖w‖ on the unit sphere, one per optimizer" />;
}
