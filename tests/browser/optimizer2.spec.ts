import { expect, test } from '@playwright/test';
import { SITE, exportJson, watchErrors } from './helpers';

test.describe('Optimizer geometry chapter, part 2', () => {
  test('M-FAC: runs to the end, follows a window change from the keyboard and exports the grid and curves', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto(SITE);
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Optimizer geometry');
    const view = page.locator('[data-view="optimizer-mfac"]');
    await view.scrollIntoViewIfNeeded();
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });
    await expect(view.getByRole('table', { name: 'Paper check' })).toBeVisible();
    await view.screenshot({ path: testInfo.outputPath('optimizer-mfac.png') });

    // m: 16 → 17 by one keyboard step on its slider; the URL and the new run follow.
    const slider = view.getByRole('slider', { name: /Gradient window m/ }).first();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/window=17/);
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });

    const { name, doc } = await exportJson(page, view);
    expect(name).toBe('optimizer.json');
    expect(doc.format).toBe('curvature/optimizer@1');
    expect((doc.params as { window: number }).window).toBe(17);
    const r = doc.result as { P: number; layers: number[]; grid: { ms: number[]; lambdas: number[]; relError: number[][] }; steps: number; methods: { name: string; loss: number[] }[] };
    // [4, 16, 3]: 4·16 + 16 + 16·3 + 3 parameters.
    expect(r.P).toBe(131);
    expect(r.grid.relError).toHaveLength(r.grid.ms.length);
    // The recursion is exact algebra: against the dense solve only rounding remains.
    for (const row of r.grid.relError) for (const e of row) expect(e).toBeLessThan(1e-9);
    expect(r.methods.map((m) => m.name)).toEqual(['sgd', 'adam', 'mfac']);
    for (const m of r.methods) expect(m.loss).toHaveLength(201);
    // All three start from the same initialization.
    expect(r.methods[2].loss[0]).toBe(r.methods[0].loss[0]);
    expect(errors).toEqual([]);
  });

  test('Sven: runs to the end, follows a k change from the keyboard and exports losses and singular values', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto(SITE);
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
    const view = page.locator('[data-view="optimizer-sven"]');
    await view.scrollIntoViewIfNeeded();
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });
    await expect(view.getByRole('table', { name: 'Paper check' })).toBeVisible();
    await view.screenshot({ path: testInfo.outputPath('optimizer-sven.png') });

    // k: 16 → 15 by one keyboard step.
    const slider = view.getByRole('slider', { name: /Sven rank k/ }).first();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/k=15/);
    await expect(view.locator('.figure-description')).toContainText('k = 15)', { timeout: 120_000 });
    await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });

    const { doc } = await exportJson(page, view);
    expect(doc.format).toBe('curvature/optimizer@1');
    const r = doc.result as { n: number; P: number; k: number; singular: number[][]; init: { denseSingular: number[] }; methods: { name: string; loss: number[]; timeMs: number[] }[] };
    // 2-D task, h = 16: P = 16·(2 + 2) + 1.
    expect([r.n, r.P, r.k]).toEqual([48, 65, 15]);
    expect(r.methods.map((m) => m.name)).toEqual(['sgd', 'adam', 'lbfgs', 'sven']);
    for (const m of r.methods) expect(m.loss).toHaveLength(201);
    expect(r.singular).toHaveLength(201);
    // Singular values are sorted, largest first, and at θ₀ the randomized ones sit on the dense ones.
    for (let t = 1; t < r.k; t++) expect(r.singular[0][t]).toBeLessThanOrEqual(r.singular[0][t - 1]);
    for (let t = 0; t < 3; t++) expect(Math.abs(r.singular[0][t] - r.init.denseSingular[t])).toBeLessThan(1e-6 * r.init.denseSingular[0]);
    expect(errors).toEqual([]);
  });

  test('Langevin: fills the phase picture, follows a k* change from the keyboard and exports it', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto(SITE);
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
    const view = page.locator('[data-view="optimizer-langevin"]');
    await view.scrollIntoViewIfNeeded();
    await expect(view.locator('.figure-description')).toContainText('Phase cells 12 of 12', { timeout: 120_000 });
    await expect(view.getByRole('table', { name: 'Paper check' })).toBeVisible();
    await view.screenshot({ path: testInfo.outputPath('optimizer-langevin.png') });

    // At the defaults (k* = 4, n = d²) the averaged iterate recovers θ* and gradient descent does not (the paper check's first row).
    await expect(view.getByRole('table', { name: 'Paper check' })).toContainText('zero noise');
    // k*: 4 → 3 by one keyboard step.
    const slider = view.getByRole('slider', { name: /Information exponent/ }).first();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/kStar=3/);
    await expect(view.locator('.figure-description')).toContainText('k* = 3)', { timeout: 120_000 });
    await expect(view.locator('.figure-description')).toContainText('Phase cells 12 of 12', { timeout: 120_000 });

    const { doc } = await exportJson(page, view);
    expect(doc.format).toBe('curvature/optimizer@1');
    const r = doc.result as { kStar: number; steps: number; run: { last: number[]; average: number[] }; zeroNoise: { last: number[] }; phase: { ds: number[]; exponents: number[]; ns: number[][]; seeds: number; successLast: number[][] } };
    expect(r.kStar).toBe(3);
    expect(r.run.last).toHaveLength(r.steps + 1);
    expect(r.zeroNoise.last).toHaveLength(r.steps + 1);
    expect(r.phase.exponents).toEqual([1, 1.5, 2, 2.5]);
    // n = round(d^e), recomputed here.
    r.phase.ds.forEach((d, i) => r.phase.exponents.forEach((e, j) => expect(r.phase.ns[i][j]).toBe(Math.round(d ** e))));
    // Rates are multiples of 1/seeds in [0, 1].
    for (const row of r.phase.successLast) for (const v of row) expect(Math.abs(v * r.phase.seeds - Math.round(v * r.phase.seeds))).toBeLessThan(1e-9);
    expect(errors).toEqual([]);
  });
});
