import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { ApiError, call } from '../api/client';
import { onFlush } from './sessionMemory';

const SAVE_AFTER_MS = 700;

export interface DraftState {
  /** The form's starting values (from main, and any draft over them) are in: it may be typed in. */
  ready: boolean;
  /** When what is shown was typed, if it was given back from a draft. */
  restoredAt: string | undefined;
  /** Main could not give the form's starting values: show this, not an empty form. */
  loadError: string | undefined;
  /** The person chose to throw away what they typed: forget it, and show the form as it began. */
  discard(): Promise<void>;
  /** While sending: no autosave may race the send. */
  hold(): void;
  release(): void;
  /** Sent: the draft has done its job; the form as it is now is the new starting point. */
  forget(): Promise<void>;
}

/**
 * Keeps a form as typed in main (drafts.save) and gives it back when the form opens again. The
 * starting values come first (main's pre-filled ones, if any), then the draft over them; the form
 * is not ready to type in until both are in, so no load ever overwrites what the person typed.
 */
export function useFormDraft<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, key: string | undefined, load: (() => Promise<T>) | undefined): DraftState {
  const [ready, setReady] = useState(key === undefined && load === undefined);
  const [restoredAt, setRestoredAt] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const held = useRef(false);
  const inMain = useRef(false);
  const baseline = useRef<T>(undefined);
  // Saves and discards go one after another, so a late save never brings back a discarded draft.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = (work: () => Promise<unknown>) => {
    queue.current = queue.current.then(work).catch(() => undefined);
    return queue.current;
  };

  const saveNow = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (key === undefined || held.current) return Promise.resolve();
    const values = form.getValues();
    if (JSON.stringify(values) === JSON.stringify(baseline.current)) {
      if (!inMain.current) return Promise.resolve();
      inMain.current = false;
      return enqueue(() => call('drafts.discard', { key }));
    }
    inMain.current = true;
    return enqueue(() => call('drafts.save', { key, form: values }));
  };

  useEffect(() => {
    if (key === undefined && load === undefined) return;
    let live = true;
    void (async () => {
      let loaded: T | undefined;
      try {
        loaded = load ? await load() : undefined;
      } catch (error) {
        if (live) setLoadError(error instanceof ApiError ? error.message : 'Could not open this form.');
        return;
      }
      const found = key === undefined ? null : await call('drafts.get', { key }).catch(() => null);
      if (!live) return;
      if (loaded) form.reset(loaded);
      baseline.current = form.getValues();
      if (found) {
        // Over the starting values, and still "changed" from them, so leaving asks first.
        form.reset({ ...form.getValues(), ...found.form } as T, { keepDefaultValues: true });
        inMain.current = true;
        setRestoredAt(found.savedAt);
      }
      setReady(true);
    })();
    return () => {
      live = false;
    };
    // The form opens once per key; `load` is read when it does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (key === undefined || !ready) return;
    baseline.current ??= form.getValues();
    const watching = form.watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), SAVE_AFTER_MS);
    });
    const stopFlush = onFlush(saveNow);
    return () => {
      watching.unsubscribe();
      stopFlush();
      // Closing with keystrokes not yet sent (a lock, a screen change): send them now.
      if (timer.current !== undefined) void saveNow();
    };
    // saveNow reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready]);

  // What is on screen now is what main holds (sent, or the person's "undo"): keep watching from here.
  const forget = async () => {
    held.current = true;
    clearTimeout(timer.current);
    timer.current = undefined;
    if (key !== undefined && inMain.current) {
      inMain.current = false;
      await enqueue(() => call('drafts.discard', { key }));
    }
    baseline.current = form.getValues();
    held.current = false;
    setRestoredAt(undefined);
  };

  return {
    ready,
    restoredAt,
    loadError,
    hold: () => {
      held.current = true;
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    release: () => {
      held.current = false;
      void saveNow();
    },
    forget,
    discard: async () => {
      const start = baseline.current;
      await forget();
      if (start) form.reset(start);
      baseline.current = form.getValues();
    },
  };
}
