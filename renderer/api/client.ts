import { type ChannelName, contract, type Input, type Output } from '../../main/contract';
import type { AppErrorShape, FieldErrors, Result } from '../../main/contract/errors';

/** What the Electron preload exposes; absent in a plain browser (the development host). */
interface SignpostBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    signpost?: SignpostBridge;
  }
}

/** A typed error from main, carrying the field errors a form shows next to its fields. */
export class ApiError extends Error {
  readonly code: AppErrorShape['code'];
  readonly fieldErrors: FieldErrors;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.fieldErrors = shape.fieldErrors ?? {};
  }
}

/**
 * Main could not be reached at all (no answer, or a browser tab without its link to the development
 * host): not a refusal by main, so the session is not lost and the screen keeps what it shows.
 */
export class ConnectionError extends ApiError {
  readonly reason: 'no-answer' | 'no-link';
  constructor(reason: 'no-answer' | 'no-link', message: string) {
    super({ code: 'INTERNAL', message });
    this.name = 'ConnectionError';
    this.reason = reason;
  }
}

/** Writes that are not audited (a draft is the person's own unfinished typing). */
const unauditedWrites: ReadonlySet<ChannelName> = new Set(['referrals.saveDraft', 'referrals.discardDraft', 'drafts.save', 'drafts.discard']);

/** Whether a channel changes data (its failure means "not saved") or only reads it. */
function changesData(channel: ChannelName): boolean {
  const audit: string = contract[channel].audit;
  return audit === 'write' || audit === 'self' || unauditedWrites.has(channel);
}

function noAnswer(channel: ChannelName): ConnectionError {
  return new ConnectionError(
    'no-answer',
    changesData(channel)
      ? 'Signpost cannot reach its data just now, so this was not saved. What you typed is still here: try again in a moment.'
      : 'Signpost cannot reach its data just now, so this cannot be shown. Try again in a moment; if it goes on, close Signpost and open it again.',
  );
}

export const NO_ANSWER_MESSAGE = 'Signpost cannot reach its data just now. It tries again every few seconds; if this goes on, close Signpost and open it again.';

export const NO_LINK_MESSAGE =
  'This browser tab has no link to Signpost. Open the address that Signpost printed when it started (it ends in #token=…), or start Signpost again.';

type Transport = (channel: string, input: unknown) => Promise<Result<unknown>>;

const TOKEN_KEY = 'signpost.devhost.token';

/** Empties this tab's storage at sign-out, all but its link to the development host. */
export function keepOnlyTransportLink(): void {
  const token = sessionStorage.getItem(TOKEN_KEY);
  sessionStorage.clear();
  if (token !== null) sessionStorage.setItem(TOKEN_KEY, token);
}

/** The development host's answer to a tab without its token (never main's own refusal). */
const NO_LINK = 'no-link';

/** The development host's token arrives in the URL fragment once; it is kept for this tab only. */
function devHostToken(): string {
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = devHostToken();
  return async (channel, input) => {
    const response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    if (response.status === 401) throw new Error(NO_LINK);
    return (await response.json()) as Result<unknown>;
  };
}

let transport: Transport | undefined;

function currentTransport(): Transport {
  transport ??= window.signpost ? (c, i) => window.signpost!.invoke(c, i) : httpTransport();
  return transport;
}

/** Listeners told when main answers LOCKED or UNAUTHENTICATED, so the app shows its lock screen at once. */
const sessionLostListeners = new Set<() => void>();
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** The typed client: the contract's channel names and schemas are its types. */
export async function call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> {
  let result: Result<unknown>;
  try {
    result = await currentTransport()(channel, input);
  } catch (error) {
    if (error instanceof Error && error.message === NO_LINK) throw new ConnectionError('no-link', NO_LINK_MESSAGE);
    throw noAnswer(channel);
  }
  if (result.ok) return result.result as Output<C>;
  if (result.error.code === 'LOCKED' || result.error.code === 'UNAUTHENTICATED') sessionLostListeners.forEach((l) => l());
  throw new ApiError(result.error);
}

/** For tests: replace the transport (component tests talk to an in-memory dispatch). */
export function setTransport(next: Transport | undefined): void {
  transport = next;
}
