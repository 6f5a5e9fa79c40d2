import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useState } from 'react';
import { type Control, Controller, type ControllerFieldState, type ControllerRenderProps, type FieldValues, type Path } from 'react-hook-form';

export type FormFieldProps<T extends FieldValues> = Omit<TextFieldProps, 'name' | 'error'> & {
  control: Control<T>;
  name: Path<T>;
  hint?: string;
};

// Whether a mouse button or finger is down right now: a click is a press and a release on the same
// button, so nothing may move between the two.
let pointerDown = false;
const afterRelease: (() => void)[] = [];
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => { pointerDown = true; }, true);
  const release = () => {
    pointerDown = false;
    // After the click has landed on what was under the pointer.
    setTimeout(() => afterRelease.splice(0).forEach((run) => run()), 0);
  };
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
}

/**
 * What leaving a field does: it is checked only once something was typed in it (no red "Enter the
 * full name" for a field only passed through), and never while a button is being pressed. A message
 * appearing under the field would move that button from under the pointer and lose the click; it
 * appears once the click has landed.
 */
export function blurHandler<T extends FieldValues>(field: ControllerRenderProps<T, Path<T>>, fieldState: ControllerFieldState, typed = fieldState.isDirty): () => void {
  // Read while rendering: react-hook-form tracks what a render reads.
  const worthChecking = typed || fieldState.isTouched;
  return () => {
    if (!worthChecking) return;
    if (pointerDown) afterRelease.push(field.onBlur);
    else field.onBlur();
  };
}

/** A text field bound to the form, with its error (from the renderer or from main) shown beneath it. */
export function FormField<T extends FieldValues>({ control, name, hint, type, ...rest }: FormFieldProps<T>) {
  // Typed into since it opened: "dirty" is not enough, as a row just added to a list is dirty.
  const [typed, setTyped] = useState(false);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState, formState }) => {
        // A field's error shows once the person has typed in it or tried to send the form (or
        // main has refused it): a row just added is not wrong yet, even if the whole list is checked.
        const error = typed || fieldState.isTouched || formState.isSubmitted || fieldState.error?.type === 'server' ? fieldState.error : undefined;
        return (
          <TextField
            {...rest}
            name={field.name}
            inputRef={field.ref}
            onBlur={blurHandler(field, fieldState, typed)}
            type={type}
            value={field.value ?? ''}
            onChange={(e) => {
              setTyped(true);
              field.onChange(type === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value);
            }}
            error={error !== undefined}
            helperText={error?.message ?? hint}
            slotProps={{ ...rest.slotProps, htmlInput: { 'aria-invalid': error !== undefined, ...(rest.slotProps?.htmlInput as object) } }}
          />
        );
      }}
    />
  );
}
