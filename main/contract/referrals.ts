import { z } from 'zod';
import { channel } from './channel';
import { Id, optionalText, requiredText, Timestamp } from './fields';
import { IsoDate, NhsNumber, PastOrToday, Postcode, UkPhone } from './nhs';
import { managers, referrers } from './roles';
import { isRealDate, londonToday, ruleNow, shiftDate } from './time';

// ---------------------------------------------------------------- vocabularies

export const Sex = z.enum(['female', 'male', 'indeterminate', 'not_known'], { error: 'Choose the sex recorded on the GP record' });
export const ContactMethod = z.enum(['phone', 'text', 'email', 'letter'], { error: 'Choose how the person prefers to be contacted' });
export const PhoneType = z.enum(['mobile', 'home', 'work']);

export const ReferralSource = z.enum(['gp', 'nurse', 'other_clinician', 'reception', 'self', 'external_agency'], {
  error: 'Choose who the referral comes from',
});
export const referralSourceLabels: Readonly<Record<z.infer<typeof ReferralSource>, string>> = {
  gp: 'GP',
  nurse: 'Nurse',
  other_clinician: 'Other clinician',
  reception: 'Reception or care navigator',
  self: 'Self-referral',
  external_agency: 'External agency',
};

export const Reason = z.enum([
  'loneliness', 'mental_wellbeing', 'long_term_condition', 'physical_activity', 'weight', 'housing', 'money',
  'employment', 'carers', 'bereavement', 'practical_help', 'substance_use', 'other',
]);
export type Reason = z.infer<typeof Reason>;
export const reasonLabels: Readonly<Record<Reason, string>> = {
  loneliness: 'Loneliness and isolation',
  mental_wellbeing: 'Low mood, anxiety, stress',
  long_term_condition: 'Long-term condition support',
  physical_activity: 'Physical activity and healthy lifestyle',
  weight: 'Weight',
  housing: 'Housing',
  money: 'Money, benefits and debt',
  employment: 'Employment, training and volunteering',
  carers: 'Carers’ support',
  bereavement: 'Bereavement',
  practical_help: 'Food and practical help, forms',
  substance_use: 'Substance use',
  other: 'Other',
};

export const Urgency = z.enum(['routine', 'soon', 'urgent'], { error: 'Choose how urgent this is' });
export const urgencyLabels = { routine: 'Routine', soon: 'Soon (within a week)', urgent: 'Urgent (within 2 working days)' } as const;

export const Capacity = z.enum(['yes', 'needs_support', 'unsure'], { error: 'Say whether the person can take part' });
export const MessageBackTo = z.enum(['referrer', 'usual_gp', 'both'], { error: 'Choose who receives the message back' });
export const messageBackToLabels: Readonly<Record<z.infer<typeof MessageBackTo>, string>> = { referrer: 'The referrer', usual_gp: 'The patient’s usual GP', both: 'Both' };

export const ReferralStatus = z.enum(['received', 'accepted', 'contacted', 'in_progress', 'closed', 'declined', 'unable_to_contact', 'redirected']);
export type ReferralStatus = z.infer<typeof ReferralStatus>;
export const statusLabels: Readonly<Record<ReferralStatus, string>> = {
  received: 'Received',
  accepted: 'Accepted',
  contacted: 'Contacted',
  in_progress: 'In progress',
  closed: 'Closed',
  declined: 'Declined by the patient',
  unable_to_contact: 'Unable to contact',
  redirected: 'Redirected',
};
/** States that end a referral; moving into one needs a reason. */
export const endStates: readonly ReferralStatus[] = ['closed', 'declined', 'unable_to_contact', 'redirected'];

/** The referral's life: every move not listed here is refused by main. */
export const transitions: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  received: ['accepted', 'declined', 'redirected'],
  accepted: ['contacted', 'unable_to_contact', 'declined', 'redirected'],
  contacted: ['in_progress', 'closed', 'declined', 'redirected'],
  in_progress: ['closed', 'declined', 'redirected'],
  closed: [],
  declined: [],
  unable_to_contact: [],
  redirected: [],
};

export const sexLabels: Readonly<Record<z.infer<typeof Sex>, string>> = { female: 'Female', male: 'Male', indeterminate: 'Indeterminate', not_known: 'Not known' };
export const contactMethodLabels: Readonly<Record<z.infer<typeof ContactMethod>, string>> = { phone: 'Phone call', text: 'Text message', email: 'E-mail', letter: 'Letter' };
export const phoneTypeLabels: Readonly<Record<z.infer<typeof PhoneType>, string>> = { mobile: 'Mobile', home: 'Home', work: 'Work' };

// ---------------------------------------------------------------- the patient

export const PhoneInput = z.object({ number: UkPhone, type: PhoneType, safeForMessage: z.boolean() });

export const PatientInput = z.object({
  nhsNumber: NhsNumber,
  title: optionalText(20),
  givenName: requiredText('the given name', 80),
  familyName: requiredText('the family name', 80),
  preferredName: optionalText(80),
  dateOfBirth: PastOrToday('the date of birth').refine((v) => v >= '1900-01-01', 'Check the year of birth'),
  sex: Sex,
  genderIdentity: optionalText(80),
  addressLine1: requiredText('the first line of the address', 120),
  addressLine2: optionalText(120),
  town: requiredText('the town or city', 80),
  postcode: Postcode,
  phones: z.array(PhoneInput).max(4),
  email: z.union([z.literal(''), z.email('Enter an e-mail address like name@example.com')]).optional().default(''),
  preferredContactMethod: ContactMethod,
  preferredContactTimes: optionalText(200),
  firstLanguage: optionalText(60),
  interpreterNeeded: z.boolean(),
  communicationNeeds: optionalText(500),
  registeredPracticeId: Id,
});
export type PatientInput = z.infer<typeof PatientInput>;

/** A patient record as stored: the rules for typing it are not checked again on the way out. */
export const Patient = PatientInput.extend({ id: Id, nhsNumber: z.string(), postcode: z.string(), dateOfBirth: z.string() });
export type Patient = z.infer<typeof Patient>;

/** The details of a patient record that a referral form can bring in (the NHS number is what finds the record). */
export const PatientField = z.enum([
  'title', 'givenName', 'familyName', 'preferredName', 'dateOfBirth', 'sex', 'genderIdentity', 'addressLine1', 'addressLine2',
  'town', 'postcode', 'phones', 'email', 'preferredContactMethod', 'preferredContactTimes', 'firstLanguage', 'interpreterNeeded',
  'communicationNeeds', 'registeredPracticeId',
]);
export type PatientField = z.infer<typeof PatientField>;
export const patientFieldLabels: Readonly<Record<PatientField | 'nhsNumber', string>> = {
  nhsNumber: 'NHS number',
  title: 'Title',
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town or city',
  postcode: 'Postcode',
  phones: 'Phone numbers',
  email: 'E-mail',
  preferredContactMethod: 'Preferred contact',
  preferredContactTimes: 'Best times to contact',
  firstLanguage: 'First language',
  interpreterNeeded: 'Needs an interpreter',
  communicationNeeds: 'Communication needs',
  registeredPracticeId: 'Registered practice',
};

/** One detail where what was typed is not what the record holds, both as people read them. */
export const PatientDifference = z.object({ field: PatientField, label: z.string(), stored: z.string(), typed: z.string() });
export type PatientDifference = z.infer<typeof PatientDifference>;

/** For each differing detail, which is right: the record's ('stored') or what was typed ('typed'). */
export const DetailChoice = z.enum(['stored', 'typed'], { error: 'Choose which is right' });
export const DetailChoices = z.partialRecord(PatientField, DetailChoice);
export type DetailChoices = z.infer<typeof DetailChoices>;

export const PatientMatch = z.object({
  id: Id,
  nhsNumber: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  postcode: z.string(),
  practiceId: Id,
  openReferral: z.object({ id: Id, status: ReferralStatus, receivedAt: Timestamp }).nullable(),
});
export type PatientMatch = z.infer<typeof PatientMatch>;

// ---------------------------------------------------------------- the referral form

/**
 * Consent is for this referral: taken when referring, so no earlier than this many days before the
 * referral date (a referral typed up a few days after the conversation is common; a consent from a
 * month before is an earlier conversation, not this referral's). It may be later than the referral
 * date (confirmed with the person afterwards), but never in the future.
 */
export const CONSENT_DAYS_BEFORE_REFERRAL = 14;

const referralDetailsShape = z.object({
  source: ReferralSource,
  referralDate: PastOrToday('the referral date'),
  reasons: z.array(Reason).min(1, 'Choose at least one reason for the referral').max(Reason.options.length),
  reasonOther: optionalText(300),
  whatMatters: requiredText('what matters to the person', 2000),
  consentGiven: z.literal(true, { error: 'The referral can only be made once the patient has agreed to it' }),
  consentTakenBy: requiredText('who took consent', 120),
  consentDate: PastOrToday('the date consent was given'),
  capacity: Capacity,
  mdtConsent: z.boolean({ error: 'Say whether the patient agreed to be discussed at MDT' }),
  safeguardingConcern: z.boolean({ error: 'Say whether there is a safeguarding concern' }),
  safeguardingDetails: optionalText(2000),
  safeguardingEscalated: z.boolean().optional().default(false),
  safeguardingEscalatedTo: optionalText(200),
  loneWorkingRisks: optionalText(1000),
  urgency: Urgency,
  otherAgencies: optionalText(1000),
  longTermConditions: optionalText(1000),
  messageBackTo: MessageBackTo,
  usualGp: optionalText(120),
});
type DetailsToCheck = Partial<z.output<typeof referralDetailsShape>>;

/** The rules between the referral's answers, for the form and for a correction alike. */
function checkDetails(v: DetailsToCheck, ctx: z.RefinementCtx): void {
  if (v.reasons?.includes('other') && v.reasonOther === '') {
    ctx.addIssue({ code: 'custom', path: ['reasonOther'], message: 'Say what the other reason is' });
  }
  if (v.safeguardingConcern && v.safeguardingDetails === '') {
    ctx.addIssue({ code: 'custom', path: ['safeguardingDetails'], message: 'Describe the safeguarding concern' });
  }
  if (v.safeguardingEscalated && v.safeguardingEscalatedTo === '') {
    ctx.addIssue({ code: 'custom', path: ['safeguardingEscalatedTo'], message: 'Say to whom it was escalated' });
  }
  if (v.messageBackTo !== undefined && v.messageBackTo !== 'referrer' && v.usualGp === '') {
    ctx.addIssue({ code: 'custom', path: ['usualGp'], message: 'Name the patient’s usual GP' });
  }
  // Only against a referral date that passed its own checks (a real day, not in the future).
  const referralDate = v.referralDate && isRealDate(v.referralDate) && v.referralDate <= londonToday(ruleNow()) ? v.referralDate : null;
  if (referralDate && v.consentDate && v.consentDate < shiftDate(referralDate, -CONSENT_DAYS_BEFORE_REFERRAL)) {
    ctx.addIssue({
      code: 'custom',
      path: ['consentDate'],
      message: `Consent is for this referral: it cannot be more than ${CONSENT_DAYS_BEFORE_REFERRAL} days before the referral date`,
    });
  }
}

export const ReferralDetails = referralDetailsShape.superRefine(checkDetails);
export type ReferralDetails = z.infer<typeof ReferralDetails>;

/** A referral's answers as stored: the rules for typing them are not checked again on the way out. */
export const ReferralDetailsView = referralDetailsShape.extend({ referralDate: z.string(), consentDate: z.string() });

export const NewReferral = z
  .object({
    /** Reuse this patient record (found by search) instead of making a new one. */
    existingPatientId: Id.optional(),
    patient: PatientInput,
    referral: ReferralDetails,
    /** The person saw the warning that the patient already has an open referral, and goes on. */
    acknowledgeOpenReferral: z.boolean().optional().default(false),
    /**
     * The answer to "these details differ, which are right?": for each detail main listed, the
     * record's or the typed one. Only details chosen as typed change the record.
     */
    patientChoices: DetailChoices.optional(),
    draftId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.referral.referralDate < v.patient.dateOfBirth) {
      ctx.addIssue({ code: 'custom', path: ['referral', 'referralDate'], message: 'The referral date cannot be before the date of birth' });
    }
  });

/**
 * What making a referral answers: made (the patient record's id only for someone who works at the
 * patient's practice), or, for an existing record that someone of its practice may update, the
 * details that differ, for the person to say which are right before anything is saved.
 */
export const ReferralMade = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('made'), id: Id, patientId: Id.nullable() }),
  z.object({ outcome: z.literal('differs'), patientId: Id, differences: z.array(PatientDifference) }),
]);
export type ReferralMade = z.infer<typeof ReferralMade>;
export type NewReferral = z.infer<typeof NewReferral>;

// ---------------------------------------------------------------- the referral's life

export const ReferralEvent = z.object({
  id: Id,
  at: Timestamp,
  byName: z.string(),
  kind: z.enum(['status', 'coded', 'message', 'note']),
  status: ReferralStatus.nullable(),
  text: z.string(),
});
export type ReferralEvent = z.infer<typeof ReferralEvent>;

export const Coding = z.object({
  code: z.string(),
  term: z.string(),
  recordedAt: Timestamp,
  recordedOn: IsoDate,
  byName: z.string(),
});

export const MessageBackContent = z.object({
  needs: requiredText('the person’s needs and concerns', 4000),
  whatMatters: requiredText('what matters to the person', 4000),
  supportOffered: optionalText(4000),
  servicesReferredTo: optionalText(4000),
  outcomes: optionalText(4000),
});
export type MessageBackContent = z.infer<typeof MessageBackContent>;

export const MessageBack = MessageBackContent.extend({
  id: Id,
  referralId: Id,
  occasion: z.enum(['acceptance', 'closure', 'update']),
  createdAt: Timestamp,
  authorName: z.string(),
  codes: z.array(z.object({ code: z.string(), term: z.string() })),
  readAt: Timestamp.nullable(),
});
export type MessageBack = z.infer<typeof MessageBack>;

export const ReferralSummary = z.object({
  id: Id,
  patientName: z.string(),
  nhsNumber: z.string(),
  dateOfBirth: z.string(),
  practiceId: Id,
  practiceName: z.string(),
  status: ReferralStatus,
  urgency: Urgency,
  reasons: z.array(Reason),
  receivedAt: Timestamp,
  lastActivityAt: Timestamp,
  assignedToName: z.string().nullable(),
  /** Untouched for longer than the practice's limit of working days. */
  stale: z.boolean(),
  safeguarding: z.boolean(),
  coded: z.boolean(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

export const PatientDetailsToReconcile = z.object({
  typedByName: z.string(),
  typedAt: Timestamp,
  /** Against the record as it is now: empty once the record holds what was typed. */
  differences: z.array(PatientDifference),
});
export type PatientDetailsToReconcile = z.infer<typeof PatientDetailsToReconcile>;

export const ReferralDetail = z.object({
  summary: ReferralSummary,
  patient: Patient,
  details: ReferralDetailsView,
  referrerName: z.string(),
  /** The referrer does not work at the patient's practice and typed details the record does not hold: for the link worker to check. */
  toReconcile: PatientDetailsToReconcile.nullable(),
  coding: z.array(Coding),
  timeline: z.array(ReferralEvent),
  messages: z.array(MessageBack),
  contactAttempts: z.number().int(),
  allowedNext: z.array(ReferralStatus),
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;

/** What a referrer sees of their own referral: its status and the message back, never case notes. */
export const MyReferral = z.object({
  id: Id,
  patientName: z.string(),
  nhsNumber: z.string(),
  receivedAt: Timestamp,
  status: ReferralStatus,
  statusChangedAt: Timestamp,
  /** Who the form said receives the message back: the referrer sees none when it went to the usual GP only. */
  messageBackTo: MessageBackTo,
  messages: z.array(MessageBack),
});
export type MyReferral = z.infer<typeof MyReferral>;

/** A referral form as typed so far: any shape (it is not checked until it is sent), but not without bound. */
export const DRAFT_MAX_CHARS = 100_000;
export const DraftForm = z
  .record(z.string().max(100), z.unknown())
  .refine((form) => JSON.stringify(form).length <= DRAFT_MAX_CHARS, 'This draft is too large to keep: send the referral or shorten it');

export const InboxQuery = z.object({
  status: z.array(ReferralStatus).max(ReferralStatus.options.length).optional(),
  practiceId: Id.optional(),
  reason: Reason.optional(),
  urgency: Urgency.optional(),
  /** Only referrals received at least this many days ago. */
  minAgeDays: z.number().int().min(0).max(3650).optional(),
  staleOnly: z.boolean().optional(),
  sort: z.enum(['received_desc', 'received_asc', 'urgency', 'last_activity']).default('urgency'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

/** What the link worker or manager may correct on a referral after it was made. */
export const CorrectDetailsInput = referralDetailsShape
  .pick({ referralDate: true, source: true, reasons: true, reasonOther: true, urgency: true, messageBackTo: true, usualGp: true, consentTakenBy: true, consentDate: true })
  .extend({ id: Id })
  .superRefine(checkDetails);
export type CorrectDetailsInput = z.input<typeof CorrectDetailsInput>;
export const correctableDetails = ['referralDate', 'source', 'reasons', 'reasonOther', 'urgency', 'messageBackTo', 'usualGp', 'consentTakenBy', 'consentDate'] as const;

export const PatientUpdate = z.object({ id: Id, patient: PatientInput });
export type PatientUpdate = z.input<typeof PatientUpdate>;

const exportFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

const lwAndManagers = ['link_worker', 'practice_manager'] as const;

export const TransitionInput = z
  .object({
    id: Id,
    to: ReferralStatus,
    reason: optionalText(2000),
    /** For 'accepted': the link worker who takes the case (defaults to the caller). */
    assignToUserId: Id.optional(),
    /** For 'redirected': the service the person was redirected to. */
    redirectedTo: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (endStates.includes(v.to) && v.reason === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: v.to === 'closed' ? 'Summarise the outcome' : 'Give the reason' });
    }
    if (v.to === 'redirected' && v.redirectedTo === '') {
      ctx.addIssue({ code: 'custom', path: ['redirectedTo'], message: 'Name the service the person was redirected to' });
    }
  });

export const referralChannels = {
  'patients.search': channel({
    summary: 'Find a patient by NHS number, name (typo- and prefix-tolerant) or date of birth.',
    access: referrers,
    audit: 'read',
    input: z.object({ query: z.string().trim().min(2, 'Type at least 2 characters').max(100) }),
    output: z.array(PatientMatch),
  }),
  'patients.get': channel({
    summary: 'One patient record (to reuse it on a new referral).',
    access: referrers,
    audit: 'read',
    input: z.object({ id: Id }),
    output: Patient,
  }),
  'patients.update': channel({
    summary: 'Correct a patient record (for those who work at the patient’s practice); identity changes are audited with before and after.',
    access: referrers,
    audit: 'write',
    input: PatientUpdate,
    output: Patient,
  }),
  'referrals.create': channel({
    summary: 'Make a referral. An existing record is updated only by someone of its practice, only where they say the typed detail is right; from another practice, the typed details wait for the link worker.',
    access: referrers,
    audit: 'write',
    input: NewReferral,
    output: ReferralMade,
  }),
  'referrals.saveDraft': channel({
    summary: 'Keep the referral form as typed so far (a call, a lock or a crash loses nothing).',
    access: referrers,
    audit: 'write',
    input: z.object({ id: Id.optional(), form: DraftForm }),
    output: z.object({ id: Id, savedAt: Timestamp }),
  }),
  'referrals.drafts': channel({
    summary: 'Your unfinished referral forms.',
    access: referrers,
    audit: 'read',
    input: z.object({}),
    output: z.array(z.object({ id: Id, savedAt: Timestamp, label: z.string(), form: z.record(z.string(), z.unknown()) })),
  }),
  'referrals.discardDraft': channel({
    summary: 'Throw away an unfinished referral form.',
    access: referrers,
    audit: 'write',
    input: z.object({ id: Id }),
    output: z.object({ done: z.literal(true) }),
  }),
  'referrals.inbox': channel({
    summary: 'Referrals for the practices the caller covers, filtered, sorted and paged.',
    access: lwAndManagers,
    audit: 'read',
    input: InboxQuery,
    output: z.object({ rows: z.array(ReferralSummary), total: z.number().int(), staleAfterWorkingDays: z.number().int() }),
  }),
  'referrals.get': channel({
    summary: 'One referral in full: patient, form, coding, timeline, messages back.',
    access: lwAndManagers,
    audit: 'read',
    input: z.object({ id: Id }),
    output: ReferralDetail,
  }),
  'referrals.correctDetails': channel({
    summary: 'Correct the referral’s date, source, reasons, urgency, usual GP and consent details; audited with before and after.',
    access: lwAndManagers,
    audit: 'write',
    input: CorrectDetailsInput,
    output: ReferralDetail,
  }),
  'referrals.reconcile': channel({
    summary: 'Settle the details a referrer from another practice typed: for each, keep the record’s or take the typed one.',
    access: lwAndManagers,
    audit: 'write',
    input: z.object({ id: Id, choices: DetailChoices }),
    output: ReferralDetail,
  }),
  'referrals.transition': channel({
    summary: 'Move a referral along its life; illegal moves are refused.',
    access: ['link_worker'],
    audit: 'write',
    input: TransitionInput,
    output: ReferralDetail,
  }),
  'referrals.recordContactAttempt': channel({
    summary: 'Count an attempt to reach the person (towards "unable to contact").',
    access: ['link_worker'],
    audit: 'write',
    input: z.object({ id: Id, note: optionalText(500) }),
    output: ReferralDetail,
  }),
  'referrals.recordCoding': channel({
    summary: 'Record that the SNOMED CT code was entered in the clinical system.',
    access: lwAndManagers,
    audit: 'write',
    input: z.object({ id: Id, code: z.enum(['871731000000106', '871711000000103']), recordedOn: PastOrToday('the date it was recorded') }),
    output: ReferralDetail,
  }),
  'referrals.codingWorklist': channel({
    summary: 'Accepted referrals whose code is not yet recorded in the clinical system.',
    access: lwAndManagers,
    audit: 'read',
    input: z.object({}),
    output: z.array(ReferralSummary),
  }),
  'referrals.mine': channel({
    summary: 'The caller’s own referrals: status and messages back only.',
    access: referrers,
    audit: 'read',
    input: z.object({}),
    output: z.array(MyReferral),
  }),
  'referrals.messageBack': channel({
    summary: 'Write the message back to the GP and referrer (PRSB shape).',
    access: ['link_worker'],
    audit: 'write',
    input: MessageBackContent.extend({ referralId: Id, occasion: z.enum(['acceptance', 'closure', 'update']) }),
    output: MessageBack,
  }),
  'referrals.messageBackDraft': channel({
    summary: 'A message back pre-filled from what Signpost knows of the referral.',
    access: ['link_worker'],
    audit: 'read',
    input: z.object({ referralId: Id }),
    output: MessageBackContent,
  }),
  'referrals.markMessageRead': channel({
    summary: 'The referrer has read the message back.',
    access: referrers,
    audit: 'write',
    input: z.object({ messageId: Id }),
    output: z.object({ done: z.literal(true) }),
  }),
  'referrals.exportPdf': channel({
    summary: 'The referral as a PDF to print or attach.',
    access: lwAndManagers,
    audit: 'write',
    input: z.object({ id: Id }),
    output: exportFile,
  }),
  'referrals.exportMessage': channel({
    summary: 'A message back as PDF or DOCX for the GP record.',
    access: referrers,
    audit: 'write',
    input: z.object({ messageId: Id, format: z.enum(['pdf', 'docx']) }),
    output: exportFile,
  }),
  'referrals.settings': channel({
    summary: 'Referral settings: working days before a referral counts as untouched, attempts before "unable to contact". Send {} to read them; send a value to change it.',
    access: managers,
    audit: 'write',
    input: z.object({
      staleAfterWorkingDays: z.number().int().min(1, 'At least 1 working day').max(60, 'At most 60 working days').optional(),
      contactAttemptsBeforeUnable: z.number().int().min(1, 'At least 1 attempt').max(10, 'At most 10 attempts').optional(),
    }),
    output: z.object({ staleAfterWorkingDays: z.number().int(), contactAttemptsBeforeUnable: z.number().int() }),
  }),
};
