import MailComposer from 'nodemailer/lib/mail-composer';
import type { Agenda } from '../../contract/mdt';
import { ukDayDate } from '../../mdt/time';
import { plainText, ukDateTime } from '../format';

/**
 * The agenda circulated as an .eml draft: Outlook opens it ready to send (X-Unsent), addressed to
 * the attendees who have an e-mail address, with the agenda attached. Nothing is sent from Signpost.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export async function agendaEml(agenda: Agenda, attachment: { fileName: string; content: Buffer; mimeType: string }, form: 'full' | 'redacted', from: string): Promise<Buffer> {
  const m = agenda.meeting;
  const to = m.attendees.filter((a) => a.email !== '').map((a) => ({ name: plainText(a.name), address: a.email }));
  const when = `${ukDayDate(m.date)}, ${m.startTime}–${m.endTime}`;
  const lines = [
    'Dear colleagues,',
    '',
    `Please find attached the agenda for the ${plainText(m.practiceName)} multidisciplinary team meeting on ${when}${m.place ? ` at ${plainText(m.place)}` : ''}.`,
    m.onlineLink ? `Join online: ${plainText(m.onlineLink)}` : '',
    `The agenda list closed on ${ukDateTime(m.agendaClosesAt)}; anything urgent since then can still be added with a reason.`,
    form === 'full' ? 'The agenda names patients: send it only from and to secure NHS mail (nhs.net) addresses.' : 'This is the redacted agenda (initials and age bands only).',
    '',
    'With thanks,',
    plainText(from),
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
  const html = `<!doctype html><html lang="en-GB"><body style="font-family: Arial, sans-serif; font-size: 11pt">${lines.map((l) => (l === '' ? '<br>' : `<p style="margin: 0 0 8px">${escapeHtml(l)}</p>`)).join('')}</body></html>`;
  const composer = new MailComposer({
    to,
    subject: `MDT agenda: ${plainText(m.practiceName)}, ${when}${form === 'full' ? ' [secure]' : ''}`,
    text: lines.join('\r\n'),
    html,
    headers: { 'X-Unsent': '1' },
    attachments: [{ filename: attachment.fileName, content: attachment.content, contentType: attachment.mimeType }],
  });
  return composer.compile().build();
}
