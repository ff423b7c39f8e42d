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

test('hessian chapter: a loaded torch model is analysed as it is; a bad file is explained and the last figure stays', async ({ page }) => {
  const { readFileSync } = await import('node:fs');
  const model = readFileSync(new URL('../fixtures/hessian/torch_model.json', import.meta.url));
  const torch = JSON.parse(readFileSync(new URL('../fixtures/hessian/torch_spectrum.json', import.meta.url), 'utf8')) as { topEigenvalues: number[]; trace: number };
  const errors = watchErrors(page);
  const query = [SMALL, 'edge.exactMaxP=1200', 'edge.topK=10', 'edge.split=false'].join('&');
  await openChapter(page, 'hessian', query);
  const view = page.locator('[data-cell="hessian/edge"]');
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });

  await view.getByLabel('Load data').setInputFiles({ name: 'torch_model.json', mimeType: 'application/json', buffer: model });
  await expect(view.getByText(/Model torch_model\.json: layers 6-16-12-3, gelu, n = 120/)).toBeVisible();
  await expect(view.getByText(/Loaded model torch_model\.json, layers 6-16-12-3/)).toBeVisible({ timeout: 90_000 });
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });
  await expect(view.locator('svg.plot path.series').first()).toBeVisible();
  await view.screenshot({ path: 'test-results/hessian-loaded-model.png' });
  const { doc } = await exportJson(page, view);
  const result = doc.result as { source: string; topEigenvalues: number[]; trace: number; traceMethod: string; model: { layers: number[] } };
  expect(result.source).toBe('loaded model');
  expect(result.model.layers).toEqual([6, 16, 12, 3]);
  // torch's own numbers (tests/fixtures/hessian/torch_roundtrip.py): top-10 within 1e-6·λ₁, the exact trace.
  result.topEigenvalues.forEach((v, i) => expect(Math.abs(v - torch.topEigenvalues[i])).toBeLessThan(1e-6 * torch.topEigenvalues[0]));
  expect(result.traceMethod).toBe('exact');
  expect(Math.abs(result.trace - torch.trace)).toBeLessThan(1e-9 * torch.trace);

  // A file whose weights do not fit its layers: the error names the field; the loaded model's figure stays.
  const bad = JSON.parse(model.toString('utf8')) as { model: { weights: number[] } };
  bad.model.weights.pop();
  await view.getByLabel('Load data').setInputFiles({ name: 'bad_model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(view.getByRole('alert')).toContainText('model.weights has 354 entries but layers [6,16,12,3] need P = 355');
  await expect(view.getByText(/Loaded model torch_model\.json, layers 6-16-12-3/)).toBeVisible();
  await expect(view.locator('svg.plot path.series').first()).toBeVisible();
  await view.screenshot({ path: 'test-results/hessian-bad-model.png' });
  expect(errors).toEqual([]);
});

test('hessian chapter: a dataset CSV replaces the built-in data and the view’s network trains on it', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'hessian', SMALL);
  const view = page.locator('[data-cell="hessian/edge"]');
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });
  // Three classes on a line in 2-D, labels 0…2.
  const rows = Array.from({ length: 48 }, (_, i) => `${(i % 3) * 2 + 0.3 * Math.sin(i)},${0.3 * Math.cos(i)},${i % 3}`);
  const csv = `u,v,label\n${rows.join('\n')}\n`;
  await view.getByLabel('Load data').setInputFiles({ name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(view.getByText(/Dataset three\.csv: n = 48, 2 features, 3 classes/)).toBeVisible();
  await expect(view.getByText(/Loaded dataset three\.csv, layers 2-8-3/)).toBeVisible({ timeout: 90_000 });
  await expect(view.getByRole('heading', { name: 'Paper check' })).toBeVisible({ timeout: 90_000 });
  const { doc } = await exportJson(page, view);
  const result = doc.result as { source: string; data: { x: number[][]; y: number[] }; history: { losses: number[] } };
  expect(result.source).toBe('loaded dataset');
  expect(result.data.x).toHaveLength(48);
  expect(result.data.y.slice(0, 4)).toEqual([0, 1, 2, 0]);
  expect(result.history.losses).toHaveLength(40);
  // A label that is not a class index: the line and column are named; the dataset's figure stays.
  await view.getByLabel('Load data').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('u,v,label\n1,2,0\n3,4,x\n') });
  await expect(view.getByRole('alert')).toContainText('line 3, column "label": "x" is not a class index');
  await expect(view.getByText(/Loaded dataset three\.csv, layers 2-8-3/)).toBeVisible();
  // Back to the built-in data.
  await view.getByRole('button', { name: 'Use built-in data' }).click();
  await expect(view.getByText(/Loaded dataset/)).toHaveCount(0, { timeout: 90_000 });
  expect(errors).toEqual([]);
});
