#!/usr/bin/env node
// Screenshots of every chapter in both themes, from the built site (npm run build), for looking at
// figures as a person would and for the README's picture.
// Usage: node scripts/screenshots.mjs [outDir=test-results/screens] [chapter …]
// Env: WAIT (ms to let jobs finish, default 8000), BACKEND (gpu|cpu), FULL=0 for the viewport only.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [outDir = 'test-results/screens', ...only] = process.argv.slice(2);
const chapters = only.length ? only : ['hessian', 'geodesics', 'sinkhorn', 'heat', 'radii', 'engine'];
const port = 4310 + Math.floor(Math.random() * 80);
mkdirSync(outDir, { recursive: true });
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-features=Vulkan', '--no-sandbox', '--disable-background-networking'],
});
try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: theme });
    page.on('pageerror', (e) => console.log(`[${theme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${theme}] console error: ${m.text()}`));
    for (const chapter of chapters) {
      const search = process.env.BACKEND ? `?backend=${process.env.BACKEND}` : '';
      await page.goto(`http://127.0.0.1:${port}/some/sub/path/${search}#/${chapter}`);
      await page.waitForTimeout(Number(process.env.WAIT ?? 8000));
      const file = `${outDir}/${chapter}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL !== '0' });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
