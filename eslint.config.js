import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-harness/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'src/kernels/wasm/assembly/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // src/geometry is math and nothing else: it runs unchanged in Node, a worker and tests.
    files: ['src/geometry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/geometry is pure math: no React.' },
            { group: ['three', 'three/*'], message: 'src/geometry is pure math: no three.js.' },
            { group: ['d3', 'd3-*'], message: 'src/geometry is pure math: no D3.' },
            { group: ['comlink', 'zustand', 'zustand/*'], message: 'src/geometry is pure math: no workers or stores.' },
            { group: ['**/app/**', '**/kernels/**', '**/workers/**'], message: 'src/geometry may not depend on the UI, kernels or workers.' },
            { group: ['*.wgsl*'], message: 'src/geometry may not load shaders.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'No DOM in src/geometry.' },
        { name: 'window', message: 'No DOM in src/geometry.' },
        { name: 'navigator', message: 'No WebGPU or browser APIs in src/geometry.' },
        { name: 'GPUBufferUsage', message: 'No WebGPU in src/geometry.' },
        { name: 'fetch', message: 'src/geometry takes data as arguments; it never loads it.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject a seeded `random: () => number` (src/geometry/random.ts).' },
      ],
    },
  },
);
