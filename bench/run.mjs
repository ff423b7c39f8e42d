#!/usr/bin/env node
// Runs the benchmarks bench/*.bench.ts one after another with tsx, each printing its tables.
// Usage: npm run bench                 (all)
//        npm run bench -- foundation   (bench/foundation.bench.ts only; several names allowed)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.ts$/, ''))) : all;
const unknown = wanted.filter((w) => !all.includes(`${w}.bench.ts`));
if (unknown.length) {
  console.error(`no benchmark named ${unknown.join(', ')}; have ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const file of chosen) {
  console.log(`\n## ${file}\n`);
  const run = spawnSync('npx', ['tsx', `${dir}${file}`], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed ? 1 : 0);
