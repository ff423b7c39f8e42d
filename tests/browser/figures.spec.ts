/**
 * The figure system, measured on every chapter as a reader sees it (issue 14):
 * figure text in effective CSS px (computed font size × on-screen scale of each
 * SVG text node), the share of a curve's sampled points that a legend box covers,
 * the number of controls a cell shows by default, and horizontal overflow on a
 * phone and a small laptop. Each measurement is printed so a run doubles as a report.
 */
import { expect, test, type Page } from '@playwright/test';
import { openChapter } from './helpers';

const CHAPTERS = ['hessian', 'geodesics', 'sinkhorn', 'heat', 'radii', 'optimizer', 'engine'] as const;

/** Waits until no cell shows a running job (bounded: a slow machine still gets measured). */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.view-frame').first()).toBeVisible();
  await expect
    .poll(async () => page.locator('.progress-row').count(), { timeout: 100_000, intervals: [500, 1000] })
    .toBe(0)
    .catch(() => undefined);
  // Plots size themselves to their panel after a layout pass.
  await page.waitForTimeout(300);
}

interface TextSize {
  px: number;
  text: string;
  cell: string;
}

function smallestFigureText(page: Page): Promise<TextSize[]> {
  return page.evaluate(() => {
    const out: { px: number; text: string; cell: string }[] = [];
    for (const figure of Array.from(document.querySelectorAll('.view-figure'))) {
      const cell = figure.closest('.view-frame')?.getAttribute('data-cell') ?? '?';
      for (const t of Array.from(figure.querySelectorAll('svg text')) as SVGTextElement[]) {
        const text = (t.textContent ?? '').trim();
        const box = t.getBoundingClientRect();
        if (!text || box.width === 0 || !t.checkVisibility()) continue;
        const m = t.getScreenCTM();
        if (!m) continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        out.push({ px: Math.round(px * 10) / 10, text: text.slice(0, 40), cell });
      }
    }
    return out.sort((a, b) => a.px - b.px).slice(0, 5);
  });
}

interface LegendCover {
  fraction: number;
  series: number;
  cell: string;
}

/** For every line plot with a legend: the largest share of one series' sampled points under the legend box. */
function legendCoverage(page: Page): Promise<LegendCover[]> {
  return page.evaluate(() => {
    const out: { fraction: number; series: number; cell: string }[] = [];
    for (const svg of Array.from(document.querySelectorAll('.view-figure svg.plot'))) {
      const legend = svg.querySelector('.legend');
      if (!legend || !(legend as SVGGElement).checkVisibility()) continue;
      const box = legend.getBoundingClientRect();
      const inside = (x: number, y: number) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
      const cell = svg.closest('.view-frame')?.getAttribute('data-cell') ?? '?';
      const series: { x: number; y: number }[][] = [];
      for (const path of Array.from(svg.querySelectorAll('path.series')) as SVGPathElement[]) {
        const length = path.getTotalLength();
        const m = path.getScreenCTM();
        if (!m || !(length > 0)) continue;
        const pts: { x: number; y: number }[] = [];
        for (let k = 0; k <= 200; k++) {
          const p = path.getPointAtLength((length * k) / 200);
          pts.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
        }
        series.push(pts);
      }
      for (const group of Array.from(svg.querySelectorAll('g.series-points'))) {
        const pts = (Array.from(group.querySelectorAll('circle')) as SVGCircleElement[]).map((c) => {
          const r = c.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        });
        if (pts.length) series.push(pts);
      }
      series.forEach((pts, i) => out.push({ fraction: pts.filter((p) => inside(p.x, p.y)).length / pts.length, series: i, cell }));
    }
    return out.sort((a, b) => b.fraction - a.fraction);
  });
}

/** Controls a reader sees without opening anything, per cell. */
function visibleControls(page: Page): Promise<{ cell: string; count: number }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.view-frame')).map((frame) => ({
      cell: frame.getAttribute('data-cell') ?? '?',
      count: (Array.from(frame.querySelectorAll('.view-controls .param')) as HTMLElement[]).filter((p) => p.checkVisibility()).length,
    })),
  );
}

for (const chapter of CHAPTERS) {
  test(`${chapter}: figure text ≥ 12 px, legends off the data, ≤ 8 controls per cell at 1440×900`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openChapter(page, chapter);
    await settle(page);
    const text = await smallestFigureText(page);
    const legends = await legendCoverage(page);
    const controls = await visibleControls(page);
    const maxControls = Math.max(0, ...controls.map((c) => c.count));
    console.log(
      `[figures] ${chapter}: smallest text ${text[0]?.px ?? '–'} px (${JSON.stringify(text[0] ?? null)}); ` +
        `max legend cover ${((legends[0]?.fraction ?? 0) * 100).toFixed(1)}% (${legends[0]?.cell ?? '–'}); ` +
        `max controls ${maxControls} (${controls.map((c) => `${c.cell}:${c.count}`).join(', ')})`,
    );
    expect(text.length, 'the chapter draws SVG text in its figures').toBeGreaterThan(chapter === 'engine' ? 0 : 0);
    expect.soft(text[0].px, `smallest figure text: ${JSON.stringify(text[0])}`).toBeGreaterThanOrEqual(12);
    for (const l of legends) expect.soft(l.fraction, `legend over series ${l.series} in ${l.cell}`).toBeLessThanOrEqual(0.05);
    for (const c of controls) expect.soft(c.count, `visible controls in ${c.cell}`).toBeLessThanOrEqual(8);
  });
}

for (const width of [390, 1024]) {
  test(`no horizontal overflow at ${width} px on any chapter`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 844 });
    const widths: string[] = [];
    for (const chapter of CHAPTERS) {
      await openChapter(page, chapter);
      await expect(page.locator('.view-frame').first()).toBeVisible();
      await page.waitForTimeout(1500);
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
      widths.push(`${chapter}:${scroll}`);
      expect.soft(scroll, `${chapter} at ${width} px lays out ${scroll} px wide`).toBeLessThanOrEqual(inner);
      if (width < 900) {
        // On a phone the figure comes before its controls.
        const frame = page.locator('.view-frame').first();
        const figureTop = (await frame.locator('.view-figure').boundingBox())!.y;
        const controlsTop = (await frame.locator('.view-controls').boundingBox())!.y;
        expect.soft(figureTop, `${chapter}: figure above its controls on a phone`).toBeLessThan(controlsTop);
      }
    }
    console.log(`[figures] scroll widths at ${width} px: ${widths.join(', ')}`);
  });
}

test('controls: essentials shown, the rest under a closed "More settings", inapplicable ones disabled with the reason, Reset restores the defaults and the URL', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openChapter(page, 'hessian');
  const cell = page.locator('.view-frame').first();
  const more = cell.locator('details.more-settings');
  await expect(more).toHaveCount(1);
  await expect(more).not.toHaveAttribute('open', '');
  // Every control says what it does.
  const titles = await cell.locator('.param').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(titles.length).toBeGreaterThan(8);
  for (const t of titles) expect(t.length).toBeGreaterThan(10);
  // Batch size does not apply under full-batch GD (the chapter's default optimizer).
  const batch = cell.getByRole('slider', { name: 'Batch size' });
  await expect(batch).toBeDisabled();
  await expect(cell.getByText('GD (full batch) uses every sample.')).toBeVisible();
  // The seed is a number box under More settings, not a slider.
  await more.locator('summary').click();
  await expect(cell.getByRole('slider', { name: /^Seed/ })).toHaveCount(0);
  await expect(cell.getByLabel('Seed value')).toBeVisible();

  const reset = cell.getByRole('button', { name: 'Reset to defaults' });
  await expect(reset).toBeDisabled();
  const steps = cell.getByLabel('Steps value', { exact: true });
  const before = await steps.inputValue();
  await steps.fill('40');
  await steps.press('Enter');
  await expect(page).toHaveURL(/steps=40/);
  await expect(reset).toBeEnabled();
  await reset.click();
  await expect(steps).toHaveValue(before);
  await expect(page).not.toHaveURL(/steps=40/);
  await expect(reset).toBeDisabled();
});

/** Cells that stream panels (the heat comparison) or previews: wait for the final figure before exporting it. */
async function finalFigure(page: Page, cell: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          (c) => ((window as unknown as { __curvatureFrames?: { cell: string; kind: string }[] }).__curvatureFrames ?? []).some((f) => f.cell === c && f.kind === 'final'),
          cell,
        ),
      { timeout: 90_000 },
    )
    .toBe(true);
  await expect(page.locator(`[data-cell="${cell}"]`).getByTestId('preview-label')).toHaveCount(0);
}

for (const [chapter, cell] of [
  ['hessian', 'hessian/outliers'],
  ['radii', 'radii/race'],
  ['heat', 'heat/heat-compare'],
  ['geodesics', 'geodesics/geodesics-spd'],
] as const) {
  test(`Export SVG of ${cell} writes every panel of the figure`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openChapter(page, chapter);
    const frame = page.locator(`[data-cell="${cell}"]`);
    await expect(frame.locator('.view-figure svg.plot').first()).toBeVisible({ timeout: 90_000 });
    await expect.poll(async () => frame.locator('.view-figure svg.plot').count(), { timeout: 90_000 }).toBeGreaterThan(1);
    await finalFigure(page, cell);
    const panels = await frame.locator('.view-figure svg.plot').count();
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export SVG' }).click()]);
    const { readFileSync } = await import('node:fs');
    const svg = readFileSync((await download.path())!, 'utf8');
    const exported = svg.match(/data-panel="\d+"/g) ?? [];
    console.log(`[figures] ${cell}: ${panels} panels on screen, ${exported.length} in the exported SVG`);
    expect(exported.length).toBe(panels);
    // Each panel's axis labels travel with it (the first line of a label wrapped in two).
    const labels = await frame.locator('.view-figure svg.plot .axis-label').evaluateAll((els) => els.map((e) => (e.querySelector('tspan') ?? e).textContent ?? ''));
    for (const label of labels.filter((l) => l.trim())) expect(svg).toContain(label.replace(/&/g, '&amp;').replace(/</g, '&lt;').slice(0, 12));
  });
}

test('Export settings: a single column at 300 dpi gives a 1050 px PNG that says 11811 px/m, and a 3.5 in SVG with its fonts named', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openChapter(page, 'hessian');
  const frame = page.locator('[data-cell="hessian/outliers"]');
  await expect(frame.locator('.view-figure svg.plot').first()).toBeVisible({ timeout: 90_000 });
  await finalFigure(page, 'hessian/outliers');
  const shownWidth = await frame.locator('.view-figure').evaluate((el) => el.getBoundingClientRect().width);
  // With the keyboard, as a reader would: focus the disclosure, open it, choose both settings.
  const summary = frame.locator('.export-settings summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(frame.getByLabel('Export width')).toBeVisible();
  await frame.getByLabel('Export width').selectOption({ label: 'Single column 3.5 in' });
  await frame.getByLabel('PNG resolution').selectOption({ label: '300 dpi' });
  await expect(summary).toContainText('Single column 3.5 in · PNG 300 dpi');
  const { readFileSync } = await import('node:fs');

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export PNG' }).click()]);
  const png = readFileSync((await pngDownload.path())!);
  // Chunks in order from byte 8: length, type, data, CRC (PNG 2nd ed. §5.3).
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('ascii', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const ihdr = chunks[0];
  const phys = chunks.find((c) => c.type === 'pHYs');
  console.log(`[figures] export PNG single column 300 dpi: ${ihdr.data.readUInt32BE(0)}×${ihdr.data.readUInt32BE(4)} px, pHYs ${phys?.data.readUInt32BE(0)} px/m, chunks ${[...new Set(chunks.map((c) => c.type))].join(' ')}`);
  await pngDownload.saveAs(test.info().outputPath('single-column-300dpi.png'));
  expect(ihdr.type).toBe('IHDR');
  expect(ihdr.data.readUInt32BE(0)).toBe(1050);
  expect(chunks.findIndex((c) => c.type === 'pHYs')).toBeLessThan(chunks.findIndex((c) => c.type === 'IDAT'));
  expect([phys?.data.readUInt32BE(0), phys?.data.readUInt32BE(4), phys?.data[8]]).toEqual([11811, 11811, 1]);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export SVG' }).click()]);
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  const root = svg.match(/<svg[^>]*>/)?.[0] ?? '';
  expect(root).toContain('width="3.5in"');
  // Laid out at the column's 336 CSS px before export (panels reflow), not a wide figure shrunk:
  // the viewBox is the layout width, so 12 px type prints at 12/96 in = 9 pt.
  const viewBox = (root.match(/viewBox="([^"]+)"/)?.[1] ?? '').split(/\s+/).map(Number);
  const fontSizes = [...svg.matchAll(/font-size: ([\d.]+)px/g)].map((m) => Number(m[1]));
  console.log(`[figures] export SVG single column: figure area ${shownWidth} px on screen; root ${root.slice(0, 160)}; smallest font ${Math.min(...fontSizes)} px`);
  expect(viewBox[2]).toBeLessThanOrEqual(336);
  expect(svg).toMatch(/<style>svg \{ font-family: [^}]*sans-serif; \}<\/style>/);
  // Every panel still travels (the figure is scaled as a whole, not cropped).
  expect((svg.match(/data-panel="\d+"/g) ?? []).length).toBe(await frame.locator('.view-figure svg.plot').count());
});
