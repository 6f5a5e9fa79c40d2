import type { Db } from '../store/database';

const KEY = 'caseworkNoContactAlertDays';
export const DEFAULT_NO_CONTACT_ALERT_DAYS = 14;

/** Days without a contact that reached the person before a case stands out on the caseload. */
export async function readNoContactAlertDays(db: Db): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', KEY).executeTakeFirst();
  const days = Number(row?.value);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_NO_CONTACT_ALERT_DAYS;
}

export async function writeNoContactAlertDays(db: Db, days: number): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key: KEY, value: String(days) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days) }))
    .execute();
}
