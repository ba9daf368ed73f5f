import { useEffect, useRef } from 'preact/hooks';

/** How often a list on screen asks the server again (web-app.md: every list refreshes itself). */
export const REFRESH_EVERY_MS = 30_000;

/**
 * Calls `refresh` every 30 s while the tab is visible, and once at once when it becomes visible
 * again; a hidden tab (a phone in a pocket) asks nothing, saving the courier's battery and data.
 */
export function useAutoRefresh(refresh: () => void, everyMs = REFRESH_EVERY_MS): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      timer ??= setInterval(() => latest.current(), everyMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        latest.current();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [everyMs]);
}
