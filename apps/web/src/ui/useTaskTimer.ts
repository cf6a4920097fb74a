import { useCallback, useEffect, useRef } from 'react';
import type { AdminTask } from '@presence/shared';
import { timeEndpoints } from '../api';

/** A pause longer than this between two interactions counts as this much: the page was left open, not worked on. */
const IDLE_CAP_MS = 120_000;

/**
 * Times a piece of administrative work in the page: the active time is the sum of the gaps between interactions
 * (keys, pointer, scrolling) while the page is visible, each gap capped at two minutes. `finish` sends it once
 * (the time given back compares pieces of work done with and without the assistant); a failure to send is ignored,
 * the work itself is saved.
 */
export function useTaskTimer(task: AdminTask, opts: { startOnMount?: boolean } = {}) {
  const started = useRef<number | null>(null);
  const last = useRef(0);
  const active = useRef(0);
  const touch = useCallback(() => {
    const now = Date.now();
    if (started.current === null) {
      started.current = now;
      last.current = now;
      return;
    }
    if (document.visibilityState === 'visible') active.current += Math.min(now - last.current, IDLE_CAP_MS);
    last.current = now;
  }, []);
  useEffect(() => {
    if (opts.startOnMount) touch();
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    const onEvent = () => {
      if (started.current !== null) touch();
    };
    for (const e of events) document.addEventListener(e, onEvent, { passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, onEvent);
    };
  }, [opts.startOnMount, touch]);
  const finish = useCallback(
    (assisted: boolean, subjectId: string | null = null) => {
      if (started.current === null) return;
      touch();
      const seconds = Math.max(1, Math.round(active.current / 1000));
      const startedAt = new Date(started.current).toISOString();
      started.current = null;
      active.current = 0;
      timeEndpoints.addTiming({ task, assisted, startedAt, activeSeconds: seconds, subjectId }).catch(() => undefined);
    },
    [task, touch],
  );
  return { touch, finish };
}
