import { afterEach, describe, expect, it, vi } from 'vitest';
import { startUrlSync } from '../../../app/store/urlSync';
import { appStore } from '../../../app/store/store';

/** A window with just what urlSync touches: the hash, history, hashchange listeners. */
function fakeWindow(hash: string) {
  const listeners: Array<() => void> = [];
  const location = { hash, pathname: '/site/', search: '' };
  const setFrom = (url: string) => {
    const i = url.indexOf('#');
    location.hash = i < 0 ? '' : url.slice(i);
  };
  const win = {
    location,
    history: { pushState: vi.fn((_s: unknown, _t: string, url: string) => setFrom(url)), replaceState: vi.fn((_s: unknown, _t: string, url: string) => setFrom(url)) },
    addEventListener: (type: string, f: () => void) => type === 'hashchange' && listeners.push(f),
    removeEventListener: () => undefined,
  };
  /** A followed link: the browser sets the hash now and fires hashchange in a later task. */
  const follow = (next: string) => {
    location.hash = next;
    return () => listeners.forEach((f) => f());
  };
  return { win: win as unknown as Window, follow, listeners };
}

describe('URL sync', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('a link followed while a write of the previous page is due wins over that write', () => {
    vi.useFakeTimers();
    const { win, follow } = fakeWindow('#/geodesics');
    stop = startUrlSync(win);
    expect(appStore.getState().chapterId).toBe('geodesics');
    // In-page navigation to the overview: its hash is written in a 0 ms timer...
    appStore.getState().setChapter('home');
    // ...but the user follows a chapter link before that timer runs; the timer runs before hashchange.
    const fireHashChange = follow('#/hessian');
    vi.runAllTimers();
    fireHashChange();
    vi.runAllTimers();
    expect(appStore.getState().chapterId).toBe('hessian');
    expect(win.location.hash).toMatch(/^#\/hessian/);
  });

  it('going back to an earlier entry reads that entry into the store', () => {
    vi.useFakeTimers();
    const { win, follow } = fakeWindow('#/geodesics');
    stop = startUrlSync(win);
    appStore.getState().setChapter('sinkhorn');
    vi.runAllTimers();
    expect(win.location.hash).toMatch(/^#\/sinkhorn/);
    expect(win.history.pushState).toHaveBeenCalledTimes(1);
    follow('#/geodesics')();
    vi.runAllTimers();
    expect(appStore.getState().chapterId).toBe('geodesics');
  });
});
