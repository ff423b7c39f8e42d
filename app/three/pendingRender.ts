/**
 * Three.js canvases whose redraw is scheduled but not yet drawn (app/three/ThreeCanvas.tsx
 * spaces out redraws that come from streamed data). Export PNG calls `flushPendingRender`
 * first, so it reads what the data says now, not the last drawn frame.
 */
const pending = new WeakMap<HTMLCanvasElement, () => void>();

export function setPendingRender(canvas: HTMLCanvasElement, flush: (() => void) | null): void {
  if (flush) pending.set(canvas, flush);
  else pending.delete(canvas);
}

/** Draws a canvas's scheduled redraw now, if it has one. */
export function flushPendingRender(canvas: HTMLCanvasElement): void {
  pending.get(canvas)?.();
}
