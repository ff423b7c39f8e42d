/**
 * Notebook documents, sharing, exports, teaching mode and persistence (issue 8),
 * acted out as a person would in the built site under its Content-Security-Policy.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SITE, exportJson, openChapter, watchErrors } from './helpers';

const EXAMPLE = `${SITE}#/notebook?v=1&notebook=notebooks%2Fexample.md`;

/** Records CSP violations (they are also console errors, which watchErrors catches). */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

async function setNumber(view: Locator, label: string, value: string): Promise<void> {
  await view.getByLabel(`${label} value`).fill(value);
  await view.getByLabel(`${label} value`).press('Enter');
}

async function openNotebookFile(page: Page, name: string, markdown: string): Promise<void> {
  await page.getByLabel('Open notebook').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
}

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('the built page carries a strict Content-Security-Policy and runs under it without violations (WebGPU path)', async ({ page }) => {
  const errors = watchErrors(page);
  await watchCsp(page);
  await openChapter(page, 'engine', 'engine-sweep.n=64&engine-sweep.repeats=2', '?backend=gpu');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // scripts from the site only; 'wasm-unsafe-eval' (WebAssembly compilation, for the CPU path's
  // SIMD kernels) and nothing broader
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/(^|[^-])'unsafe-eval'/);
  await expect(page.getByRole('status')).toHaveText(/^Compute: WebGPU/);
  const view = page.locator('[data-view="engine-sweep"]');
  await expect(view.getByTestId('view-meta')).toContainText('WebGPU');
  // Every export under the policy: blob downloads, the SVG rasterised through an <img> for PNG.
  for (const name of ['Export JSON', 'Export CSV', 'Export SVG', 'Export PNG']) {
    const file = await download(page, view.getByRole('button', { name }));
    expect(file.bytes.length).toBeGreaterThan(50);
  }
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('every chapter runs under the Content-Security-Policy: no violations, no console errors', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await watchCsp(page);
  for (const chapter of ['hessian', 'geodesics', 'sinkhorn', 'heat', 'radii', 'optimizer', 'engine']) {
    await page.goto(`${SITE}#/${chapter}`);
    await page.reload(); // a fresh document per chapter, so the init script's listener sees everything
    await expect(page.getByRole('status')).toContainText('Compute:');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForTimeout(1000); // let the cells register and start their jobs
    await expect(page.locator('.busy-dot')).toHaveCount(0, { timeout: 90_000 });
    expect(await cspViolations(page), chapter).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test('a share link round-trips: set parameters, Share, open the link in a fresh browser, Export JSON shows the same params', async ({ page, browser }) => {
  await openChapter(page, 'engine');
  const view = page.locator('[data-view="engine-sweep"]');
  await setNumber(view, 'Matrix size n', '192');
  await setNumber(view, 'Repeats', '3');
  await setNumber(view, 'Seed', '42');
  await view.getByRole('button', { name: /^Share/ }).click();
  const link = await view.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toContain('#/engine?v=1');
  expect(link).toContain('cell=engine-sweep');

  const fresh = await browser.newContext(); // no storage: only the link
  const other = await fresh.newPage();
  // This browser refuses the clipboard: the link is shown in a field, selected, to copy by hand.
  await other.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await other.goto(link);
  const restored = other.locator('[data-view="engine-sweep"]');
  await expect(restored.getByLabel('Seed value')).toHaveValue('42');
  await expect(restored.getByTestId('view-meta')).toContainText('ms');
  const { doc } = await exportJson(other, restored);
  expect(doc.params).toEqual({ n: 192, repeats: 3, seed: 42 });
  expect((doc.result as { times: number[] }).times).toHaveLength(3);
  await other.getByRole('button', { name: 'Share page' }).click();
  await expect(other.getByText('Copy this link:')).toBeVisible();
  const field = other.getByRole('textbox', { name: 'Share link' });
  await expect(field).toBeFocused();
  expect(await field.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart!, el.selectionEnd!))).toBe(await field.inputValue());
  expect(await field.inputValue()).toContain('engine-sweep.seed=42');
  await fresh.close();
});

test('a long share link is compressed (z=…) and restores every cell of a notebook opened by URL', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto(EXAMPLE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('An example notebook');
  const first = page.locator('[data-cell="notebook/engine-sweep"]');
  const second = page.locator('[data-cell="notebook/big-sweep"]');
  await setNumber(first, 'Repeats', '2');
  await setNumber(second, 'Seed', '11');
  await expect(page).toHaveURL(/big-sweep\.seed=11/);
  await page.getByRole('button', { name: 'Share page' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#\/notebook\?v=1&z=[A-Za-z0-9_-]+$/);
  expect(link).not.toContain('seed=11');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('An example notebook');
  const a = await exportJson(other, other.locator('[data-cell="notebook/engine-sweep"]'));
  expect(a.doc.params).toEqual({ n: 128, repeats: 2, seed: 1 });
  const c = await exportJson(other, other.locator('[data-cell="notebook/engine-sweep-2"]'));
  expect(c.doc.params).toEqual({ n: 64, repeats: 3, seed: 1 });
  const b = await exportJson(other, other.locator('[data-cell="notebook/big-sweep"]'));
  expect(b.doc.params).toEqual({ n: 256, repeats: 4, seed: 11 });
  // The export embeds the (compressed) share link, which names the notebook and the cell.
  expect(String(b.doc.link)).toMatch(/#\/notebook\?v=1&z=/);
  // The figure's own link opens the page scrolled to that figure.
  const third = await fresh.newPage();
  await third.setViewportSize({ width: 1200, height: 700 });
  await third.goto(String(b.doc.link));
  await expect(third.locator('[data-cell="notebook/big-sweep"] h3')).toBeInViewport();
  await expect(third.getByRole('heading', { level: 1 })).not.toBeInViewport();
  await fresh.close();
  expect(errors).toEqual([]);
});

test('a user notebook with math and two live cells renders and both cells compute; dropping a file opens it too', async ({ page }) => {
  const errors = watchErrors(page);
  await watchCsp(page);
  await openChapter(page, 'engine');
  const markdown = [
    '# Two sweeps',
    '',
    'Euler: $e^{i\\pi} + 1 = 0$, and a display:',
    '',
    '$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$',
    '',
    '```curvature',
    'view: engine-sweep',
    'n: 64',
    'repeats: 2',
    '```',
    '',
    'The same view again, with other values:',
    '',
    '```curvature',
    'view: engine-sweep',
    'n: 128',
    'repeats: 3',
    '```',
  ].join('\n');
  await openNotebookFile(page, 'two.md', markdown);
  await expect(page).toHaveURL(/#\/notebook\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two sweeps');
  await expect(page.locator('.prose math')).toHaveCount(2);
  await expect(page.locator('.prose math annotation').first()).toHaveText('e^{i\\pi} + 1 = 0');
  const one = page.locator('[data-cell="notebook/engine-sweep"]');
  const two = page.locator('[data-cell="notebook/engine-sweep-2"]');
  for (const [cell, repeats, n] of [[one, 2, 64], [two, 3, 128]] as const) {
    await expect(cell.getByTestId('view-meta')).toContainText('ms');
    const { doc } = await exportJson(page, cell);
    expect(doc.params).toMatchObject({ n, repeats });
    expect((doc.result as { times: number[] }).times).toHaveLength(repeats);
    await expect(cell.getByTestId('figure-description')).toContainText(`over a ${n}×${n} matrix`);
  }
  // Drag and drop: a file dropped anywhere on the page replaces the notebook.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['# Dropped\n\n```curvature\nview: engine-sweep\nn: 64\nrepeats: 1\n```\n'], 'dropped.md', { type: 'text/markdown' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dropped');
  await expect(page.locator('[data-cell="notebook/engine-sweep"]').getByTestId('view-meta')).toContainText('ms');
  await expect(page.locator('[data-cell="notebook/engine-sweep-2"]')).toHaveCount(0);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a hostile notebook runs none of its script, handlers, javascript: links or SVG script', async ({ page }) => {
  const errors = watchErrors(page);
  await watchCsp(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openChapter(page, 'engine');
  const hostile = [
    '# Hostile',
    '',
    '<script>alert("script")</script>',
    '',
    'Inline <img src="x" onerror="alert(\'img\')"> and <b onmouseover="alert(\'b\')">bold</b>.',
    '',
    '<svg width="20" height="20"><script>alert("svg")</script><circle r="5" onload="alert(\'circle\')"/></svg>',
    '',
    '<iframe src="javascript:alert(\'iframe\')"></iframe> <a href="javascript:alert(\'raw\')">raw link</a>',
    '',
    '[markdown link](javascript:alert("md")) and [entity link](javascript&colon;alert("ent")) and [fine](https://example.org/)',
    '',
    '![remote](https://example.org/track.png) ![svg](data:image/svg+xml,<svg onload=alert(1)>)',
    '',
    'KaTeX without trust: $\\href{javascript:alert("katex")}{x}$',
    '',
    '```curvature',
    'view: engine-sweep',
    'n: 64',
    'repeats: 1',
    '```',
  ].join('\n');
  await openNotebookFile(page, 'hostile.md', hostile);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hostile');
  const article = page.locator('article.notebook');
  // Raw HTML shows as text.
  await expect(article).toContainText('<script>alert("script")</script>');
  await expect(article.locator('script, iframe, img[onerror], svg script, [onload], [onerror], [onmouseover]')).toHaveCount(0);
  await expect(article.locator('a[href^="javascript"], a[href*="alert"]')).toHaveCount(0);
  await expect(article.getByRole('link', { name: 'fine' })).toHaveAttribute('href', 'https://example.org/');
  await expect(article.getByRole('link', { name: 'fine' })).toHaveAttribute('rel', 'noopener noreferrer');
  // Remote images become links (no request to a third party, nothing for the CSP to block).
  await expect(article.locator('img')).toHaveCount(0);
  await expect(article.getByRole('link', { name: '[image: remote]' })).toBeVisible();
  // Clicking what was a javascript: link does nothing; hovering the bold text does nothing.
  await article.getByText('markdown link').click();
  await article.getByText('bold').hover();
  await expect(page.locator('[data-cell="notebook/engine-sweep"]').getByTestId('view-meta')).toContainText('ms');
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a notebook on another site is fetched only after the user agrees', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${SITE}#/notebook?v=1&notebook=${encodeURIComponent('https://notebooks.invalid/talk.md')}`);
  const prompt = page.getByRole('alertdialog', { name: 'Open a notebook from another site?' });
  await expect(prompt).toContainText('https://notebooks.invalid/talk.md');
  await page.waitForTimeout(300);
  expect(requests.filter((u) => u.includes('notebooks.invalid'))).toEqual([]);
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toBeHidden();
  // Plain http to another site is refused outright.
  await page.goto(`${SITE}#/notebook?v=1&notebook=${encodeURIComponent('http://notebooks.invalid/talk.md')}`);
  await expect(page.getByRole('alert')).toContainText('must be on this site or use https');
  expect(requests.filter((u) => u.includes('notebooks.invalid'))).toEqual([]);
});

test('SVG, PNG and CSV exports are valid files with the figure content', async ({ page }) => {
  await openChapter(page, 'engine', 'engine-sweep.n=64&engine-sweep.repeats=4');
  const view = page.locator('[data-view="engine-sweep"]');
  await expect(view.getByTestId('view-meta')).toContainText('ms');
  const box = (await view.locator('svg').first().boundingBox())!;

  const svg = await download(page, view.getByRole('button', { name: 'Export SVG' }));
  expect(svg.name).toBe('engine-engine-sweep.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      marks: root.querySelectorAll('circle, path').length,
      text: root.textContent,
      styled: root.querySelector('text')?.getAttribute('style') ?? '',
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBe(0);
  expect(parsed).toMatchObject({ root: 'svg', ns: 'http://www.w3.org/2000/svg', width: Math.round(box.width) });
  expect(parsed.marks).toBeGreaterThanOrEqual(4);
  expect(parsed.text).toContain('milliseconds');
  expect(parsed.styled).toContain('font-family');

  const png = await download(page, view.getByRole('button', { name: 'Export PNG' }));
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(box.width * 2));
  expect(png.bytes.readUInt32BE(20)).toBe(Math.round(box.height * 2));
  // The PNG is not blank: decode it in the page and count distinct colours.
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  }, png.bytes.toString('base64'));
  expect(colours).toBeGreaterThan(3);

  const csv = await download(page, view.getByRole('button', { name: 'Export CSV' }));
  expect(csv.name).toBe('engine-engine-sweep.csv');
  const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
  expect(lines[0]).toBe('index,times,rowLse');
  expect(lines).toHaveLength(1 + 64); // rowLse has n = 64 entries; times has 4
  const { doc } = await exportJson(page, view);
  const times = (doc.result as { times: number[] }).times;
  expect(lines.slice(1, 5).map((l) => Number(l.split(',')[1]))).toEqual(times);
  expect(lines[5].split(',')[1]).toBe('');
});

test('presentation mode steps through the notebook by keyboard, hides and locks controls, and Escape leaves', async ({ page }) => {
  await page.goto(EXAMPLE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('An example notebook');
  const present = page.getByRole('button', { name: 'Present' });
  await present.focus();
  await page.keyboard.press('Enter');
  const stage = page.getByRole('region', { name: /Presentation, part 1 of \d+/ });
  await expect(stage).toBeVisible();
  const total = Number((await stage.getAttribute('aria-label'))!.match(/of (\d+)/)![1]);
  expect(total).toBe(10); // five prose passages, each followed by a cell
  await expect(page.getByRole('heading', { name: 'An example notebook' })).toBeVisible();
  await expect(page.locator('[data-cell="notebook/engine-sweep"]')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: `Presentation, part 2 of ${total}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'An example notebook' })).toBeHidden();
  const first = page.locator('[data-cell="notebook/engine-sweep"]');
  await expect(first).toBeVisible();
  // A preset jumps the view to its named configuration.
  await first.getByRole('button', { name: 'tiny' }).click();
  await expect(first.getByLabel('Matrix size n value')).toHaveValue('64');
  await expect(first.getByRole('button', { name: 'tiny' })).toHaveAttribute('aria-pressed', 'true');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const second = page.locator('[data-cell="notebook/big-sweep"]');
  await expect(second).toBeVisible();
  await expect(first).toBeHidden();
  // hide: seed, lock: n
  await expect(second.getByLabel('Seed value')).toHaveCount(0);
  await expect(second.getByRole('slider', { name: 'Matrix size n' })).toBeDisabled();
  await expect(second.getByRole('slider', { name: 'Repeats' })).toBeEnabled();
  // Arrow keys on a slider move the slider, not the slide.
  const repeats = second.getByRole('slider', { name: 'Repeats' });
  await repeats.focus();
  await page.keyboard.press('ArrowRight');
  await expect(repeats).toHaveValue('5');
  await expect(second).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(stage).toBeHidden();
  await expect(present).toBeFocused();
  // Outside presentation mode every control is back.
  await expect(second.getByLabel('Seed value')).toHaveValue('7');
  await expect(second.getByRole('slider', { name: 'Matrix size n' })).toBeEnabled();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: /Presentation/ })).toHaveCount(0);
});

test('the last state of a chapter survives a reload and a plain address, but never overrides an opened link', async ({ page }) => {
  await openChapter(page, 'engine');
  const view = page.locator('[data-view="engine-sweep"]');
  await setNumber(view, 'Repeats', '3');
  await setNumber(view, 'Seed', '5');
  await expect(page).toHaveURL(/engine-sweep\.seed=5/);
  await page.waitForTimeout(400); // persistence writes shortly after the last change
  // A new visit (same browser storage) at the chapter's plain address, with no parameters in the link.
  const again = await page.context().newPage();
  await again.goto(`${SITE}#/engine`);
  const saved = again.locator('[data-view="engine-sweep"]');
  await expect(saved.getByLabel('Repeats value')).toHaveValue('3');
  await expect(saved.getByLabel('Seed value')).toHaveValue('5');
  await again.reload();
  await expect(saved.getByLabel('Seed value')).toHaveValue('5');
  await again.close();
  // A link wins over the saved state.
  const linked = await page.context().newPage();
  await linked.goto(`${SITE}#/engine?v=1&engine-sweep.seed=9`);
  const fromLink = linked.locator('[data-view="engine-sweep"]');
  await expect(fromLink.getByLabel('Seed value')).toHaveValue('9');
  await expect(fromLink.getByLabel('Repeats value')).toHaveValue('10');
  await linked.close();
  // The last user notebook is kept as well, with its values.
  await openNotebookFile(page, 'kept.md', '# Kept notebook\n\n```curvature\nview: engine-sweep\nn: 64\nrepeats: 1\n```\n');
  await setNumber(page.locator('[data-cell="notebook/engine-sweep"]'), 'Seed', '77');
  await page.waitForTimeout(400);
  const later = await page.context().newPage();
  await later.goto(`${SITE}#/notebook`);
  await expect(later.getByRole('heading', { level: 1 })).toHaveText('Kept notebook');
  await expect(later.locator('[data-cell="notebook/engine-sweep"]').getByLabel('Seed value')).toHaveValue('77');
});

test('keyboard only: Tab reaches every control of a figure, focus is visible, and each figure has a description', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openChapter(page, 'engine', 'engine-sweep.n=64&engine-sweep.repeats=2');
  const view = page.locator('[data-view="engine-sweep"]');
  await expect(view.getByTestId('view-meta')).toContainText('ms');
  const description = view.getByTestId('figure-description');
  await expect(description).toContainText('median');
  const describedBy = await view.getAttribute('aria-describedby');
  expect(await description.getAttribute('id')).toBe(describedBy);
  await expect(view.getByRole('slider', { name: 'Repeats' })).toHaveAttribute('aria-valuetext', '2');
  // Tab from the page's start until the Share button of the figure: every control on the way is reached.
  const reached: string[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const label = (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
      return { name: el.getAttribute('aria-label') ?? label ?? el.textContent?.trim() ?? '', outline: style.outlineStyle, inFigure: !!el.closest('[data-view]') };
    });
    if (info.inFigure) {
      reached.push(info.name);
      expect(info.outline, `focus ring on ${info.name}`).not.toBe('none');
    }
    if (info.name.startsWith('Share Row')) break;
  }
  // The seed is a number box alone (no slider), reached as 'Seed value'; Reset to defaults sits between the controls and the exports.
  expect(reached).toEqual(
    expect.arrayContaining(['Matrix size n', 'Repeats', 'Matrix size n value', 'Repeats value', 'Seed value', 'Export JSON', 'Export CSV', 'Export SVG', 'Export PNG', 'Share Row log-sum-exp sweep']),
  );
  expect(reached.filter((n) => n === '')).toHaveLength(0);
  // Reduced motion: the busy indicator of a running job does not pulse.
  await setNumber(view, 'Matrix size n', '2048');
  await setNumber(view, 'Repeats', '200');
  const dot = page.locator('.busy-dot');
  await expect(dot).toBeVisible();
  expect(await dot.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await view.getByRole('button', { name: 'Cancel' }).click();
});

test('a share link of a notebook opened from a file restores its values once the recipient opens the same file', async ({ page, browser }) => {
  const markdown = '# From a file\n\n```curvature\nview: engine-sweep\nn: 64\nrepeats: 1\n```\n';
  await openChapter(page, 'engine');
  await openNotebookFile(page, 'mine.md', markdown);
  await setNumber(page.locator('[data-cell="notebook/engine-sweep"]'), 'Seed', '31');
  await page.getByRole('button', { name: 'Share page' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).not.toContain('notebook=');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Your notebook');
  await openNotebookFile(other, 'mine.md', markdown);
  const cell = other.locator('[data-cell="notebook/engine-sweep"]');
  await expect(cell.getByLabel('Seed value')).toHaveValue('31');
  await expect(cell.getByLabel('Repeats value')).toHaveValue('1');
  await fresh.close();
});

test('DOMPurify, the second line of defence, strips what the renderer would let through', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openChapter(page, 'engine');
  const cases: [string, string][] = [
    ['<img src="x" onerror="alert(1)">', '<img src="x">'],
    ['<a href="javascript:alert(1)">a</a>', '<a>a</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">a</a>', '<a>a</a>'],
    ['<a href="https://example.org/" onclick="alert(1)">a</a>', '<a href="https://example.org/">a</a>'],
    ['<svg><script>alert(1)</script><circle r="1" onload="alert(1)"></circle></svg>', '<svg><circle r="1"></circle></svg>'],
    ['<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>', '<svg><a><text>t</text></a></svg>'],
    ['<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>', '<svg></svg>'],
    ['<svg><animate attributeName="href" to="javascript:alert(1)"></animate></svg>', '<svg></svg>'],
    ['<iframe src="javascript:alert(1)"></iframe><object data="x"></object><embed src="x">', ''],
    ['<form action="https://evil.org"><input name="a"></form>', ''],
    ['<p style="background:url(https://evil.org)">p</p>', '<p>p</p>'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi><annotation encoding="application/x-tex">x</annotation></math>', '<math><mi>x</mi><annotation encoding="application/x-tex">x</annotation></math>'],
    ['<img src="https://evil.org/t.png">', '<img>'],
    ['<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="data:image/png;base64,iVBORw0KGgo=">'],
  ];
  const out = await page.evaluate(
    (inputs) => inputs.map((html) => (window as unknown as { curvature: { sanitize(h: string): string } }).curvature.sanitize(html)),
    cases.map(([input]) => input),
  );
  expect(out).toEqual(cases.map(([, expected]) => expected));
  expect(dialogs).toEqual([]);
});
