import type { z } from 'zod';
import { auditChannels } from './audit';
import { caseworkChannels } from './casework';
import type { ChannelDef } from './channel';
import { directoryChannels } from './directory';
import { draftChannels } from './drafts';
import { mdtChannels } from './mdt';
import { measureChannels } from './measures';
import { newsletterChannels } from './newsletter';
import { authChannels, peopleChannels, setupChannels } from './people';
import { referralChannels } from './referrals';
import { securityChannels } from './security';

/** Every channel between renderer and main: `capability.verb` → its schemas and who may call it. */
export const contract = {
  ...setupChannels,
  ...authChannels,
  ...peopleChannels,
  ...auditChannels,
  ...referralChannels,
  ...measureChannels,
  ...directoryChannels,
  ...caseworkChannels,
  ...mdtChannels,
  ...newsletterChannels,
  ...securityChannels,
  ...draftChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type Output<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { AppError, fieldErrorsFrom } from './errors';
export type { AppErrorShape, ErrorCode, FieldErrors, Result } from './errors';
export { roleMayCall } from './channel';
export * from './roles';
