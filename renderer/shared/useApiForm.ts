import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type FieldValues, type Path, type Resolver, type UseFormProps, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { type DraftState, useFormDraft } from './useFormDraft';

export interface ApiFormOptions<S extends z.ZodType<FieldValues, FieldValues>> extends Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> {
  /**
   * Keep what is typed in main under this key (`contact:12`), for a form that takes more than a
   * line: a lock, a reload or a closed dialog gives it back, and sending it forgets it.
   */
  draft?: string | undefined;
  /** The form starts from values main fills in (a pre-filled message, the current settings). */
  load?: () => Promise<z.input<S>>;
}

/**
 * A form validated by the contract's own schema (quick feedback as each field is left), whose
 * submit puts main's field errors next to the right fields and keeps everything typed.
 */
export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, options: ApiFormOptions<S> = {}) {
  const { draft: draftKey, load, ...formOptions } = options;
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...formOptions, resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>> });
  const [formError, setFormError] = useState<string>();
  const draft = useFormDraft(form, draftKey, load);

  const submitWith = (send: (values: z.output<S>) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(undefined);
      draft.hold();
      try {
        await send(values);
        await draft.forget();
      } catch (error) {
        draft.release();
        if (!(error instanceof ApiError)) throw error;
        const fields = Object.entries(error.fieldErrors).filter(([k]) => k !== '_form');
        for (const [field, messages] of fields) {
          form.setError(field as Path<z.input<S>>, { type: 'server', message: messages[0] ?? error.message }, { shouldFocus: true });
        }
        if (fields.length === 0) setFormError(error.message);
      }
    });

  return { form, formError, setFormError, submitWith, draft };
}

/** What a dialog needs of a form to guard it: whether it holds typing, and its draft. */
export interface GuardedForm {
  form: { formState: { isDirty: boolean; isSubmitting: boolean } };
  formError: string | undefined;
  draft: DraftState;
}
