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
});
