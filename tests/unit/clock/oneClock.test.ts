import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import { parseAt, ruleNow } from '../../../main/contract/time';
import { call, newInstallation } from '../../support/installation';
import { createReferral, expectError, newReferral } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

describe('one clock for every rule', () => {
  it('takes "today" in England from the session’s clock: a baby born at 00:20 BST is not "in the future"', async () => {
    // 23:30 UTC on 7 June is 00:30 on 8 June in England: the UTC date is still the 7th.
    const { session } = await newInstallation(tempFolder(), fixedClock('2026-06-07T23:30:00Z'));
    const made = await createReferral(session, newReferral(
      { dateOfBirth: '2026-06-08' },
      { referralDate: '2026-06-08', consentDate: '2026-06-08' },
    ));
    expect(made.id).toBeGreaterThan(0);
    const e = await expectError(session, 'referrals.create', newReferral({ nhsNumber: '999 000 0026', dateOfBirth: '2026-06-09' }));
    expect(e.fieldErrors?.['patient.dateOfBirth']).toEqual(['The date of birth cannot be in the future']);
  });

  it('judges the future by main’s clock, not the machine’s: on a clock set in 2020, a 2021 birth is refused', async () => {
    const { session } = await newInstallation(tempFolder(), fixedClock('2020-03-02T10:00:00Z'));
    const e = await expectError(session, 'referrals.create', newReferral({ dateOfBirth: '2021-01-01' }, { referralDate: '2020-03-02', consentDate: '2020-03-02' }));
    expect(e.fieldErrors?.['patient.dateOfBirth']).toEqual(['The date of birth cannot be in the future']);
  });

  it('stamps audit entries with the session clock’s time', async () => {
    const clock = fixedClock('2026-12-04T10:30:00Z');
    const { session } = await newInstallation(tempFolder(), clock);
    clock.set('2026-12-04T10:33:20Z');
    await createReferral(session, newReferral());
    const { entries } = (await call(session, 'audit.list', { limit: 5 })) as { entries: AuditEntry[] };
    expect(entries.find((e) => e.action === 'referrals.create')?.at).toBe('2026-12-04T10:33:20.000Z');
    expect(entries.find((e) => e.action === 'setup.create')?.at).toBe('2026-12-04T10:30:00.000Z');
  });

  it('refuses to guess the time when a schema is parsed outside dispatch', () => {
    expect(() => ruleNow()).toThrow(/outside parseAt/);
    expect(parseAt(new Date('2026-12-04T10:30:00Z'), () => ruleNow().toISOString())).toBe('2026-12-04T10:30:00.000Z');
  });
});

describe('main reads the machine’s clock in one place only', () => {
  const root = resolve(__dirname, '../../../main');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

  it('has no Date.now() or argument-less new Date() outside main/clock', () => {
    const offenders = files(root)
      .filter((f) => !relative(root, f).startsWith('clock'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/Date\.now\(\)|new Date\(\)/.test(line) ? [`${relative(root, f)}:${i + 1}`] : [])));
    expect(offenders).toEqual([]);
  });
});
