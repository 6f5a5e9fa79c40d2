import { createEvents, type EventAttributes } from 'ics';
import type { Meeting } from '../../contract/mdt';
import { londonToUtc } from '../../mdt/time';
import { plainText } from '../format';

/**
 * MDT meetings as an iCalendar file that Outlook imports. Each meeting is written with its start
 * and end converted to UTC from the wall-clock time in England (13:00 in February is 13:00Z, in
 * July 12:00Z), so it lands at 13:00 on either side of a clock change whatever the PC's time zone.
 * No patient information is ever put in an invitation.
 */

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pcn';
}

function description(m: Meeting): string {
  const lines = [`${m.practiceName} (${m.odsCode}) multidisciplinary team meeting.`];
  if (m.chair) lines.push(`Chair: ${m.chair}`);
  if (m.linkWorkers.length > 0) lines.push(`Social prescribing link worker${m.linkWorkers.length > 1 ? 's' : ''}: ${m.linkWorkers.map((w) => w.name).join(', ')}`);
  if (m.attendees.length > 0) lines.push(`Attendees: ${m.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join(', ')}`);
  if (m.onlineLink) lines.push(`Join online: ${m.onlineLink}`);
  if (m.movedFrom) lines.push(`Moved: ${m.movedFrom.reason}`);
  if (m.status === 'cancelled') lines.push(`Cancelled: ${m.cancelReason ?? ''}`);
  lines.push('The agenda is circulated separately. Signpost puts no patient information in calendar invitations.');
  return lines.map(plainText).join('\n');
}

export function meetingsIcs(meetings: readonly Meeting[], pcnName: string, sequences: ReadonlyMap<number, number> = new Map()): string {
  const domain = `${slug(pcnName)}.signpost.invalid`;
  const events: EventAttributes[] = meetings.map((m) => ({
    uid: `mdt-meeting-${m.id}@${domain}`,
    sequence: sequences.get(m.id) ?? 0,
    title: plainText(`${m.status === 'cancelled' ? 'CANCELLED: ' : ''}${m.title}: ${m.practiceName}`),
    description: description(m),
    location: plainText(m.place || (m.onlineLink ? 'Online' : '')),
    ...(m.onlineLink ? { url: m.onlineLink } : {}),
    start: londonToUtc(m.date, m.startTime).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: londonToUtc(m.date, m.endTime).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: m.status === 'cancelled' ? 'FREE' : 'BUSY',
    productId: 'signpost/mdt',
    calName: plainText(`${pcnName} MDT meetings`),
  }));
  const { error, value } = createEvents(events, { productId: 'signpost/mdt', method: 'PUBLISH', calName: plainText(`${pcnName} MDT meetings`) });
  if (error || value === null) throw error ?? new Error('The calendar file could not be written.');
  return value;
}
