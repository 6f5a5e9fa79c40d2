import type { ChannelName } from '../contract';
import { auditHandlers } from '../audit/handlers';
import { caseworkHandlers } from '../casework/handlers';
import { directoryHandlers } from '../directory/handlers';
import { draftHandlers } from '../drafts/handlers';
import { mdtHandlers } from '../mdt/handlers';
import { measureHandlers } from '../measures/handlers';
import { newsletterHandlers } from '../newsletter/handlers';
import { authHandlers, peopleHandlers, setupHandlers } from '../people/handlers';
import { referralHandlers } from '../referrals/handlers';
import { keyHandlers } from '../session/keyHandlers';
import type { HandlerGroup } from './handler';

/** Every channel's handler; the type makes a missing or misspelt one a compile error. */
export const handlers: HandlerGroup<ChannelName> = {
  ...setupHandlers,
  ...authHandlers,
  ...peopleHandlers,
  ...auditHandlers,
  ...referralHandlers,
  ...measureHandlers,
  ...directoryHandlers,
  ...caseworkHandlers,
  ...mdtHandlers,
  ...newsletterHandlers,
  ...keyHandlers,
  ...draftHandlers,
};
