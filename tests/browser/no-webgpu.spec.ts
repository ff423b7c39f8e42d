import { expect, test } from '@playwright/test';
import { openChapter, watchErrors } from './helpers';

// A browser without WebGPU: launched without --enable-unsafe-webgpu and with the feature off.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-features=WebGPU,Vulkan', '--disable-background-networking'],
  },
});

test('without WebGPU the status says CPU and why, and jobs still run', async ({ page }) => {
  const errors = watchErrors(page);
  await openChapter(page, 'engine', 'engine-sweep.n=128&engine-sweep.repeats=2', '?backend=gpu');
  await expect(page.getByRole('status')).toHaveText(/^Compute: CPU \(WASM SIMD, (no WebGPU|no adapter)\)/);
  const view = page.locator('[data-view="engine-sweep"]');
  await expect(view.getByTestId('view-meta')).toContainText('CPU');
  expect(errors).toEqual([]);
});
