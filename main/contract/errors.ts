import { z } from 'zod';

export const ErrorCode = z.enum([
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'LOCKED',
  'FORBIDDEN',
  'WRONG_PASSWORD',
  /** Sign-in is paused after repeated wrong passwords; the message says until when. */
  'TOO_MANY_ATTEMPTS',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'NOT_FOUND',
  'CONFLICT',
  'STORE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** field path (dot-joined, e.g. `practices.0.odsCode`) → messages for that field */
export const FieldErrors = z.record(z.string(), z.array(z.string()));
export type FieldErrors = z.infer<typeof FieldErrors>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  fieldErrors: FieldErrors.optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Result<T> = { ok: true; result: T } | { ok: false; error: AppErrorShape };

/** Thrown by main-process code; dispatch turns it into the typed error the renderer shows. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
  toShape(): AppErrorShape {
    return this.fieldErrors
      ? { code: this.code, message: this.message, fieldErrors: this.fieldErrors }
      : { code: this.code, message: this.message };
  }
}

/** Turns zod issues into field errors keyed by path, the first message per field first. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
