import { useCallback, useState } from 'react';
import { keepOnlyTransportLink } from '../api/client';

/**
 * What the renderer keeps for the one person signed in, between screens and across an idle lock:
 * which screen, which draft, which dialog was open (ids only, never patient data). It belongs to
 * that person: it is forgotten at sign-out and whenever someone else signs in, so the next person at
 * a shared PC starts at their own Home (each piece of state says when it is cleared: clearOn logout).
 */
const PREFIX = 'signpost.memory.';
/** What belongs to the screen on show (an open dialog, the draft in the form): gone when the person moves on. */
const SCREEN = 'screen.';
const OWNER_KEY = 'signpost.memory-owner';

export type Scope = 'session' | 'screen';
const fullKey = (key: string, scope: Scope) => PREFIX + (scope === 'screen' ? SCREEN : '') + key;

const forgetters = new Set<() => void>();
const flushers = new Set<() => Promise<unknown>>();

export function recall<T>(key: string, scope: Scope = 'screen'): T | undefined {
  try {
    const raw = sessionStorage.getItem(fullKey(key, scope));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function remember(key: string, value: unknown, scope: Scope = 'screen'): void {
  if (value === undefined || value === false || value === null) sessionStorage.removeItem(fullKey(key, scope));
  else sessionStorage.setItem(fullKey(key, scope), JSON.stringify(value));
}

/**
 * useState that the same person finds again after an idle lock or a reload, on the same screen
 * (not after moving to another screen, nor after sign-out).
 */
export function useRemembered<T>(key: string, initial: T, scope: Scope = 'screen'): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => recall<T>(key, scope) ?? initial);
  const set = useCallback(
    (next: T) => {
      remember(key, next, scope);
      setValue(next);
    },
    [key, scope],
  );
  return [value, set];
}

/** The person moved to another screen: what belonged to the last one is forgotten. */
export function forgetScreen(): void {
  const keys: string[] = [];
  for (let i = 0; i < sessionStorage.length; i += 1) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(PREFIX + SCREEN)) keys.push(key);
  }
  for (const key of keys) sessionStorage.removeItem(key);
}

/** Memory held outside storage (minutes not yet saved, say) registers how to forget it. */
export function onForget(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

/** Work still on its way to main (a draft's last keystrokes) registers how to send it now. */
export function onFlush(flush: () => Promise<unknown>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Sends whatever is still waiting, before a lock or sign-out closes the session; never throws. */
export async function flushPending(): Promise<void> {
  await Promise.all([...flushers].map((f) => f().catch(() => undefined)));
}

/** Everything this tab kept for the last person: storage (but its link to main) and memory. */
export function forgetEverything(): void {
  keepOnlyTransportLink();
  for (const forget of forgetters) forget();
}

/**
 * Called with every session state main reports. Signed out: forget. Locked or signed in: if the
 * memory is someone else's, forget it first; the same person's stays (their screen after unlock).
 */
export function followSession(state: { state: string; user?: { username: string } }): void {
  if (!state.user) {
    if (state.state === 'signed-out' || state.state === 'not-set-up') forgetEverything();
    return;
  }
  if (sessionStorage.getItem(OWNER_KEY) !== state.user.username) {
    forgetEverything();
    sessionStorage.setItem(OWNER_KEY, state.user.username);
  }
}
