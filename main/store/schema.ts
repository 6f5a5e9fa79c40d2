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

export interface Database {
  meta: MetaTable;
  practice: PracticeTable;
  app_user: UserTable;
  user_practice: UserPracticeTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
}
