import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { exportJson, openChapter, watchErrors } from './helpers';

test.describe('Safe step-size radii chapter', () => {
  test('the complex-plane view computes radii, exports them and rejects a malformed file', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await openChapter(page, 'radii');
    const plane = page.locator('[data-view="radii-plane"]').first();
    await expect(plane.locator('.figure-description')).toContainText('ρ* =', { timeout: 60_000 });
    await plane.screenshot({ path: testInfo.outputPath('radii-plane.png') });
    // Drag the step handle to the right: τ grows past ρ* and the caption says it left the disk.
    const box = (await plane.locator('.tau-handle').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let dx = 20; dx <= 200; dx += 20) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await page.mouse.up();
    await expect(plane.locator('.figure-description')).toContainText('outside the disk of convergence');
    await expect(plane.getByLabel('Step τ').first()).not.toHaveValue('0.5');
    // the preview (Δ_a and ρ_a without every sample's nearest zero) has been replaced by the full analysis
    await expect(plane.getByTestId('preview-label')).toHaveCount(0, { timeout: 60_000 });
    const { name, doc } = await exportJson(page, plane);
    expect(name).toBe('radii.json');
    expect(doc.format).toBe('curvature/radii@1');
    const result = doc.result as { rhoA: number; perSample: { deltaA: number; rhoA: number; rhoExact: number; nearestZero: { re: number; im: number } }[] };
    expect(result.perSample).toHaveLength(200);
    for (const s of result.perSample) {
      // The bound never exceeds the radius, and the reported zero sits at the reported distance.
      expect(s.rhoA).toBeLessThanOrEqual(s.rhoExact * (1 + 1e-9));
      expect(Math.abs(Math.hypot(s.nearestZero.re, s.nearestZero.im) - s.rhoExact)).toBeLessThan(1e-9 * s.rhoExact);
      expect(s.rhoA).toBeCloseTo(Math.PI / s.deltaA, 10);
    }
    expect(result.rhoA).toBeCloseTo(Math.min(...result.perSample.map((s) => s.rhoA)), 10);

    const bad = testInfo.outputPath('bad.json');
    writeFileSync(bad, JSON.stringify({ logits: [[1, 2, 3]], directions: [[1, 2]] }));
    await plane.locator('input[type=file]').setInputFiles(bad);
    await expect(plane.getByRole('alert')).toContainText('"logits" is 1×3 but "directions" is 1×2');
    // The last good figure stays.
    await expect(plane.locator('.figure-description')).toContainText('ρ* =');

    const good = testInfo.outputPath('binary.json');
    writeFileSync(good, JSON.stringify({ logits: [[0.5, -0.5]], directions: [[1, -1]], labels: [0] }));
    await plane.locator('input[type=file]').setInputFiles(good);
    // Binary closed form: sqrt(δ² + π²)/|a1 − a2| = sqrt(1 + π²)/2 = 1.6485 (4 significant digits on screen).
    await expect(plane.locator('.figure-description')).toContainText('ρ* = 1.648', { timeout: 30_000 });
    const mlpPlane = page.locator('[data-view="radii-plane"]').nth(1);
    await expect(mlpPlane.locator('.figure-description')).toContainText('slopes: JVP of the MLP', { timeout: 60_000 });
    await mlpPlane.screenshot({ path: testInfo.outputPath('radii-plane-mlp.png') });
    expect(errors).toEqual([]);
  });

  test('the spike race collapses plain Adam and keeps the controller', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await openChapter(page, 'radii');
    const race = page.locator('[data-view="radii-race"]');
    await expect(race.locator('.figure-description')).toContainText('Step 120 of 120', { timeout: 150_000 });
    await page.locator('[data-view="radii-taylor"]').screenshot({ path: testInfo.outputPath('radii-taylor.png') });
    await race.screenshot({ path: testInfo.outputPath('radii-race.png') });
    const { doc } = await exportJson(page, race);
    const result = doc.result as { chance: number; plain: { accuracy: number[] }; controller: { accuracy: number[]; r: number[] } };
    expect(result.plain.accuracy[119]).toBeLessThan(result.chance + 0.05);
    expect(result.controller.accuracy[119]).toBeGreaterThan(0.8);
    expect(Math.max(...result.controller.r)).toBeLessThanOrEqual(1 + 1e-9);
    expect(errors).toEqual([]);
  });

  test('on WebGPU (forced), the MLP set takes its slopes from the JVP kernel and still bounds ρ* by ρ_a', async ({ page }) => {
    const errors = watchErrors(page);
    await openChapter(page, 'radii', '', '?backend=gpu');
    const mlpPlane = page.locator('[data-view="radii-plane"]').nth(1);
    await expect(mlpPlane.locator('.figure-description')).toContainText('JVP of the MLP on WebGPU (f32)', { timeout: 90_000 });
    await expect(mlpPlane.getByTestId('view-meta')).toContainText('WebGPU');
    await expect(mlpPlane.getByTestId('preview-label')).toHaveCount(0, { timeout: 90_000 });
    const { doc } = await exportJson(page, mlpPlane);
    const result = doc.result as { perSample: { rhoA: number; rhoExact: number }[] };
    expect(result.perSample).toHaveLength(200);
    for (const s of result.perSample) expect(s.rhoA).toBeLessThanOrEqual(s.rhoExact * (1 + 1e-6));
    expect(errors).toEqual([]);
  });

  test('on WebGPU (forced), the spike race measures ρ_a with the JVP kernel and the controller still holds r ≤ 1', async ({ page }) => {
    const errors = watchErrors(page);
    await openChapter(page, 'radii', 'race.steps=30&race.spikeStep=10&race.curvatureEvery=0', '?backend=gpu');
    const race = page.locator('[data-view="radii-race"]');
    await expect(race.locator('.figure-description')).toContainText('Step 30 of 30', { timeout: 120_000 });
    await expect(race.getByTestId('view-meta')).toContainText('WebGPU');
    const { doc } = await exportJson(page, race);
    const result = doc.result as { controller: { r: number[]; accuracy: number[] }; plain: { r: number[] } };
    // f32 radii: the controller's r may exceed 1 by f32 rounding only.
    expect(Math.max(...result.controller.r)).toBeLessThanOrEqual(1 + 1e-5);
    expect(result.plain.r[10]).toBeGreaterThan(10);
    expect(result.controller.accuracy[29]).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
  });
});
