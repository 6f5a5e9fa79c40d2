import { z } from 'zod';
import { channel } from './channel';
import { Id, NewPassword, OdsCode, Password, requiredText, Timestamp, Username } from './fields';
import { managers, Role } from './roles';

export const Practice = z.object({ id: Id, name: z.string(), odsCode: z.string() });
export type Practice = z.infer<typeof Practice>;

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  role: Role,
  practiceIds: z.array(Id),
  mustChangePassword: z.boolean(),
  /** Set while the user signs in with a temporary password that someone else set: who, and when. */
  passwordReset: z.object({ byName: z.string(), at: Timestamp }).nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-set-up') }),
  z.object({ state: z.literal('signed-out') }),
  /** Locked: only who is locked out is known; nothing else is shown until unlock. */
  z.object({ state: z.literal('locked'), user: z.object({ username: z.string(), fullName: z.string() }) }),
    /** idleLockSeconds: the effective idle limit, so the renderer knows how often to say it is in use. */
  z.object({ state: z.literal('active'), user: SessionUser, pcnName: z.string(), idleLockSeconds: z.number() }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const NewPractice = z.object({ name: requiredText('the practice name', 120), odsCode: OdsCode });

export const SetupInput = z.object({
  pcnName: requiredText('the Primary Care Network name', 120),
  practices: z
    .array(NewPractice)
    .min(1, 'Add at least one practice')
    .max(60, 'A PCN has 60 practices or fewer')
    .refine((ps) => new Set(ps.map((p) => p.odsCode)).size === ps.length, 'Each practice needs its own ODS code'),
  manager: z.object({
    fullName: requiredText('your full name', 120),
    username: Username,
    password: NewPassword,
  }),
});
export type SetupInput = z.infer<typeof SetupInput>;

export const UserRow = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  role: Role,
  practiceIds: z.array(Id),
  enabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type UserRow = z.infer<typeof UserRow>;

/** A row of the Users screen: the account, and what the person looking may do to it. */
export const ListedUser = UserRow.extend({
  /** While wrong passwords have paused this person's sign-in. */
  signInPausedUntil: Timestamp.nullable(),
  may: z.object({
    /** Change the name (one's own included). */
    editName: z.boolean(),
    /** Change the role and practices: never one's own, only within the manager's practices. */
    editAccess: z.boolean(),
    resetPassword: z.boolean(),
    disable: z.boolean(),
    enable: z.boolean(),
    allowSignIn: z.boolean(),
  }),
});
export type ListedUser = z.infer<typeof ListedUser>;

const practiceIds = z.array(Id).min(1, 'Choose at least one practice').max(100, 'Choose 100 practices or fewer');

export const NewUser = z.object({
  fullName: requiredText('the full name', 120),
  username: Username,
  role: Role,
  practiceIds,
  temporaryPassword: NewPassword,
});
export type NewUser = z.infer<typeof NewUser>;

export const Settings = z.object({
  idleLockMinutes: z
    .number({ error: 'Enter a number of minutes' })
    .int('Enter a whole number of minutes')
    .min(1, 'The idle lock is at least 1 minute')
    .max(60, 'The idle lock is at most 60 minutes: practice PCs are shared'),
});
export type Settings = z.infer<typeof Settings>;

const Ok = z.object({ done: z.literal(true) });

export const setupChannels = {
  'setup.create': channel({
    summary: 'First run: the PCN, its practices, the first practice manager; returns the recovery key once.',
    access: 'public',
    audit: 'self',
    input: SetupInput,
    output: z.object({ recoveryKey: z.string() }),
  }),
};

export const authChannels = {
  'app.time': channel({
    summary: 'Main’s clock, so that the renderer’s defaults ("today") agree with the rules that check them.',
    access: 'public',
    audit: 'none',
    passive: true,
    input: z.object({}),
    output: z.object({ now: z.string() }),
  }),
  'auth.state': channel({
    summary: 'Whether Signpost is set up, and who is signed in or locked out.',
    access: 'public',
    audit: 'none',
    passive: true,
    input: z.object({}),
    output: SessionState,
  }),
  'auth.login': channel({
    summary: 'Sign in by unwrapping the user’s key slot.',
    access: 'public',
    audit: 'self',
    input: z.object({ username: Username, password: Password }),
    output: SessionState,
  }),
  'auth.unlock': channel({
    summary: 'Unlock the locked session with the same user’s password.',
    access: 'public',
    audit: 'self',
    input: z.object({ password: Password }),
    output: SessionState,
  }),
  'auth.lock': channel({
    summary: 'Lock now: main closes the database and the renderer hides everything.',
    access: 'signed-in',
    audit: 'self',
    input: z.object({}),
    output: SessionState,
  }),
  'auth.logout': channel({
    summary: 'Sign out (also from the lock screen).',
    access: 'public',
    audit: 'self',
    input: z.object({}),
    output: SessionState,
  }),
  'auth.heartbeat': channel({
    summary: 'The person is still at the keyboard: postpones the idle lock.',
    access: 'signed-in',
    audit: 'none',
    input: z.object({}),
    output: Ok,
  }),
  'auth.changePassword': channel({
    summary: 'Change your own password: rewrites your key slot.',
    access: 'signed-in',
    audit: 'write',
    input: z
      .object({ currentPassword: Password, newPassword: NewPassword })
      .refine((v) => v.currentPassword !== v.newPassword, {
        path: ['newPassword'],
        message: 'Choose a password different from your current one',
      }),
    output: SessionState,
  }),
};

export const peopleChannels = {
  'practices.list': channel({
    summary: 'The practices of the PCN.',
    access: 'signed-in',
    audit: 'none',
    input: z.object({}),
    output: z.object({ pcnName: z.string(), practices: z.array(Practice) }),
  }),
  'users.list': channel({
    summary: 'The accounts of the caller’s practices (every account for a PCN-level manager), with what the caller may do to each.',
    access: managers,
    audit: 'none',
    input: z.object({}),
    output: z.array(ListedUser),
  }),
  'users.create': channel({
    summary: 'Add a user with a temporary password they change at first sign-in.',
    access: managers,
    audit: 'write',
    input: NewUser,
    output: UserRow,
  }),
  'users.update': channel({
    summary: 'Change a user’s name, role or practices.',
    access: managers,
    audit: 'write',
    input: z.object({ id: Id, fullName: requiredText('the full name', 120), role: Role, practiceIds }),
    output: UserRow,
  }),
  'users.disable': channel({
    summary: 'Disable a user: removes their key slot so their password unwraps nothing.',
    access: managers,
    audit: 'write',
    input: z.object({ id: Id }),
    output: UserRow,
  }),
  'users.enable': channel({
    summary: 'Re-enable a user with a fresh key slot under a temporary password.',
    access: managers,
    audit: 'write',
    input: z.object({ id: Id, temporaryPassword: NewPassword }),
    output: UserRow,
  }),
  'users.resetPassword': channel({
    summary: 'Give a user a temporary password (a fresh key slot); they change it at next sign-in and are told who reset it.',
    access: managers,
    audit: 'write',
    input: z.object({ id: Id, temporaryPassword: NewPassword }),
    output: UserRow,
  }),
  'users.allowSignIn': channel({
    summary: 'Lift the pause that repeated wrong passwords put on a user’s sign-in.',
    access: managers,
    audit: 'write',
    input: z.object({ id: Id }),
    output: UserRow,
  }),
  'settings.get': channel({
    summary: 'Practice-wide settings.',
    access: 'signed-in',
    audit: 'none',
    input: z.object({}),
    output: Settings,
  }),
  'settings.update': channel({
    summary: 'Change practice-wide settings.',
    access: managers,
    audit: 'write',
    input: Settings,
    output: Settings,
  }),
};
