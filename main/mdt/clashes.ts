import type { Clash, CoverageRow } from '../contract/mdt';
import { minutesOfDay, ukDayDate } from './time';

/** A meeting as the clash and coverage rules see it. Pure data: no database. */
export interface PlannedMeeting {
  /** Null for a meeting being planned and not yet saved. */
  id: number | null;
  practiceId: number;
  practiceName: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  linkWorkerIds: readonly number[];
}

export interface LinkWorker {
  id: number;
  name: string;
  practiceIds: readonly number[];
}

/** The travel gap a practice asks for between its MDT and another practice's on the same day. */
export type TravelGap = (practiceId: number) => number;

function describe(m: PlannedMeeting): string {
  return `${m.practiceName} ${m.title} ${m.startTime}–${m.endTime}`;
}

/**
 * How two meetings of one link worker on one day clash, or null: they overlap; or they are at
 * different practices with less time between them than either practice's travel gap.
 */
export function clashBetween(a: PlannedMeeting, b: PlannedMeeting, worker: { id: number; name: string }, gap: TravelGap): Clash | null {
  if (a.date !== b.date) return null;
  const [first, second] = minutesOfDay(a.startTime) <= minutesOfDay(b.startTime) ? [a, b] : [b, a];
  const between = minutesOfDay(second.startTime) - minutesOfDay(first.endTime);
  const samePractice = first.practiceId === second.practiceId;
  const required = samePractice ? 0 : Math.max(gap(first.practiceId), gap(second.practiceId));
  const meetings: Clash['meetings'] = [
    { meetingId: first.id, practiceName: first.practiceName, title: first.title, startTime: first.startTime, endTime: first.endTime },
    { meetingId: second.id, practiceName: second.practiceName, title: second.title, startTime: second.startTime, endTime: second.endTime },
  ];
  const day = ukDayDate(first.date);
  if (between < 0) {
    return {
      linkWorkerId: worker.id, linkWorkerName: worker.name, date: first.date, kind: 'overlap', meetings, gapMinutes: between, requiredGapMinutes: required,
      message: `${worker.name} is invited to two meetings that overlap on ${day}: ${describe(first)} and ${describe(second)}.`,
    };
  }
  if (!samePractice && between < required) {
    return {
      linkWorkerId: worker.id, linkWorkerName: worker.name, date: first.date, kind: 'travel', meetings, gapMinutes: between, requiredGapMinutes: required,
      message: `${worker.name} has ${between} minutes to get from ${describe(first)} to ${describe(second)} on ${day}: less than the ${required}-minute travel gap between practices.`,
    };
  }
  return null;
}

function byWorkerAndDay(meetings: readonly PlannedMeeting[]): Map<string, PlannedMeeting[]> {
  const groups = new Map<string, PlannedMeeting[]>();
  for (const m of meetings) {
    for (const w of m.linkWorkerIds) {
      const key = `${w}|${m.date}`;
      const list = groups.get(key);
      if (list) list.push(m);
      else groups.set(key, [m]);
    }
  }
  return groups;
}

/**
 * Every clash among the meetings, per link worker and day. With `involving`, only clashes in which
 * at least one of those meetings takes part (what a change being planned brings).
 */
export function findClashes(
  meetings: readonly PlannedMeeting[],
  workers: ReadonlyMap<number, string>,
  gap: TravelGap,
  involving?: (m: PlannedMeeting) => boolean,
): Clash[] {
  const out: Clash[] = [];
  for (const [key, list] of byWorkerAndDay(meetings)) {
    const workerId = Number(key.split('|')[0]);
    const worker = { id: workerId, name: workers.get(workerId) ?? `User ${workerId}` };
    const sorted = [...list].sort((a, b) => a.startTime.localeCompare(b.startTime));
    for (let i = 0; i < sorted.length; i += 1) {
      for (let j = i + 1; j < sorted.length; j += 1) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (involving && !involving(a) && !involving(b)) continue;
        const clash = clashBetween(a, b, worker, gap);
        if (clash) out.push(clash);
      }
    }
  }
  return out.sort((x, y) => x.date.localeCompare(y.date) || x.linkWorkerName.localeCompare(y.linkWorkerName) || x.meetings[0].startTime.localeCompare(y.meetings[0].startTime));
}

/** Whether a link worker could go to a meeting without a clash with what they already have that day. */
export function isFree(worker: LinkWorker, meeting: PlannedMeeting, theirMeetings: readonly PlannedMeeting[], gap: TravelGap): boolean {
  return theirMeetings.every((other) => other.id === meeting.id || other.date !== meeting.date || clashBetween(meeting, other, worker, gap) === null);
}

/**
 * Coverage for a month: each practice whose MDTs in the month have no link worker invited, with,
 * for each of its meetings, the link workers free then (those who work at the practice first, then
 * those with fewer MDTs that month).
 */
export function coverage(
  practices: readonly { id: number; name: string }[],
  meetings: readonly PlannedMeeting[],
  workers: readonly LinkWorker[],
  gap: TravelGap,
): CoverageRow[] {
  const perWorker = new Map<number, PlannedMeeting[]>();
  for (const m of meetings) for (const w of m.linkWorkerIds) (perWorker.get(w) ?? perWorker.set(w, []).get(w)!).push(m);
  return practices.map((p) => {
    const own = meetings.filter((m) => m.practiceId === p.id);
    if (own.length === 0) return { practiceId: p.id, practiceName: p.name, meetings: 0, status: 'no_meetings' as const, suggestions: [] };
    if (own.some((m) => m.linkWorkerIds.length > 0)) return { practiceId: p.id, practiceName: p.name, meetings: own.length, status: 'covered' as const, suggestions: [] };
    const suggestions = own.map((m) => ({
      meetingId: m.id ?? 0,
      date: m.date,
      startTime: m.startTime,
      endTime: m.endTime,
      free: workers
        .filter((w) => isFree(w, m, perWorker.get(w.id) ?? [], gap))
        .map((w) => ({ id: w.id, name: w.name, worksHere: w.practiceIds.includes(p.id), load: perWorker.get(w.id)?.length ?? 0 }))
        .sort((a, b) => Number(b.worksHere) - Number(a.worksHere) || a.load - b.load || a.name.localeCompare(b.name))
        .map(({ id, name, worksHere }) => ({ id, name, worksHere })),
    }));
    return { practiceId: p.id, practiceName: p.name, meetings: own.length, status: 'uncovered' as const, suggestions };
  });
}
