/**
 * The renderer's own rules, which run in Node (DOMPurify, the second line of
 * defence, needs a DOM and is checked in the browser: tests/browser/notebooks.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { isInlineImageHref, isSafeLinkHref, renderMarkdownUnsanitized, urlScheme } from '../../../app/markdown/notebook';

describe('the markdown renderer escapes raw HTML', () => {
  it('shows a script block as text', () => {
    expect(renderMarkdownUnsanitized('<script>alert(1)</script>\n')).toBe('<p class="raw-html">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });
  it('shows inline tags with event handlers as text', () => {
    const html = renderMarkdownUnsanitized('a <img src=x onerror="alert(1)"> b');
    expect(html).toBe('<p>a &lt;img src=x onerror=&quot;alert(1)&quot;&gt; b</p>\n');
    expect(html).not.toMatch(/<img/);
  });
  it('shows SVG with script as text', () => {
    const html = renderMarkdownUnsanitized('<svg><script>alert(1)</script><circle onload="alert(2)"/></svg>');
    expect(html).not.toMatch(/<svg|<script|<circle/);
  });
});

describe('links and images keep only safe addresses', () => {
  it('classifies URL schemes as a browser reads them', () => {
    expect(urlScheme('javascript:alert(1)')).toBe('javascript');
    expect(urlScheme(' JaVa\tScRiPt:alert(1)')).toBe('javascript');
    expect(urlScheme('\u0001javascript:alert(1)')).toBe('javascript');
    expect(urlScheme('javascript&colon;alert(1)')).toBe('encoded');
    expect(urlScheme('javascript%3Aalert(1)')).toBe('encoded');
    expect(urlScheme('#/engine?v=1')).toBeNull();
    expect(urlScheme('notebooks/example.md')).toBeNull();
    expect(urlScheme('https://example.org/a:b')).toBe('https');
  });
  it('allows relative, fragment, http(s) and mailto links only', () => {
    for (const ok of ['#/engine', 'docs/x.md', 'https://a.org', 'http://a.org', 'mailto:a@b.org']) expect(isSafeLinkHref(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'vbscript:x', 'data:text/html,<script>', 'file:///etc/passwd', 'JAVASCRIPT:x']) expect(isSafeLinkHref(bad), bad).toBe(false);
  });
  it('drops a javascript: markdown link but keeps its text', () => {
    const html = renderMarkdownUnsanitized('[click](javascript:alert(1)) and [ok](https://example.org "T")');
    expect(html).not.toContain('javascript');
    expect(html).toContain('<span class="link-removed" title="link removed: unsafe address">click</span>');
    expect(html).toContain('<a href="https://example.org" title="T" rel="noopener noreferrer" target="_blank">ok</a>');
  });
  it('shows relative and raster data: images in place; remote images become links; SVG data: images are dropped', () => {
    expect(isInlineImageHref('figs/a.png')).toBe(true);
    expect(isInlineImageHref('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isInlineImageHref('data:image/svg+xml,<svg onload=alert(1)>')).toBe(false);
    expect(isInlineImageHref('//evil.org/x.png')).toBe(false);
    expect(renderMarkdownUnsanitized('![a](figs/a.png)')).toBe('<p><img src="figs/a.png" alt="a"></p>\n');
    expect(renderMarkdownUnsanitized('![t](https://evil.org/t.png)')).toBe(
      '<p><a href="https://evil.org/t.png" rel="noopener noreferrer" target="_blank">[image: t]</a></p>\n',
    );
  });
});

describe('KaTeX runs without trust and writes MathML', () => {
  it('renders math as MathML with its TeX source', () => {
    const html = renderMarkdownUnsanitized('$x^2$');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(html).toContain('<annotation encoding="application/x-tex">x^2</annotation>');
    expect(html).not.toContain('style=');
  });
  it('does not turn \\href into a link', () => {
    const html = renderMarkdownUnsanitized('$\\href{javascript:alert(1)}{x}$');
    expect(html).not.toMatch(/href="javascript/);
    expect(html).not.toMatch(/<a /);
  });
});
