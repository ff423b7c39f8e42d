/**
 * The input point cloud in three.js (first three coordinates, centred and scaled),
 * coloured by label or a continuous parameter. Highlighted indices (brushed in the
 * embedding) stay bright and the rest fade; clicking a point selects its nearest
 * neighbours in 3-D and reports them (linked brushing the other way).
 */
import { useCallback, useEffect, useRef } from 'react';
import * as THREE from 'three';
import { ThreeCanvas, makePointCloud, makePointGeometry, type ThreeHandle } from '../../three';
import { CATEGORY_COLORS, finiteExtent, rampLevel, sameValues, sequentialRgbTable } from '../../plots';
import { useAppStore } from '../../store/store';

interface Props {
  /** n×3 */
  positions: Float32Array;
  color: ArrayLike<number>;
  categorical: boolean;
  highlight: ReadonlySet<number> | null;
  onPick(indices: number[] | null): void;
  height?: number;
}

function normalise(p: Float32Array): Float32Array {
  const n = p.length / 3;
  const centre = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) centre[c] += p[i * 3 + c] / n;
  let r = 0;
  for (let i = 0; i < n; i++) r = Math.max(r, Math.hypot(p[i * 3] - centre[0], p[i * 3 + 1] - centre[1], p[i * 3 + 2] - centre[2]));
  const s = r > 0 ? 1.6 / r : 1;
  return Float32Array.from(p, (v, k) => (v - centre[k % 3]) * s);
}

export function InputCloud({ positions, color, categorical, highlight, onPick, height = 380 }: Props) {
  const handleRef = useRef<ThreeHandle | null>(null);
  const pointsRef = useRef<THREE.Points | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  const setup = useCallback((h: ThreeHandle) => {
    const raycaster = new THREE.Raycaster();
    raycaster.params.Points = { threshold: 0.04 };
    const onClick = (event: MouseEvent) => {
      const points = pointsRef.current;
      if (!points) return;
      const rect = h.renderer.domElement.getBoundingClientRect();
      const mouse = new THREE.Vector2(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.setFromCamera(mouse, h.camera);
      const hit = raycaster.intersectObject(points)[0];
      if (!hit || hit.index === undefined) return pickRef.current(null);
      const pos = points.geometry.getAttribute('position') as THREE.BufferAttribute;
      const centre = new THREE.Vector3().fromBufferAttribute(pos, hit.index);
      const v = new THREE.Vector3();
      const picked: number[] = [];
      for (let i = 0; i < pos.count; i++) if (v.fromBufferAttribute(pos, i).distanceTo(centre) < 0.25) picked.push(i);
      pickRef.current(picked);
    };
    h.renderer.domElement.addEventListener('click', onClick);
    return () => h.renderer.domElement.removeEventListener('click', onClick);
  }, []);

  const theme = useAppStore((s) => s.theme);
  const drawn = useRef<Float32Array | null>(null);
  useEffect(() => {
    const h = handleRef.current;
    if (!h) return;
    const n = positions.length / 3;
    const colors = new Float32Array(n * 3);
    const [lo, hi] = finiteExtent(Array.from(color));
    const table = sequentialRgbTable('viridis', theme === 'dark');
    const categories = CATEGORY_COLORS.map((css) => new THREE.Color().setStyle(css));
    const rgb = [0, 0, 0];
    const tmp = new THREE.Color();
    for (let i = 0; i < n; i++) {
      if (categorical) {
        const c = categories[Math.abs(Math.round(color[i] ?? 0)) % categories.length];
        [rgb[0], rgb[1], rgb[2]] = [c.r, c.g, c.b];
      } else {
        // the ramp's bytes are sRGB: three.js converts them to its working colour space, as setStyle does
        const k = 3 * rampLevel(((color[i] ?? 0) - lo) / (hi - lo || 1));
        tmp.setRGB(table[k] / 255, table[k + 1] / 255, table[k + 2] / 255, THREE.SRGBColorSpace);
        [rgb[0], rgb[1], rgb[2]] = [tmp.r, tmp.g, tmp.b];
      }
      const fade = highlight && !highlight.has(i) ? 0.15 : 1;
      for (let ch = 0; ch < 3; ch++) colors[i * 3 + ch] = rgb[ch] * fade + (1 - fade) * 0.9;
    }
    const cloud = pointsRef.current;
    if (!cloud) {
      const next = makePointCloud(normalise(positions), colors, 0.05);
      pointsRef.current = next;
      drawn.current = Float32Array.from(positions);
      h.scene.add(next);
      h.invalidate();
      return;
    }
    // The cloud and its material stay for the canvas's life (a new material compiles its
    // shaders again, and on a software GL the main thread waits for that): another number of
    // points (a preview's subsample) gets new buffers, the same number has its buffers refilled
    // where the numbers changed.
    const geometry = cloud.geometry;
    if (geometry.getAttribute('position').count !== n) {
      cloud.geometry = makePointGeometry(normalise(positions), colors);
      geometry.dispose();
      drawn.current = Float32Array.from(positions);
      h.invalidate();
      return;
    }
    let changed = false;
    if (!sameValues(drawn.current, positions)) {
      const attribute = geometry.getAttribute('position') as THREE.BufferAttribute;
      (attribute.array as Float32Array).set(normalise(positions));
      attribute.needsUpdate = true;
      geometry.computeBoundingSphere();
      drawn.current = Float32Array.from(positions);
      changed = true;
    }
    const colorAttribute = geometry.getAttribute('color') as THREE.BufferAttribute;
    if (!sameValues(colorAttribute.array as Float32Array, colors)) {
      (colorAttribute.array as Float32Array).set(colors);
      colorAttribute.needsUpdate = true;
      changed = true;
    }
    if (changed) h.invalidate();
  }, [positions, color, categorical, highlight, theme]);

  return <ThreeCanvas setup={setup} handleRef={handleRef} height={height} ariaLabel={`Input point cloud, ${positions.length / 3} points`} />;
}
