/**
 * Helpers shared by the benchmarks in bench/*.bench.ts (run by `npm run bench`):
 * median timing, the markdown table, the Python peer and the GPU half in headless
 * Chromium through the kernel harness page (tests/harness).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import sirv from 'sirv';

const root = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Median of a list of times (ms); the mean of the middle two for an even count. */
export function median(times: readonly number[]): number {
  if (times.length === 0) throw new Error('median of no times');
  const s = [...times].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The last result `timeIt` saw, kept reachable so the work that made it cannot be optimised away. */
export let lastResult: unknown;

/** Runs `fn` `warmups` times (JIT tiers, caches), then `repeats` times; returns the median wall time in ms. */
export function timeIt(fn: () => unknown, repeats: number, warmups = 1): number {
  for (let w = 0; w < warmups; w++) lastResult = fn();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    lastResult = fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** `timeIt` for an async call (`warmups` calls, then the median of `repeats` awaited calls). */
export async function timeItAsync(fn: () => Promise<unknown>, repeats: number, warmups = 1): Promise<number> {
  for (let w = 0; w < warmups; w++) lastResult = await fn();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    lastResult = await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A row of a benchmark table: times in ms; null or undefined where there is no measurement. */
export interface BenchRow {
  size: string | number;
  cpu?: number | null;
  gpu?: number | null;
  peer?: number | null;
}

export interface BenchTable {
  title: string;
  /** What the peer is, e.g. "numpy 1.24 A @ x". */
  peer: string;
  rows: BenchRow[];
  /** Footnotes: where the numbers come from, why a cell is empty. */
  notes?: string[];
}

const MISSING = '—';

function ms(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toPrecision(2);
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return MISSING;
  return `${(a / b).toFixed(2)}×`;
}

/**
 * A markdown table: size, our CPU ms, our GPU ms, the peer's ms, and the ratios
 * CPU/peer and GPU/peer (above 1 means slower than the peer). Empty cells read "—"
 * and get a footnote.
 */
export function formatTable(table: BenchTable): string {
  const lines = [
    `### ${table.title}`,
    '',
    `| size | our CPU (ms) | our GPU (ms) | peer (ms) | CPU / peer | GPU / peer |`,
    `|---:|---:|---:|---:|---:|---:|`,
  ];
  let missing = false;
  for (const r of table.rows) {
    const cells = [String(r.size), ms(r.cpu), ms(r.gpu), ms(r.peer), ratio(r.cpu, r.peer), ratio(r.gpu, r.peer)];
    if (cells.includes(MISSING)) missing = true;
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', `Peer: ${table.peer}. Times are medians of several runs after a warm-up.`);
  for (const note of table.notes ?? []) lines.push(`- ${note}`);
  if (missing) lines.push(`- ${MISSING}: not measured (see the notes above for why).`);
  return lines.join('\n') + '\n';
}

export function printTable(table: BenchTable): void {
  console.log('\n' + formatTable(table));
}

/**
 * Runs `bench/peers/<script>` with Debian's Python (numpy, scipy, …) and parses the
 * JSON it prints on stdout. Returns null, after printing why, when Python or a
 * module it needs is missing, or when the script fails.
 */
export function runPython<T = unknown>(script: string, args: readonly string[] = []): { result: T | null; note: string } {
  const path = fileURLToPath(new URL(`./peers/${script}`, import.meta.url));
  if (!existsSync(PYTHON)) return skipped(`no ${PYTHON} on this machine (install python3-numpy python3-scipy)`);
  const run = spawnSync(PYTHON, [path, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (run.error) return skipped(`${PYTHON} could not run: ${run.error.message}`);
  if (run.status !== 0) {
    const missingModule = /No module named '([^']+)'/.exec(run.stderr);
    if (missingModule) return skipped(`Python module ${missingModule[1]} is missing (apt install python3-${missingModule[1]})`);
    return skipped(`${script} failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  try {
    return { result: JSON.parse(run.stdout) as T, note: '' };
  } catch {
    return skipped(`${script} printed something other than JSON: ${run.stdout.slice(0, 200)}`);
  }
}

function skipped(note: string): { result: null; note: string } {
  console.log(`peer skipped: ${note}`);
  return { result: null, note: `peer skipped: ${note}` };
}

/** Newest modification time (ms) of any file below `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${entry.name}`;
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist-harness/ unless it is newer than every file in src/ and tests/harness/. */
function ensureHarnessBuilt(): void {
  const built = `${root}/dist-harness/index.html`;
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(newest(`${root}/src`), newest(`${root}/tests/harness`))) return;
  console.log('building the kernel harness (vite build --config vite.harness.config.ts)…');
  const run = spawnSync('npx', ['vite', 'build', '--config', 'vite.harness.config.ts'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`harness build failed:\n${run.stdout}\n${run.stderr}`);
}

export interface GpuTimes {
  /** Median ms per size, null where the run failed (see `notes`). */
  times: Map<number, number | null>;
  /** The WebGPU adapter, e.g. "google swiftshader (fallback adapter)"; '' when none. */
  adapter: string;
  notes: string[];
}

/**
 * Times the GPU benchmark case `benchName` (registered by a bench/gpu/*.bench-gpu.ts)
 * at each size in headless Chromium: builds the harness if needed, serves
 * dist-harness/ on a free loopback port, and calls window.harness.bench(name, size,
 * repeats) — a warm-up, then the median of `repeats` runs of dispatch + readback.
 */
export async function runGpu(
  benchName: string,
  sizes: readonly number[],
  repeats: number | ((size: number) => number),
): Promise<GpuTimes> {
  const times = new Map<number, number | null>(sizes.map((s) => [s, null]));
  const notes: string[] = [];
  if (!existsSync(CHROMIUM)) {
    notes.push(`GPU skipped: no Chromium at ${CHROMIUM} (apt install chromium, or set CHROMIUM_PATH)`);
    console.log(notes[0]);
    return { times, adapter: '', notes };
  }
  ensureHarnessBuilt();
  const serve = sirv(`${root}/dist-harness`, { dev: true });
  const server = http.createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-features=Vulkan', '--no-sandbox', '--disable-background-networking'],
  });
  let adapter = '';
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => document.getElementById('harness-status')?.textContent?.startsWith('ready'));
    adapter = await page.evaluate(() => window.harness.adapter());
    for (const size of sizes) {
      const r = typeof repeats === 'number' ? repeats : repeats(size);
      try {
        const { ms } = await page.evaluate(([name, n, k]) => window.harness.bench(name, n, k), [benchName, size, r] as const);
        times.set(size, ms);
      } catch (error) {
        notes.push(`GPU ${benchName} at ${size}: ${(error as Error).message.split('\n')[0]}`);
      }
      if (errors.length) notes.push(`GPU ${benchName} at ${size}: console error ${errors.splice(0).join('; ')}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { times, adapter, notes };
}

/** The table footnote describing the adapter the GPU column ran on. */
export function adapterNote(rawAdapter: string): string {
  const adapter = rawAdapter.replace(/\s+/g, ' ').trim();
  if (!adapter) return 'GPU: no WebGPU adapter was reached (see the notes below), so no GPU column.';
  if (/swiftshader|fallback/i.test(adapter)) {
    return `GPU: ${adapter} — SwiftShader is a software fallback that runs WebGPU on the CPU cores, not a GPU; its times say nothing about hardware WebGPU.`;
  }
  return `GPU: ${adapter} (WebGPU in headless Chromium).`;
}
