/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { wasmKernelsPlugin } from './scripts/build-wasm.mjs';

/**
 * The Content-Security-Policy of the built site, as a meta tag. Only scripts and
 * workers from the site itself run (no inline script, no eval); notebooks can
 * hold no active content; images are the site's own, data: or blob: (exports);
 * fetches go to the site itself, or to an https notebook the user agreed to open.
 * Styles: the site's stylesheet plus CSSOM writes (D3, three.js, React `style`),
 * which CSP does not restrict; no inline <style> or style attributes.
 * The dev server injects inline styles and a websocket client, so the tag is
 * added to the build only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the CPU path compile its WebAssembly kernels (and nothing else: no eval)
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'curvature-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// base './' makes every asset URL relative, so the static build works from any
// sub-path and from a plain file server (routes live in the hash).
export default defineConfig({
  base: './',
  plugins: [wasmKernelsPlugin(), react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./scripts/wasmGlobalSetup.ts'],
    testTimeout: 60_000,
  },
});
