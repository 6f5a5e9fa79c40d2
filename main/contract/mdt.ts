import { z } from 'zod';
import { channel } from './channel';
import { Id, optionalText, requiredText, Timestamp } from './fields';
import { DateOf, IsoDate } from './nhs';
import { ReferralStatus } from './referrals';
import { Role } from './roles';

/**
 * MDT meetings: each practice's series and one-off meetings on a PCN-wide calendar, clash and
 * coverage checks for the link workers invited, the agenda built from the caseload, meeting mode
 * with minutes and actions. Times are wall-clock times in England ("13:00"), never UTC offsets.
 */

// ---------------------------------------------------------------- vocabularies

export const Weekday = z.number({ error: 'Choose the day of the week' }).int().min(1, 'Choose a weekday').max(5, 'Choose a weekday');
export const weekdayLabels: Readonly<Record<number, string>> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday' };

export const WeekOfMonth = z.enum(['first', 'second', 'third', 'fourth', 'fifth', 'last'], { error: 'Choose which week of the month' });
export const weekOfMonthLabels: Readonly<Record<z.infer<typeof WeekOfMonth>, string>> = {
  first: 'First', second: 'Second', third: 'Third', fourth: 'Fourth', fifth: 'Fifth (skipped in months without one)', last: 'Last',
};

export const Recurrence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), week: WeekOfMonth, weekday: Weekday }),
  z.object({
    kind: z.literal('weekly'),
    everyWeeks: z.number({ error: 'Enter how many weeks apart' }).int('Enter whole weeks').min(1, 'At least every week').max(12, 'At most every 12 weeks'),
    weekday: Weekday,
  }),
]);
export type Recurrence = z.infer<typeof Recurrence>;

export const BankHolidayRule = z.enum(['flag', 'move', 'skip'], { error: 'Choose what happens on a bank holiday' });
export type BankHolidayRule = z.infer<typeof BankHolidayRule>;
export const bankHolidayRuleLabels: Readonly<Record<BankHolidayRule, string>> = {
  flag: 'Keep it and flag it, suggesting the next working day',
  move: 'Move it to the next working day',
  skip: 'Skip that meeting',
};

export const ItemPriority = z.enum(['urgent', 'high', 'routine'], { error: 'Choose the priority' });
export type ItemPriority = z.infer<typeof ItemPriority>;
export const priorityLabels: Readonly<Record<ItemPriority, string>> = { urgent: 'Urgent', high: 'High', routine: 'Routine' };

export const AgendaForm = z.enum(['full', 'redacted']);
export type AgendaForm = z.infer<typeof AgendaForm>;
export const agendaFormLabels: Readonly<Record<AgendaForm, string>> = {
  full: 'Full (names, NHS numbers): for secure circulation only',
  redacted: 'Redacted (initials and age band): for printing in shared spaces',
};

export const DocFormat = z.enum(['pdf', 'docx']);

export const Attendance = z.enum(['present', 'apologies', 'absent']);
export type Attendance = z.infer<typeof Attendance>;
export const attendanceLabels: Readonly<Record<Attendance, string>> = { present: 'Present', apologies: 'Apologies', absent: 'Absent' };

// ---------------------------------------------------------------- field rules

export const ClockTime = z
  .string({ error: 'Enter a time' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time on the 24-hour clock, like 13:00');

const OnlineLink = z
  .string()
  .trim()
  .max(500, 'Use 500 characters or fewer')
  .refine((v) => v === '' || /^https:\/\/\S+$/i.test(v), 'Enter the meeting link as it was sent, starting https://')
  .optional()
  .default('');

export const Attendee = z.object({
  name: requiredText('the attendee’s name', 120),
  role: optionalText(120),
  email: z.union([z.literal(''), z.email('Enter an e-mail address like name@nhs.net')]).optional().default(''),
});
export type Attendee = z.infer<typeof Attendee>;

const linkWorkerIds = z.array(Id).max(10, 'Invite 10 link workers or fewer').default([]);

function timesInOrder<T extends { startTime: string; endTime: string }>(v: T, ctx: z.RefinementCtx): void {
  const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (clock.test(v.startTime) && clock.test(v.endTime) && v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The meeting must end after it starts' });
}

const meetingFields = {
  title: requiredText('a title', 120).default('MDT meeting'),
  startTime: ClockTime,
  endTime: ClockTime,
  place: optionalText(200),
  onlineLink: OnlineLink,
  chair: optionalText(120),
  attendees: z.array(Attendee).max(30, 'List 30 attendees or fewer').default([]),
  linkWorkerIds,
};

export const SeriesInput = z
  .object({
    /** Absent: a new series. */
    id: Id.optional(),
    practiceId: Id,
    recurrence: Recurrence,
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().optional().transform((v) => v ?? null),
    bankHolidayRule: BankHolidayRule.default('flag'),
    ...meetingFields,
  })
  .superRefine((v, ctx) => {
    timesInOrder(v, ctx);
    if (v.endsOn !== null && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The series must end after it starts' });
  });
export type SeriesInput = z.input<typeof SeriesInput>;
export type SeriesValues = z.output<typeof SeriesInput>;

export const MeetingInput = z
  .object({
    /** Absent: a new one-off meeting. Present: change that meeting's details (not its time: move it). */
    id: Id.optional(),
    practiceId: Id,
    date: IsoDate,
    ...meetingFields,
  })
  .superRefine(timesInOrder);
export type MeetingInput = z.input<typeof MeetingInput>;
export type MeetingValues = z.output<typeof MeetingInput>;

export const MoveInput = z
  .object({ meetingId: Id, date: IsoDate, startTime: ClockTime, endTime: ClockTime, reason: requiredText('the reason for the move', 500) })
  .superRefine(timesInOrder);
export type MoveInput = z.input<typeof MoveInput>;

export const CancelInput = z.object({ meetingId: Id, reason: requiredText('the reason for cancelling', 500) });

export const MdtSettings = z.object({
  practiceId: Id,
  agendaCloseWorkingDays: z.number({ error: 'Enter a number of working days' }).int('Enter whole working days').min(0, 'Zero or more').max(10, 'At most 10 working days'),
  travelGapMinutes: z.number({ error: 'Enter a number of minutes' }).int('Enter whole minutes').min(0, 'Zero or more').max(240, 'At most 240 minutes'),
});
export type MdtSettings = z.infer<typeof MdtSettings>;

// ---------------------------------------------------------------- the schedule

export const LinkWorkerRef = z.object({ id: Id, name: z.string() });

export const Meeting = z.object({
  id: Id,
  seriesId: Id.nullable(),
  practiceId: Id,
  practiceName: z.string(),
  odsCode: z.string(),
  title: z.string(),
  date: IsoDate,
  startTime: ClockTime,
  endTime: ClockTime,
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  /** Where it was before it moved, and why. */
  movedFrom: z.object({ date: IsoDate, startTime: ClockTime, reason: z.string() }).nullable(),
  /** The rule put it on a bank holiday and the series flags rather than moves. */
  bankHoliday: z.object({ suggestedDate: IsoDate }).nullable(),
  place: z.string(),
  onlineLink: z.string(),
  chair: z.string(),
  attendees: z.array(Attendee),
  linkWorkers: z.array(LinkWorkerRef),
  /** When the agenda list closes (UTC); later additions need a reason and are urgent. */
  agendaClosesAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
});
export type Meeting = z.infer<typeof Meeting>;

export const Series = z.object({
  id: Id,
  practiceId: Id,
  practiceName: z.string(),
  title: z.string(),
  recurrence: Recurrence,
  /** "Second Tuesday of the month, 13:00–14:00". */
  description: z.string(),
  startTime: ClockTime,
  endTime: ClockTime,
  startsOn: IsoDate,
  endsOn: IsoDate.nullable(),
  bankHolidayRule: BankHolidayRule,
  place: z.string(),
  onlineLink: z.string(),
  chair: z.string(),
  attendees: z.array(Attendee),
  linkWorkers: z.array(LinkWorkerRef),
});
export type Series = z.infer<typeof Series>;

export const ClashMeeting = z.object({
  meetingId: Id.nullable(),
  practiceName: z.string(),
  title: z.string(),
  startTime: ClockTime,
  endTime: ClockTime,
});

export const Clash = z.object({
  linkWorkerId: Id,
  linkWorkerName: z.string(),
  date: IsoDate,
  kind: z.enum(['overlap', 'travel']),
  meetings: z.tuple([ClashMeeting, ClashMeeting]),
  /** Minutes between the first's end and the second's start (negative when they overlap). */
  gapMinutes: z.number().int(),
  requiredGapMinutes: z.number().int(),
  /** The clash in words, naming both meetings. */
  message: z.string(),
});
export type Clash = z.infer<typeof Clash>;

export const Skip = z.object({ seriesId: Id, practiceName: z.string(), ruleDate: IsoDate.nullable(), reason: z.string() });

export const CoverageRow = z.object({
  practiceId: Id,
  practiceName: z.string(),
  meetings: z.number().int(),
  status: z.enum(['covered', 'uncovered', 'no_meetings']),
  /** For an uncovered practice: each of its meetings and the link workers free for it. */
  suggestions: z.array(
    z.object({
      meetingId: Id,
      date: IsoDate,
      startTime: ClockTime,
      endTime: ClockTime,
      free: z.array(z.object({ id: Id, name: z.string(), worksHere: z.boolean() })),
    }),
  ),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const Calendar = z.object({
  month: z.string(),
  meetings: z.array(Meeting),
  skipped: z.array(Skip),
  clashes: z.array(Clash),
  coverage: z.array(CoverageRow),
  linkWorkers: z.array(LinkWorkerRef.extend({ practiceIds: z.array(Id) })),
  practices: z.array(z.object({ id: Id, name: z.string(), odsCode: z.string() })),
});
export type Calendar = z.infer<typeof Calendar>;

export const SavedSchedule = z.object({ meetingIds: z.array(Id), clashes: z.array(Clash), skipped: z.array(Skip) });

// ---------------------------------------------------------------- the agenda

export const AgendaPatient = z.object({
  name: z.string(),
  nhsNumber: z.string(),
  dateOfBirth: IsoDate,
  initials: z.string(),
  ageBand: z.string(),
  caseOwner: z.string().nullable(),
  status: ReferralStatus,
});

export const AgendaItem = z.object({
  id: Id,
  kind: z.enum(['standing', 'case', 'topic']),
  standing: z.enum(['apologies', 'actions', 'aob']).nullable(),
  /** Where a case came from: flagged in casework, carried forward from the last meeting, or added here. */
  source: z.enum(['flag', 'carried', 'added']).nullable(),
  title: z.string(),
  referralId: Id.nullable(),
  patient: AgendaPatient.nullable(),
  question: z.string(),
  flaggedByName: z.string().nullable(),
  presenter: z.string(),
  priority: ItemPriority,
  minutes: z.number().int(),
  late: z.boolean(),
  lateReason: z.string().nullable(),
  addedByName: z.string(),
  slotStart: ClockTime,
  slotEnd: ClockTime,
  /** Minutes used by this item and all before it. */
  runningTotal: z.number().int(),
  /** This item ends after the meeting does. */
  overruns: z.boolean(),
  notes: z.object({ situation: z.string(), actionToDate: z.string(), update: z.string(), nextSteps: z.string(), decision: z.string() }),
  discussed: z.boolean(),
  carryForward: z.boolean(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MdtAction = z.object({
  id: Id,
  meetingId: Id,
  meetingDate: IsoDate,
  practiceName: z.string(),
  itemId: Id.nullable(),
  referralId: Id.nullable(),
  /** Who it is about, for its owner's list (initials only: the list may be seen over a shoulder). */
  about: z.string().nullable(),
  text: z.string(),
  ownerUserId: Id.nullable(),
  ownerName: z.string(),
  dueOn: IsoDate,
  doneOn: IsoDate.nullable(),
});
export type MdtAction = z.infer<typeof MdtAction>;

export const AttendanceRow = z.object({ name: z.string(), role: z.string(), attendance: Attendance });

export const Agenda = z.object({
  meeting: Meeting,
  /** The list is open for additions (before it closes); later ones are late. */
  open: z.boolean(),
  items: z.array(AgendaItem),
  totalMinutes: z.number().int(),
  meetingMinutes: z.number().int(),
  /** Minutes past the meeting's end, 0 when it fits. */
  overrunMinutes: z.number().int(),
  /** Flagged after the list closed: can be added as late items, with a reason. */
  flaggedSinceClose: z.array(z.object({ referralId: Id, name: z.string(), question: z.string(), flaggedByName: z.string() })),
  /** Open actions from earlier meetings of this practice. */
  carriedActions: z.array(MdtAction),
  /** Actions agreed at this meeting. */
  actions: z.array(MdtAction),
  attendance: z.array(AttendanceRow),
  /** Signpost users of the practice who can own an action (clinicians included): it reaches their Home. */
  owners: z.array(z.object({ id: Id, name: z.string(), role: Role })),
  canPrepare: z.boolean(),
  canAddItems: z.boolean(),
});
export type Agenda = z.infer<typeof Agenda>;

export const AddItemInput = z
  .object({
    meetingId: Id,
    kind: z.enum(['case', 'topic']),
    referralId: Id.optional(),
    title: optionalText(200),
    question: optionalText(1000),
    presenter: requiredText('who presents it', 120),
    priority: ItemPriority.default('routine'),
    minutes: z.number({ error: 'Enter the minutes needed' }).int('Enter whole minutes').min(1, 'At least 1 minute').max(120, 'At most 120 minutes').default(10),
    /** Needed once the list has closed. */
    lateReason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'case' && v.referralId === undefined) ctx.addIssue({ code: 'custom', path: ['referralId'], message: 'Choose the case to discuss' });
    if (v.kind === 'case' && v.question === '') ctx.addIssue({ code: 'custom', path: ['question'], message: 'Enter the question for the team' });
    if (v.kind === 'topic' && v.title === '') ctx.addIssue({ code: 'custom', path: ['title'], message: 'Enter what the item is about' });
  });
export type AddItemInput = z.input<typeof AddItemInput>;
export type AddItemValues = z.output<typeof AddItemInput>;

export const UpdateItemInput = z.object({
  itemId: Id,
  question: optionalText(1000),
  presenter: requiredText('who presents it', 120),
  priority: ItemPriority,
  minutes: z.number({ error: 'Enter the minutes needed' }).int('Enter whole minutes').min(1, 'At least 1 minute').max(120, 'At most 120 minutes'),
});

export const CaseOption = z.object({
  referralId: Id,
  name: z.string(),
  nhsNumber: z.string(),
  dateOfBirth: IsoDate,
  status: ReferralStatus,
  caseOwner: z.string().nullable(),
  onAgenda: z.boolean(),
  /** Why this case cannot be added (the person did not agree to MDT discussion), or null. */
  refusal: z.string().nullable(),
});

export const MinutesInput = z.object({
  itemId: Id,
  situation: optionalText(4000),
  actionToDate: optionalText(4000),
  update: optionalText(4000),
  nextSteps: optionalText(4000),
  decision: optionalText(2000),
  discussed: z.boolean().default(true),
  /** Bring the case back to the next meeting. */
  carryForward: z.boolean().default(false),
});
export type MinutesInput = z.input<typeof MinutesInput>;

export const ActionInput = z.object({
  meetingId: Id,
  itemId: Id.nullable().optional().transform((v) => v ?? null),
  text: requiredText('the action', 500),
  ownerUserId: Id.nullable().optional().transform((v) => v ?? null),
  ownerName: requiredText('who owns the action', 120),
  dueOn: DateOf('the date it is due'),
});
export type ActionInput = z.input<typeof ActionInput>;

export const ItemContext = z.object({
  itemId: Id,
  referralId: Id.nullable(),
  summary: z.array(z.tuple([z.string(), z.string()])),
  goals: z.array(z.object({ text: z.string(), progress: z.string(), targetDate: IsoDate.nullable() })),
  measures: z.array(z.object({ label: z.string(), points: z.array(z.object({ takenOn: IsoDate, value: z.number() })), change: z.string().nullable() })),
});
export type ItemContext = z.infer<typeof ItemContext>;

const exportFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });
const meetingRef = z.object({ meetingId: Id });

// ---------------------------------------------------------------- channels

/** Who sees the PCN's MDT calendar (no patient data on it). */
const readers = ['link_worker', 'clinician', 'practice_manager'] as const;
/** Who plans the schedule: link workers, and practice managers, who often own the practice's MDT. */
const planners = ['link_worker', 'practice_manager'] as const;
/** Who may put an item on an agenda: the link worker who prepares it and the clinicians who bring cases. */
const contributors = ['link_worker', 'clinician'] as const;
const preparers = ['link_worker'] as const;

export const mdtChannels = {
  'mdt.calendar': channel({
    summary: 'The PCN’s MDT meetings in a month, with skipped dates, link worker clashes and coverage.',
    access: readers,
    audit: 'none',
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Choose a month') }),
    output: Calendar,
  }),
  'mdt.series': channel({
    summary: 'Every practice’s MDT series.',
    access: readers,
    audit: 'none',
    input: z.object({}),
    output: z.array(Series),
  }),
  'mdt.meeting': channel({
    summary: 'One meeting’s details.',
    access: readers,
    audit: 'none',
    input: meetingRef,
    output: Meeting,
  }),
  'mdt.checkSeries': channel({
    summary: 'The clashes and skipped dates a series would bring, before it is saved.',
    access: planners,
    audit: 'none',
    input: SeriesInput,
    output: SavedSchedule,
  }),
  'mdt.checkMeeting': channel({
    summary: 'The clashes a one-off meeting or a move would bring, before it is saved.',
    access: planners,
    audit: 'none',
    input: MeetingInput,
    output: SavedSchedule,
  }),
  'mdt.saveSeries': channel({
    summary: 'Add a practice’s MDT series, or change one (its future meetings follow); warns of clashes.',
    access: planners,
    audit: 'write',
    input: SeriesInput,
    output: SavedSchedule.extend({ series: Series }),
  }),
  'mdt.endSeries': channel({
    summary: 'End a series: its meetings after the date are cancelled with the reason.',
    access: planners,
    audit: 'write',
    input: z.object({ seriesId: Id, lastDate: IsoDate, reason: requiredText('the reason', 500) }),
    output: Series,
  }),
  'mdt.saveMeeting': channel({
    summary: 'Add a one-off meeting, or change a meeting’s place, attendees and link workers; warns of clashes.',
    access: planners,
    audit: 'write',
    input: MeetingInput,
    output: SavedSchedule.extend({ meeting: Meeting }),
  }),
  'mdt.moveMeeting': channel({
    summary: 'Move a meeting to another date or time, with the reason; warns of clashes.',
    access: planners,
    audit: 'write',
    input: MoveInput,
    output: SavedSchedule.extend({ meeting: Meeting }),
  }),
  'mdt.cancelMeeting': channel({
    summary: 'Cancel a meeting, with the reason.',
    access: planners,
    audit: 'write',
    input: CancelInput,
    output: Meeting,
  }),
  'mdt.settings': channel({
    summary: 'Each practice’s MDT settings: when the agenda list closes and the travel gap between practices.',
    access: readers,
    audit: 'none',
    input: z.object({}),
    output: z.array(MdtSettings.extend({ practiceName: z.string() })),
  }),
  'mdt.updateSettings': channel({
    summary: 'Change a practice’s MDT settings.',
    access: ['practice_manager'],
    audit: 'write',
    input: MdtSettings,
    output: MdtSettings,
  }),
  'mdt.exportIcs': channel({
    summary: 'Calendar invitations (.ics) that Outlook imports: one meeting, or a month of the PCN’s meetings.',
    access: readers,
    audit: 'write',
    input: z.union([z.object({ meetingId: Id }), z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Choose a month') })]),
    output: exportFile,
  }),
  'mdt.agenda': channel({
    summary: 'A meeting’s agenda, built from the practice’s flagged cases and carried-forward items while the list is open.',
    access: readers,
    audit: 'write',
    input: meetingRef,
    output: Agenda,
  }),
  'mdt.caseOptions': channel({
    summary: 'The practice’s open cases that could go on the agenda, with the reason any cannot.',
    access: contributors,
    audit: 'read',
    input: z.object({ meetingId: Id, query: z.string().trim().max(100).optional().default('') }),
    output: z.array(CaseOption),
  }),
  'mdt.addItem': channel({
    summary: 'Add a case or a topic to the agenda; refused for a person who did not agree to MDT discussion.',
    access: contributors,
    audit: 'write',
    input: AddItemInput,
    output: Agenda,
  }),
  'mdt.updateItem': channel({
    summary: 'Change an item’s presenter, priority, minutes or question.',
    access: preparers,
    audit: 'write',
    input: UpdateItemInput,
    output: Agenda,
  }),
  'mdt.removeItem': channel({
    summary: 'Take an item off the agenda.',
    access: preparers,
    audit: 'write',
    input: z.object({ itemId: Id, reason: optionalText(500) }),
    output: Agenda,
  }),
  'mdt.exportAgenda': channel({
    summary: 'The agenda as PDF or DOCX, full (for secure circulation) or redacted (initials and age band).',
    access: readers,
    audit: 'write',
    input: z.object({ meetingId: Id, form: AgendaForm, format: DocFormat }),
    output: exportFile,
  }),
  'mdt.circulate': channel({
    summary: 'An .eml draft to the attendees with the agenda attached, for Outlook to open ready to send.',
    access: preparers,
    audit: 'write',
    input: z.object({ meetingId: Id, form: AgendaForm }),
    output: exportFile,
  }),
  'mdt.start': channel({
    summary: 'Open meeting mode: the meeting has started.',
    access: preparers,
    audit: 'write',
    input: meetingRef,
    output: Agenda,
  }),
  'mdt.finish': channel({
    summary: 'Close meeting mode: discussed cases leave the MDT list unless carried forward.',
    access: preparers,
    audit: 'write',
    input: meetingRef,
    output: Agenda,
  }),
  'mdt.itemContext': channel({
    summary: 'For meeting mode: the case summary, wellbeing measures over time and open goals of an item.',
    access: readers,
    audit: 'read',
    input: z.object({ itemId: Id }),
    output: ItemContext,
  }),
  'mdt.saveMinutes': channel({
    summary: 'The minutes of one item (Situation, Action to date, Update, Next steps, decision).',
    access: preparers,
    audit: 'write',
    input: MinutesInput,
    output: z.object({ itemId: Id, savedAt: Timestamp }),
  }),
  'mdt.saveAttendance': channel({
    summary: 'Who came and who sent apologies.',
    access: preparers,
    audit: 'write',
    input: z.object({ meetingId: Id, attendance: z.array(z.object({ name: requiredText('the name', 120), role: optionalText(120), attendance: Attendance })).max(40) }),
    output: Agenda,
  }),
  'mdt.addAction': channel({
    summary: 'An action agreed at the meeting: what, who and by when.',
    access: preparers,
    audit: 'write',
    input: ActionInput,
    output: Agenda,
  }),
  'mdt.completeAction': channel({
    summary: 'Mark an MDT action done (by its owner or the link worker).',
    access: readers,
    audit: 'write',
    input: z.object({ actionId: Id }),
    output: MdtAction,
  }),
  'mdt.myActions': channel({
    summary: 'The caller’s open MDT actions, from every meeting, soonest due first (anyone can own one).',
    access: 'signed-in',
    audit: 'read',
    input: z.object({}),
    output: z.array(MdtAction),
  }),
  'mdt.exportMinutes': channel({
    summary: 'The minutes and action list as PDF or DOCX.',
    access: readers,
    audit: 'write',
    input: z.object({ meetingId: Id, format: DocFormat }),
    output: exportFile,
  }),
};
