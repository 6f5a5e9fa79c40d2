import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import type { Practice } from '../../main/contract/people';
import { blurHandler } from '../shared/FormField';

export function PracticePicker<T extends FieldValues>({ control, name, practices }: { control: Control<T>; name: Path<T>; practices: Practice[] }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const chosen = new Set<number>((field.value as number[] | undefined) ?? []);
        const toggle = (id: number) => {
          const next = new Set(chosen);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          field.onChange([...next]);
        };
        return (
          <FormControl component="fieldset" error={fieldState.error !== undefined} margin="normal">
            <FormLabel component="legend">Works at</FormLabel>
            <FormGroup>
              {practices.map((p) => (
                <FormControlLabel
                  key={p.id}
                  control={<Checkbox checked={chosen.has(p.id)} onChange={() => toggle(p.id)} onBlur={blurHandler(field, fieldState)} />}
                  label={`${p.name} (${p.odsCode})`}
                />
              ))}
            </FormGroup>
            {fieldState.error && <FormHelperText>{fieldState.error.message}</FormHelperText>}
          </FormControl>
        );
      }}
    />
  );
}
