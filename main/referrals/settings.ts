import type { Db } from '../store/database';

export interface ReferralSettings {
  staleAfterWorkingDays: number;
  contactAttemptsBeforeUnable: number;
}

const defaults: ReferralSettings = { staleAfterWorkingDays: 10, contactAttemptsBeforeUnable: 3 };
const keys = Object.keys(defaults) as (keyof ReferralSettings)[];

export async function readReferralSettings(db: Db): Promise<ReferralSettings> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('key', 'in', keys).execute();
  const out = { ...defaults };
  for (const r of rows) {
    const value = Number(r.value);
    if (Number.isInteger(value) && value > 0) out[r.key as keyof ReferralSettings] = value;
  }
  return out;
}

export async function writeReferralSettings(db: Db, changes: Partial<ReferralSettings>): Promise<ReferralSettings> {
  for (const key of keys) {
    const value = changes[key];
    if (value === undefined) continue;
    await db
      .insertInto('setting')
      .values({ key, value: String(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
      .execute();
  }
  return readReferralSettings(db);
}
