/**
 * Presentation mode fits a projector (issue 14): at 1280×720 every slide of every
 * chapter — a cell's figure with its essential controls, or a page of prose — lies
 * inside the window, with no scrolling (of the document or of the slide) and no
 * element running past the slide; figure text stays ≥ 12 px. Every cell gets a slide
 * and every prose block is shown on exactly one slide. Sizes and counts only.
 */
import { expect, test, type Page } from '@playwright/test';
import { openChapter } from './helpers';

const CHAPTERS = ['hessian', 'geodesics', 'sinkhorn', 'heat', 'radii', 'optimizer', 'engine'] as const;
const VIEWPORT = { width: 1280, height: 720 };

interface SlideReport {
  position: string;
  cell: string | null;
  /** Prose slides: the segment and the indexes of the blocks shown (lists count per item). */
  segment: number;
  blocks: number[];
  documentOver: { x: number; y: number };
  slideOver: { x: number; y: number };
  /** Elements (figures, controls, text) whose box leaves the slide or the window. */
  outside: string[];
  smallestFigureText: number | null;
}

/** Measures the current slide in the page. */
function measureSlide(page: Page): Promise<SlideReport> {
  return page.evaluate(() => {
    const slide = document.querySelector('.segment.current') as HTMLElement;
    const doc = document.scrollingElement!;
    const frame = slide.getBoundingClientRect();
    const view = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    const within = (r: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= b.left - 1 && r.top >= b.top - 1 && r.right <= b.right + 1 && r.bottom <= b.bottom + 1;
    const outside: string[] = [];
    if (!within(frame, view)) outside.push(`the slide ${JSON.stringify(frame.toJSON())}`);
    const selector = 'svg.plot, canvas, .three-canvas, .view-header, .view-controls, .view-figure, .param, .presets, figure, table, p, li, h1, h2, h3, h4, .katex-display, math, svg text';
    for (const el of Array.from(slide.querySelectorAll(selector))) {
      if (!(el as HTMLElement).checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (!within(r, frame) || !within(r, view)) outside.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
      // A formula or table that scrolls sideways inside its own box is clipped on the slide.
      if (el.matches('.katex-display, table, math') && el.scrollWidth > el.clientWidth + 1) outside.push(`${el.tagName.toLowerCase()} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    let smallest: number | null = null;
    for (const t of Array.from(slide.querySelectorAll('.view-figure svg text')) as SVGTextElement[]) {
      if (!(t.textContent ?? '').trim() || !t.checkVisibility() || t.getBoundingClientRect().width === 0) continue;
      const m = t.getScreenCTM();
      if (!m) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      smallest = smallest === null ? px : Math.min(smallest, px);
    }
    const blocks: number[] = [];
    if (slide.matches('.prose')) {
      const flat = Array.from(slide.children).flatMap((c) => ((c.tagName === 'OL' || c.tagName === 'UL') && c.children.length > 1 ? Array.from(c.children) : [c]));
      flat.forEach((b, i) => {
        if ((b as HTMLElement).checkVisibility()) blocks.push(i);
      });
    }
    return {
      position: document.querySelector('.presentation-position')?.textContent?.trim() ?? '?',
      cell: slide.querySelector('.view-frame')?.getAttribute('data-cell') ?? null,
      segment: Number(slide.dataset.segment),
      blocks,
      documentOver: { x: doc.scrollWidth - window.innerWidth, y: doc.scrollHeight - window.innerHeight },
      slideOver: { x: slide.scrollWidth - slide.clientWidth, y: slide.scrollHeight - slide.clientHeight },
      outside,
      smallestFigureText: smallest === null ? null : Math.round(smallest * 10) / 10,
    };
  });
}

/** The slide has settled: its jobs finished (bounded, so a slow machine still gets measured) and its fit no longer changes. */
async function settleSlide(page: Page): Promise<void> {
  const slide = page.locator('.segment.current');
  await expect
    .poll(async () => slide.locator('.progress-row').count(), { timeout: 90_000, intervals: [300, 1000] })
    .toBe(0)
    .catch(() => undefined);
  await expect
    .poll(() => page.evaluate(() => {
      const s = document.querySelector('.segment.current') as HTMLElement;
      return s.scrollHeight - s.clientHeight;
    }), { timeout: 10_000 })
    .toBeLessThanOrEqual(0)
    .catch(() => undefined);
}

for (const chapter of CHAPTERS) {
  test(`${chapter}: every slide of presentation mode fits 1280×720`, async ({ page }) => {
    test.setTimeout(420_000);
    await page.setViewportSize(VIEWPORT);
    await openChapter(page, chapter);
    await expect(page.locator('.view-frame').first()).toBeVisible();
    const cells = await page.locator('.view-frame').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
    const proseBlocks = await page.locator('.notebook-stage > .segment.prose').evaluateAll((els) =>
      els.map((s) => ({
        segment: Number((s as HTMLElement).dataset.segment),
        count: Array.from(s.children).reduce((n, c) => n + ((c.tagName === 'OL' || c.tagName === 'UL') && c.children.length > 1 ? c.children.length : 1), 0),
      })),
    );
    await page.getByRole('button', { name: 'Present' }).click();
    const stage = page.getByRole('region', { name: /Presentation, part 1 of \d+/ });
    await expect(stage).toBeVisible();
    const total = Number((await stage.getAttribute('aria-label'))!.match(/of (\d+)/)![1]);
    const reports: SlideReport[] = [];
    for (let i = 0; i < total; i++) {
      if (i > 0) await page.keyboard.press('PageDown');
      await expect(page.getByRole('region', { name: `Presentation, part ${i + 1} of ${total}` })).toBeVisible();
      await settleSlide(page);
      // Measured once the layout holds still (a plot redraws a frame after its column changes width).
      let r = await measureSlide(page);
      for (let k = 0; k < 20; k++) {
        await page.waitForTimeout(250);
        const again = await measureSlide(page);
        const same = JSON.stringify(again) === JSON.stringify(r);
        r = again;
        if (same) break;
      }
      reports.push(r);
      const where = `${chapter} slide ${r.position} (${r.cell ?? `prose segment ${r.segment}`})`;
      expect.soft(r.documentOver.y, `${where}: the document scrolls`).toBeLessThanOrEqual(0);
      expect.soft(r.documentOver.x, `${where}: the document scrolls sideways`).toBeLessThanOrEqual(0);
      expect.soft(r.slideOver.y, `${where}: the slide scrolls`).toBeLessThanOrEqual(0);
      expect.soft(r.slideOver.x, `${where}: the slide scrolls sideways`).toBeLessThanOrEqual(0);
      expect.soft(r.outside, `${where}: elements outside the slide`).toEqual([]);
      if (r.smallestFigureText !== null) expect.soft(r.smallestFigureText, `${where}: smallest figure text`).toBeGreaterThanOrEqual(12);
    }
    console.log(
      `[presentation] ${chapter}: ${total} slides; ` +
        reports.map((r) => `${r.position}:${r.cell ?? `p${r.segment}[${r.blocks.length}]`} over ${r.slideOver.y}${r.smallestFigureText ? ` text ${r.smallestFigureText}px` : ''}`).join(', '),
    );
    // Every cell has its slide, and every prose block is on exactly one slide.
    expect(reports.filter((r) => r.cell).map((r) => r.cell)).toEqual(cells);
    for (const { segment, count } of proseBlocks) {
      const shown = reports.filter((r) => !r.cell && r.segment === segment).flatMap((r) => r.blocks);
      expect(shown, `prose segment ${segment}: blocks shown over its slides`).toEqual(Array.from({ length: count }, (_, k) => k));
    }
  });
}

test('presentation keys: PageDown/PageUp and arrows step, F toggles full screen, Esc leaves', async ({ page }) => {
  await page.setViewportSize(VIEWPORT);
  await openChapter(page, 'engine');
  const present = page.getByRole('button', { name: 'Present' });
  await present.click();
  const part = (n: number) => page.getByRole('region', { name: new RegExp(`Presentation, part ${n} of \\d+`) });
  await expect(part(1)).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(part(2)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(part(3)).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(part(2)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(part(1)).toBeVisible();
  const button = page.getByRole('button', { name: 'Full screen' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.classList.contains('presenting') ?? false)).toBe(true);
  await expect(page.getByRole('button', { name: 'Exit full screen' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  // The button does the same as the key.
  await button.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  // Leaving the presentation leaves full screen too.
  await page.getByRole('button', { name: 'Leave presentation' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(page.getByRole('region', { name: /Presentation/ })).toHaveCount(0);
  await present.click();
  await expect(part(1)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: /Presentation/ })).toHaveCount(0);
  await expect(present).toBeFocused();
});
