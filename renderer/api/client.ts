import type { ChannelName, Input, Output } from '../../main/contract';
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

type Transport = (channel: string, input: unknown) => Promise<Result<unknown>>;

const TOKEN_KEY = 'signpost.devhost.token';

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
    if (response.status === 401) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'This browser tab has lost its link to Signpost: open the address that Signpost printed when it started.' } };
    }
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
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'Signpost’s main process did not answer. Nothing was saved; try again.' });
  }
  if (result.ok) return result.result as Output<C>;
  if (result.error.code === 'LOCKED' || result.error.code === 'UNAUTHENTICATED') sessionLostListeners.forEach((l) => l());
  throw new ApiError(result.error);
}

/** For tests: replace the transport (component tests talk to an in-memory dispatch). */
export function setTransport(next: Transport | undefined): void {
  transport = next;
}
