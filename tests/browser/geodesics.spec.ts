import { expect, test, type Locator } from '@playwright/test';
import { exportJson, openChapter, watchErrors } from './helpers';

type Metric = { distance: number; geodesic: { t: number; matrix: number[][]; determinant: number }[]; mean: number[][] | null };

/** λ(A⁻¹B) of 2×2 SPD matrices from the characteristic polynomial of A⁻¹B (closed form, independent of the app). */
function generalizedEigenvalues2(a: number[][], b: number[][]): [number, number] {
  const det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  const inv = [[a[1][1] / det, -a[0][1] / det], [-a[1][0] / det, a[0][0] / det]];
  const m = [
    [inv[0][0] * b[0][0] + inv[0][1] * b[1][0], inv[0][0] * b[0][1] + inv[0][1] * b[1][1]],
    [inv[1][0] * b[0][0] + inv[1][1] * b[1][0], inv[1][0] * b[0][1] + inv[1][1] * b[1][1]],
  ];
  const tr = m[0][0] + m[1][1];
  const dt = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  const disc = Math.sqrt(Math.max(tr * tr - 4 * dt, 0));
  return [(tr - disc) / 2, (tr + disc) / 2];
}

async function loadJson(view: Locator, name: string, content: unknown) {
  await view.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
}

test('SPD geodesics: slider by keyboard, export matches closed forms, load a file, bad files are explained', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'geodesics');
  const view = page.locator('section[data-view="geodesics-spd"]');
  await expect(view.locator('.figure-description')).toContainText('Distances');
  for (const metric of ['affineInvariant', 'logEuclidean', 'buresWasserstein', 'generalizedBW']) {
    await expect(view.getByTestId(`ellipse-${metric}`)).toBeVisible();
  }

  // Move t to the end with the keyboard: γ(1) = B for every metric.
  const slider = view.getByRole('slider', { name: 'Position t along the geodesic' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(view.locator('.figure-description')).toContainText('t = 1.00');
  const { name, doc } = await exportJson(page, view);
  expect(name).toBe('geodesics.json');
  expect(doc.format).toBe('curvature/geodesics@1');
  const result = doc.result as Record<string, Metric> & { matrices: number[][][] };
  const [a, b] = result.matrices;
  const lambdas = generalizedEigenvalues2(a, b);
  const aiDistance = Math.hypot(Math.log(lambdas[0]), Math.log(lambdas[1]));
  expect(result.affineInvariant.distance).toBeCloseTo(aiDistance, 9);
  for (const metric of ['affineInvariant', 'logEuclidean', 'buresWasserstein', 'generalizedBW']) {
    const g = result[metric].geodesic;
    expect(g.map((s) => s.t)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        expect(g[0].matrix[i][j]).toBeCloseTo(a[i][j], 8);
        expect(g[10].matrix[i][j]).toBeCloseTo(b[i][j], 8);
      }
    expect(result[metric].mean).not.toBeNull();
  }
  // AI interpolates the determinant geometrically: det γ(0.5) = sqrt(det A det B).
  const det = (m: number[][]) => m[0][0] * m[1][1] - m[0][1] * m[1][0];
  expect(result.affineInvariant.geodesic[5].determinant).toBeCloseTo(Math.sqrt(det(a) * det(b)), 9);

  // Export CSV: 4 metrics × 101 samples, the last AI row is B.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Export CSV' }).click()]);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync((await csvDownload.path())!, 'utf8').trim().split(/\r\n/);
  expect(lines[0]).toBe('metric,t,determinant,distance_from_A,m00,m01,m10,m11');
  expect(lines).toHaveLength(1 + 4 * 101);
  const lastAi = lines[101].split(',');
  expect(lastAi[0]).toBe('affineInvariant');
  expect(Number(lastAi[4])).toBeCloseTo(b[0][0], 8);
  expect(Number(lastAi[3])).toBeCloseTo(aiDistance, 8);

  // A loaded file of commuting matrices: BW distance = ‖A^{1/2} − B^{1/2}‖_F = sqrt((2 − 1)² + (1 − 3)²).
  await loadJson(view, 'diag.json', { matrices: [[[4, 0], [0, 1]], [[1, 0], [0, 9]], [[2, 0], [0, 2]]] });
  await expect(view.getByText('Using 3 matrices of size 2×2 from diag.json')).toBeVisible();
  await expect(view.locator('.figure-description')).toContainText('Bures–Wasserstein 2.236');
  const loaded = (await exportJson(page, view)).doc.result as Record<string, Metric>;
  expect(loaded.buresWasserstein.distance).toBeCloseTo(Math.sqrt(5), 10);

  // Bad input: a non-symmetric matrix is reported with its entries; the last figure stays.
  await loadJson(view, 'asym.json', { matrices: [[[2, 1], [0.5, 2]], [[1, 0], [0, 1]]] });
  await expect(view.getByRole('alert')).toContainText('matrices[0] is not symmetric: [0][1] = 1 but [1][0] = 0.5');
  await expect(view.getByTestId('ellipse-affineInvariant')).toBeVisible();
  await loadJson(view, 'indefinite.json', { matrices: [[[1, 2], [2, 1]], [[1, 0], [0, 1]]] });
  await expect(view.getByRole('alert')).toContainText('matrices[0] is not positive definite: its smallest eigenvalue is -1.00000');
  await loadJson(view, 'ragged.json', { matrices: [[[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]] });
  await expect(view.getByText('matrices[1] is 3×3 but matrices[0] is 2×2')).toBeVisible();
  expect(errors).toEqual([]);
});

test('geodesic fan and the small model cells render with their numbers', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'geodesics', 'geodesics-surface.count=64');
  const fan = page.locator('section[data-view="geodesics-surface"]');
  await fan.scrollIntoViewIfNeeded();
  await expect(fan.locator('.figure-description')).toContainText(/\d+ geodesics of arc length/);
  await expect(fan.locator('canvas')).toBeVisible();
  const poincare = page.locator('section[data-view="geodesics-poincare"]');
  // Both models give the same distance (the description prints both to 6 decimals).
  const text = (await poincare.locator('.figure-description').textContent()) ?? '';
  const [d1, d2] = [...text.matchAll(/(\d+\.\d{6})/g)].map((m) => m[1]);
  expect(d1).toBe(d2);
  await expect(page.locator('section[data-view="geodesics-grassmann"] .figure-description')).toContainText('Grassmann distance');
  expect(errors).toEqual([]);
});

test('the geodesic fan runs on WebGPU when asked (?backend=gpu), with the same description as the CPU path', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'geodesics', 'geodesics-surface.surface=sphereCap&geodesics-surface.x0=0.2&geodesics-surface.y0=0.1&geodesics-surface.count=48&geodesics-surface.length=0.8', '?backend=gpu');
  const fan = page.locator('section[data-view="geodesics-surface"]');
  await fan.scrollIntoViewIfNeeded();
  await expect(fan.getByTestId('view-meta')).toContainText('WebGPU', { timeout: 60_000 });
  // Every geodesic of length 0.8 from near the cap's top stays inside the domain, on either backend.
  await expect(fan.locator('.figure-description')).toContainText('48 stay inside the domain');
  expect(errors).toEqual([]);
});
