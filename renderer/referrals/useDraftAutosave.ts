import { useEffect, useRef, useState } from 'react';
import { type Control, useWatch } from 'react-hook-form';
import { call } from '../api/client';
import { onFlush } from '../shared/sessionMemory';
import type { ReferralFormValues } from './referralFormDefaults';

const SAVE_AFTER_MS = 700;

/**
 * Keeps the form as a draft in main as it is typed: a phone call, an idle lock or a crash loses at
 * most the last keystroke or two (none at all when the person presses Lock). Main stores drafts in
 * the encrypted database, never the browser. `onSaved` hears the draft's id once it has one.
 */
export function useDraftAutosave(control: Control<ReferralFormValues>, initialId: number | undefined, onSaved?: (id: number) => void) {
  const values = useWatch({ control });
  const [draftId, setDraftId] = useState(initialId);
  const [savedAt, setSavedAt] = useState<string>();
  const idRef = useRef(initialId);
  const first = useRef(true);
  const pending = useRef<(() => Promise<void>) | undefined>(undefined);
  const savedHook = useRef(onSaved);
  useEffect(() => {
    savedHook.current = onSaved;
  });

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return; // nothing typed yet
    }
    const save = async () => {
      pending.current = undefined;
      const r = await call('referrals.saveDraft', { ...(idRef.current ? { id: idRef.current } : {}), form: values as Record<string, unknown> });
      idRef.current = r.id;
      setDraftId(r.id);
      setSavedAt(r.savedAt);
      savedHook.current?.(r.id);
    };
    pending.current = save;
    // locked or signed out: the last saved draft stands
    const timer = setTimeout(() => void save().catch(() => undefined), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [values]);

  useEffect(() => onFlush(async () => pending.current?.()), []);

  return { draftId, savedAt };
}
