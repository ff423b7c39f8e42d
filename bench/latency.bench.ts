/**
 * Latency of every cell as a user feels it: builds the site, opens each chapter in headless
 * Chromium (1440×900), and for every cell steps each visible slider with the keyboard (one
 * step right, one back) and drags its first slider with the pointer for 2 s. Times come from
 * the page's frame log (app/engine/frameLog.ts): a keydown/pointer event's time to the
 * animation frame that painted the cell's first new data (a preview, a streamed progress
 * frame of a training/race cell, or the final result) and to the final result.
 *
 * Prints one table per backend (the CPU path, then `?backend=gpu`), with p50/p95 over the
 * steps, streamed updates per second for training/race cells, and for the drag: runs
 * started, runs cancelled (superseded before they showed anything), the most runs of the cell
 * in flight at once, and release → final. The budget column checks the issue's budgets.
 * It also prints the longest main-thread task seen per chapter (the property the browser
 * tests check without a duration: heavy work never runs on the main thread).
 *
 * Usage: npm run bench -- latency
 *   LATENCY_CHAPTERS=heat,sinkhorn   only these chapters
 *   LATENCY_BACKENDS=cpu             only the CPU path (default: cpu,gpu)
 *   LATENCY_SLIDERS=2                at most this many sliders stepped per cell (default 8)
 *   LATENCY_CELLS=sinkhorn/race      only these cells (data-cell ids)
 *   LATENCY_NO_BUILD=1               reuse dist/ as built
 *   LATENCY_DEBUG=1                  print each step's frame log (ms after the benchmark's clock)
 *   LATENCY_PORT (or PORT)           the port the built site is served on (default 4499)
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.LATENCY_PORT ?? process.env.PORT ?? 4499);
const SITE = `http://127.0.0.1:${PORT}/some/sub/path/`;
const CHAPTERS = (process.env.LATENCY_CHAPTERS ?? 'hessian,geodesics,sinkhorn,heat,radii,optimizer,engine').split(',');
const BACKENDS = (process.env.LATENCY_BACKENDS ?? 'cpu,gpu').split(',') as ('cpu' | 'gpu')[];
const MAX_SLIDERS = Number(process.env.LATENCY_SLIDERS ?? 8);
const STEP_TIMEOUT_MS = 40_000;
const DRAG_MS = 2000;
const CELLS = process.env.LATENCY_CELLS?.split(',') ?? null;
const DEBUG = Boolean(process.env.LATENCY_DEBUG);

interface Frame {
  cell: string;
  job: string;
  run: number;
  kind: 'start' | 'settled' | 'progress' | 'preview' | 'final' | 'error';
  t: number;
}

interface StepSample {
  first: number | null;
  final: number | null;
  updatesPerSecond: number | null;
  streamed: boolean;
}

interface DragSample {
  started: number;
  cancelled: number;
  maxInFlight: number;
  releaseToFinal: number | null;
}

interface CellRow {
  chapter: string;
  cell: string;
  job: string;
  steps: StepSample[];
  drag: DragSample | null;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function ms(value: number | null): string {
  if (value === null) return '—';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)}`;
}

/** Installed before the app: input times and long main-thread tasks. */
function instrument(): void {
  const w = window as unknown as { __inputs: number[]; __longTasks: number[]; __mutations: { cell: string; t: number }[] };
  w.__inputs = [];
  w.__longTasks = [];
  w.__mutations = [];
  // The input's own time: the event's timeStamp (when the browser received it), not the benchmark's
  // clock before it sent the key, which would add the DevTools round trip to every figure.
  addEventListener('keydown', (e) => w.__inputs.push(e.timeStamp), { capture: true });
  // Figures drawn on the main thread without a job (cheap closed forms) show up as DOM changes
  // inside the cell's figure area. Only those cells are observed (see observeCell): an observer over
  // the whole page would itself cost main-thread time on every redraw of the other figures.
  (w as unknown as { __observeCell: (cell: string) => void }).__observeCell = (cell: string) => {
    const figure = document.querySelector(`section.view-frame[data-cell="${cell}"] .view-figure`);
    if (!figure) return;
    new MutationObserver(() => {
      w.__mutations.push({ cell, t: performance.now() });
      if (w.__mutations.length > 20000) w.__mutations.splice(0, 10000);
    }).observe(figure, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }
}

async function frames(page: Page): Promise<Frame[]> {
  return page.evaluate(() => (window as unknown as { __curvatureFrames?: Frame[] }).__curvatureFrames ?? []);
}

async function mutations(page: Page, cell: string, since: number): Promise<number[]> {
  return page.evaluate(
    ([c, t0]) => (window as unknown as { __mutations: { cell: string; t: number }[] }).__mutations.filter((m) => m.cell === c && m.t >= t0).map((m) => m.t),
    [cell, since] as const,
  );
}

/** Every run of `cell` started has settled (and there was at least one), or of all cells when null. */
function idle(log: Frame[], cell: string | null): boolean {
  const mine = cell === null ? log : log.filter((f) => f.cell === cell);
  const started = new Set(mine.filter((f) => f.kind === 'start').map((f) => f.run));
  const settled = new Set(mine.filter((f) => f.kind === 'settled').map((f) => f.run));
  return [...started].every((r) => settled.has(r));
}

async function waitIdle(page: Page, cell: string | null, since: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = await frames(page);
    const ran = log.some((f) => (cell === null || f.cell === cell) && f.t >= since && (f.kind === 'final' || f.kind === 'error'));
    const anyStarted = log.some((f) => (cell === null || f.cell === cell) && f.t >= since && f.kind === 'start');
    if (idle(log, cell) && (ran || (!anyStarted && Date.now() > deadline - timeoutMs + 600))) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

/** First visible change and final after `t0`, from the frame log. */
function measureStep(log: Frame[], cell: string, t0: number): StepSample {
  const after = log.filter((f) => f.cell === cell && f.t >= t0);
  const visible = after.filter((f) => f.kind === 'preview' || f.kind === 'final' || f.kind === 'progress' || f.kind === 'error');
  const final = after.find((f) => f.kind === 'final' || f.kind === 'error');
  // Reports painted in the same animation frame are one update on the screen.
  const progress = after.filter((f, k) => f.kind === 'progress' && (!final || f.t <= final.t) && !(k > 0 && after[k - 1]!.kind === 'progress' && after[k - 1]!.t === f.t));
  const first = visible[0];
  let updatesPerSecond: number | null = null;
  if (progress.length >= 3) {
    const span = progress.at(-1)!.t - progress[0]!.t;
    updatesPerSecond = span > 0 ? ((progress.length - 1) * 1000) / span : null;
  }
  return {
    first: first ? first.t - t0 : null,
    final: final ? final.t - t0 : null,
    updatesPerSecond,
    streamed: progress.length > 0,
  };
}

async function cellsOf(page: Page): Promise<{ cell: string; sliders: number }[]> {
  return page.$$eval('section.view-frame[data-cell]', (sections) =>
    sections.map((s) => ({
      cell: s.getAttribute('data-cell') ?? '',
      sliders: [...s.querySelectorAll<HTMLInputElement>('.view-controls input[type=range]')].filter(
        (i) => !i.disabled && i.offsetParent !== null,
      ).length,
    })),
  );
}

/** Two animation frames and a short quiet spell: what was scrolled into view has been painted. */
async function settleFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.waitForTimeout(150);
}

async function stepSlider(page: Page, cell: string, index: number, key: 'ArrowRight' | 'ArrowLeft'): Promise<StepSample | null> {
  const sliders = page.locator(`section.view-frame[data-cell="${cell}"] .view-controls input[type=range]:visible:enabled`);
  // An earlier step may have made a slider inapplicable (disabled): fewer to step than counted.
  if ((await sliders.count()) <= index) return null;
  const slider = sliders.nth(index);
  await slider.scrollIntoViewIfNeeded();
  await slider.focus();
  // A person scrolls to a cell, then moves its slider: let the scroll's frames paint first, so the
  // raster of newly exposed content is not counted as the slider's latency.
  await settleFrames(page);
  const before = await slider.inputValue();
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press(key);
  if ((await slider.inputValue()) === before) {
    // at the end of its range: step the other way
    await page.keyboard.press(key === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight');
  }
  const inputs = await page.evaluate((since) => (window as unknown as { __inputs: number[] }).__inputs.filter((t) => t >= since), t0);
  // the last keydown: at the end of its range the first press changed nothing and a second one went the other way
  const tInput = inputs.at(-1) ?? t0;
  const done = await waitIdle(page, cell, tInput, STEP_TIMEOUT_MS);
  const sample = measureStep(await frames(page), cell, tInput);
  if (DEBUG) {
    const rel = (t: number) => Math.round(t - t0);
    const log = (await frames(page)).filter((f) => f.cell === cell && f.t >= t0);
    const name = await slider.getAttribute('name');
    const rate = sample.updatesPerSecond === null ? '' : ` (${sample.updatesPerSecond.toFixed(1)}/s)`;
    process.stderr.write(`  ${cell} ${name} ${key}${rate}: input +${rel(tInput)} ${log.map((f) => `${f.kind}@${rel(f.t)}`).join(' ')}\n`);
  }
  if (sample.first === null && sample.final === null) {
    // No job ran: a figure computed on the main thread. Its first and last DOM change stand in.
    const changes = await mutations(page, cell, tInput);
    if (changes.length) {
      sample.first = changes[0]! - tInput;
      sample.final = changes.at(-1)! - tInput;
    }
    return sample;
  }
  if (!done && sample.final === null) sample.final = STEP_TIMEOUT_MS;
  return sample;
}

async function dragSlider(page: Page, cell: string): Promise<DragSample | null> {
  const slider = page.locator(`section.view-frame[data-cell="${cell}"] .view-controls input[type=range]:visible:enabled`).first();
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) return null;
  const y = box.y + box.height / 2;
  const fraction = await slider.evaluate((el: HTMLInputElement) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min) || 1));
  const startX = box.x + 8 + fraction * (box.width - 16);
  // Sweep a third of the track, away from the nearer end, and back: a researcher scanning a parameter.
  const span = (box.width - 16) / 3;
  const direction = fraction > 0.5 ? -1 : 1;
  const tDown = await page.evaluate(() => performance.now());
  await page.mouse.move(startX, y);
  await page.mouse.down();
  const moves = 40;
  for (let i = 1; i <= moves; i++) {
    const phase = i / moves;
    const offset = phase <= 0.5 ? phase * 2 : (1 - phase) * 2 + 0.25;
    await page.mouse.move(startX + direction * span * offset, y);
    await page.waitForTimeout(DRAG_MS / moves);
  }
  const tUp = await page.evaluate(() => performance.now());
  await page.mouse.up();
  await waitIdle(page, cell, tUp, STEP_TIMEOUT_MS);
  const log = (await frames(page)).filter((f) => f.cell === cell && f.t >= tDown);
  const startedRuns = log.filter((f) => f.kind === 'start' && f.t <= tUp).map((f) => f.run);
  const shown = new Set(log.filter((f) => f.kind === 'preview' || f.kind === 'final' || f.kind === 'error' || f.kind === 'progress').map((f) => f.run));
  let inFlight = 0;
  let maxInFlight = 0;
  for (const f of log) {
    if (f.kind === 'start') maxInFlight = Math.max(maxInFlight, ++inFlight);
    if (f.kind === 'settled') inFlight--;
  }
  const final = log.find((f) => f.kind === 'final' && f.t >= tUp);
  if (DEBUG) process.stderr.write(`  ${cell} drag: ${log.map((f) => `${f.run}${f.kind[0]}@${Math.round(f.t - tDown)}`).join(' ')}\n`);
  return {
    started: startedRuns.length,
    cancelled: startedRuns.filter((r) => !shown.has(r)).length,
    maxInFlight,
    releaseToFinal: final ? final.t - tUp : null,
  };
}

function budgetCheck(row: CellRow): string {
  const firsts = row.steps.map((s) => s.first).filter((v): v is number => v !== null);
  const finals = row.steps.map((s) => s.final).filter((v): v is number => v !== null);
  if (firsts.length === 0) return '—';
  const streamed = row.steps.some((s) => s.streamed);
  const misses: string[] = [];
  const p95first = quantile(firsts, 0.95)!;
  if (streamed) {
    if (p95first > 300) misses.push('first > 300');
    const rates = row.steps.map((s) => s.updatesPerSecond).filter((v): v is number => v !== null);
    const slowest = rates.length ? Math.min(...rates) : null;
    if (slowest !== null && slowest < 10) misses.push('< 10/s');
  } else {
    if (p95first > 150) misses.push('first > 150');
    if ((quantile(finals, 0.95) ?? 0) > 1000) misses.push('final > 1 s');
  }
  if (row.drag && row.drag.maxInFlight > 2) misses.push('drag queued');
  return misses.length ? `✗ ${misses.join(', ')}` : '✓';
}

function printRows(backend: string, rows: CellRow[], longTasks: Map<string, { load: number; interaction: number }>): void {
  console.log(`\n### ${backend === 'cpu' ? 'CPU path (default)' : '?backend=gpu'}\n`);
  console.log('| cell | job | steps | first p50 | first p95 | final p50 | final p95 | updates/s | drag: started / cancelled / max in flight | release → final | budget |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const firsts = row.steps.map((s) => s.first).filter((v): v is number => v !== null);
    const finals = row.steps.map((s) => s.final).filter((v): v is number => v !== null);
    const rates = row.steps.map((s) => s.updatesPerSecond).filter((v): v is number => v !== null);
    const rate = rates.length ? `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}` : '—';
    const drag = row.drag ? `${row.drag.started} / ${row.drag.cancelled} / ${row.drag.maxInFlight}` : '—';
    console.log(
      `| ${row.cell} | ${row.job} | ${row.steps.length} | ${ms(quantile(firsts, 0.5))} | ${ms(quantile(firsts, 0.95))} | ${ms(quantile(finals, 0.5))} | ${ms(quantile(finals, 0.95))} | ${rate} | ${drag} | ${ms(row.drag?.releaseToFinal ?? null)} | ${budgetCheck(row)} |`,
    );
  }
  console.log('\nLongest main-thread task per chapter, ms (PerformanceObserver "longtask"; while the chapter loads / while its sliders are stepped and dragged):');
  console.log([...longTasks.entries()].map(([c, t]) => `${c} ${Math.round(t.load)} / ${Math.round(t.interaction)}`).join(' · '));
}

/**
 * The CPU path is timed in the browser a person without a GPU has: software compositing. Forcing
 * ANGLE onto SwiftShader (which WebGPU's fallback adapter needs) composites every frame through
 * emulated GL on the same two cores; under load that held animation frames back for 0.6–1.8 s
 * while the page's main thread sat idle, and the table charged it to the figures.
 */
function launch(backend: 'cpu' | 'gpu'): Promise<Browser> {
  const common = ['--no-sandbox', '--disable-background-networking'];
  const gpu = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader'];
  return chromium.launch({ executablePath: CHROMIUM, args: backend === 'gpu' ? [...gpu, ...common] : common });
}

async function main(): Promise<void> {
  if (!process.env.LATENCY_NO_BUILD) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const server = spawn('node', ['scripts/serve.mjs', '--port', String(PORT)], { cwd: root, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`Latency per cell, ms unless marked (p50/p95 over keyboard steps of up to ${MAX_SLIDERS} sliders per cell, one step each way); load average at start ${load}.`);
  console.log('Budgets: first visible ≤ 150 ms and final ≤ 1 s; training/race cells (streamed): first frame ≤ 300 ms, then ≥ 10 updates/s; a drag never queues (max in flight ≤ 2: the superseded run and its replacement until it reaches its next checkpoint).');
  let browser: Browser | null = null;
  try {
    for (const backend of BACKENDS) {
      await browser?.close();
      browser = await launch(backend);
      const rows: CellRow[] = [];
      const skipped: string[] = [];
      const longTasks = new Map<string, { load: number; interaction: number }>();
      for (const chapter of CHAPTERS) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        try {
          const page = await context.newPage();
          await page.addInitScript(instrument);
          await page.goto(`${SITE}?backend=${backend}#/${chapter}`);
          await page.waitForSelector('section.view-frame[data-cell]', { timeout: 120_000 });
          await page.waitForTimeout(500);
          await waitIdle(page, null, 0, 180_000);
          const loadTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
          for (const { cell, sliders } of await cellsOf(page)) {
            if (CELLS && !CELLS.includes(cell)) continue;
            const log = await frames(page);
            if (!log.some((f) => f.cell === cell)) {
              await page.evaluate((c) => (window as unknown as { __observeCell: (cell: string) => void }).__observeCell(c), cell);
            }
            const job = log.find((f) => f.cell === cell)?.job ?? '—';
            const row: CellRow = { chapter, cell, job, steps: [], drag: null };
            for (let i = 0; i < Math.min(sliders, MAX_SLIDERS); i++) {
              for (const key of ['ArrowRight', 'ArrowLeft'] as const) {
                const sample = await stepSlider(page, cell, i, key);
                if (sample && (sample.first !== null || sample.final !== null)) row.steps.push(sample);
              }
            }
            if (sliders > 0) row.drag = await dragSlider(page, cell);
            rows.push(row);
            process.stderr.write(`${backend} ${cell}: ${row.steps.length} steps\n`);
          }
          const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
          longTasks.set(chapter, { load: loadTasks.length ? Math.max(...loadTasks) : 0, interaction: tasks.length ? Math.max(...tasks) : 0 });
        } catch (error) {
          // one chapter that hangs (SwiftShader under load has) must not lose the other tables:
          // say so, start a fresh browser and go on
          process.stderr.write(`${backend} ${chapter}: skipped (${(error as Error).message.split('\n')[0]})\n`);
          skipped.push(`${chapter}: ${(error as Error).message.split('\n')[0]}`);
          await browser.close().catch(() => undefined);
          browser = await launch(backend);
          continue;
        }
        await context.close();
      }
      printRows(backend, rows, longTasks);
      for (const note of skipped.splice(0)) console.log(`- Not measured on ${backend}: ${note}.`);
      console.log(`Load average after this table: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}.`);
    }
  } finally {
    await browser?.close();
    server.kill();
  }
}

await main();
