import { type Agenda, type AgendaItem, attendanceLabels, priorityLabels } from '../../contract/mdt';
import { namesToInitials } from '../../mdt/agenda';
import { ukDayDate } from '../../mdt/time';
import type { Block, PrintDocument, Section } from '../document';
import { printDocumentDocx } from '../docx/printDocument';
import { nhsNumber, orNone, plainText, ukDate, ukDateTime } from '../format';
import { printDocumentPdf } from '../pdf/printDocument';

export interface MdtExportContext {
  pcnName: string;
  generatedAt: Date;
  generatedBy: string;
}

type Form = 'full' | 'redacted';

/**
 * Free text for the redacted agenda, a last guard over what redactedAgenda (main/mdt/agenda.ts)
 * already put through the de-identification check: agenda patients' names as initials, anything
 * shaped like an NHS number removed.
 */
export function redactText(text: string, items: readonly AgendaItem[]): string {
  return namesToInitials(plainText(text), items).replace(/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[NHS number removed]');
}

function who(item: AgendaItem, form: Form): string {
  if (!item.patient) return '';
  const p = item.patient;
  if (form === 'redacted') return `${p.initials}, aged ${p.ageBand}`;
  return `${plainText(p.name)}\nNHS No. ${nhsNumber(p.nhsNumber)} · DOB ${ukDate(p.dateOfBirth)}`;
}

function itemCell(item: AgendaItem, agenda: Agenda, form: Form): string {
  const text = (t: string) => (form === 'redacted' ? redactText(t, agenda.items) : plainText(t));
  const lines: string[] = [];
  const flags = [item.priority !== 'routine' ? priorityLabels[item.priority].toUpperCase() : '', item.late ? 'ADDED LATE' : ''].filter(Boolean).join(' · ');
  if (flags) lines.push(flags);
  if (item.kind === 'case') {
    lines.push(who(item, form));
    lines.push(`Case owner: ${plainText(item.patient?.caseOwner ?? 'not assigned')}`);
    if (item.question) lines.push(`Question for the team: ${text(item.question)}`);
    if (item.source === 'carried') lines.push('Carried forward from the last meeting');
  } else {
    lines.push(text(item.title));
    if (item.question) lines.push(text(item.question));
    if (item.standing === 'actions') {
      lines.push(agenda.carriedActions.length === 0 ? 'No open actions.' : `${agenda.carriedActions.length} open: see the list at the end.`);
    }
  }
  if (item.late && item.lateReason) lines.push(`Why late: ${text(item.lateReason)}`);
  return lines.filter((l) => l !== '').join('\n');
}

function meetingLines(agenda: Agenda): [string, string][] {
  const m = agenda.meeting;
  const rows: [string, string][] = [
    ['When', `${ukDayDate(m.date)}, ${m.startTime}–${m.endTime}`],
    ['Where', [plainText(m.place), m.onlineLink ? `Online: ${plainText(m.onlineLink)}` : ''].filter(Boolean).join('\n') || 'Not set'],
    ['Chair', orNone(m.chair, 'Not set')],
    ['Link workers', m.linkWorkers.length === 0 ? 'None invited' : m.linkWorkers.map((w) => plainText(w.name)).join(', ')],
    ['Attendees', m.attendees.length === 0 ? 'None listed' : m.attendees.map((a) => plainText(a.role ? `${a.name} (${a.role})` : a.name)).join('\n')],
  ];
  if (m.movedFrom) rows.push(['Moved', `From ${ukDayDate(m.movedFrom.date)} ${m.movedFrom.startTime}: ${plainText(m.movedFrom.reason)}`]);
  return rows;
}

function agendaDocument(agenda: Agenda, form: Form, ctx: MdtExportContext): PrintDocument {
  const m = agenda.meeting;
  const lead: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: 'Meeting', value: `${ukDate(m.date)} ${m.startTime}–${m.endTime}` },
        { label: 'Items', value: String(agenda.items.filter((i) => i.kind !== 'standing').length) },
        agenda.overrunMinutes > 0
          ? { label: 'Time planned', value: `${agenda.totalMinutes} of ${agenda.meetingMinutes} min: ${agenda.overrunMinutes} over`, emphasis: 'warning' }
          : { label: 'Time planned', value: `${agenda.totalMinutes} of ${agenda.meetingMinutes} min` },
        { label: agenda.open ? 'List closes' : 'List closed', value: ukDateTime(m.agendaClosesAt) },
      ],
    },
  ];
  if (form === 'full') {
    lead.push({ kind: 'alert', heading: 'Full agenda: for secure circulation only', lines: ['It names patients with their NHS numbers and dates of birth. Share it only by secure NHS mail (nhs.net) with the meeting’s attendees; do not print it in shared spaces.'] });
  } else {
    lead.push({ kind: 'text', text: 'Redacted agenda: patients appear by initials and age band only. In the typed text, their names are replaced by initials, and addresses, postcodes, phone numbers, dates of birth, other people’s names and places are replaced or left out. The full agenda is circulated securely to attendees.', muted: true });
  }
  if (m.status === 'cancelled') lead.unshift({ kind: 'alert', heading: 'This meeting is cancelled', lines: [orNone(m.cancelReason, 'No reason recorded')] });
  const sections: Section[] = [
    { heading: 'Meeting', blocks: [{ kind: 'fields', rows: meetingLines(agenda) }] },
    {
      heading: 'Agenda',
      blocks: [
        {
          kind: 'table',
          headers: ['Time', 'Item', 'Presenter', 'Min'],
          rows: agenda.items.map((item) => [`${item.slotStart}–${item.slotEnd}${item.overruns ? '\n(overruns)' : ''}`, itemCell(item, agenda, form), plainText(item.presenter), String(item.minutes)]),
          widths: [14, 58, 20, 8],
        },
        { kind: 'text', text: agenda.overrunMinutes > 0 ? `The items take ${agenda.totalMinutes} minutes: ${agenda.overrunMinutes} more than the meeting’s ${agenda.meetingMinutes}.` : `The items take ${agenda.totalMinutes} of the meeting’s ${agenda.meetingMinutes} minutes.`, muted: true },
      ],
    },
  ];
  if (agenda.carriedActions.length > 0) {
    sections.push({
      heading: 'Open actions from earlier meetings',
      blocks: [{
        kind: 'table',
        headers: ['Action', 'About', 'Owner', 'Due'],
        rows: agenda.carriedActions.map((a) => [form === 'redacted' ? redactText(a.text, agenda.items) : plainText(a.text), a.about ?? '', plainText(a.ownerName), ukDate(a.dueOn)]),
        widths: [50, 12, 24, 14],
      }],
    });
  }
  return {
    title: form === 'full' ? 'MDT meeting agenda' : 'MDT meeting agenda (redacted)',
    subtitle: [plainText(ctx.pcnName), `${plainText(m.practiceName)} (${m.odsCode}) · ${plainText(m.title)}`],
    runningHead: `${plainText(m.practiceName)} MDT · ${ukDate(m.date)} · ${form === 'full' ? 'Full agenda: secure circulation only' : 'Redacted agenda'}`,
    author: ctx.pcnName,
    lead,
    sections,
    generatedAt: ctx.generatedAt,
    generatedBy: ctx.generatedBy,
  };
}

export function agendaPdf(agenda: Agenda, form: Form, ctx: MdtExportContext): Promise<Buffer> {
  return printDocumentPdf(agendaDocument(agenda, form, ctx));
}

export function agendaDocx(agenda: Agenda, form: Form, ctx: MdtExportContext): Promise<Buffer> {
  return printDocumentDocx(agendaDocument(agenda, form, ctx));
}

// ---------------------------------------------------------------- minutes

function minutesDocument(agenda: Agenda, ctx: MdtExportContext): PrintDocument {
  const m = agenda.meeting;
  const actionsFor = (itemId: number | null) => agenda.actions.filter((a) => a.itemId === itemId);
  const itemSections: Section[] = agenda.items.map((item) => {
    const blocks: Block[] = [];
    if (item.kind === 'case' && item.patient) {
      blocks.push({ kind: 'fields', rows: [['Patient', who(item, 'full')], ['Case owner', plainText(item.patient.caseOwner ?? 'not assigned')], ['Question for the team', orNone(item.question, 'None')]] });
    }
    const n = item.notes;
    const written = [n.situation, n.actionToDate, n.update, n.nextSteps, n.decision].some((t) => plainText(t) !== '');
    if (item.standing === 'apologies') {
      const apologies = agenda.attendance.filter((a) => a.attendance === 'apologies').map((a) => plainText(a.name));
      blocks.push({ kind: 'text', text: apologies.length === 0 ? 'No apologies.' : `Apologies from ${apologies.join(', ')}.` });
    }
    if (written) {
      blocks.push({
        kind: 'fields',
        rows: [
          ['Situation', orNone(n.situation, '—')],
          ['Action to date', orNone(n.actionToDate, '—')],
          ['Update', orNone(n.update, '—')],
          ['Next steps', orNone(n.nextSteps, '—')],
          ['Decision', orNone(n.decision, '—')],
        ],
      });
    } else if (item.standing === 'actions') {
      blocks.push(agenda.carriedActions.length === 0
        ? { kind: 'text', text: 'No open actions from earlier meetings.', muted: true }
        : { kind: 'table', headers: ['Open action', 'About', 'Owner', 'Due'], rows: agenda.carriedActions.map((a) => [plainText(a.text), a.about ?? '', plainText(a.ownerName), ukDate(a.dueOn)]), widths: [52, 12, 22, 14] });
    } else if (item.kind === 'standing') {
      if (item.standing !== 'apologies') blocks.push({ kind: 'text', text: 'Nothing minuted.', muted: true });
    } else {
      blocks.push({ kind: 'text', text: item.discussed ? 'Discussed; nothing minuted.' : 'Not discussed.', muted: true });
    }
    if (item.carryForward) blocks.push({ kind: 'text', text: 'Carried forward to the next meeting.' });
    const actions = actionsFor(item.id);
    if (actions.length > 0) {
      blocks.push({ kind: 'table', headers: ['Action', 'Owner', 'Due'], rows: actions.map((a) => [plainText(a.text), plainText(a.ownerName), ukDate(a.dueOn)]), widths: [60, 25, 15] });
    }
    return { heading: `${item.slotStart} ${item.kind === 'case' && item.patient ? `Case: ${plainText(item.patient.name)}` : plainText(item.title)}`, blocks };
  });
  return {
    title: 'MDT meeting minutes',
    subtitle: [plainText(ctx.pcnName), `${plainText(m.practiceName)} (${m.odsCode}) · ${ukDayDate(m.date)} ${m.startTime}–${m.endTime}`],
    runningHead: `${plainText(m.practiceName)} MDT minutes · ${ukDate(m.date)} · secure circulation only`,
    author: ctx.pcnName,
    lead: [
      {
        kind: 'facts',
        facts: [
          { label: 'Meeting', value: `${ukDate(m.date)} ${m.startTime}–${m.endTime}` },
          { label: 'Chair', value: orNone(m.chair, 'Not set') },
          { label: 'Cases discussed', value: String(agenda.items.filter((i) => i.kind === 'case' && i.discussed).length) },
          { label: 'Actions', value: String(agenda.actions.length) },
        ],
      },
    ],
    sections: [
      {
        heading: 'Attendance',
        blocks: [{ kind: 'table', headers: ['Name', 'Role', 'Attendance'], rows: agenda.attendance.map((a) => [plainText(a.name), plainText(a.role), attendanceLabels[a.attendance]]), widths: [40, 40, 20] }],
      },
      ...itemSections,
      {
        heading: 'Action list',
        blocks: agenda.actions.length === 0
          ? [{ kind: 'text', text: 'No actions agreed.', muted: true }]
          : [{
              kind: 'table',
              headers: ['Action', 'About', 'Owner', 'Due'],
              rows: agenda.actions.map((a) => [plainText(a.text), a.about ?? '', plainText(a.ownerName), ukDate(a.dueOn)]),
              widths: [52, 12, 22, 14],
            }],
      },
    ],
    generatedAt: ctx.generatedAt,
    generatedBy: ctx.generatedBy,
  };
}

export function minutesPdf(agenda: Agenda, ctx: MdtExportContext): Promise<Buffer> {
  return printDocumentPdf(minutesDocument(agenda, ctx));
}

export function minutesDocx(agenda: Agenda, ctx: MdtExportContext): Promise<Buffer> {
  return printDocumentDocx(minutesDocument(agenda, ctx));
}
