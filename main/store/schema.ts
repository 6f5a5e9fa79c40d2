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

export interface Database {
  meta: MetaTable;
  practice: PracticeTable;
  app_user: UserTable;
  user_practice: UserPracticeTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
  service: ServiceTable;
  service_category: ServiceCategoryTable;
  service_use: ServiceUseTable;
  measure: MeasureTable;
}
