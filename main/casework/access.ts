import { workingStates } from '../contract/casework';
import { AppError } from '../contract/errors';
import { type ReferralStatus, statusLabels } from '../contract/referrals';
import type { ReferralRow } from '../referrals/access';

/**
 * Casework is recorded while the case is worked: from acceptance until it ends. A received referral
 * is not yet anyone's case; an ended one is history.
 */
export function assertWorking(row: ReferralRow, doing: string): void {
  const status = row.status as ReferralStatus;
  if (workingStates.includes(status)) return;
  const message =
    status === 'received'
      ? `Accept the referral before you ${doing}.`
      : `This case is ${statusLabels[status].toLowerCase()}: you cannot ${doing} any more.`;
  throw new AppError('CONFLICT', message);
}

/** Text for the timeline: one line, at most `max` characters. */
export function brief(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
