import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResult, Service } from '../../../main/contract/directory';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, signInAs } from '../../support/referrals';

export const FIXTURES = join(__dirname, '../../fixtures/directory');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A PCN with the usual team (Lee the link worker, Rita at reception, Kim at practice 2), Lee signed in. */
export async function directoryAsLinkWorker(folder: string): Promise<{ session: Session; team: Awaited<ReturnType<typeof addTeam>> }> {
  const { session } = await newInstallation(folder);
  const team = await addTeam(session);
  await signInAs(session, 'lee');
  return { session, team };
}

export async function importFile(session: Session, input: { format: 'csv' | 'oruk'; content: string; mode: 'good_rows' | 'all_or_nothing'; dryRun?: boolean; firstRow?: number }): Promise<ImportResult> {
  return (await call(session, 'directory.import', input)) as ImportResult;
}

export async function search(session: Session, query: Record<string, unknown> = {}): Promise<{ rows: Service[]; total: number }> {
  return (await call(session, 'directory.search', query)) as { rows: Service[]; total: number };
}

export async function allNames(session: Session): Promise<string[]> {
  return (await search(session, { limit: 200, includeArchived: true })).rows.map((s) => s.name);
}

/** A complete service as the form sends it. */
export function serviceInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Riverside Walking Group',
    organisation: 'Leeds Ramblers',
    categories: ['physical_activity', 'loneliness'],
    tags: ['walking', 'outdoors'],
    description: 'Gentle walks along the canal, finishing with a cup of tea.',
    eligibility: 'Adults who can walk for 30 minutes',
    howToRefer: 'signpost',
    phone: '0113 496 0001',
    email: 'walks@example.org',
    website: 'www.example.org/walks',
    address: 'Canal Wharf, Water Lane, Leeds',
    postcode: 'ls11 5ps',
    openingTimes: 'Tuesdays 10:00',
    cost: 'free',
    costNote: '',
    lastChecked: '2026-02-03',
    ...overrides,
  };
}
