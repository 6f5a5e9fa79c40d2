import { z } from 'zod';

export const Role = z.enum(['reception', 'clinician', 'link_worker', 'practice_manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const roleLabels: Readonly<Record<Role, string>> = {
  reception: 'Reception / care navigator',
  clinician: 'Clinician',
  link_worker: 'Social prescribing link worker',
  practice_manager: 'Practice manager',
  admin: 'Administrator',
};

/** Roles that may manage users, backups, settings and read the audit log. */
export const managers = ['practice_manager', 'admin'] as const satisfies readonly Role[];
/** Everyone who refers patients (DESIGN.md: all but admin). */
export const referrers = ['reception', 'clinician', 'link_worker', 'practice_manager'] as const satisfies readonly Role[];
