import { expect, test } from '@playwright/test';
import { exportJson, openChapter, watchErrors } from './helpers';

// The built site under its Content-Security-Policy: the worker compiles the WebAssembly SIMD
// kernels ('wasm-unsafe-eval'), the status line names them, and the scaling Sinkhorn plan
// computed by them has the requested marginals (recomputed here from the exported plan).
test('the CPU path runs the scaling Sinkhorn on the WASM SIMD kernels and says so', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'sinkhorn', 'plan.n=60&plan.method=sinkhorn&plan.epsilon=0.05&plan.maxIterations=2000', '?backend=cpu');
  await expect(page.getByRole('status')).toHaveText(/^Compute: CPU \(WASM SIMD, forced\)/);
  const view = page.locator('[data-view="sinkhorn-plan"]');
  await expect(view.locator('.figure-description')).toContainText('marginal error', { timeout: 30_000 });
  const { doc } = await exportJson(page, view);
  expect((doc.params as Record<string, unknown>).method).toBe('sinkhorn');
  const r = doc.result as { plan: number[][]; a: number[]; b: number[]; converged: boolean; n: number };
  expect(r.converged).toBe(true);
  expect(r.plan).toHaveLength(r.n);
  let err = 0;
  r.plan.forEach((row, i) => (err += Math.abs(row.reduce((s, v) => s + v, 0) - r.a[i])));
  r.b.forEach((bj, j) => (err += Math.abs(r.plan.reduce((s, row) => s + row[j], 0) - bj)));
  expect(err).toBeLessThan(1e-8);
  expect(errors).toEqual([]);
});

// The log-domain Sinkhorn (the app's default method) on the same kernels: converged, the
// requested marginals recomputed from the exported plan, and ⟨C, P⟩ tracked per iteration.
test('the CPU path runs the log-domain Sinkhorn on the WASM SIMD kernels', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'sinkhorn', 'plan.n=60&plan.method=log&plan.epsilon=0.01&plan.maxIterations=5000', '?backend=cpu');
  await expect(page.getByRole('status')).toHaveText(/^Compute: CPU \(WASM SIMD, forced\)/);
  const view = page.locator('[data-view="sinkhorn-plan"]');
  await expect(view.locator('.figure-description')).toContainText('marginal error', { timeout: 30_000 });
  const { doc } = await exportJson(page, view);
  expect((doc.params as Record<string, unknown>).method).toBe('log');
  const r = doc.result as { plan: number[][]; a: number[]; b: number[]; converged: boolean; n: number; history: { cost: number }[] };
  expect(r.converged).toBe(true);
  expect(r.plan).toHaveLength(r.n);
  let err = 0;
  r.plan.forEach((row, i) => (err += Math.abs(row.reduce((s, v) => s + v, 0) - r.a[i])));
  r.b.forEach((bj, j) => (err += Math.abs(r.plan.reduce((s, row) => s + row[j], 0) - bj)));
  expect(err).toBeLessThan(1e-8);
  expect(r.history.every((h) => Number.isFinite(h.cost))).toBe(true);
  expect(errors).toEqual([]);
});

// A problem big enough for the worker pool (n·m ≥ 2048², scaling method): on this machine's
// cores (2 or more) the job splits K into row blocks across two or more workers; the figure's
// note and the status line say so, and the marginal error the job recomputes in f64 from the
// gathered plan (‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁) meets the tolerance.
test('a big scaling Sinkhorn runs on the worker pool and says how many workers', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openChapter(page, 'sinkhorn', 'plan.n=2048&plan.method=sinkhorn&plan.epsilon=0.05&plan.tolerance=1e-6&plan.maxIterations=2000', '?backend=cpu');
  const view = page.locator('[data-view="sinkhorn-plan"]');
  await expect(view.locator('.figure-description')).toContainText('marginal error', { timeout: 90_000 });
  await expect(view.getByTestId('view-meta')).toContainText(/CPU \(WASM SIMD ×[2-4] workers\)/, { timeout: 90_000 });
  await expect(page.getByRole('status')).toHaveText(/^Compute: CPU \(WASM SIMD ×[2-4] workers, forced\)/);
  // the preview (50 iterations, to 1e-3) shows first; the final result then meets 1e-6
  const finalError = async () => Number(/marginal error (\S+) after/.exec((await view.locator('.figure-description').textContent()) ?? '')?.[1]);
  await expect.poll(finalError, { timeout: 90_000 }).toBeLessThanOrEqual(1e-6 * 1.01);
  expect(errors).toEqual([]);
});

// The radii chapter's certified zero search on the CPU path: its Newton and winding loops on the
// WASM kernels (split across the worker pool when this view's job gets it first), and every
// sample's radius still obeys ρ_a ≤ ρ* with its zero at the reported distance.
test('the sample radii run their zero search on the WASM kernels', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openChapter(page, 'radii', '', '?backend=cpu');
  const plane = page.locator('[data-view="radii-plane"]').first();
  await expect(plane.locator('.figure-description')).toContainText('ρ* =', { timeout: 60_000 });
  await expect(plane.getByTestId('preview-label')).toHaveCount(0, { timeout: 60_000 });
  await expect(plane.getByTestId('view-meta')).toContainText(/CPU \(WASM SIMD( ×[2-4] workers)?\)/);
  const { doc } = await exportJson(page, plane);
  const result = doc.result as { perSample: { deltaA: number; rhoA: number; rhoExact: number; nearestZero: { re: number; im: number } }[] };
  expect(result.perSample).toHaveLength(200);
  for (const s of result.perSample) {
    expect(s.rhoA).toBeLessThanOrEqual(s.rhoExact * (1 + 1e-9));
    expect(Math.abs(Math.hypot(s.nearestZero.re, s.nearestZero.im) - s.rhoExact)).toBeLessThan(1e-9 * s.rhoExact);
  }
  expect(errors).toEqual([]);
});
