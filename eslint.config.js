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
    // app/ talks to the workers only through app/engine and types: worker code never lands in the main bundle.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/workers', '**/src/workers/**'],
              allowTypeImports: true,
              message: 'app/ may import only types from src/workers; shared values live in src/geometry or src/catalogue.',
            },
          ],
        },
      ],
    },
  },
  {
    // One direction in app/: the store never reaches up into the views (it keeps each cell's table itself).
    files: ['app/store/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/workers', '**/src/workers/**'],
              allowTypeImports: true,
              message: 'app/ may import only types from src/workers; shared values live in src/geometry or src/catalogue.',
            },
            { group: ['**/views', '**/views/**', '**/shell/**', '**/frame/**'], message: 'app/store may not import views, the shell or the frame (keep the table in the store).' },
          ],
        },
      ],
    },
  },
  {
    // src/catalogue is pure data shared by the app and the workers.
    files: ['src/catalogue/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/app/**', '**/kernels/**', '**/workers/**', 'comlink', 'react', 'three', 'd3'], message: 'src/catalogue is pure: no worker, kernel, UI or library code.' }] },
      ],
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
