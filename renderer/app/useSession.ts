import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionState } from '../../main/contract/people';
import { call, ConnectionError, onSessionLost } from '../api/client';
import { followMainClock } from '../shared/clock';
import { followSession } from '../shared/sessionMemory';

const POLL_MS = 5_000;
const HEARTBEAT_MS = 30_000;

/** Often enough that a short idle limit (a manager's 1 minute, a test's seconds) is honoured. */
function intervals(state: SessionState | undefined): { poll: number; heartbeat: number } {
  if (state?.state !== 'active') return { poll: POLL_MS, heartbeat: HEARTBEAT_MS };
  const third = (state.idleLockSeconds * 1000) / 3;
  return { poll: Math.min(POLL_MS, third), heartbeat: Math.min(HEARTBEAT_MS, third) };
}
const ACTIVITY_EVENTS = ['keydown', 'input', 'focusin', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Why main cannot be reached, if it cannot: the app says so rather than spin or show empty screens. */
export type Unreachable = ConnectionError['reason'] | undefined;

/**
 * Main owns the session: this hook only mirrors it. It polls so an idle lock made by main shows at
 * once, and tells main the person is still at the keyboard (at most every 30 s). Every state passes
 * through followSession, so what the tab remembers belongs to whoever main says is signed in.
 */
export function useSession(): { state: SessionState | undefined; setState: (s: SessionState) => void; refresh: () => Promise<void>; unreachable: Unreachable } {
  const [state, setStateOnly] = useState<SessionState>();
  const [unreachable, setUnreachable] = useState<Unreachable>();
  const lastBeat = useRef(0);

  const setState = useCallback((next: SessionState) => {
    followSession(next);
    setStateOnly(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [next] = await Promise.all([call('auth.state', {}), followMainClock()]);
      setUnreachable(undefined);
      setState(next);
    } catch (error) {
      // Main's own refusals are answered by the state it reports; the next poll tries again.
      if (error instanceof ConnectionError) setUnreachable(error.reason);
    }
  }, [setState]);

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

  return { state, setState, refresh, unreachable };
}
