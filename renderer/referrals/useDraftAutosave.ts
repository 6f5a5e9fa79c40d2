import { useEffect, useRef, useState } from 'react';
import { type Control, useWatch } from 'react-hook-form';
import { call } from '../api/client';
import type { ReferralFormValues } from './referralFormDefaults';

const SAVE_AFTER_MS = 700;

/**
 * Keeps the form as a draft in main as it is typed: a phone call, an idle lock or a crash loses at
 * most the last keystroke or two. Main stores drafts in the encrypted database, never the browser.
 */
export function useDraftAutosave(control: Control<ReferralFormValues>, initialId: number | undefined, enabled: boolean) {
  const values = useWatch({ control });
  const [draftId, setDraftId] = useState(initialId);
  const [savedAt, setSavedAt] = useState<string>();
  const idRef = useRef(initialId);
  const first = useRef(true);

  useEffect(() => {
    if (!enabled) return;
    if (first.current) {
      first.current = false;
      return; // nothing typed yet
    }
    const timer = setTimeout(() => {
      call('referrals.saveDraft', { ...(idRef.current ? { id: idRef.current } : {}), form: values as Record<string, unknown> })
        .then((r) => {
          idRef.current = r.id;
          setDraftId(r.id);
          setSavedAt(r.savedAt);
        })
        .catch(() => undefined); // locked or signed out: the last saved draft stands
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [values, enabled]);

  return { draftId, savedAt };
}
