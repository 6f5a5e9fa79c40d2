import type { ChannelName, Contract, Output, ParsedInput } from '../contract';
import type { SessionUser } from '../contract/people';
import type { Db, OpenStore } from '../store/database';
import type { Session } from '../session/session';

/** What dispatch records about a successful write: which record, and in a few words what changed. */
export interface AuditTarget {
  type: string;
  id: string | number;
  detail?: string;
}

export interface PublicContext {
  session: Session;
  /** The instant of this call, read once from the session's clock: every rule in the call uses it. */
  now: Date;
}

export interface UserContext extends PublicContext {
  user: SessionUser;
  /** Inside a transaction for 'write' channels. */
  db: Db;
  store: OpenStore;
  /** Names the record a write or read touched, for its audit entry. */
  auditTarget(target: AuditTarget): void;
}

export type ContextFor<C extends ChannelName> = Contract[C]['access'] extends 'public' ? PublicContext : UserContext;

export type Handler<C extends ChannelName> = (ctx: ContextFor<C>, input: ParsedInput<C>) => Promise<Output<C>>;

/** One capability's handlers: each capability folder exports one of these for its channels. */
export type HandlerGroup<C extends ChannelName> = { readonly [K in C]: Handler<K> };
