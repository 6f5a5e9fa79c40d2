import { format, parseISO } from 'date-fns';

/** UK date: 25/11/2026. */
export function ukDate(iso: string): string {
  return format(parseISO(iso), 'dd/MM/yyyy');
}

/** UK date and 24-hour time: 25/11/2026 14:05. */
export function ukDateTime(iso: string): string {
  return format(parseISO(iso), 'dd/MM/yyyy HH:mm');
}

/** 24-hour time of day: 14:05. */
export function ukTime(iso: string): string {
  return format(parseISO(iso), 'HH:mm');
}
