import { appendAudit } from '../audit/auditLog';
import type { HandlerGroup } from '../dispatch/handler';

/** The database key: its state, a manager's rotation, a new recovery key. */
export const keyHandlers: HandlerGroup<'security.keyStatus' | 'security.rotateKey' | 'security.newRecoveryKey'> = {
  'security.keyStatus': async ({ session, db }) => session.keyStatus(db),
  // The rotation writes its own audit entry ('keys.rotate'), after the rekey it records.
  'security.rotateKey': async ({ session, user }) => session.rotateKey('rotated by a manager', { userId: user.id, name: user.fullName }),
  'security.newRecoveryKey': async ({ session, db, user, now }) => {
    const recoveryKey = session.newRecoverySlot();
    await appendAudit(db, {
      at: now.toISOString(),
      actorUserId: user.id, actorName: user.fullName, action: 'security.newRecoveryKey', targetType: 'installation',
      detail: 'a new recovery key was made; the previous one no longer opens the data',
    });
    return { recoveryKey };
  },
};
