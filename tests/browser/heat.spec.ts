import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { exportJson, openChapter, watchErrors } from './helpers';

// Small sizes: CI's WebGPU is SwiftShader on 2 cores.
const SMALL = 'heat-embed.n=200&heat-embed.mdsIterations=10&heat-embed.t=30&heat-compare.n=100&heat-compare.mdsIterations=5&heat-compare.dataset=swissroll';

for (const backend of ['gpu', 'cpu'] as const) {
  test(`heat chapter on ${backend}: embedding with live quality, Export JSON has params, embedding, method and quality`, async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await openChapter(page, 'heat', SMALL, `?backend=${backend}`);
    const view = page.locator('[data-view="heat-embed"]');
    await expect(view.getByTestId('heat-spearman')).toHaveText(/^0\.9\d+$/, { timeout: 60_000 });
    await expect(view.getByTestId('view-meta')).toContainText(backend === 'gpu' ? 'WebGPU' : 'CPU');
    await expect(page.locator('[data-view="heat-compare"] figcaption')).toHaveCount(4, { timeout: 60_000 });
    await page.screenshot({ path: testInfo.outputPath(`heat-${backend}.png`), fullPage: true });
    const { doc } = await exportJson(page, view);
    const params = doc.params as Record<string, unknown>;
    const result = doc.result as { embedding: number[][]; method: string; quality: { spearman: number; pearson: number } };
    expect(params.n).toBe(200);
    expect(result.method).toBe('heatgeo');
    expect(result.embedding).toHaveLength(200);
    expect(result.embedding[0]).toHaveLength(2);
    expect(result.quality.spearman).toBeGreaterThan(0.9);
    expect(errors).toEqual([]);
  });
}

test('heat chapter: loading a CSV with NaN says which cell; a CSV with gt_ columns gets quality figures; k slider by keyboard', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await openChapter(page, 'heat', SMALL, '?backend=cpu');
  const view = page.locator('[data-view="heat-embed"]');
  await expect(view.getByTestId('heat-spearman')).toHaveText(/^0\.\d+$/, { timeout: 60_000 });
  // a line in 3-D with its arc length as ground truth
  const rows = ['x,y,z,gt_s,label'];
  for (let i = 0; i < 120; i++) {
    const s = i / 10;
    rows.push(`${Math.cos(s / 4) * 4},${Math.sin(s / 4) * 4},${0.1 * Math.sin(i)},${s},${i < 60 ? 0 : 1}`);
  }
  const good = testInfo.outputPath('line.csv');
  writeFileSync(good, rows.join('\n'));
  const bad = testInfo.outputPath('bad.csv');
  writeFileSync(bad, 'x,y\n1,2\n3,NaN\n4,5\n6,7\n');
  await view.locator('input[type=file]').setInputFiles(bad);
  await expect(view.getByText(/NaN/).first()).toBeVisible();
  await view.locator('input[type=file]').setInputFiles(good);
  await expect(view.getByTestId('heat-spearman')).toHaveText(/^0\.9\d+$/, { timeout: 60_000 });
  const slider = view.getByRole('slider', { name: 'Neighbours k' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/heat-embed\.k=11/);
  await expect(view.getByTestId('heat-spearman')).toHaveText(/^0\.9\d+$/, { timeout: 60_000 });
  // the shipped digits: 64 columns, labels, no ground truth
  await view.getByRole('combobox', { name: 'Dataset' }).selectOption('digits');
  await expect(view.getByText('the 3-D view shows the first 3 of 64 columns')).toBeVisible({ timeout: 60_000 });
  await expect(view.getByText(/No ground truth for this data set/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('heat chapter: a held t slider shows the labelled preview (200 of 400 points); on release the full figure replaces it', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await openChapter(page, 'heat', 'heat-embed.mdsIterations=10&heat-compare.n=100&heat-compare.mdsIterations=5', '?backend=cpu');
  const view = page.locator('[data-view="heat-embed"]');
  const description = view.getByTestId('figure-description');
  await expect(description).toContainText('embedding of 400 points', { timeout: 60_000 });
  // Chromium runs WebAssembly SIMD, so the CPU path's auto route is the WASM Chebyshev kernel (the eigen route is the JS fallback's)
  await expect(description).toContainText(/Chebyshev heat kernel of order \d+/);
  await expect(view.getByTestId('preview-label')).toHaveCount(0);
  const slider = view.getByRole('slider', { name: 'Diffusion time t' });
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2, { steps: 3 });
  await expect(view.getByTestId('preview-label')).toBeVisible({ timeout: 60_000 });
  await expect(description).toContainText('Preview on 200 of 400 points', { timeout: 60_000 });
  await view.screenshot({ path: testInfo.outputPath('heat-preview.png') });
  await page.mouse.up();
  await expect(view.getByTestId('preview-label')).toHaveCount(0, { timeout: 60_000 });
  await expect(description).toContainText('embedding of 400 points');
  await expect(description).toContainText('from the previous layout');
  expect(errors).toEqual([]);
});
