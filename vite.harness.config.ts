import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { wasmKernelsPlugin } from './scripts/build-wasm.mjs';

// The kernel harness: a page that runs every WGSL kernel and its f64 CPU
// reference in the browser, driven by Playwright (tests/browser) and by the
// GPU half of `npm run bench`. It is never part of the app's build.
export default defineConfig({
  base: './',
  plugins: [wasmKernelsPlugin()],
  root: fileURLToPath(new URL('./tests/harness', import.meta.url)),
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist-harness', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
});
