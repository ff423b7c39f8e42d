import { expect, test } from '@playwright/test';
import { exportJson, openChapter, watchErrors } from './helpers';

test('geodesic fan on the network loss slice: pick it, wait for the fan, export finite points inside the domain', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'geodesics', 'geodesics-surface.count=24&geodesics-surface.length=0.8&geodesics-surface.x0=0.1&geodesics-surface.y0=-0.1');
  const view = page.locator('section[data-view="geodesics-surface"]');
  await view.scrollIntoViewIfNeeded();
  await expect(view.locator('.figure-description')).toContainText(/\d+ geodesics of arc length/);
  await view.getByRole('combobox', { name: 'Surface' }).selectOption('lossSlice');
  await expect(view.locator('.figure-description')).toContainText('network loss slice', { timeout: 60_000 });
  const { doc } = await exportJson(page, view);
  const result = doc.result as {
    surface: string;
    count: number;
    steps: number;
    lengths: number[] | Record<string, number>;
    points: number[] | Record<string, number>;
    domain: number[];
    lossSlice: { steps: number; seed: number; sampleGrid: number; radius: number; centreLoss: number; topEigenvalue: number };
  };
  expect(result.surface).toBe('lossSlice');
  expect(result.count).toBe(24);
  expect(result.domain).toEqual([-1, 1, -1, 1]);
  expect(result.lossSlice).toMatchObject({ steps: 200, seed: 1, sampleGrid: 48, radius: 1 });
  expect(Number.isFinite(result.lossSlice.centreLoss) && result.lossSlice.centreLoss > 0).toBe(true);
  const points = Object.values(result.points);
  const lengths = Object.values(result.lengths);
  expect(points.length).toBe(24 * (result.steps + 1) * 3);
  const stride = (result.steps + 1) * 3;
  // Collect the offending points and assert once (one expect per point is slow in Playwright).
  const bad: string[] = [];
  for (let j = 0; j < result.count; j++) {
    if (!(lengths[j] > 1)) bad.push(`geodesic ${j} has ${lengths[j]} points`);
    for (let k = 0; k < lengths[j]; k++) {
      const [x, y, z] = points.slice(j * stride + k * 3, j * stride + k * 3 + 3);
      if (!Number.isFinite(z) || !(x >= -1 && x <= 1 && y >= -1 && y <= 1)) bad.push(`geodesic ${j} step ${k}: (${x}, ${y}, ${z})`);
    }
  }
  expect(bad).toEqual([]);
  expect(errors).toEqual([]);
});

test('with ?backend=gpu the loss slice fan reruns on the CPU and the badge says why', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'geodesics', 'geodesics-surface.surface=lossSlice&geodesics-surface.count=24&geodesics-surface.length=0.8', '?backend=gpu');
  const view = page.locator('section[data-view="geodesics-surface"]');
  await view.scrollIntoViewIfNeeded();
  await expect(view.locator('.figure-description')).toContainText('network loss slice', { timeout: 60_000 });
  await expect(view.getByTestId('view-meta')).toContainText(/reran on CPU.*no case for the network loss slice/);
  expect(errors).toEqual([]);
});
