/**
 * The 3×3 (marginal) covariance ellipsoids γ(t) of the four geodesics side by side in
 * three.js: a unit sphere mapped by V diag(√λ) (its matrix), one per metric, in the
 * metric's colour, on one common scale. Only the meshes' matrices change with t.
 */
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { ThreeCanvas, type ThreeHandle } from '../../three';
import { symmetricEigenJacobi as symmetricEigen } from '../../../src/geometry/linalg/jacobiEigen';
import { eigenvectorMatrix } from '../../../src/geometry/linalg/symmetricEigen';
import type { SpdPathsResult } from '../../../src/workers/jobs/geodesics';
import { SPD_METRICS } from '../../../src/geometry/spd/metric';
import { METRIC_COLORS } from './metricStyle';
import { leadingBlock } from './spdInput';

interface Props {
  result: SpdPathsResult;
  tIndex: number;
}

export function EllipsoidRow({ result, tIndex }: Props) {
  const handle = useRef<ThreeHandle | null>(null);
  const meshes = useRef<THREE.Mesh[]>([]);
  const setup = (h: ThreeHandle) => {
    const geometry = new THREE.SphereGeometry(1, 40, 24);
    meshes.current = SPD_METRICS.map((name, i) => {
      const mesh = new THREE.Mesh(geometry, new THREE.MeshStandardMaterial({ color: METRIC_COLORS[name], roughness: 0.5, transparent: true, opacity: 0.85 }));
      mesh.matrixAutoUpdate = false;
      mesh.userData.offset = (i - 1.5) * 2.4;
      h.scene.add(mesh);
      return mesh;
    });
    h.camera.position.set(0, 1.2, 5.2);
    h.controls.target.set(0, 0, 0);
    h.controls.update();
  };
  useEffect(() => {
    const h = handle.current;
    if (!h || meshes.current.length === 0) return;
    const n = result.n;
    const blocks = SPD_METRICS.map((name) => {
      const r = result.metrics[name];
      const k = Math.min(tIndex, r.t.length - 1);
      return leadingBlock(r.path.subarray(k * n * n, (k + 1) * n * n), n, 3);
    });
    // Common scale: the largest semi-axis over the whole paths maps to 1.
    let radius = 0;
    for (const name of SPD_METRICS) {
      const r = result.metrics[name];
      for (let k = 0; k < r.t.length; k += 10) radius = Math.max(radius, Math.sqrt(symmetricEigen(leadingBlock(r.path.subarray(k * n * n, (k + 1) * n * n), n, 3), 3).values[2]));
    }
    blocks.forEach((m, i) => {
      const eig = symmetricEigen(m, 3);
      const { values } = eig;
      const v = eigenvectorMatrix(eig);
      const s = values.map((l) => Math.sqrt(Math.max(l, 0)) / (radius || 1));
      const mesh = meshes.current[i];
      mesh.matrix.set(
        v[0] * s[0], v[1] * s[1], v[2] * s[2], mesh.userData.offset,
        v[3] * s[0], v[4] * s[1], v[5] * s[2], 0,
        v[6] * s[0], v[7] * s[1], v[8] * s[2], 0,
        0, 0, 0, 1,
      );
    });
    h.invalidate();
  }, [result, tIndex]);
  return <ThreeCanvas setup={setup} handleRef={handle} height={260} ariaLabel="Covariance ellipsoids γ(t) under the four metrics" />;
}
