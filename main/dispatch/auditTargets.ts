import type { AuditTarget } from './handler';

/** The audit target of a list read: which records were shown ('none' when the list was empty), and what the list was. */
export function listTarget(type: string, ids: readonly number[], detail: string): AuditTarget {
  return { type, id: ids.length > 0 ? ids.join(',') : 'none', detail };
}
