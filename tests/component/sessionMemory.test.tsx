import { afterEach, describe, expect, it, vi } from 'vitest';
import { followSession, onFlush, onForget, recall, remember, flushPending, forgetScreen } from '../../renderer/shared/sessionMemory';

const lee = { state: 'locked', user: { username: 'lee' } };

afterEach(() => sessionStorage.clear());

describe('what the tab remembers belongs to the person signed in', () => {
  it('keeps the same person’s screen through a lock, and forgets it when someone else signs in', () => {
    followSession({ state: 'active', user: { username: 'lee' } });
    remember('view', { id: 'mdt' }, 'session');
    followSession(lee);
    followSession({ state: 'active', user: { username: 'lee' } });
    expect(recall('view', 'session')).toEqual({ id: 'mdt' });

    followSession({ state: 'active', user: { username: 'amir' } });
    expect(recall('view', 'session')).toBeUndefined();
  });

  it('forgets everything at sign-out but the tab’s link to Signpost, and tells held memory to go', () => {
    sessionStorage.setItem('signpost.devhost.token', 'abc123');
    followSession({ state: 'active', user: { username: 'lee' } });
    remember('view', { id: 'inbox' }, 'session');
    remember('contact-open:3', true);
    const forget = vi.fn();
    const stop = onForget(forget);
    followSession({ state: 'signed-out' });
    stop();
    expect(forget).toHaveBeenCalled();
    expect(Object.keys(sessionStorage)).toEqual(['signpost.devhost.token']);
  });

  it('forgets what belonged to a screen when the person moves on, but not their place', () => {
    remember('view', { id: 'inbox', referralId: 3 }, 'session');
    remember('contact-open:3', true);
    forgetScreen();
    expect(recall('contact-open:3')).toBeUndefined();
    expect(recall('view', 'session')).toEqual({ id: 'inbox', referralId: 3 });
  });

  it('sends what is waiting before a lock, even when one sender fails', async () => {
    const sent: string[] = [];
    const stops = [onFlush(async () => { throw new Error('locked'); }), onFlush(async () => { sent.push('draft'); })];
    await flushPending();
    stops.forEach((s) => s());
    expect(sent).toEqual(['draft']);
  });
});
