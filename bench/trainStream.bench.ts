/**
 * Streaming latency of the training and race cells, through the real Engine (its 50 ms progress
 * throttle and 12 ms checkpoint slices) on the CPU path in Node, at each cell's default parameters
 * (the notebook's overrides applied): time to the first streamed frame, updates per second after it,
 * the longest gap between frames, the final time, and for hessian/train the time each phase began.
 * A frame is a progress report or the final result (what useJob draws with `streams: true`).
 * Medians of BENCH_RUNS runs (default 3); print `cat /proc/loadavg` beside it: the machine is shared.
 * Run: npm run bench -- trainStream            (BENCH_CELLS=edge,sgd to choose cells)
 */
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ParamValues } from '../app/params/spec';
import { median } from './lib';

// the job modules import WGSL with Vite's `?raw`; load those as empty strings here
register('./rawImports.mjs', import.meta.url);
const { Engine } = await import('../src/workers/engine');
const { trainingParams, toJobParams } = await import('../app/views/hessian/params');

const defaults = Object.fromEntries(trainingParams.map((p) => [p.name, p.default])) as ParamValues;
/** Cell → [job, params]: hessian cells as app/notebooks/hessian.md sets them; optimizer cells at their view defaults. */
const cells: Record<string, [string, unknown]> = {
  'hessian/outliers': ['hessian/train', toJobParams({ ...defaults, separation: 4, n: 256, hidden: 16, depth: 1, initScale: 0.5, lr: 0.2, steps: 30, spectrumEvery: 15 })],
  'hessian/edge': ['hessian/train', toJobParams(defaults)],
  'hessian/sgd': ['hessian/train', toJobParams({ ...defaults, optimizer: 'sgd', lr: 0.5, batchSize: 16, classes: 3 })],
  'optimizer/sensing': ['optimizer/sensing-race', { n: 10, r: 2, k: 4, m: 200, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 2000, modifyAt: 200, seed: 1 }],
  'optimizer/adamp': ['optimizer/adamp-race', { steps: 200, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 }],
  'optimizer/mfac': ['optimizer/mfac', { hidden: 16, window: 16, lambda: 0.01, lrSgd: 0.1, lrAdam: 0.01, lrMfac: 0.05, steps: 200, batch: 32, seed: 1 }],
  'optimizer/sven': ['optimizer/sven', { task: '2d', n: 48, hidden: 16, k: 16, lrSven: 0.1, lrSgd: 0.1, lrAdam: 0.01, steps: 200, seed: 1 }],
  'optimizer/langevin': ['optimizer/langevin', { kStar: 4, eta: 0.2, beta: 12, steps: 2000, d: 12, n: 144, seeds: 6, seed: 1 }],
};
const runs = Number(process.env.BENCH_RUNS ?? 3);
const wanted = (process.env.BENCH_CELLS ?? '').split(',').filter(Boolean);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const engine = new Engine();
await engine.init('cpu');
console.log(`trainStream: ${runs} runs per cell, CPU path (JavaScript), load average ${load()}`);
console.log('| cell | first frame (ms) | updates/s | longest gap (ms) | final (ms) | phases began at (ms) |');
console.log('|---|---|---|---|---|---|');
for (const [cell, [job, params]] of Object.entries(cells)) {
  if (wanted.length && !wanted.some((w) => cell.includes(w))) continue;
  const first: number[] = [];
  const rate: number[] = [];
  const gap: number[] = [];
  const final: number[] = [];
  const phaseStarts: Record<string, number[]> = {};
  for (let r = 0; r < runs; r++) {
    const frames: number[] = [];
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    // A fresh cell id per run: no stage is reused, every run is cold.
    await engine.run(`${cell}#${r}`, job, params, null, (report) => {
      const now = performance.now() - t0;
      frames.push(now);
      const phase = (report as { phase?: string }).phase;
      if (typeof phase === 'string') phases[phase] ??= now;
    });
    const end = performance.now() - t0;
    frames.push(end);
    first.push(frames[0]!);
    final.push(end);
    rate.push(frames.length > 1 ? (frames.length - 1) / ((end - frames[0]!) / 1000) : NaN);
    let longest = 0;
    for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i]! - frames[i - 1]!);
    gap.push(longest);
    for (const [k, v] of Object.entries(phases)) (phaseStarts[k] ??= []).push(v);
  }
  const phases = Object.entries(phaseStarts).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join(', ') || '—';
  console.log(`| ${cell} | ${median(first).toFixed(0)} | ${median(rate).toFixed(1)} | ${median(gap).toFixed(0)} | ${median(final).toFixed(0)} | ${phases} |`);
}
console.log(`load average after: ${load()}`);
