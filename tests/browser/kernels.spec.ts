import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';

// One test per WGSL kernel and backend: every src/kernels/<name>/ holding WGSL, so a new
// kernel is picked up without touching this file (and must register <name>.cases.ts in the
// harness). The WebAssembly kernels in src/kernels/wasm/ have no WebGPU twin: Node tests compare
// them with their f64 references and tests/browser/wasm.spec.ts runs them in the built site.
const kernelRoot = new URL('../../src/kernels/', import.meta.url);
const kernels = readdirSync(kernelRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(new URL(`${d.name}/`, kernelRoot)).some((f) => f.endsWith('.wgsl')))
  .map((d) => d.name)
  .sort();

test.describe('WGSL kernels against their f64 CPU references', () => {
  for (const kernel of kernels) {
    for (const backend of ['webgpu', 'cpu'] as const) {
      test(`${kernel} on ${backend}`, async ({ page }, testInfo) => {
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.goto('/harness/index.html');
        await expect(page.locator('#harness-status')).toContainText('ready');
        const known = await page.evaluate(() => window.harness.kernels());
        expect(known, `kernel ${kernel} has a ${kernel}.cases.ts registered in the harness`).toContain(kernel);
        if (backend === 'webgpu') {
          const adapter = await page.evaluate(() => window.harness.adapter());
          testInfo.annotations.push({ type: 'adapter', description: adapter });
        }
        const results = await page.evaluate(([k, b]) => window.harness.runKernel(k, b), [kernel, backend] as const);
        testInfo.annotations.push({ type: 'kernel-cases', description: `${backend}:${results.length}` });
        const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.message}`);
        expect(failures, `failing ${kernel} cases on ${backend}`).toEqual([]);
        expect(results.length).toBeGreaterThan(0);
        expect(errors).toEqual([]);
      });
    }
  }
});
