/**
 * A three.js canvas with orbit controls that renders on demand (after a change or
 * a camera move), not every frame. `setup` builds the scene's content and returns
 * an `update`-free cleanup; views mutate objects they created and call
 * `invalidate()` to redraw. `preserveDrawingBuffer` lets Export PNG read the canvas.
 *
 * Redraws asked for by data (`invalidate`) come at most every DATA_REDRAW_MS: a training cell
 * streams 10–25 frames a second, and on a machine without a GPU each WebGL frame is drawn in
 * software and held the main thread in the commit for tens of ms, slowing the 2-D curves
 * beside it. The first redraw after a quiet spell is at the next animation frame, the last
 * one always comes, and camera moves and resizes draw at the next frame. A canvas off screen
 * draws when it scrolls into view (or when Export PNG reads it).
 */
import { useEffect, useRef, type Ref, type RefObject } from 'react';
import { FIT_FLOOR, useFigureFit } from '../plots/figureFit';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { setPendingRender } from './pendingRender';

/** The shortest spacing of redraws that data asked for (see above). */
const DATA_REDRAW_MS = 200;

let software: boolean | null = null;
/**
 * Whether WebGL here is drawn in software (SwiftShader, llvmpipe, …: named by the unmasked
 * renderer string, or a context that asks to fail on a "major performance caveat" is refused).
 * There the canvases draw without MSAA, which halved a frame of the optimizer chapter's sphere
 * (about 100 → 50 ms of the GPU process in a trace on a 2-core machine without a GPU).
 */
function softwareWebGl(): boolean {
  if (software === null) {
    const fast = document.createElement('canvas').getContext('webgl2', { failIfMajorPerformanceCaveat: true });
    const gl = fast ?? document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '';
    software = gl !== null && (fast === null || /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer));
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return software;
}

export interface ThreeHandle {
  scene: THREE.Scene;
  camera: THREE.PerspectiveCamera;
  renderer: THREE.WebGLRenderer;
  controls: OrbitControls;
  invalidate(): void;
}

interface Props {
  /** Called once with the handle; the returned function runs on unmount. */
  setup(handle: ThreeHandle): void | (() => void);
  height?: number;
  canvasRef?: Ref<HTMLCanvasElement>;
  handleRef?: RefObject<ThreeHandle | null>;
  ariaLabel: string;
}

export function ThreeCanvas({ setup, height: designHeight = 380, canvasRef, handleRef, ariaLabel }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  // A slide's height budget (app/plots/figureFit.ts) lowers the canvas in place, without rebuilding the scene.
  const budget = useFigureFit();
  const height = budget === null ? designHeight : Math.min(designHeight, Math.max(FIT_FLOOR, budget));
  const heightRef = useRef(height);
  heightRef.current = height;
  const resizeRef = useRef<(() => void) | null>(null);
  const setupRef = useRef(setup);
  setupRef.current = setup;
  const labelRef = useRef(ariaLabel);
  labelRef.current = ariaLabel;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let renderer: THREE.WebGLRenderer;
    try {
      renderer = new THREE.WebGLRenderer({ antialias: !softwareWebGl(), preserveDrawingBuffer: true, alpha: true });
    } catch (error) {
      container.textContent = `3-D view unavailable: WebGL could not start (${(error as Error).message}).`;
      return;
    }
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    const width = container.clientWidth || 480;
    const height = heightRef.current;
    renderer.setSize(width, height);
    renderer.domElement.setAttribute('role', 'img');
    renderer.domElement.setAttribute('aria-label', labelRef.current);
    container.appendChild(renderer.domElement);
    if (canvasRef) {
      if (typeof canvasRef === 'function') canvasRef(renderer.domElement);
      else (canvasRef as { current: HTMLCanvasElement | null }).current = renderer.domElement;
    }
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(45, width / height, 0.01, 1000);
    camera.position.set(2.5, 2, 3);
    scene.add(new THREE.AmbientLight(0xffffff, 0.6));
    const light = new THREE.DirectionalLight(0xffffff, 1.2);
    light.position.set(3, 5, 4);
    scene.add(light);
    const controls = new OrbitControls(camera, renderer.domElement);
    controls.enableDamping = false;
    let frame = 0;
    let timer = 0;
    let drawnAt = -Infinity;
    const render = () => {
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
      frame = 0;
      timer = 0;
      stale = false;
      drawnAt = performance.now();
      renderer.render(scene, camera);
    };
    const drawSoon = () => {
      if (!frame) frame = requestAnimationFrame(render);
    };
    // Off screen, a redraw waits until the canvas scrolls into view (Export PNG flushes it).
    let onScreen = true;
    let stale = false;
    const invalidate = () => {
      if (!onScreen) {
        stale = true;
        return;
      }
      if (frame || timer) return;
      const wait = drawnAt + DATA_REDRAW_MS - performance.now();
      if (wait <= 0) drawSoon();
      else
        timer = window.setTimeout(() => {
          timer = 0;
          drawSoon();
        }, wait);
    };
    setPendingRender(renderer.domElement, () => {
      if (frame || timer || stale) render();
    });
    const visibility = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      if (onScreen && stale) drawSoon();
    });
    visibility.observe(renderer.domElement);
    controls.addEventListener('change', drawSoon);
    const fit = () => {
      const w = container.clientWidth || width;
      const h = heightRef.current;
      renderer.setSize(w, h);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      drawSoon();
    };
    resizeRef.current = fit;
    const resize = new ResizeObserver(fit);
    resize.observe(container);
    const handle: ThreeHandle = { scene, camera, renderer, controls, invalidate };
    if (handleRef) handleRef.current = handle;
    const cleanup = setupRef.current(handle);
    invalidate();
    return () => {
      if (cleanup) cleanup();
      resize.disconnect();
      visibility.disconnect();
      controls.dispose();
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
      setPendingRender(renderer.domElement, null);
      scene.traverse((o) => {
        const mesh = o as THREE.Mesh;
        mesh.geometry?.dispose?.();
        const mat = mesh.material as THREE.Material | THREE.Material[] | undefined;
        if (Array.isArray(mat)) mat.forEach((m) => m.dispose());
        else mat?.dispose?.();
      });
      renderer.dispose();
      renderer.domElement.remove();
      if (handleRef) handleRef.current = null;
      resizeRef.current = null;
    };
  }, [canvasRef, handleRef]);
  useEffect(() => resizeRef.current?.(), [height]);
  // The label names the point count, which changes with every preview and result: update the
  // attribute, not the renderer (a new WebGL context and its shaders cost 20–40 ms of main thread).
  useEffect(() => {
    containerRef.current?.querySelector('canvas')?.setAttribute('aria-label', ariaLabel);
  }, [ariaLabel]);
  return <div ref={containerRef} className="three-canvas" style={{ minHeight: height }} />;
}

/** A point geometry with per-vertex colours; positions and colours are flat xyz / rgb arrays. */
export function makePointGeometry(positions: Float32Array, colors: Float32Array): THREE.BufferGeometry {
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  geometry.computeBoundingSphere();
  return geometry;
}

/** Points with per-vertex colours; positions and colours are flat xyz / rgb arrays. */
export function makePointCloud(positions: Float32Array, colors: Float32Array, size = 0.03): THREE.Points {
  const geometry = makePointGeometry(positions, colors);
  const material = new THREE.PointsMaterial({ size, vertexColors: true, sizeAttenuation: true });
  return new THREE.Points(geometry, material);
}
