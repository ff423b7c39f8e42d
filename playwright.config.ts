import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's Chromium (test tools cannot download browsers
// here). --enable-unsafe-webgpu gives WebGPU on the software adapter
// (SwiftShader) on machines without a GPU, in pages and dedicated workers alike.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/browser',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list'], ['./tests/browser/kernel-count-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    acceptDownloads: true,
    launchOptions: {
      executablePath,
      args: [
        '--enable-unsafe-webgpu',
        '--enable-features=Vulkan',
        '--use-angle=swiftshader',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/some/sub/path/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
