import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';

type Props<T extends FieldValues> = Omit<TextFieldProps, 'name' | 'error'> & {
  control: Control<T>;
  name: Path<T>;
  hint?: string;
};

/** A text field bound to the form, with its error (from the renderer or from main) shown beneath it. */
export function FormField<T extends FieldValues>({ control, name, hint, type, ...rest }: Props<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          type={type}
          value={field.value ?? ''}
          onChange={(e) => field.onChange(type === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)}
          error={fieldState.error !== undefined}
          helperText={fieldState.error?.message ?? hint}
          slotProps={{ ...rest.slotProps, htmlInput: { 'aria-invalid': fieldState.error !== undefined, ...(rest.slotProps?.htmlInput as object) } }}
        />
      )}
    />
  );
}
