import { expect, type Page } from '@playwright/test';

/** The built site is served under a sub-path, as a static host would (scripts/serve.mjs). */
export const SITE = '/some/sub/path/';

/** Collects console errors and page errors; tests assert the list stays empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function openChapter(page: Page, chapter: string, query = '', search = ''): Promise<void> {
  await page.goto(`${SITE}${search}#/${chapter}${query ? `?v=1&${query}` : ''}`);
  await expect(page.getByRole('status')).toContainText('Compute:');
}

/** Presses Export JSON in the given view and returns the parsed download. */
export async function exportJson(page: Page, scope = page.locator('body')): Promise<{ name: string; doc: Record<string, unknown> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: 'Export JSON' }).first().click()]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), doc: JSON.parse(readFileSync(path!, 'utf8')) };
}
