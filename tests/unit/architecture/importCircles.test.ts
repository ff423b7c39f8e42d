import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCircle, importCircles, importGraph } from './importGraph';

const root = resolve(__dirname, '../../..');

describe('import graph of app/ and src/', () => {
  it('has no import circle (type-only imports included)', () => {
    const graph = importGraph([join(root, 'app'), join(root, 'src')]);
    expect(graph.size).toBeGreaterThan(200);
    expect(importCircles(graph).map((c) => describeCircle(root, c))).toEqual([]);
  });

  it('keeps app/store free of views, the shell and the frame', () => {
    const graph = importGraph([join(root, 'app'), join(root, 'src')]);
    const storeToViews = [...graph].flatMap(([from, deps]) =>
      from.includes('/app/store/') ? deps.filter((d) => /\/app\/(views|shell|frame)\//.test(d)).map((d) => `${from} → ${d}`) : [],
    );
    expect(storeToViews).toEqual([]);
  });
});

describe('importCircles (the walker the test above relies on)', () => {
  const write = (dir: string, files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };

  it('finds a three-file circle through an index, a type import and an export-from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circle-'));
    write(dir, {
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': "export { c as b } from './lib';\n",
      'lib/index.ts': "import type { A } from '../a';\nexport const c = 1;\nexport type C = A;\n",
      'free.ts': "import { a } from './a';\nexport const free = a;\n",
    });
    const circles = importCircles(importGraph([dir]));
    expect(circles.map((c) => describeCircle(dir, c))).toEqual(['3 files: a.ts → b.ts → lib/index.ts']);
  });

  it('finds a file that imports itself, and none in a tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circle-'));
    write(dir, {
      'self.tsx': "import './self';\nexport const s = 1;\n",
      'x.ts': "import { y } from './y';\nexport const x = () => import('./z').then(() => y);\n",
      'y.ts': 'export const y = 2;\n',
      'z.ts': "import { y } from './y';\nexport const z = y;\n",
    });
    expect(importCircles(importGraph([dir])).map((c) => describeCircle(dir, c))).toEqual(['1 files: self.tsx']);
  });
});
