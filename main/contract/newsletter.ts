import { z } from 'zod';
import { channel } from './channel';
import { Id, optionalText, requiredText, Timestamp } from './fields';
import { IsoDate, PastOrToday } from './nhs';

/**
 * The monthly newsletter: case stories (consent, the de-identification check, review), issues
 * composed from approved stories and practice figures, and their exports. Link workers write
 * stories; practice managers approve them, compose issues and export them (DESIGN.md roles).
 */

// ---------------------------------------------------------------- vocabularies


export const ConsentScope = z.enum(['practice', 'pcn', 'public'], { error: 'Choose who the story may be shared with' });
export type ConsentScope = z.infer<typeof ConsentScope>;
export const consentScopeLabels: Readonly<Record<ConsentScope, string>> = {
  practice: 'Within the practice team only',
  pcn: 'Across the Primary Care Network',
  public: 'Outside the NHS too',
};
/** Wider scopes include the narrower ones. */
export const consentScopeRank: Readonly<Record<ConsentScope, number>> = { practice: 0, pcn: 1, public: 2 };

export const ConsentHow = z.enum(['verbal', 'written', 'email_or_letter'], { error: 'Say how consent was given' });
export type ConsentHow = z.infer<typeof ConsentHow>;
export const consentHowLabels: Readonly<Record<ConsentHow, string>> = {
  verbal: 'Verbally, face to face or by phone',
  written: 'In writing, on a signed form',
  email_or_letter: 'By e-mail or letter',
};

export const StoryStatus = z.enum(['draft', 'submitted', 'approved', 'returned']);
export type StoryStatus = z.infer<typeof StoryStatus>;
export const storyStatusLabels: Readonly<Record<StoryStatus, string>> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  returned: 'Returned with comments',
};

export const StoryField = z.enum(['title', 'text', 'quote', 'outcomes']);
export type StoryField = z.infer<typeof StoryField>;
export const storyFieldLabels: Readonly<Record<StoryField, string>> = {
  title: 'Headline',
  text: 'The story',
  quote: 'In their own words (a quote)',
  outcomes: 'What changed',
};

export const FindingKind = z.enum(['own_name', 'other_name', 'name', 'nhs_number', 'date_of_birth', 'date', 'age', 'phone', 'email', 'postcode', 'address', 'place']);
export type FindingKind = z.infer<typeof FindingKind>;
export const findingKindLabels: Readonly<Record<FindingKind, string>> = {
  own_name: 'The person’s name',
  other_name: 'A name in the patient list',
  name: 'A person’s name',
  nhs_number: 'An NHS number',
  date_of_birth: 'A date of birth',
  date: 'An exact date',
  age: 'An exact age',
  phone: 'A phone number',
  email: 'An e-mail address',
  postcode: 'A postcode',
  address: 'A street address',
  place: 'A town, village or area',
};

// ---------------------------------------------------------------- stories

export const StoryTexts = z.object({
  title: requiredText('a headline', 120),
  text: requiredText('the story', 6000),
  quote: optionalText(1000),
  outcomes: optionalText(2000),
});
export type StoryTexts = z.infer<typeof StoryTexts>;

export const StoryInput = StoryTexts.extend({
  /** Absent: a new story from the case. */
  id: Id.optional(),
  referralId: Id,
});
export type StoryInput = z.input<typeof StoryInput>;

export const FindingAcceptance = z.object({ reason: z.string(), byName: z.string(), at: Timestamp });

/**
 * How to take a finding out without breaking its sentence: the words to change (the identifier and
 * the phrase it belongs to, "moved from Barnsley") and what to write instead ("moved from another
 * town"; '' takes them out, a whole sentence at most).
 */
export const FindingFix = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  with: z.string(),
});
export type FindingFix = z.infer<typeof FindingFix>;

export const Finding = z.object({
  /** Kind and the text found, folded: an acceptance applies to the same text wherever it stands. */
  key: z.string(),
  field: StoryField,
  kind: FindingKind,
  /** Where it stands in the field's text: [start, end) in UTF-16 code units, as JavaScript strings count. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  /** The one-click change; null when the writer must rephrase the sentence. */
  fix: FindingFix.nullable(),
  /** What was found and what to do. */
  advice: z.string(),
  accepted: FindingAcceptance.nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const Consent = z.object({
  givenOn: z.string(),
  how: ConsentHow,
  takenBy: z.string(),
  scope: ConsentScope,
  recordedAt: Timestamp,
  withdrawnOn: z.string().nullable(),
  withdrawnNote: z.string().nullable(),
});
export type Consent = z.infer<typeof Consent>;

export const IssueRef = z.object({ issueId: Id, label: z.string(), status: z.enum(['draft', 'final', 'sent']) });
export type IssueRef = z.infer<typeof IssueRef>;

export const StoryEvent = z.object({ at: Timestamp, byName: z.string(), kind: z.string(), text: z.string() });

export const DiffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPart>;

/** One field's words since the story was returned, word by word. */
export const FieldChange = z.object({ field: StoryField, parts: z.array(DiffPart) });
export type FieldChange = z.infer<typeof FieldChange>;

export const ReviewComment = z.object({
  id: Id,
  /** Null: about the story as a whole. */
  field: StoryField.nullable(),
  text: z.string(),
  reply: z.string().nullable(),
  replyByName: z.string().nullable(),
  replyAt: Timestamp.nullable(),
  /** How the link worker answered it: by changing the words it is about, or by a reply; null while unanswered. */
  answeredBy: z.enum(['change', 'reply']).nullable(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

/** The latest return: the manager's comments, the replies, and what changed in the words since. */
export const Review = z.object({
  returnedAt: Timestamp,
  returnedByName: z.string(),
  comments: z.array(ReviewComment),
  changes: z.array(FieldChange),
});
export type Review = z.infer<typeof Review>;

export const StorySummary = z.object({
  id: Id,
  referralId: Id,
  practiceId: Id,
  practiceName: z.string(),
  title: z.string(),
  status: StoryStatus,
  consentScope: ConsentScope.nullable(),
  consentWithdrawn: z.boolean(),
  updatedAt: Timestamp,
  updatedByName: z.string(),
  createdByName: z.string(),
});
export type StorySummary = z.infer<typeof StorySummary>;

export const Story = StorySummary.extend({
  text: z.string(),
  quote: z.string(),
  outcomes: z.string(),
  /** Whose case it is, for the link worker and manager only (never in a newsletter). */
  caseLabel: z.string(),
  consent: Consent.nullable(),
  findings: z.array(Finding),
  unresolved: z.number().int(),
  returnComment: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: Timestamp.nullable(),
  /** What stands in the way of approval, in plain words (empty when it can be approved). */
  blockers: z.array(z.string()),
  /** What stands in the way of sending it (back) for approval: consent, the check, and each comment of a return unanswered. */
  submitBlockers: z.array(z.string()),
  /** The latest return with its comments and the changes since; null if never returned. */
  review: Review.nullable(),
  usedIn: z.array(IssueRef),
  history: z.array(StoryEvent),
});
export type Story = z.infer<typeof Story>;

export const StoryCandidate = z.object({ referralId: Id, label: z.string(), status: z.string(), hasStory: z.boolean() });
export type StoryCandidate = z.infer<typeof StoryCandidate>;

export const ConsentInput = z.object({
  storyId: Id,
  givenOn: PastOrToday('the date consent was given'),
  how: ConsentHow,
  takenBy: requiredText('who took consent', 120),
  scope: ConsentScope,
});
export type ConsentInput = z.input<typeof ConsentInput>;

export const WithdrawConsentInput = z.object({
  storyId: Id,
  withdrawnOn: PastOrToday('the date consent was withdrawn'),
  note: optionalText(1000),
});

export const ReturnComment = z.object({
  /** Null: about the story as a whole. */
  field: StoryField.nullable().default(null),
  text: requiredText('the comment', 1000),
});
export type ReturnComment = z.input<typeof ReturnComment>;

export const CheckInput = z.object({
  referralId: Id,
  title: z.string().max(6000).default(''),
  text: z.string().max(6000).default(''),
  quote: z.string().max(6000).default(''),
  outcomes: z.string().max(6000).default(''),
  /** The saved story, so its accepted findings show as accepted. */
  storyId: Id.optional(),
});

// ---------------------------------------------------------------- issues

export const IssueStatus = z.enum(['draft', 'final', 'sent']);
export type IssueStatus = z.infer<typeof IssueStatus>;
export const issueStatusLabels: Readonly<Record<IssueStatus, string>> = { draft: 'Draft', final: 'Final: kept as exported', sent: 'Sent' };

export const Month = z.string({ error: 'Choose the month' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Choose the month');

export const MdtDate = z.object({ date: IsoDate, note: optionalText(200) });

export const IssueDraft = z.object({
  editorial: optionalText(3000),
  /** In the order they appear; one to four in a finished issue (two to four make a fuller one). */
  storyIds: z.array(Id).max(4, 'An issue has at most four stories'),
  spotlightServiceId: Id.nullable().default(null),
  spotlightNote: optionalText(1000),
  linkWorkerName: optionalText(120),
  linkWorkerText: optionalText(1500),
  mdtDates: z.array(MdtDate).max(12, 'List at most 12 dates').default([]),
  howToRefer: optionalText(1500),
  /** The issue goes beyond the NHS (voluntary sector partners, the council): stories need consent to be shared outside the NHS. */
  outsideNhs: z.boolean().default(false),
});
export type IssueDraft = z.infer<typeof IssueDraft>;

export const IssueSummary = z.object({
  id: Id,
  month: z.string(),
  label: z.string(),
  practiceId: Id.nullable(),
  audience: z.string(),
  status: IssueStatus,
  storyCount: z.number().int(),
  updatedAt: Timestamp,
  finalisedAt: Timestamp.nullable(),
  sentOn: z.string().nullable(),
  /** Stories in it whose consent has since been withdrawn. */
  withdrawnStories: z.number().int(),
  /** 1 as first sent; 2, 3 … for corrections. */
  version: z.number().int(),
  /** The issue this one corrects, and what the correction changes. */
  correctsIssueId: Id.nullable(),
  correctionNote: z.string().nullable(),
  /** The newer version that corrects this one, if any: this one stays as it was sent. */
  correctedByIssueId: Id.nullable(),
  /** Withdrawn: it must not be sent or shared again. */
  withdrawnAt: Timestamp.nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type IssueSummary = z.infer<typeof IssueSummary>;

export const StoryOption = z.object({
  id: Id,
  title: z.string(),
  practiceName: z.string(),
  consentScope: ConsentScope.nullable(),
  /** Null when it can go in this issue; otherwise why not. */
  refusal: z.string().nullable(),
});
export type StoryOption = z.infer<typeof StoryOption>;

export const FigureTile = z.object({ label: z.string(), value: z.string(), note: z.string() });
export const ChartBar = z.object({ label: z.string(), value: z.number().nullable(), display: z.string() });
export const Chart = z.object({ title: z.string(), bars: z.array(ChartBar) });
export const Figures = z.object({ periodLabel: z.string(), tiles: z.array(FigureTile), charts: z.array(Chart), footnote: z.string() });
export type Figures = z.infer<typeof Figures>;

export const IssueDetail = z.object({
  summary: IssueSummary,
  draft: IssueDraft,
  stories: z.array(StoryOption),
  services: z.array(z.object({ id: Id, name: z.string() })),
  linkWorkers: z.array(z.string()),
  figures: Figures,
  /** Ready to finalise: what is missing otherwise. */
  problems: z.array(z.string()),
  /** Worth knowing, but no obstacle (one story this month). */
  notes: z.array(z.string()),
  files: z.array(z.object({ format: z.string(), fileName: z.string(), createdAt: Timestamp })),
  /** The next MDT meetings of the issue's practices, from the MDT calendar (the manager may add others). */
  mdtCalendar: z.array(z.object({ date: z.string(), note: z.string() })),
});
export type IssueDetail = z.infer<typeof IssueDetail>;

export const ExportFormat = z.enum(['html', 'eml', 'pdf', 'docx'], { error: 'Choose a format' });
export type ExportFormat = z.infer<typeof ExportFormat>;
export const exportFormatLabels: Readonly<Record<ExportFormat, string>> = {
  eml: 'E-mail draft for Outlook (.eml)',
  html: 'HTML e-mail (.html)',
  pdf: 'PDF to print',
  docx: 'Word document (.docx)',
};

export const Notice = z.object({ id: Id, storyId: Id, text: z.string(), createdAt: Timestamp });

const exportFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

const writers = ['link_worker'] as const;
const newsletterPeople = ['link_worker', 'practice_manager'] as const;
const editors = ['practice_manager'] as const;

export const newsletterChannels = {
  'stories.list': channel({
    summary: 'Case stories at the practices the caller works at, newest first.',
    access: newsletterPeople,
    audit: 'read',
    input: z.object({ status: StoryStatus.optional() }),
    output: z.array(StorySummary),
  }),
  'stories.candidates': channel({
    summary: 'Cases a link worker can start a story from: closed ones first, then those in progress.',
    access: writers,
    audit: 'read',
    input: z.object({}),
    output: z.array(StoryCandidate),
  }),
  'stories.prefill': channel({
    summary: 'A first draft of a story from what Signpost knows of the case: reasons, support and services, goals, wellbeing change.',
    access: writers,
    audit: 'read',
    input: z.object({ referralId: Id }),
    output: StoryTexts,
  }),
  'stories.check': channel({
    summary: 'The de-identification check on text as typed, with where each finding stands and what to write instead.',
    access: newsletterPeople,
    audit: 'read',
    input: CheckInput,
    output: z.object({ findings: z.array(Finding), unresolved: z.number().int() }),
  }),
  'stories.get': channel({
    summary: 'One story with its consent, its findings, its review history and the issues that used it.',
    access: newsletterPeople,
    audit: 'read',
    input: z.object({ id: Id }),
    output: Story,
  }),
  'stories.save': channel({
    summary: 'Write or change a story; a change to a submitted or approved story sends it back to draft.',
    access: writers,
    audit: 'write',
    input: StoryInput,
    output: Story,
  }),
  'stories.submit': channel({
    summary: 'Ask the practice manager to approve the story (its consent and check must be in order).',
    access: writers,
    audit: 'write',
    input: z.object({ id: Id }),
    output: Story,
  }),
  'stories.acceptFinding': channel({
    summary: 'Mark a finding of the check as acceptable, with the reason (audited).',
    access: newsletterPeople,
    audit: 'write',
    input: z.object({ storyId: Id, key: z.string().min(1).max(400), reason: requiredText('why this is acceptable', 500) }),
    output: Story,
  }),
  'stories.approve': channel({
    summary: 'Approve a story for newsletters: refused while consent is missing or withdrawn, or any finding is unresolved.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id }),
    output: Story,
  }),
  'stories.return': channel({
    summary: 'Return a story to its link worker with comments, each about one part or the whole; the words are kept as they stand so the changes show, and any finding marked acceptable must be looked at again.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, comments: z.array(ReturnComment).min(1, 'Write what needs changing').max(12, 'Write at most 12 comments') }),
    output: Story,
  }),
  'stories.reply': channel({
    summary: 'The link worker’s reply to one of the manager’s comments on a returned story (instead of, or as well as, changing the words).',
    access: writers,
    audit: 'write',
    input: z.object({ storyId: Id, commentId: Id, reply: requiredText('your reply', 1000) }),
    output: Story,
  }),
  'stories.edit': channel({
    summary: 'The practice manager’s small edits to the wording of a story waiting for approval, recorded as hers; a bigger change goes back to the link worker with comments.',
    access: editors,
    audit: 'write',
    input: StoryTexts.extend({ id: Id }),
    output: Story,
  }),
  'stories.recordConsent': channel({
    summary: 'Record the person’s consent to use the story: when, how, who took it and how widely it may be shared.',
    access: newsletterPeople,
    audit: 'write',
    input: ConsentInput,
    output: Story,
  }),
  'stories.withdrawConsent': channel({
    summary: 'Record that consent was withdrawn: the story can go in no new issue, and the manager is told which past issues used it.',
    access: newsletterPeople,
    audit: 'write',
    input: WithdrawConsentInput,
    output: z.object({ story: Story, usedIn: z.array(IssueRef) }),
  }),
  'newsletter.notices': channel({
    summary: 'What the manager must know: stories whose consent was withdrawn after an issue used them.',
    access: editors,
    audit: 'read',
    input: z.object({}),
    output: z.array(Notice),
  }),
  'newsletter.acknowledgeNotice': channel({
    summary: 'The manager has read a notice and acted on it.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id }),
    output: z.object({ done: z.literal(true) }),
  }),
  'newsletter.issues': channel({
    summary: 'Every issue, newest month first.',
    access: editors,
    audit: 'none',
    input: z.object({}),
    output: z.array(IssueSummary),
  }),
  'newsletter.create': channel({
    summary: 'Start the issue for a month, for one practice or the whole PCN (one each per month).',
    access: editors,
    audit: 'write',
    input: z.object({ month: Month, practiceId: Id.nullable() }),
    output: IssueDetail,
  }),
  'newsletter.get': channel({
    summary: 'An issue with its composer fields, the stories that may go in it, and its figures.',
    access: editors,
    audit: 'read',
    input: z.object({ id: Id }),
    output: IssueDetail,
  }),
  'newsletter.save': channel({
    summary: 'Save the composer’s fields of a draft issue.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, draft: IssueDraft }),
    output: IssueDetail,
  }),
  'newsletter.preview': channel({
    summary: 'The issue as its e-mail would show it, from the fields as typed (nothing saved).',
    access: editors,
    audit: 'read',
    input: z.object({ id: Id, draft: IssueDraft.optional() }),
    output: z.object({ html: z.string() }),
  }),
  'newsletter.finalise': channel({
    summary: 'Fix the issue as it will be sent: its stories and figures are kept exactly so, and it can no longer change.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id }),
    output: IssueDetail,
  }),
  'newsletter.export': channel({
    summary: 'A final issue as an e-mail draft (.eml), HTML e-mail, PDF or Word document; audited with the stories it contains.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, format: ExportFormat }),
    output: exportFile,
  }),
  'newsletter.correct': channel({
    summary: 'Correct a final or sent issue as a new version: a draft copied from it, marked as a correction with what it changes; the issue it corrects is kept exactly as it was sent.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, note: requiredText('what the correction changes', 500) }),
    output: IssueDetail,
  }),
  'newsletter.withdraw': channel({
    summary: 'Withdraw a final or sent issue: it is kept for the record, marked withdrawn with the reason, and can no longer be exported or sent.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, reason: requiredText('why it is withdrawn', 500) }),
    output: IssueDetail,
  }),
  'newsletter.markSent': channel({
    summary: 'Record the day a final issue was sent.',
    access: editors,
    audit: 'write',
    input: z.object({ id: Id, sentOn: PastOrToday('the day it was sent') }),
    output: IssueDetail,
  }),
};

export const SMALL_NUMBER_LIMIT = 8;
export const SMALL_NUMBER_RULE =
  `To protect privacy, counts from 1 to ${SMALL_NUMBER_LIMIT - 1} are shown as “fewer than ${SMALL_NUMBER_LIMIT}”, ` +
  `and averages are shown only when at least ${SMALL_NUMBER_LIMIT} people contribute to them.`;
