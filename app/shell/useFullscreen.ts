/** The Fullscreen API for one element: whether it is full screen now, and a toggle (a no-op where the API is missing or refused). */
import { useCallback, useEffect, useState, type RefObject } from 'react';

export function useFullscreen(target: RefObject<HTMLElement | null>): { active: boolean; supported: boolean; toggle(): void; exit(): void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null && document.fullscreenElement === target.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [target]);
  const exit = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) exit();
    else target.current?.requestFullscreen?.().catch(() => undefined);
  }, [target, exit]);
  return { active, supported: typeof document !== 'undefined' && document.fullscreenEnabled === true, toggle, exit };
}
