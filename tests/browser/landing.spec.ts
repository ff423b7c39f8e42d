import { expect, test } from '@playwright/test';
import { SITE, watchErrors } from './helpers';

const CHAPTERS = ['Hessian spectra', 'Geodesics', 'Sinkhorn plans', 'Heat-geodesic embeddings', 'Safe step-size radii', 'Optimizer geometry'];

test('the site opens on the overview with one card per chapter; each card opens its chapter and the navigation lists them all', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(SITE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Curvature');
  await expect(page.locator('main .prose')).toContainText('geometry of learning');
  await expect(page).toHaveTitle('Curvature');
  const cards = page.getByRole('list', { name: 'Chapters' }).getByRole('listitem');
  await expect(cards).toHaveCount(CHAPTERS.length);
  expect(await cards.getByRole('heading', { level: 2 }).allTextContents()).toEqual(CHAPTERS);
  // Each card has a summary and a figure: the live cell, or the chapter's screenshot.
  for (let i = 0; i < CHAPTERS.length; i++) {
    const card = cards.nth(i);
    await expect(card.locator('.landing-summary')).not.toBeEmpty();
    await expect(card.locator('.landing-figure img, .landing-figure [data-view]')).toHaveCount(1);
  }
  // At most two live figures: the overview must not start every chapter's jobs.
  expect(await page.locator('main [data-view]').count()).toBeLessThanOrEqual(2);
  await expect(page.locator('main [data-view="geodesics-poincare"]')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Chapters' });
  expect((await nav.locator('ul').first().getByRole('link').allTextContents())).toEqual(CHAPTERS);
  for (const name of CHAPTERS) {
    await page.goto(SITE);
    await page.getByRole('list', { name: 'Chapters' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }
  // The brand link leads back to the overview; an old chapter link still opens its chapter.
  await nav.getByRole('link', { name: 'Curvature' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Curvature');
  await page.goto(`${SITE}#/hessian`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hessian spectra');
  expect(errors).toEqual([]);
});
