import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Tooltip from '@mui/material/Tooltip';
import ShowIcon from '@mui/icons-material/VisibilityOutlined';
import HideIcon from '@mui/icons-material/VisibilityOffOutlined';
import { useId, useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import { FormField, type FormFieldProps } from './FormField';

/** A password field whose owner can check what they typed (a typo in a new password locks them out). */
export function PasswordField<T extends FieldValues>(props: Omit<FormFieldProps<T>, 'type'>) {
  const [shown, setShown] = useState(false);
  const ownId = useId();
  const id = props.id ?? ownId;
  // Inside the field it belongs to, so it need not repeat the field's label (which would make
  // "Password" name two things on the screen).
  const label = shown ? 'Hide what is typed' : 'Show what is typed';
  return (
    <FormField
      {...props}
      id={id}
      type={shown ? 'text' : 'password'}
      slotProps={{
        ...props.slotProps,
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={label}>
                <IconButton aria-label={label} aria-controls={id} aria-pressed={shown} onClick={() => setShown((s) => !s)} edge="end">
                  {shown ? <HideIcon /> : <ShowIcon />}
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
