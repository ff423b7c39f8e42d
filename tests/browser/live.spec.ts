/**
 * Live sliders, end to end on the built site (CPU path): a slider held by the pointer runs
 * previews only and the figure says "Preview"; releasing it runs the full job and the label
 * goes. Counts and states only — no durations.
 */
import { expect, test, type Page } from '@playwright/test';
import { openChapter, watchErrors } from './helpers';

interface Frame {
  cell: string;
  run: number;
  kind: string;
}

async function framesOf(page: Page, cell: string): Promise<Frame[]> {
  return page.evaluate((c) => ((window as unknown as { __curvatureFrames?: Frame[] }).__curvatureFrames ?? []).filter((f) => f.cell === c), cell);
}

test('a held slider shows a labelled preview of the Sinkhorn plan; release replaces it with the final figure', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'sinkhorn');
  const cellId = 'sinkhorn/plan';
  const cell = page.locator(`section.view-frame[data-cell="${cellId}"]`);
  // Wait for the first final result of the cell (the page's initial run).
  await expect.poll(async () => (await framesOf(page, cellId)).some((f) => f.kind === 'final'), { timeout: 120_000 }).toBe(true);
  await expect(cell.getByTestId('preview-label')).toHaveCount(0);

  const slider = cell.locator('.view-controls input[type=range]').first();
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  const value = await slider.evaluate((el: HTMLInputElement) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min)));
  const x = box.x + 8 + value * (box.width - 16);
  const before = (await framesOf(page, cellId)).length;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (value > 0.5 ? -40 : 40), y, { steps: 5 });
  await expect(cell.getByTestId('preview-label')).toBeVisible({ timeout: 60_000 });
  // While held, every run of the cell ended as a preview (or was superseded), never as a final figure.
  const held = (await framesOf(page, cellId)).slice(before);
  expect(held.some((f) => f.kind === 'preview')).toBe(true);
  expect(held.some((f) => f.kind === 'final')).toBe(false);

  await page.mouse.up();
  await expect(cell.getByTestId('preview-label')).toHaveCount(0, { timeout: 120_000 });
  const after = (await framesOf(page, cellId)).slice(before);
  expect(after.at(-1)?.kind === 'final' || after.filter((f) => f.kind === 'final').length > 0).toBe(true);
  expect(errors).toEqual([]);
});
