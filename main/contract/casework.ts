import { z } from 'zod';
import { channel } from './channel';
import { Id, optionalText, requiredText, Timestamp } from './fields';
import { Instrument } from './measures';
import { londonNowLocal, ruleNow } from './time';
import { DateOf, IsoDate, OptionalIsoDate, PastOrToday } from './nhs';
import { MessageBackContent, ReferralStatus, Urgency } from './referrals';
import { managers } from './roles';

/**
 * Casework on an accepted referral: contacts, the personalised care and support plan (what matters,
 * goals, next steps), safeguarding escalations, the MDT flag, closure and the caseload.
 */

// ---------------------------------------------------------------- vocabularies

export const ContactType = z.enum(['phone', 'face_to_face', 'home_visit', 'video', 'text_or_letter', 'did_not_attend', 'unable_to_reach'], {
  error: 'Choose the kind of contact',
});
export type ContactType = z.infer<typeof ContactType>;
export const contactTypeLabels: Readonly<Record<ContactType, string>> = {
  phone: 'Phone call',
  face_to_face: 'Face to face at the practice',
  home_visit: 'Home visit',
  video: 'Video call',
  text_or_letter: 'Text or letter',
  did_not_attend: 'Did not attend',
  unable_to_reach: 'Unable to reach',
};

/** Contacts that did not reach the person: each counts as an attempt towards "unable to contact". */
export const attemptTypes: readonly ContactType[] = ['did_not_attend', 'unable_to_reach'];
export function isAttempt(type: ContactType): boolean {
  return attemptTypes.includes(type);
}

export const GoalProgress = z.enum(['not_started', 'in_progress', 'achieved', 'no_longer_relevant'], { error: 'Choose how the goal is going' });
export type GoalProgress = z.infer<typeof GoalProgress>;
export const goalProgressLabels: Readonly<Record<GoalProgress, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  achieved: 'Achieved',
  no_longer_relevant: 'No longer relevant',
};

/** States in which the case is worked: contacts, plan, escalations and flags can be recorded. */
export const workingStates: readonly ReferralStatus[] = ['accepted', 'contacted', 'in_progress'];

// ---------------------------------------------------------------- dates and times in England

/** A date and time of day in England as typed, `YYYY-MM-DDTHH:mm`; not in the future. */
export const LocalDateTime = z
  .string({ error: 'Enter the date and time' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the date and time, like 25/11/2026 14:30')
  .refine((v) => {
    const d = new Date(`${v}:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === v;
  }, 'Enter a real date and time')
  // Five minutes' grace: a contact typed as it ends may be stamped a moment ahead of main's clock.
  .refine((v) => v <= londonNowLocal(new Date(ruleNow().getTime() + 5 * 60_000)), 'The date and time cannot be in the future');


// ---------------------------------------------------------------- records on a case

export const Contact = z.object({
  id: Id,
  referralId: Id,
  /** When it happened (UTC). */
  at: Timestamp,
  type: ContactType,
  durationMinutes: z.number().int().nullable(),
  notes: z.string(),
  recordedByName: z.string(),
  recordedAt: Timestamp,
});
export type Contact = z.infer<typeof Contact>;

export const Goal = z.object({
  id: Id,
  text: z.string(),
  targetDate: IsoDate.nullable(),
  progress: GoalProgress,
  updatedAt: Timestamp,
  updatedByName: z.string(),
});
export type Goal = z.infer<typeof Goal>;

export const NextStep = z.object({
  id: Id,
  text: z.string(),
  dueOn: IsoDate,
  doneOn: IsoDate.nullable(),
  updatedByName: z.string(),
  /** When the step is an MDT action: the meeting's date (marking either done marks both). */
  fromMdtOn: IsoDate.nullable(),
});
export type NextStep = z.infer<typeof NextStep>;

/** One MDT meeting at which the case was discussed: what the team decided and the actions agreed. */
export const MdtDiscussion = z.object({
  meetingId: Id,
  date: IsoDate,
  title: z.string(),
  decision: z.string(),
  nextSteps: z.string(),
  actions: z.array(z.object({ id: Id, text: z.string(), ownerName: z.string(), dueOn: IsoDate, doneOn: IsoDate.nullable() })),
});
export type MdtDiscussion = z.infer<typeof MdtDiscussion>;

export const Escalation = z.object({
  id: Id,
  concern: z.string(),
  escalatedTo: z.string(),
  escalatedOn: IsoDate,
  /** '' until the outcome is known. */
  outcome: z.string(),
  outcomeRecordedAt: Timestamp.nullable(),
  recordedByName: z.string(),
  recordedAt: Timestamp,
});
export type Escalation = z.infer<typeof Escalation>;

export const MdtFlag = z.object({
  id: Id,
  question: z.string(),
  flaggedByName: z.string(),
  flaggedAt: Timestamp,
});
export type MdtFlag = z.infer<typeof MdtFlag>;

export const CaseFile = z.object({
  referralId: Id,
  status: ReferralStatus,
  /** Contacts, newest first. */
  contacts: z.array(Contact),
  /** Practice managers read the case without the contact notes (DESIGN.md: notes are the link worker's). */
  notesWithheld: z.boolean(),
  contactAttempts: z.number().int(),
  attemptsBeforeUnable: z.number().int(),
  lastContactAt: Timestamp.nullable(),
  plan: z.object({
    whatMatters: z.string(),
    /** True while the plan still holds the referral's words, not yet changed on the case. */
    fromReferral: z.boolean(),
    updatedAt: Timestamp.nullable(),
    updatedByName: z.string().nullable(),
  }),
  goals: z.array(Goal),
  /** Not done first (soonest due first), then done. */
  nextSteps: z.array(NextStep),
  /** Newest first. */
  escalations: z.array(Escalation),
  mdtConsent: z.boolean(),
  mdtFlag: MdtFlag.nullable(),
  /** Meetings that discussed the case, newest first. */
  mdtDiscussions: z.array(MdtDiscussion),
  /** Scheduled MDT meetings whose agenda still lists the case. */
  onAgendas: z.array(z.object({ meetingId: Id, date: IsoDate, title: z.string() })),
  outcome: z.string().nullable(),
});
export type CaseFile = z.infer<typeof CaseFile>;

/** What closing would leave behind, said before the person confirms. */
export function closureWarnings(file: CaseFile): string[] {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const warnings: string[] = [];
  if (file.mdtFlag) warnings.push('The case is flagged for the MDT: closing takes it off the list.');
  for (const a of file.onAgendas) warnings.push(`It is on the agenda of ${a.title} on ${a.date.split('-').reverse().join('/')}: the agenda will show it as closed.`);
  const openSteps = file.nextSteps.filter((s) => s.doneOn === null).length;
  if (openSteps > 0) warnings.push(`${plural(openSteps, 'next step is', 'next steps are')} not done yet.`);
  const goals = file.goals.filter((g) => g.progress === 'not_started' || g.progress === 'in_progress').length;
  if (goals > 0) warnings.push(`${plural(goals, 'goal is', 'goals are')} still in progress.`);
  const actions = file.mdtDiscussions.flatMap((d) => d.actions).filter((a) => a.doneOn === null).length;
  if (actions > 0) warnings.push(`${plural(actions, 'MDT action is', 'MDT actions are')} still open.`);
  return warnings;
}

// ---------------------------------------------------------------- inputs

export const AddContactInput = z
  .object({
    referralId: Id,
    at: LocalDateTime,
    type: ContactType,
    durationMinutes: z
      .number({ error: 'Enter the minutes as a number' })
      .int('Enter whole minutes')
      .min(1, 'At least 1 minute, or leave it empty')
      .max(600, 'At most 600 minutes')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    notes: optionalText(4000),
    /** A first successful contact on an accepted referral moves it to 'contacted'. */
    markContacted: z.boolean().optional().default(true),
  });
export type AddContactInput = z.input<typeof AddContactInput>;

export const PlanInput = z.object({ referralId: Id, whatMatters: requiredText('what matters to the person', 2000) });

export const GoalInput = z.object({
  referralId: Id,
  /** Absent: a new goal. */
  id: Id.optional(),
  text: requiredText('the goal in the person’s own words', 500),
  targetDate: OptionalIsoDate,
  progress: GoalProgress.default('not_started'),
});
export type GoalInput = z.input<typeof GoalInput>;

export const NextStepInput = z.object({
  referralId: Id,
  id: Id.optional(),
  text: requiredText('the next step', 500),
  dueOn: DateOf('the date it is due'),
  done: z.boolean().optional().default(false),
});
export type NextStepInput = z.input<typeof NextStepInput>;

export const EscalationInput = z.object({
  referralId: Id,
  concern: requiredText('the concern', 2000),
  escalatedTo: requiredText('to whom it was escalated', 200),
  escalatedOn: PastOrToday('the date it was escalated'),
  outcome: optionalText(2000),
});
export type EscalationInput = z.input<typeof EscalationInput>;

export const MdtFlagInput = z.object({ referralId: Id, question: requiredText('the question for the team', 1000) });

export const CloseInput = z.object({ referralId: Id, outcomeSummary: requiredText('the outcome summary', 2000) });

// ---------------------------------------------------------------- the caseload

export const CaseloadRow = z.object({
  referralId: Id,
  patientName: z.string(),
  nhsNumber: z.string(),
  practiceName: z.string(),
  status: ReferralStatus,
  urgency: Urgency,
  acceptedAt: Timestamp.nullable(),
  /** The last contact that reached the person. */
  lastContactAt: Timestamp.nullable(),
  /** Whole days since then (or since the case was accepted, when nobody has been reached yet). */
  daysWithoutContact: z.number().int(),
  noContactAlert: z.boolean(),
  nextStep: z.object({ text: z.string(), dueOn: IsoDate }).nullable(),
  nextStepOverdue: z.boolean(),
  goalsAchieved: z.number().int(),
  /** Goals still relevant (those marked no longer relevant are left out). */
  goalsTotal: z.number().int(),
  measuresDue: z.array(z.object({ instrument: Instrument, dueOn: IsoDate })),
  safeguarding: z.boolean(),
  /** Escalations whose outcome is not yet recorded. */
  openEscalations: z.number().int(),
  mdtQuestion: z.string().nullable(),
});
export type CaseloadRow = z.infer<typeof CaseloadRow>;

export const Caseload = z.object({
  noContactAlertDays: z.number().int(),
  followUpWeeks: z.number().int(),
  today: IsoDate,
  /** Cases that need attention (overdue next step, no contact too long) first. */
  rows: z.array(CaseloadRow),
});
export type Caseload = z.infer<typeof Caseload>;

// ---------------------------------------------------------------- channels

const linkWorker = ['link_worker'] as const;
const worksCases = ['link_worker', 'practice_manager'] as const;
const caseRef = z.object({ referralId: Id });

export const caseworkChannels = {
  'casework.get': channel({
    summary: 'The case file of a referral: contacts, plan, goals, next steps, safeguarding escalations and the MDT flag.',
    access: worksCases,
    audit: 'read',
    input: caseRef,
    output: CaseFile,
  }),
  'casework.addContact': channel({
    summary: 'Record a contact. On an accepted referral, did not attend and unable to reach count as attempts towards "unable to contact", and the first contact that reaches the person marks it contacted (unless markContacted is false).',
    access: linkWorker,
    audit: 'write',
    input: AddContactInput,
    output: CaseFile,
  }),
  'casework.savePlan': channel({
    summary: 'What matters to the person, in the plan (starts from the referral’s words).',
    access: linkWorker,
    audit: 'write',
    input: PlanInput,
    output: CaseFile,
  }),
  'casework.saveGoal': channel({
    summary: 'Add a goal in the person’s own words, or change one (with its id): text, target date, progress.',
    access: linkWorker,
    audit: 'write',
    input: GoalInput,
    output: CaseFile,
  }),
  'casework.saveNextStep': channel({
    summary: 'Add an agreed next step with its due date, or change one (with its id), marking it done.',
    access: linkWorker,
    audit: 'write',
    input: NextStepInput,
    output: CaseFile,
  }),
  'casework.escalate': channel({
    summary: 'Record a safeguarding escalation: the concern, to whom, when and (if known) the outcome.',
    access: linkWorker,
    audit: 'write',
    input: EscalationInput,
    output: CaseFile,
  }),
  'casework.escalationOutcome': channel({
    summary: 'Record or change the outcome of a safeguarding escalation.',
    access: linkWorker,
    audit: 'write',
    input: z.object({ id: Id, outcome: requiredText('the outcome', 2000) }),
    output: CaseFile,
  }),
  'casework.flagForMdt': channel({
    summary: 'Flag the case for the next MDT of its practice with the question for the team; refused without the person’s MDT consent.',
    access: linkWorker,
    audit: 'write',
    input: MdtFlagInput,
    output: CaseFile,
  }),
  'casework.clearMdtFlag': channel({
    summary: 'Take the case off the MDT list.',
    access: linkWorker,
    audit: 'write',
    input: caseRef,
    output: CaseFile,
  }),
  'casework.close': channel({
    summary: 'Close the case with an outcome summary; the message back is then pre-filled from the case.',
    access: linkWorker,
    audit: 'write',
    input: CloseInput,
    output: CaseFile,
  }),
  'casework.messageBackDraft': channel({
    summary: 'The message back pre-filled from the referral and the case: plan, contacts, goals achieved, services taken up, change in measures, outcome.',
    access: linkWorker,
    audit: 'read',
    input: caseRef,
    output: MessageBackContent,
  }),
  'casework.caseload': channel({
    summary: 'The caller’s open cases: last contact, next step due, goals, measures due, safeguarding and MDT flags; those needing attention first.',
    access: linkWorker,
    audit: 'read',
    input: z.object({ asOf: IsoDate.optional() }),
    output: Caseload,
  }),
  'casework.settings': channel({
    summary: 'Days without contact before a case stands out on the caseload. Send {} to read; send a value to change it.',
    access: managers,
    audit: 'write',
    input: z.object({ noContactAlertDays: z.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days').optional() }),
    output: z.object({ noContactAlertDays: z.number().int() }),
  }),
};
