import type { Db } from '../store/database';

/** Who is acting, as the timeline and the audit log name them. */
export interface Actor {
  id: number;
  fullName: string;
}

/** What a referral operation needs: the database (inside the call's transaction for writes), who, and when. */
export interface Ctx {
  db: Db;
  actor: Actor;
  now: Date;
}
