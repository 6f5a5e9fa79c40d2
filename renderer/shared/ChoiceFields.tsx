import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { blurHandler } from './FormField';

interface Base<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  label: string;
  hint?: string;
}

type Options = Readonly<Record<string, string>>;

/** The question as a legend, its hint, its answers and its error: read out together by a screen reader. */
function Fieldset({ label, hint, error, children }: { label: string; hint?: string | undefined; error?: string | undefined; children: ReactNode }) {
  return (
    <FormControl component="fieldset" error={error !== undefined} margin="normal" sx={{ display: 'block' }}>
      <FormLabel component="legend">{label}</FormLabel>
      {hint && <FormHelperText sx={{ mx: 0 }}>{hint}</FormHelperText>}
      {children}
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

/** One of a few: radio buttons in a fieldset, so the question is read out with each answer. */
export function RadioField<T extends FieldValues>({ control, name, label, hint, options, row }: Base<T> & { options: Options; row?: boolean }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Fieldset label={label} hint={hint} error={fieldState.error?.message}>
          <RadioGroup row={row ?? false} name={field.name} value={field.value ?? ''} onChange={(e) => field.onChange(e.target.value)} onBlur={blurHandler(field, fieldState)}>
            {Object.entries(options).map(([value, text]) => (
              <FormControlLabel key={value} value={value} control={<Radio slotProps={{ input: { ref: value === Object.keys(options)[0] ? field.ref : undefined } }} />} label={text} />
            ))}
          </RadioGroup>
        </Fieldset>
      )}
    />
  );
}

/** Yes or no, as two radio buttons (a checkbox cannot say "not answered yet"). */
export function YesNoField<T extends FieldValues>({ control, name, label, hint }: Base<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Fieldset label={label} hint={hint} error={fieldState.error?.message}>
          <RadioGroup
            row
            name={field.name}
            value={field.value === undefined || field.value === null ? '' : String(field.value)}
            onChange={(e) => field.onChange(e.target.value === 'true')}
            onBlur={blurHandler(field, fieldState)}
          >
            <FormControlLabel value="true" control={<Radio slotProps={{ input: { ref: field.ref } }} />} label="Yes" />
            <FormControlLabel value="false" control={<Radio />} label="No" />
          </RadioGroup>
        </Fieldset>
      )}
    />
  );
}

/** Any of many: a checkbox per option in a fieldset. */
export function CheckboxGroupField<T extends FieldValues>({ control, name, label, hint, options }: Base<T> & { options: Options }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const chosen = new Set<string>((field.value as string[] | undefined) ?? []);
        const toggle = (value: string) => {
          const next = new Set(chosen);
          if (next.has(value)) next.delete(value);
          else next.add(value);
          field.onChange(Object.keys(options).filter((o) => next.has(o)));
        };
        return (
          <Fieldset label={label} hint={hint} error={fieldState.error?.message}>
            <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
              {Object.entries(options).map(([value, text], i) => (
                <FormControlLabel
                  key={value}
                  control={<Checkbox checked={chosen.has(value)} onChange={() => toggle(value)} onBlur={blurHandler(field, fieldState)} slotProps={{ input: { ref: i === 0 ? field.ref : undefined } }} />}
                  label={text}
                />
              ))}
            </FormGroup>
          </Fieldset>
        );
      }}
    />
  );
}

/** A single checkbox for a statement the person confirms. */
export function CheckboxField<T extends FieldValues>({ control, name, label, hint }: Base<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormControl error={fieldState.error !== undefined} margin="normal" sx={{ display: 'block' }}>
          <FormControlLabel
            control={<Checkbox checked={field.value === true} onChange={(e) => field.onChange(e.target.checked ? true : false)} onBlur={blurHandler(field, fieldState)} slotProps={{ input: { ref: field.ref } }} />}
            label={label}
          />
          {(fieldState.error || hint) && <FormHelperText>{fieldState.error?.message ?? hint}</FormHelperText>}
        </FormControl>
      )}
    />
  );
}

/** A drop-down of options. */
export function SelectField<T extends FieldValues>({ control, name, label, hint, options, numeric }: Base<T> & { options: Options; numeric?: boolean }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          select
          label={label}
          name={field.name}
          inputRef={field.ref}
          value={field.value === undefined || field.value === null ? '' : String(field.value)}
          onChange={(e) => field.onChange(numeric ? Number(e.target.value) : e.target.value)}
          onBlur={blurHandler(field, fieldState)}
          error={fieldState.error !== undefined}
          helperText={fieldState.error?.message ?? hint}
        >
          {Object.entries(options).map(([value, text]) => (
            <MenuItem key={value} value={value}>{text}</MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}
