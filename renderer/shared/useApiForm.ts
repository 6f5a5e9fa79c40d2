import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type FieldValues, type Path, type Resolver, type UseFormProps, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api/client';

/**
 * A form validated by the contract's own schema (quick feedback as each field is left), whose
 * submit puts main's field errors next to the right fields and keeps everything typed.
 */
export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...options, resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>> });
  const [formError, setFormError] = useState<string>();

  const submitWith = (send: (values: z.output<S>) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(undefined);
      try {
        await send(values);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const fields = Object.entries(error.fieldErrors).filter(([k]) => k !== '_form');
        for (const [field, messages] of fields) {
          form.setError(field as Path<z.input<S>>, { type: 'server', message: messages[0] ?? error.message }, { shouldFocus: true });
        }
        if (fields.length === 0) setFormError(error.message);
      }
    });

  return { form, formError, setFormError, submitWith };
}
