import { dispatch } from '../../main/dispatch/dispatch';
import type { Session } from '../../main/session/session';
import { setTransport } from '../../renderer/api/client';
import { alignViewClock } from '../../renderer/shared/clock';

/** Component tests talk to the real dispatch over a real encrypted store: only the transport is in memory. */
export function useSessionTransport(session: Session): string[] {
  const calls: string[] = [];
  alignViewClock(session.clock.now());
  setTransport(async (channel, input) => {
    calls.push(channel);
    // JSON round trip, as over IPC or HTTP: nothing but plain data crosses.
    return JSON.parse(JSON.stringify(await dispatch(session, channel, JSON.parse(JSON.stringify(input ?? {})))));
  });
  return calls;
}
