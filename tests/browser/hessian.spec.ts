import { expect, test } from '@playwright/test';
import { exportJson, openChapter, watchErrors } from './helpers';

// Small runs so the chapter finishes in seconds on CI's 2 cores.
const SMALL = [
  'edge.n=64', 'edge.hidden=8', 'edge.depth=1', 'edge.dimension=4', 'edge.classes=3', 'edge.steps=40', 'edge.spectrumEvery=20',
  'edge.exactMaxP=300', 'edge.slqSteps=20', 'edge.topK=4',
  'outliers.n=64', 'outliers.steps=10', 'outliers.exactMaxP=0', 'outliers.split=false',
  'sgd.n=32', 'sgd.hidden=4', 'sgd.depth=1', 'sgd.steps=10', 'sgd.spectrumEvery=10', 'sgd.split=false', 'sgd.exactMaxP=0',
].join('&');

test('hessian chapter: a live run draws its spectra, reruns on a slider move and exports a recomputable Hessian', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'hessian', SMALL);
  const view = page.locator('[data-cell="hessian/edge"]');
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });
  await expect(view.locator('svg.plot path.series').first()).toBeVisible();
  await expect(view.getByText(/Exact reference: the full \d+×\d+ Hessian/)).toBeVisible();
  await page.screenshot({ path: 'test-results/hessian-chapter.png', fullPage: true });

  // Move the top-k slider with the keyboard: a new run replaces the old one.
  const slider = view.getByRole('slider', { name: 'Top-k' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('3');
  await expect(page).toHaveURL(/edge\.topK=3/);
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });

  const { name, doc } = await exportJson(page, view);
  expect(name).toBe('hessian.json');
  const result = doc.result as {
    topEigenvalues: number[];
    trace: number;
    loss: number;
    density: { grid: number[]; values: number[] };
    model: { layers: number[]; activation: string; weights: number[] };
    data: { x: number[][]; y: number[] };
    exactEigenvalues: number[];
  };
  expect(result.topEigenvalues).toHaveLength(3);
  expect([...result.topEigenvalues].sort((a, b) => b - a)).toEqual(result.topEigenvalues);
  expect(result.model.layers).toEqual([4, 8, 3]);
  const P = 4 * 8 + 8 + 8 * 3 + 3;
  expect(result.model.weights).toHaveLength(P);
  expect(result.data.x).toHaveLength(64);
  expect(result.data.x[0]).toHaveLength(4);
  expect(result.density.grid).toHaveLength(result.density.values.length);
  expect(Number.isFinite(result.loss)).toBe(true);
  // The exported top eigenvalue is the exact one (P small): Lanczos converged.
  expect(Math.abs(result.topEigenvalues[0] - result.exactEigenvalues[0])).toBeLessThan(1e-6 * Math.abs(result.exactEigenvalues[0]) + 1e-9);
  expect(errors).toEqual([]);
});

test('hessian chapter on the WebGPU path: f32 Hessian-vector products agree with the exact f64 spectrum', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'hessian', SMALL, '?backend=gpu');
  const view = page.locator('[data-cell="hessian/edge"]');
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });
  await expect(view.getByTestId('view-meta')).toContainText('WebGPU');
  await view.screenshot({ path: 'test-results/hessian-view-gpu.png' });
  const { doc } = await exportJson(page, view);
  const result = doc.result as { hvpBackend: string; topEigenvalues: number[]; exactEigenvalues: number[]; gaussNewtonTop: number[]; residualTop: number[] };
  expect(result.hvpBackend).toBe('webgpu');
  // G is positive semi-definite; Weyl: λ₁(H) ≤ λ₁(G) + λ₁(H − G) (with f32 slack).
  expect(result.gaussNewtonTop.at(-1)!).toBeGreaterThan(-1e-4);
  expect(result.exactEigenvalues[0]).toBeLessThanOrEqual(result.gaussNewtonTop[0] + result.residualTop[0] + 1e-3);
  // f32 products inside an f64 Lanczos: the top eigenvalue within f32 accuracy of the dense f64 one.
  expect(Math.abs(result.topEigenvalues[0] - result.exactEigenvalues[0])).toBeLessThan(1e-3 * Math.abs(result.exactEigenvalues[0]));
  expect(errors).toEqual([]);
});
