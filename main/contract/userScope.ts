import { type Role, Role as RoleSchema } from './roles';

/**
 * Who may manage whom. One set of rules, read by main (which enforces them) and by the renderer
 * (which offers only what they allow). DESIGN.md: a manager manages only users whose practices all
 * lie within their own; nobody changes their own role or practices; granting a manager's powers,
 * or changing the account of someone who holds them, is for a manager who covers the whole PCN.
 */

/** Roles that carry user management: giving one of these is giving the keys to other accounts. */
export const managingRoles: readonly Role[] = ['practice_manager', 'admin'];

export interface Account {
  id: number;
  role: Role;
  practiceIds: readonly number[];
}

/** What a change asks for: a new account, or one account's role and practices. */
export type UserChange =
  | { kind: 'create'; role: Role; practiceIds: readonly number[] }
  | { kind: 'update'; target: Account; role: Role; practiceIds: readonly number[] }
  | { kind: 'resetPassword' | 'disable' | 'enable' | 'allowSignIn'; target: Account };

export interface Refusal {
  message: string;
  /** The form field the refusal concerns, when it is one field's choice that is not allowed. */
  field?: 'role' | 'practiceIds';
}

const PCN_LEVEL = 'Only a manager who covers every practice in the PCN can give someone the practice manager or administrator role.';

/** A manager who covers every practice of the PCN: the level at which managers themselves are managed. */
export function coversEveryPractice(manager: Account, allPracticeIds: readonly number[]): boolean {
  return allPracticeIds.length > 0 && allPracticeIds.every((id) => manager.practiceIds.includes(id));
}

function within(manager: Account, practiceIds: readonly number[]): boolean {
  return practiceIds.every((id) => manager.practiceIds.includes(id));
}

/** The roles this manager may give to someone else. */
export function grantableRoles(manager: Account, allPracticeIds: readonly number[]): Role[] {
  const pcnLevel = coversEveryPractice(manager, allPracticeIds);
  return RoleSchema.options.filter((r) => pcnLevel || !managingRoles.includes(r));
}

/** Whether this manager may act on this account at all: their practices all lie within the manager's. */
export function mayManage(manager: Account, target: Account, allPracticeIds: readonly number[]): boolean {
  return refusalOf(manager, { kind: 'disable', target }, allPracticeIds) === null;
}

/**
 * Why this manager may not make this change, or null when they may. Main throws the refusal; the
 * renderer uses the same answer to hide what would be refused.
 */
export function refusalOf(manager: Account, change: UserChange, allPracticeIds: readonly number[]): Refusal | null {
  if (!managingRoles.includes(manager.role)) return { message: 'Only a practice manager or administrator can manage users.' };
  const pcnLevel = coversEveryPractice(manager, allPracticeIds);

  if (change.kind !== 'create') {
    const { target } = change;
    if (target.id === manager.id) return ownAccountRefusal(change);
    if (!within(manager, target.practiceIds)) {
      return { message: 'This person works at a practice you do not cover, so a manager who covers all their practices looks after their account.' };
    }
    if (managingRoles.includes(target.role) && !pcnLevel) {
      return { message: 'Practice manager and administrator accounts are looked after by a manager who covers every practice in the PCN.' };
    }
  }

  if (change.kind === 'create' || change.kind === 'update') {
    if (!within(manager, change.practiceIds)) {
      return { field: 'practiceIds', message: 'You can give access only to the practices you cover.' };
    }
    const granting = change.kind === 'create' || change.target.role !== change.role;
    if (granting && managingRoles.includes(change.role) && !pcnLevel) return { field: 'role', message: PCN_LEVEL };
  }
  return null;
}

function ownAccountRefusal(change: Exclude<UserChange, { kind: 'create' }>): Refusal | null {
  switch (change.kind) {
    case 'update': {
      const { target } = change;
      const [was, asked] = [new Set(target.practiceIds), new Set(change.practiceIds)];
      const samePractices = was.size === asked.size && [...asked].every((id) => was.has(id));
      if (change.role !== target.role) return { field: 'role', message: 'You cannot change your own role: another manager who covers every practice can.' };
      if (!samePractices) return { field: 'practiceIds', message: 'You cannot change your own practices: another manager who covers every practice can.' };
      return null;
    }
    case 'resetPassword':
      return { message: 'Change your own password on the My account screen.' };
    case 'disable':
      return { message: 'You cannot disable your own account.' };
    case 'enable':
    case 'allowSignIn':
      return { message: 'Another manager must do this for your own account.' };
  }
}
