import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
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

    // Load the export back: the race reruns on its measurements and initialization and gives the same curves.
    const saved = testInfo.outputPath('optimizer.json');
    writeFileSync(saved, JSON.stringify(doc));
    await view.locator('input[type=file]').setInputFiles(saved);
    await expect(view.locator('.figure-description')).toContainText('Measurements and initialization from optimizer.json');
    await expect(view.locator('.figure-description')).toContainText('Iteration 2000 of 2000', { timeout: 120_000 });
    const again = (await exportJson(page, view)).doc.result as typeof r;
    for (let i = 0; i < 4; i++) expect(again.methods[i].errors).toEqual(r.methods[i].errors);
    const bad = testInfo.outputPath('bad.json');
    writeFileSync(bad, JSON.stringify({ result: { ...r, Mstar: [[1, 2]] } }));
    await view.locator('input[type=file]').setInputFiles(bad);
    await expect(view.getByRole('alert')).toContainText('"Mstar" must be 10 rows, got 1');
    expect(errors).toEqual([]);
  });

  test('the AdamP cell: momentum β from the keyboard, sphere paths drawn, export with norms that never shrink on a scale-invariant loss', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto(SITE);
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
    const view = page.locator('[data-view="optimizer-adamp"]');
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });
    await expect(view.getByRole('img', { name: /unit sphere/ })).toBeVisible();
    const slider = view.getByRole('slider', { name: /Momentum/ }).first();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/momentum=0\.89/);
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });
    await view.screenshot({ path: testInfo.outputPath('optimizer-adamp.png') });
    // The paper's SGDM norm expression, evaluated from the recorded buffers, matches the measured norm.
    await expect(view.getByRole('row', { name: /SGDM on a scale-invariant loss/ })).toContainText('consistent');
    const { doc } = await exportJson(page, view);
    expect(doc.cell).toBeDefined();
    expect((doc.params as { momentum: number }).momentum).toBeCloseTo(0.89, 12);
    type Opt = { name: string; toy: { norm: number[]; path: number[][] }; classifier: { norm: number[]; projectedFraction: number } };
    const r = doc.result as { steps: number; momentum: number; optimizers: Opt[] };
    expect(r.optimizers.map((o) => o.name)).toEqual(['sgd', 'sgdm', 'adam', 'sgdp', 'adamp']);
    for (const o of r.optimizers) {
      expect(o.toy.norm).toHaveLength(201);
      // ∇L ⟂ w: without projection no step can shorten w (‖w_{t+1}‖² = ‖w_t‖² − 2η⟨w, p⟩ + η²‖p‖², ⟨w, g⟩ = 0 for SGD).
      if (o.name === 'sgd') for (let t = 0; t < 200; t++) expect(o.toy.norm[t + 1]).toBeGreaterThanOrEqual(o.toy.norm[t] * (1 - 1e-12));
      // The path lies on the unit sphere.
      for (const p of [o.toy.path[0], o.toy.path[200]]) expect(Math.abs(Math.hypot(p[0], p[1], p[2]) - 1)).toBeLessThan(1e-12);
    }
    const byName = Object.fromEntries(r.optimizers.map((o) => [o.name, o]));
    expect(byName.sgdm.toy.norm[200]).toBeGreaterThan(byName.sgd.toy.norm[200]);
    expect(byName.sgdp.classifier.projectedFraction).toBe(1);
    expect(byName.sgdm.classifier.projectedFraction).toBe(0);
    expect(errors).toEqual([]);
  });
});

