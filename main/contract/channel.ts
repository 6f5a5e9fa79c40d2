import type { z } from 'zod';
import type { Role } from './roles';

/**
 * Who may call a channel:
 * - 'public': no session needed (setup, login, unlock, state);
 * - 'signed-in': any unlocked user;
 * - a list of roles.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * How dispatch audits a successful call. 'write' runs the handler and the audit entry in one
 * transaction; 'read' audits a read of patient data; 'self' means the handler audits itself
 * (login and setup, where the database is not open before the handler runs).
 */
export type AuditMode = 'write' | 'read' | 'self' | 'none';

export interface ChannelDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  readonly summary: string;
  readonly access: A;
  readonly audit: AuditMode;
  readonly input: I;
  readonly output: O;
  /** Calls that must not count as user activity (the renderer's lock poll). */
  readonly passive?: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType, const A extends Access>(
  def: ChannelDef<I, O, A>,
): ChannelDef<I, O, A> {
  return def;
}

export function roleMayCall(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'signed-in') return true;
  return access.includes(role);
}
