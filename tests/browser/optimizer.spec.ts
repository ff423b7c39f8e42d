import { expect, test } from '@playwright/test';
import { SITE, exportJson, watchErrors } from './helpers';

test.describe('Optimizer geometry chapter', () => {
  test('opens from the navigation, races matrix sensing, follows an α change from the keyboard and exports a rerunnable JSON', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto(SITE);
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Optimizer geometry');
    const view = page.locator('[data-view="optimizer-sensing"]');
    await expect(view.locator('.figure-description')).toContainText('Iteration 2000 of 2000', { timeout: 120_000 });
    await expect(view.getByRole('table', { name: 'Paper check' })).toBeVisible();
    await view.screenshot({ path: testInfo.outputPath('optimizer-sensing.png') });

    // α: 0.2 → one keyboard step down on its slider; the URL and the new run follow.
    const slider = view.getByRole('slider', { name: /Initialization scale/ }).first();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/alpha=/);
    await expect(view.locator('.figure-description')).toContainText('Iteration 2000 of 2000', { timeout: 120_000 });
    await expect(view.locator('.figure-description')).not.toContainText('at α = 0.2)');

    const { name, doc } = await exportJson(page, view);
    expect(name).toBe('optimizer.json');
    expect(doc.format).toBe('curvature/optimizer@1');
    const params = doc.params as { alpha: number; kappa: number };
    expect(params.alpha).toBeLessThan(0.2);
    type Method = { name: string; k: number; init: { X?: number[][]; F?: number[][]; G?: number[][] }; errors: number[] };
    const r = doc.result as { n: number; r: number; m: number; eta: number; iterations: number; Mstar: number[][]; measurements: number[][][]; y: number[]; methods: Method[] };
    expect([r.n, r.r, r.m, r.iterations]).toEqual([10, 2, 200, 2000]);
    expect(r.methods.map((x) => x.name)).toEqual(['symmetric-exact', 'symmetric-over', 'asymmetric-over', 'modified']);
    expect(r.measurements).toHaveLength(200);
    // y_i = ⟨B_i, M*⟩, recomputed here from the exported matrices.
    for (const i of [0, 57, 199]) {
      let dot = 0;
      for (let a = 0; a < r.n; a++) for (let b = 0; b < r.n; b++) dot += r.measurements[i][a][b] * r.Mstar[a][b];
      expect(Math.abs(dot - r.y[i])).toBeLessThan(1e-9 * (1 + Math.abs(dot)));
    }
    // errors[0] is the distance of the exported initialization: ‖X₀X₀ᵀ − M*‖_F, recomputed here.
    const over = r.methods[1];
    const X = over.init.X!;
    let s = 0;
    for (let a = 0; a < r.n; a++)
      for (let b = 0; b < r.n; b++) {
        let v = -r.Mstar[a][b];
        for (let p = 0; p < over.k; p++) v += X[a][p] * X[b][p];
        s += v * v;
      }
    expect(Math.abs(Math.sqrt(s) - over.errors[0])).toBeLessThan(1e-9);
    for (const m of r.methods) expect(m.errors).toHaveLength(2001);
    // The exact run converges to rounding noise; the over-parameterized one does not within T.
    expect(r.methods[0].errors[2000]).toBeLessThan(1e-10);
    expect(r.methods[1].errors[2000]).toBeGreaterThan(1e-6);
    expect(errors).toEqual([]);
  });
});
