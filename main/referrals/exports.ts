import { messageBackDocx, messageBackPdf, referralPdf } from '../export/referralDocuments';
import type { MessageBack, ReferralDetail } from '../contract/referrals';
import type { Db } from '../store/database';
import { londonDate } from '../calendar/workingDays';
import type { Ctx } from './context';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

const mimeTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

async function exportContext(db: Db, ctx: Ctx) {
  const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
  return { pcnName: pcn?.value ?? '', generatedAt: ctx.now, generatedBy: ctx.actor.fullName };
}

function file(fileName: string, format: keyof typeof mimeTypes, content: Buffer): ExportFile {
  return { fileName, mimeType: mimeTypes[format], base64: content.toString('base64') };
}

export async function referralFile(ctx: Ctx, detail: ReferralDetail): Promise<ExportFile> {
  const pdf = await referralPdf(detail, await exportContext(ctx.db, ctx));
  return file(`referral-${detail.summary.id}-${londonDate(ctx.now)}.pdf`, 'pdf', pdf);
}

export async function messageBackFile(ctx: Ctx, message: MessageBack, detail: ReferralDetail, format: keyof typeof mimeTypes): Promise<ExportFile> {
  const exportCtx = await exportContext(ctx.db, ctx);
  const content = format === 'pdf' ? await messageBackPdf(message, detail, exportCtx) : await messageBackDocx(message, detail, exportCtx);
  return file(`message-back-${detail.summary.id}-${message.id}-${londonDate(ctx.now)}.${format}`, format, content);
}
