import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionState } from '../../main/contract/people';
import { call, onSessionLost } from '../api/client';
import { followMainClock } from '../shared/clock';

const POLL_MS = 5_000;
const HEARTBEAT_MS = 30_000;

/** Often enough that a short idle limit (a manager's 1 minute, a test's seconds) is honoured. */
function intervals(state: SessionState | undefined): { poll: number; heartbeat: number } {
  if (state?.state !== 'active') return { poll: POLL_MS, heartbeat: HEARTBEAT_MS };
  const third = (state.idleLockSeconds * 1000) / 3;
  return { poll: Math.min(POLL_MS, third), heartbeat: Math.min(HEARTBEAT_MS, third) };
}
const ACTIVITY_EVENTS = ['keydown', 'input', 'focusin', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Main owns the session: this hook only mirrors it. It polls so an idle lock made by main shows at
 * once, and tells main the person is still at the keyboard (at most every 30 s).
 */
export function useSession(): { state: SessionState | undefined; setState: (s: SessionState) => void; refresh: () => Promise<void> } {
  const [state, setState] = useState<SessionState>();
  const lastBeat = useRef(0);

  const refresh = useCallback(async () => {
    try {
      const [next] = await Promise.all([call('auth.state', {}), followMainClock()]);
      setState(next);
    } catch {
      // the next poll tries again
    }
  }, []);

  const { poll, heartbeat } = intervals(state);

  useEffect(() => {
    void refresh();
    const unsubscribe = onSessionLost(() => void refresh());
    return unsubscribe;
  }, [refresh]);

  useEffect(() => {
    const timer = setInterval(() => void refresh(), poll);
    return () => clearInterval(timer);
  }, [refresh, poll]);

  const active = state?.state === 'active';
  useEffect(() => {
    if (!active) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastBeat.current < heartbeat) return;
      lastBeat.current = now;
      call('auth.heartbeat', {}).catch(() => undefined);
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
    };
  }, [active, heartbeat]);

  return { state, setState, refresh };
}
