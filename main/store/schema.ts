import type { Generated } from 'kysely';

/** Table types for Kysely: one interface per table, columns as stored. Booleans are 0/1. */

export interface MetaTable {
  key: string;
  value: string;
}

export interface PracticeTable {
  id: Generated<number>;
  name: string;
  ods_code: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  role: string;
  enabled: number;
  must_change_password: number;
  created_at: string;
  last_login_at: string | null;
  /** Who set the temporary password now in force (a reset), told to the user at next sign-in. */
  password_reset_by_name: string | null;
  password_reset_at: string | null;
  /** The key slot (keyslots.json) that is this user's; null until first named (migration 010). */
  key_slot_id: Generated<string | null>;
}

export interface UserPracticeTable {
  user_id: number;
  practice_id: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface PatientTable {
  id: Generated<number>;
  nhs_number: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  /** family_name folded: lower case, accents and non-letters removed (typo-tolerant search). */
  family_key: string;
  date_of_birth: string;
  sex: string;
  gender_identity: string;
  address_line1: string;
  address_line2: string;
  town: string;
  postcode: string;
  /** JSON array of { number, type, safeForMessage }. */
  phones: string;
  email: string;
  preferred_contact_method: string;
  preferred_contact_times: string;
  first_language: string;
  interpreter_needed: number;
  communication_needs: string;
  registered_practice_id: number;
  created_at: string;
  updated_at: string;
}

export interface ReferralTable {
  id: Generated<number>;
  patient_id: number;
  practice_id: number;
  referrer_user_id: number;
  /** JSON of the submitted ReferralDetails. */
  details: string;
  /** JSON array of reasons (also one referral_reason row each, for filtering). */
  reasons: string;
  urgency: string;
  /** 0 urgent, 1 soon, 2 routine. */
  urgency_rank: number;
  safeguarding: number;
  status: string;
  status_changed_at: string;
  received_at: string;
  last_activity_at: string;
  assigned_to_user_id: number | null;
  accepted_at: string | null;
  contact_attempts: Generated<number>;
  redirected_to: string | null;
  outcome: string | null;
}

export interface ReferralReasonTable {
  referral_id: number;
  reason: string;
}

export interface ReferralEventTable {
  id: Generated<number>;
  referral_id: number;
  at: string;
  by_user_id: number | null;
  by_name: string;
  kind: string;
  status: string | null;
  text: string;
}

export interface ReferralCodingTable {
  id: Generated<number>;
  referral_id: number;
  code: string;
  term: string;
  recorded_on: string;
  recorded_at: string;
  by_user_id: number | null;
  by_name: string;
}

export interface MessageBackTable {
  id: Generated<number>;
  referral_id: number;
  occasion: string;
  needs: string;
  what_matters: string;
  support_offered: string;
  services_referred_to: string;
  outcomes: string;
  /** JSON array of { code, term }. */
  codes: string;
  author_user_id: number | null;
  author_name: string;
  created_at: string;
  read_at: string | null;
}

export interface ReferralDraftTable {
  id: Generated<number>;
  user_id: number;
  /** JSON of the form as typed so far. */
  form: string;
  saved_at: string;
}

export interface FormDraftTable {
  user_id: number;
  /** Which form, and the record it is about: `contact:12`. */
  key: string;
  /** JSON of the form as typed so far. */
  form: string;
  saved_at: string;
}

export interface ServiceTable {
  id: Generated<number>;
  name: string;
  organisation: string;
  /** Name and organisation folded, unique: what an import matches on. */
  match_key: string;
  description: string;
  eligibility: string;
  how_to_refer: string;
  phone: string;
  email: string;
  website: string;
  address: string;
  postcode: string;
  opening_times: string;
  cost: string | null;
  cost_note: string;
  last_checked: string | null;
  active: number;
  /** JSON array of free tags. */
  tags: string;
  /** Tags and category labels, for the text index. */
  keywords: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceCategoryTable {
  service_id: number;
  category: string;
}

export interface ServiceUseTable {
  id: Generated<number>;
  referral_id: number;
  service_id: number;
  kind: string;
  on_date: string;
  taken_up: number | null;
  feedback: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface MeasureTable {
  id: Generated<number>;
  referral_id: number;
  /** 'ons4' | 'swemwbs' | 'ucla3' */
  instrument: string;
  /** 'baseline' | 'follow_up' */
  stage: string;
  taken_on: string;
  /** JSON array of the item answers as recorded. */
  answers: string;
  /** JSON of the scores main computed from the answers. */
  scores: string;
  recorded_by: number | null;
  recorded_by_name: string;
  recorded_at: string;
}

export interface CaseContactTable {
  id: Generated<number>;
  referral_id: number;
  /** When it happened, UTC ISO. */
  at: string;
  type: string;
  /** 1 when the contact reached the person. */
  reached: number;
  duration_minutes: number | null;
  notes: string;
  recorded_by: number | null;
  recorded_by_name: string;
  recorded_at: string;
}

export interface CasePlanTable {
  referral_id: number;
  what_matters: string;
  updated_at: string;
  updated_by_name: string;
}

export interface CaseGoalTable {
  id: Generated<number>;
  referral_id: number;
  text: string;
  target_date: string | null;
  progress: string;
  created_at: string;
  updated_at: string;
  updated_by_name: string;
}

export interface CaseNextStepTable {
  id: Generated<number>;
  referral_id: number;
  text: string;
  due_on: string;
  done_on: string | null;
  created_at: string;
  updated_at: string;
  updated_by_name: string;
  /** The MDT action this step carries out, when it came from a meeting. */
  mdt_action_id: number | null;
}

export interface CaseEscalationTable {
  id: Generated<number>;
  referral_id: number;
  concern: string;
  escalated_to: string;
  escalated_on: string;
  outcome: string;
  outcome_recorded_at: string | null;
  recorded_by: number | null;
  recorded_by_name: string;
  recorded_at: string;
}

export interface CaseMdtFlagTable {
  id: Generated<number>;
  referral_id: number;
  practice_id: number;
  question: string;
  flagged_by: number | null;
  flagged_by_name: string;
  flagged_at: string;
  cleared_at: string | null;
  cleared_by_name: string | null;
}

export interface MdtSeriesTable {
  id: Generated<number>;
  practice_id: number;
  title: string;
  /** JSON of the Recurrence. */
  recurrence: string;
  start_time: string;
  end_time: string;
  starts_on: string;
  ends_on: string | null;
  bank_holiday_rule: string;
  place: string;
  online_link: string;
  chair: string;
  /** JSON array of { name, role, email }. */
  attendees: string;
  /** JSON array of user ids. */
  link_worker_ids: string;
  generated_until: string;
  created_at: string;
  updated_at: string;
}

export interface MdtMeetingTable {
  id: Generated<number>;
  series_id: number | null;
  rule_date: string | null;
  practice_id: number;
  title: string;
  /** Wall-clock date and times in England. */
  date: string;
  start_time: string;
  end_time: string;
  status: string;
  cancel_reason: string | null;
  moved_from_date: string | null;
  moved_from_time: string | null;
  move_reason: string | null;
  bank_holiday_suggestion: string | null;
  place: string;
  online_link: string;
  chair: string;
  attendees: string;
  detached: number;
  started_at: string | null;
  ended_at: string | null;
  sequence: number;
  created_at: string;
  updated_at: string;
}

export interface MdtMeetingLinkWorkerTable {
  meeting_id: number;
  user_id: number;
}

export interface MdtPracticeSettingTable {
  practice_id: number;
  agenda_close_working_days: number;
  travel_gap_minutes: number;
}

export interface MdtItemTable {
  id: Generated<number>;
  meeting_id: number;
  kind: string;
  standing: string | null;
  source: string | null;
  referral_id: number | null;
  flag_id: number | null;
  title: string;
  question: string;
  flagged_by_name: string | null;
  presenter: string;
  priority: string;
  minutes: number;
  late: number;
  late_reason: string | null;
  added_by_name: string;
  added_at: string;
  /** The minutes of the item, '' until written. */
  situation: Generated<string>;
  action_to_date: Generated<string>;
  update_text: Generated<string>;
  next_steps: Generated<string>;
  decision: Generated<string>;
  discussed: Generated<number>;
  carry_forward: Generated<number>;
  removed_at: Generated<string | null>;
  removed_reason: Generated<string | null>;
  minutes_saved_at: Generated<string | null>;
}

export interface MdtAttendanceTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  role: string;
  attendance: string;
}

export interface MdtActionTable {
  id: Generated<number>;
  meeting_id: number;
  item_id: number | null;
  referral_id: number | null;
  practice_id: number;
  text: string;
  owner_user_id: number | null;
  owner_name: string;
  due_on: string;
  done_on: string | null;
  done_by_name: string | null;
  created_by_name: string;
  created_at: string;
}

export interface StoryTable {
  id: Generated<number>;
  referral_id: number;
  practice_id: number;
  title: string;
  text: string;
  quote: string;
  outcomes: string;
  /** 'draft' | 'submitted' | 'approved' | 'returned' */
  status: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_by_name: string;
  updated_at: string;
  approved_by_name: string | null;
  approved_at: string | null;
  return_comment: string | null;
  consent_on: string | null;
  consent_how: string | null;
  consent_taken_by: string | null;
  consent_scope: string | null;
  consent_recorded_at: string | null;
  consent_withdrawn_on: string | null;
  consent_withdrawn_note: string | null;
  consent_withdrawn_recorded_by_name: string | null;
}

export interface StoryEventTable {
  id: Generated<number>;
  story_id: number;
  at: string;
  by_name: string;
  kind: string;
  text: string;
}

export interface StoryFindingAcceptedTable {
  id: Generated<number>;
  story_id: number;
  finding_key: string;
  reason: string;
  by_name: string;
  at: string;
}

export interface NewsletterIssueTable {
  id: Generated<number>;
  month: string;
  practice_id: number | null;
  scope_key: string;
  /** 'draft' | 'final' | 'sent' */
  status: string;
  draft: string;
  created_at: string;
  updated_at: string;
  updated_by_name: string;
  finalised_at: string | null;
  finalised_by_name: string | null;
  sent_on: string | null;
  content: string | null;
  /** 1 for the issue as first sent; 2, 3 … for corrections. */
  version: Generated<number>;
  corrects_issue_id: number | null;
  correction_note: string | null;
  withdrawn_at: string | null;
  withdrawn_by_name: string | null;
  withdrawn_reason: string | null;
}

export interface StoryReturnTable {
  id: Generated<number>;
  story_id: number;
  at: string;
  by_name: string;
  title: string;
  text: string;
  quote: string;
  outcomes: string;
}

export interface StoryCommentTable {
  id: Generated<number>;
  return_id: number;
  /** null, or 'title' | 'text' | 'quote' | 'outcomes' */
  field: string | null;
  text: string;
  reply: string | null;
  reply_by_name: string | null;
  reply_at: string | null;
}

export interface NewsletterIssueStoryTable {
  issue_id: number;
  story_id: number;
  position: number;
}

export interface NewsletterIssueFileTable {
  issue_id: number;
  format: string;
  file_name: string;
  mime_type: string;
  content: Buffer;
  created_at: string;
}

export interface NewsletterNoticeTable {
  id: Generated<number>;
  story_id: number;
  text: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
}

/** fts5vocab over the patient name index: each folded word and how many patients have it. */
export interface PatientNameVocabTable {
  term: string;
  doc: number;
  cnt: number;
}

export interface Database {
  meta: MetaTable;
  practice: PracticeTable;
  app_user: UserTable;
  user_practice: UserPracticeTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
  patient: PatientTable;
  referral: ReferralTable;
  referral_reason: ReferralReasonTable;
  referral_event: ReferralEventTable;
  referral_coding: ReferralCodingTable;
  message_back: MessageBackTable;
  referral_draft: ReferralDraftTable;
  form_draft: FormDraftTable;
  service: ServiceTable;
  service_category: ServiceCategoryTable;
  service_use: ServiceUseTable;
  measure: MeasureTable;
  case_contact: CaseContactTable;
  case_plan: CasePlanTable;
  case_goal: CaseGoalTable;
  case_next_step: CaseNextStepTable;
  case_escalation: CaseEscalationTable;
  case_mdt_flag: CaseMdtFlagTable;
  mdt_series: MdtSeriesTable;
  mdt_meeting: MdtMeetingTable;
  mdt_meeting_link_worker: MdtMeetingLinkWorkerTable;
  mdt_practice_setting: MdtPracticeSettingTable;
  mdt_item: MdtItemTable;
  mdt_attendance: MdtAttendanceTable;
  mdt_action: MdtActionTable;
  story: StoryTable;
  story_event: StoryEventTable;
  story_finding_accepted: StoryFindingAcceptedTable;
  story_return: StoryReturnTable;
  story_comment: StoryCommentTable;
  newsletter_issue: NewsletterIssueTable;
  newsletter_issue_story: NewsletterIssueStoryTable;
  newsletter_issue_file: NewsletterIssueFileTable;
  newsletter_notice: NewsletterNoticeTable;
  patient_name_vocab: PatientNameVocabTable;
}
