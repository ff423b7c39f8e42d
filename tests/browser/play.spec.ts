/**
 * Play / pause / step on a race cell (the AdamP race), end to end on the built site, as in
 * TensorFlow Playground: Pause holds the run (its step counter stops), Step moves it one frame
 * further, Play lets it finish. Counts and states only — no durations.
 */
import { expect, test } from '@playwright/test';
import { SITE, watchErrors } from './helpers';

test('the AdamP race pauses, steps and plays on to the end', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto(SITE);
  await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Optimizer geometry' }).click();
  const view = page.locator('[data-view="optimizer-adamp"]');
  await expect(view.locator('.figure-description')).toContainText('Step 200 of 200', { timeout: 120_000 });

  // The longest race the table allows, so there is a run to hold.
  const steps = view.getByRole('slider', { name: /^Steps/ }).first();
  await steps.focus();
  await page.keyboard.press('End');
  const pause = view.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible({ timeout: 60_000 });
  await expect(pause).toHaveAttribute('aria-pressed', 'false');
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  // The worker tells the figure when the job has come to rest (its parked notice travels behind
  // every report the job sent): from then on the counter shows where it stopped and must not move.
  await expect(pause).toHaveAttribute('data-parked', 'true', { timeout: 60_000 });
  await expect(view.locator('.progress-row')).toContainText('Paused');

  const counter = view.getByTestId('step-counter');
  const read = async () => Number(await counter.textContent());
  const held = await read();
  await page.waitForTimeout(1000);
  expect(await read()).toBe(held);
  expect(held).toBeLessThan(1000);

  // Step, from the keyboard: one frame further, and at rest again.
  await view.getByRole('button', { name: 'Step', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(read, { timeout: 30_000 }).toBeGreaterThan(held);
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await expect(pause).toHaveAttribute('data-parked', 'true', { timeout: 60_000 });
  const stepped = await read();
  await page.waitForTimeout(1000);
  expect(await read()).toBe(stepped);
  expect(stepped).toBeLessThan(1000);
  await view.locator('.view-status').screenshot({ path: testInfo.outputPath('adamp-paused.png') });

  // Play: the run finishes and the controls go with the progress row.
  await pause.click();
  await expect(view.locator('.figure-description')).toContainText('Step 1000 of 1000', { timeout: 120_000 });
  await expect(view.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);
  expect(errors).toEqual([]);
});
