import { expect, test } from '@playwright/test';
import { openChapter } from './helpers';

test('a line plot shows the values under the pointer, and the keyboard steps the read-out between data points', async ({ page }) => {
  // Four repeats: the sweep's x values are the repeat numbers 1…4.
  await openChapter(page, 'engine', 'engine-sweep.n=64&engine-sweep.repeats=4');
  const view = page.locator('[data-view="engine-sweep"]');
  await expect(view.getByTestId('view-meta')).toContainText('ms');
  const frame = view.locator('.plot-frame.has-readout');
  const live = frame.locator('.readout-live');
  await frame.scrollIntoViewIfNeeded();
  const box = await frame.locator('svg').boundingBox();
  expect(box).not.toBeNull();
  // Hover near the right end of the plot area: the nearest data x is the last repeat.
  await page.mouse.move(box!.x + box!.width - 30, box!.y + box!.height / 2);
  await expect(frame.locator('.readout-box')).toBeVisible();
  await expect(frame.locator('.readout-guide')).toHaveCount(1);
  await expect(live).toHaveText(/^time per repeat: \(4, \d[\d.e+-]*\)$/);
  await expect(frame.locator('.readout-box text')).toHaveText(await live.innerText());
  await page.mouse.move(0, 0);
  await expect(frame.locator('.readout-box')).toHaveCount(0);
  // Keyboard: focus the plot, → shows the first point, → again the second, End the last, Esc hides.
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(/^time per repeat: \(1, /);
  const guideAt = async () => Number(await frame.locator('.readout-guide').getAttribute('x1'));
  const first = await guideAt();
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(/^time per repeat: \(2, /);
  expect(await guideAt()).toBeGreaterThan(first);
  await page.keyboard.press('End');
  await expect(live).toHaveText(/^time per repeat: \(4, /);
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(/^time per repeat: \(4, /);
  await page.keyboard.press('Escape');
  await expect(frame.locator('.readout-box')).toHaveCount(0);
  await expect(live).toHaveText('');
});
