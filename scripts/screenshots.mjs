#!/usr/bin/env node
// Screenshots of every chapter in both themes and in presentation mode, from the built site
// (npm run build), for looking at figures as a person would and for the README's picture.
// Usage: node scripts/screenshots.mjs [outDir=test-results/screens] [chapter …]
//   <chapter>-<theme>.png     1440×900 at device scale 1, scrolled to the chapter's first cell
//   <chapter>-present.png     presentation mode at 1280×720 (light), the chapter's first cell slide
//   <chapter>-present-<n>.png every slide of the chapter, with SLIDES=all
// Env: BACKEND (gpu|cpu), PORT (default: a free-ish one), FULL=1 for whole pages instead of the
// first cell, SLIDES=all, WAIT (ms cap on waiting for a page's jobs, default 60000).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [outDir = 'test-results/screens', ...only] = process.argv.slice(2);
const chapters = only.length ? only : ['hessian', 'geodesics', 'sinkhorn', 'heat', 'radii', 'optimizer', 'engine'];
const port = Number(process.env.PORT ?? 4310 + Math.floor(Math.random() * 80));
const cap = Number(process.env.WAIT ?? 60000);
mkdirSync(outDir, { recursive: true });
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-features=Vulkan', '--no-sandbox', '--disable-background-networking'],
});

/** Waits (at most `cap` ms) until no job in `scope` shows progress, then lets plots lay out. */
async function settle(page, scope = 'body') {
  const end = Date.now() + cap;
  if (scope === 'body') await page.waitForSelector('.view-frame', { timeout: cap }).catch(() => undefined);
  while (Date.now() < end && (await page.locator(`${scope} .progress-row`).count()) > 0) await page.waitForTimeout(500);
  await page.waitForTimeout(600);
}

async function open(page, chapter) {
  const search = process.env.BACKEND ? `?backend=${process.env.BACKEND}` : '';
  await page.goto(`http://127.0.0.1:${port}/some/sub/path/${search}#/${chapter}`);
  await page.getByRole('status').filter({ hasText: 'Compute:' }).waitFor();
}

try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: theme });
    page.on('pageerror', (e) => console.log(`[${theme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${theme}] console error: ${m.text()}`));
    for (const chapter of chapters) {
      await open(page, chapter);
      await settle(page);
      const file = `${outDir}/${chapter}-${theme}.png`;
      if (process.env.FULL === '1') await page.screenshot({ path: file, fullPage: true });
      else {
        await page.locator('.view-frame').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.evaluate(() => window.scrollBy(0, -16));
        await page.waitForTimeout(300);
        await page.screenshot({ path: file });
      }
      console.log(file);
    }
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light' });
  for (const chapter of chapters) {
    await open(page, chapter);
    await page.getByRole('button', { name: 'Present' }).click();
    const label = await page.getByRole('region', { name: /Presentation, part 1 of \d+/ }).getAttribute('aria-label');
    const total = Number(label.match(/of (\d+)/)[1]);
    for (let i = 0; i < total; i++) {
      if (i > 0) await page.keyboard.press('PageDown');
      const isCell = (await page.locator('.segment.current .view-frame').count()) > 0;
      if (process.env.SLIDES !== 'all' && !isCell) continue;
      await settle(page, '.segment.current');
      const file = process.env.SLIDES === 'all' ? `${outDir}/${chapter}-present-${i + 1}.png` : `${outDir}/${chapter}-present.png`;
      await page.screenshot({ path: file });
      console.log(file);
      if (process.env.SLIDES !== 'all') break;
    }
  }
  await page.close();
} finally {
  await browser.close();
  server.kill();
}
