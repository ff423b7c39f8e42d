/**
 * Screenshots of the engine page, the example notebook and presentation mode in
 * both themes, written to test-results/screens/ to be looked at (they are not
 * compared pixel by pixel: fonts differ between machines). The test itself checks
 * that each page rendered its figure and logged no error.
 */
import { expect, test } from '@playwright/test';
import { SITE, watchErrors } from './helpers';

const DIR = 'test-results/screens';

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots in the ${theme} theme: engine page, example notebook, presentation mode`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript((t) => localStorage.setItem('curvature:theme', t), theme);
    await page.goto(`${SITE}#/engine?v=1&engine-sweep.n=128&engine-sweep.repeats=12`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const view = page.locator('[data-view="engine-sweep"]');
    await expect(view.getByTestId('view-meta')).toContainText('ms');
    await view.getByRole('button', { name: /^Share/ }).click();
    await page.screenshot({ path: `${DIR}/engine-${theme}.png`, fullPage: true });

    await page.goto(`${SITE}#/notebook?v=1&notebook=notebooks%2Fexample.md`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('An example notebook');
    for (const cell of ['engine-sweep', 'engine-sweep-2', 'big-sweep']) {
      await expect(page.locator(`[data-cell="notebook/${cell}"]`).getByTestId('view-meta')).toContainText('ms');
    }
    await page.screenshot({ path: `${DIR}/notebook-${theme}.png`, fullPage: true });

    await page.getByRole('button', { name: 'Present' }).click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('region', { name: /Presentation, part 6 of 10/ })).toBeVisible();
    await page.screenshot({ path: `${DIR}/present-${theme}.png` });
    await page.keyboard.press('Escape');

    // A notebook with raw HTML and a bad link: shown as text, struck through.
    await page.getByLabel('Open notebook').setInputFiles({
      name: 'raw.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Raw HTML\n\n<script>alert(1)</script>\n\nA [bad link](javascript:alert(1)) and <b onclick="x()">bold</b> and $\\sqrt{2}$.\n'),
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Raw HTML');
    await page.screenshot({ path: `${DIR}/raw-${theme}.png` });
    expect(errors).toEqual([]);
  });
}
