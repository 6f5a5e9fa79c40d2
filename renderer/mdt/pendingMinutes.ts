import type { MinutesInput } from '../../main/contract/mdt';
import { call } from '../api/client';

/**
 * Minutes typed but not yet saved in main. Kept in this module (memory only, never the browser's
 * storage), which outlives the screens: when the app locks mid-meeting, the lock screen replaces
 * meeting mode, and on unlock what was typed is put back and saved.
 */
const pending = new Map<number, Required<MinutesInput>>();

export function holdMinutes(values: Required<MinutesInput>): void {
  pending.set(values.itemId, values);
}

export function heldMinutes(itemId: number): Required<MinutesInput> | undefined {
  return pending.get(itemId);
}

/** Saves what is held for an item; keeps it held if main cannot take it now (locked). */
export async function flushMinutes(itemId: number): Promise<string | undefined> {
  const values = pending.get(itemId);
  if (!values) return undefined;
  const saved = await call('mdt.saveMinutes', values);
  if (pending.get(itemId) === values) pending.delete(itemId);
  return saved.savedAt;
}

export async function flushAll(itemIds: readonly number[]): Promise<void> {
  for (const id of itemIds) if (pending.has(id)) await flushMinutes(id);
}
