import type { MinutesInput } from '../../main/contract/mdt';
import { call } from '../api/client';
import { onFlush, onForget } from '../shared/sessionMemory';

/**
 * Minutes as last typed, and which of them main has not yet saved. Kept in this module (memory
 * only, never the browser's storage), which outlives the screens: when the app locks mid-meeting,
 * the lock screen replaces meeting mode; on unlock what was typed is shown again and saved, even
 * if the agenda main sent back was read before the save landed.
 */
const latest = new Map<number, Required<MinutesInput>>();
const unsaved = new Set<number>();

export function holdMinutes(values: Required<MinutesInput>): void {
  latest.set(values.itemId, values);
  unsaved.add(values.itemId);
}

export function heldMinutes(itemId: number): Required<MinutesInput> | undefined {
  return latest.get(itemId);
}

/** Saves what is held for an item; keeps it marked unsaved if main cannot take it now (locked). */
export async function flushMinutes(itemId: number): Promise<string | undefined> {
  const values = latest.get(itemId);
  if (!values || !unsaved.has(itemId)) return undefined;
  const saved = await call('mdt.saveMinutes', values);
  if (latest.get(itemId) === values) unsaved.delete(itemId);
  return saved.savedAt;
}

export async function flushAll(itemIds: readonly number[]): Promise<void> {
  for (const id of itemIds) if (unsaved.has(id)) await flushMinutes(id);
}

/** After the meeting: main has everything, so nothing is kept here. */
export function forgetMinutes(itemIds: readonly number[]): void {
  for (const id of itemIds) if (!unsaved.has(id)) latest.delete(id);
}

// Lock and sign-out send what is held first; sign-out then forgets it, so the next person at the PC
// never finds another's minutes.
onFlush(() => flushAll([...unsaved]));
onForget(() => {
  latest.clear();
  unsaved.clear();
});
