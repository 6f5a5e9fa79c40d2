import { isWorkingDay } from '../calendar/workingDays';
import type { ItemPriority } from '../contract/mdt';
import { addDays, londonToUtc, minutesOfDay, timeOfDay } from './time';

/** The agenda's rules as pure functions: when the list closes, the order of items, their time slots. */

/**
 * When the agenda list closes: the given number of working days before the meeting, at the
 * meeting's start time (a Tuesday 13:00 meeting with 2 working days closes on the Friday before at
 * 13:00; bank holidays do not count). Worked out on the wall clock, so a clock change between
 * doesn't shift it.
 */
export function agendaClosesAt(date: string, startTime: string, workingDays: number): Date {
  let day = date;
  for (let counted = 0; counted < workingDays; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return londonToUtc(day, startTime);
}

export interface OrderableItem {
  id: number;
  kind: 'standing' | 'case' | 'topic';
  standing: 'apologies' | 'actions' | 'aob' | null;
  priority: ItemPriority;
  presenter: string;
  minutes: number;
}

const priorityRank: Readonly<Record<ItemPriority, number>> = { urgent: 0, high: 1, routine: 2 };
const standingFirst: Readonly<Record<string, number>> = { apologies: 0, actions: 1 };

/**
 * Apologies and actions from last time first; then cases and topics by priority (urgent, high,
 * routine) and, within a priority, by presenter, so that each presenter's items come together; any
 * other business last. Ties keep the order items were added (by id).
 */
export function orderItems<T extends OrderableItem>(items: readonly T[]): T[] {
  const group = (i: T) => (i.kind === 'standing' ? (i.standing === 'aob' ? 2 : 0) : 1);
  return [...items].sort((a, b) => {
    const g = group(a) - group(b);
    if (g !== 0) return g;
    if (group(a) === 0) return (standingFirst[a.standing ?? ''] ?? 0) - (standingFirst[b.standing ?? ''] ?? 0);
    if (group(a) === 2) return a.id - b.id;
    return (
      priorityRank[a.priority] - priorityRank[b.priority] ||
      a.presenter.localeCompare(b.presenter, 'en-GB', { sensitivity: 'base' }) ||
      a.id - b.id
    );
  });
}

export interface Slot {
  slotStart: string;
  slotEnd: string;
  runningTotal: number;
  overruns: boolean;
}

/** Each item's time slot from the meeting's start, the running total, and whether it ends after the meeting does. */
export function allocate<T extends { minutes: number }>(items: readonly T[], startTime: string, endTime: string): { items: (T & Slot)[]; totalMinutes: number; meetingMinutes: number; overrunMinutes: number } {
  const start = minutesOfDay(startTime);
  const meetingMinutes = minutesOfDay(endTime) - start;
  let total = 0;
  const out = items.map((item) => {
    const slotStart = timeOfDay(start + total);
    total += item.minutes;
    return { ...item, slotStart, slotEnd: timeOfDay(start + total), runningTotal: total, overruns: total > meetingMinutes };
  });
  return { items: out, totalMinutes: total, meetingMinutes, overrunMinutes: Math.max(0, total - meetingMinutes) };
}

/** Initials for the redacted agenda: "Margaret (Peggy) Ellis" is M.E. */
export function initials(givenName: string, familyName: string): string {
  const first = (s: string) => [...s.trim()][0]?.toUpperCase() ?? '';
  return `${first(givenName)}.${first(familyName)}.`;
}

/** The age band for the redacted agenda: ten-year bands ("70–79"), under 18 and 90 or over kept wide. */
export function ageBand(age: number | null): string {
  if (age === null) return 'age not known';
  if (age < 18) return 'under 18';
  if (age < 30) return '18–29';
  if (age >= 90) return '90 or over';
  const low = Math.floor(age / 10) * 10;
  return `${low}–${low + 9}`;
}

/** The priority a flagged case starts with, from the referral's urgency. */
export function priorityFromUrgency(urgency: string): ItemPriority {
  return urgency === 'urgent' ? 'urgent' : urgency === 'soon' ? 'high' : 'routine';
}
