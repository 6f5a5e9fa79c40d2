import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { Role, roleLabels } from '../../main/contract/roles';

export function RoleSelect<T extends FieldValues>({ control, name }: { control: Control<T>; name: Path<T> }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField select label="Role" {...field} error={fieldState.error !== undefined} helperText={fieldState.error?.message}>
          {Role.options.map((r) => (
            <MenuItem key={r} value={r}>{roleLabels[r]}</MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}
