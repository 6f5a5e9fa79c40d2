import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { type Role, roleLabels } from '../../main/contract/roles';

/** The roles offered are only those the person choosing may give (main refuses any other). */
export function RoleSelect<T extends FieldValues>({ control, name, roles }: { control: Control<T>; name: Path<T>; roles: readonly Role[] }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField select label="Role" {...field} error={fieldState.error !== undefined} helperText={fieldState.error?.message}>
          {roles.map((r) => (
            <MenuItem key={r} value={r}>{roleLabels[r]}</MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}
