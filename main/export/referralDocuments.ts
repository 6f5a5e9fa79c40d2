import { SNOMED } from '../contract/nhs';
import {
  type MessageBack,
  type Patient,
  type ReferralDetail,
  type ReferralEvent,
  reasonLabels,
  referralSourceLabels,
  statusLabels,
  urgencyLabels,
} from '../contract/referrals';
import type { Block, CodeToRecord, Fact, PrintDocument, Section } from './document';
import { printDocumentDocx } from './docx/printDocument';
import { ageOn, nhsNumber, orNone, patientName, plainText, ukDate, ukDateTime, ukPhone } from './format';
import { printDocumentPdf } from './pdf/printDocument';

/** Who made the document, for whom and when: printed in every footer and in the file's metadata. */
export interface ExportContext {
  pcnName: string;
  generatedAt: Date;
  generatedBy: string;
}

// ---------------------------------------------------------------- wording

const sexLabels: Readonly<Record<Patient['sex'], string>> = {
  female: 'Female',
  male: 'Male',
  indeterminate: 'Indeterminate',
  not_known: 'Not known',
};

const contactMethodLabels: Readonly<Record<Patient['preferredContactMethod'], string>> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'E-mail',
  letter: 'Letter',
};

const phoneTypeLabels: Readonly<Record<Patient['phones'][number]['type'], string>> = { mobile: 'mobile', home: 'home', work: 'work' };

const capacityLabels: Readonly<Record<ReferralDetail['details']['capacity'], string>> = {
  yes: 'Yes, able to take part',
  needs_support: 'Able to take part with support',
  unsure: 'Unsure: check before the first contact',
};

const occasionLabels: Readonly<Record<MessageBack['occasion'], string>> = {
  acceptance: 'On acceptance of the referral',
  closure: 'On closure of the referral',
  update: 'Update',
};

const CONSENT_STATEMENT = 'The referral was discussed with the patient and they agreed to it.';
const SAFEGUARDING_REMINDER = 'Follow the practice safeguarding policy. Signpost records the concern; it does not replace the policy.';

const REFERRAL_CODE: CodeToRecord = {
  ...SNOMED.referral,
  rule: 'When the patient accepts the referral, for the first contact of an episode.',
};
const DECLINED_CODE: CodeToRecord = { ...SNOMED.declined, rule: 'When the patient declines social prescribing.' };

// ---------------------------------------------------------------- shared pieces

function runningHead(patient: Patient): string {
  return `${patientName(patient)} · NHS No. ${nhsNumber(patient.nhsNumber)} · DOB ${ukDate(patient.dateOfBirth)}`;
}

function dateOfBirth(patient: Patient, at: Date): string {
  const age = ageOn(patient.dateOfBirth, at);
  return age === null ? ukDate(patient.dateOfBirth) : `${ukDate(patient.dateOfBirth)} (${age} years)`;
}

function address(patient: Patient): string {
  return [patient.addressLine1, patient.addressLine2, patient.town, patient.postcode]
    .map((l) => plainText(l))
    .filter((l) => l !== '')
    .join('\n');
}

function phones(patient: Patient): string {
  if (patient.phones.length === 0) return 'None recorded';
  return patient.phones
    .map((p) => `${ukPhone(p.number)} (${phoneTypeLabels[p.type]}): ${p.safeForMessage ? 'safe to leave a message' : 'do not leave a message'}`)
    .join('\n');
}

function contactPreferences(patient: Patient): string {
  const times = plainText(patient.preferredContactTimes);
  return times === '' ? contactMethodLabels[patient.preferredContactMethod] : `${contactMethodLabels[patient.preferredContactMethod]}\nBest times: ${times}`;
}

function language(patient: Patient): string {
  const first = orNone(patient.firstLanguage, 'Not recorded');
  return `${first}; ${patient.interpreterNeeded ? 'interpreter needed' : 'no interpreter needed'}`;
}

function reasons(referral: ReferralDetail): string[] {
  return referral.details.reasons.map((r) =>
    r === 'other' && plainText(referral.details.reasonOther) !== '' ? `Other: ${plainText(referral.details.reasonOther)}` : reasonLabels[r],
  );
}

function referredBy(referral: ReferralDetail): string {
  return `${plainText(referral.referrerName)} (${referralSourceLabels[referral.details.source]})`;
}

function messageBackRecipient(referral: ReferralDetail): string {
  const referrer = plainText(referral.referrerName);
  const gp = plainText(referral.details.usualGp);
  switch (referral.details.messageBackTo) {
    case 'referrer':
      return `The referrer, ${referrer}`;
    case 'usual_gp':
      return `The usual GP, ${gp}`;
    case 'both':
      return gp === referrer ? `${referrer} (referrer and usual GP)` : `The referrer, ${referrer}, and the usual GP, ${gp}`;
  }
}

const eventKindLabels: Readonly<Record<ReferralEvent['kind'], string>> = { coded: 'Coded', message: 'Message back', note: 'Note', status: 'Status' };

/** "Contacted: phoned, agreed to meet", without saying the label twice when the text starts with it. */
function eventDescription(event: ReferralEvent): string {
  const what = plainText(event.text);
  const label = event.kind === 'status' && event.status ? statusLabels[event.status] : eventKindLabels[event.kind];
  if (what === '') return label;
  return what.toLowerCase().startsWith(label.toLowerCase()) ? what : `${label}: ${what}`;
}

/** When the referral entered its current status, from the timeline. */
function statusSince(referral: ReferralDetail): string | null {
  const entered = referral.timeline.filter((e) => e.kind === 'status' && e.status === referral.summary.status).at(-1);
  return entered ? entered.at : null;
}

// ---------------------------------------------------------------- the referral

function referralFacts(referral: ReferralDetail): Fact[] {
  const { summary, details } = referral;
  const urgency: Fact = { label: 'Urgency', value: urgencyLabels[details.urgency] };
  if (details.urgency === 'urgent') urgency.emphasis = 'alert';
  else if (details.urgency === 'soon') urgency.emphasis = 'warning';
  const since = statusSince(referral);
  return [
    { label: 'Status', value: since ? `${statusLabels[summary.status]} since ${ukDate(since)}` : statusLabels[summary.status] },
    urgency,
    { label: 'Referral date', value: ukDate(details.referralDate) },
    { label: 'Safeguarding', value: details.safeguardingConcern ? 'Concern raised: see below' : 'No concern raised', ...(details.safeguardingConcern ? { emphasis: 'alert' as const } : {}) },
  ];
}

function safeguardingLines(referral: ReferralDetail): string[] {
  const d = referral.details;
  return [
    orNone(d.safeguardingDetails, 'No details recorded'),
    d.safeguardingEscalated ? `Already escalated to: ${orNone(d.safeguardingEscalatedTo, 'not recorded')}` : 'Not yet escalated.',
    SAFEGUARDING_REMINDER,
  ];
}

function patientSection(referral: ReferralDetail, ctx: ExportContext): Section {
  const p = referral.patient;
  const rows: [string, string][] = [['Name', patientName(p)]];
  if (plainText(p.preferredName) !== '') rows.push(['Preferred name', plainText(p.preferredName)]);
  rows.push(['NHS number', nhsNumber(p.nhsNumber)], ['Date of birth', dateOfBirth(p, ctx.generatedAt)], ['Sex', sexLabels[p.sex]]);
  if (plainText(p.genderIdentity) !== '') rows.push(['Gender identity', plainText(p.genderIdentity)]);
  rows.push(['Address', address(p)], ['Phone', phones(p)]);
  if (plainText(p.email) !== '') rows.push(['E-mail', plainText(p.email)]);
  rows.push(
    ['Contact preference', contactPreferences(p)],
    ['Language', language(p)],
    ['Communication needs', orNone(p.communicationNeeds, 'None recorded')],
    ['Registered practice', plainText(referral.summary.practiceName)],
  );
  return { heading: 'Patient', blocks: [{ kind: 'fields', rows }] };
}

function referralSection(referral: ReferralDetail): Section {
  const d = referral.details;
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['Referred by', referredBy(referral)],
        ['Referral date', ukDate(d.referralDate)],
        ['Received', ukDateTime(referral.summary.receivedAt)],
        ['Urgency', urgencyLabels[d.urgency]],
        ['Reasons', reasons(referral).join('\n')],
        ['What matters to the person', orNone(d.whatMatters)],
        ['Consent', `${CONSENT_STATEMENT}\nTaken by ${plainText(d.consentTakenBy)} on ${ukDate(d.consentDate)}.`],
        ['Capacity to engage', capacityLabels[d.capacity]],
        ['Discussion at MDT', d.mdtConsent ? 'Agreed to be discussed at the multidisciplinary team meeting' : 'Did not agree to be discussed at MDT'],
        ['Safeguarding concern', d.safeguardingConcern ? 'Yes: see the box above' : 'No'],
        ['Lone working or home visit risks', orNone(d.loneWorkingRisks, 'None known')],
        ['Other agencies involved', orNone(d.otherAgencies, 'None known')],
        ['Long-term conditions', orNone(d.longTermConditions, 'None recorded')],
        ['Message back to', messageBackRecipient(referral)],
      ],
    },
  ];
  return { heading: 'Referral', blocks };
}

function statusSection(referral: ReferralDetail): Section {
  const { summary } = referral;
  const since = statusSince(referral);
  const rows: [string, string][] = [
    ['Status', since ? `${statusLabels[summary.status]} since ${ukDateTime(since)}` : statusLabels[summary.status]],
    ['Link worker', summary.assignedToName ? plainText(summary.assignedToName) : 'Not yet assigned'],
    ['Contact attempts', String(referral.contactAttempts)],
    ['Last activity', ukDateTime(summary.lastActivityAt)],
  ];
  if (summary.stale) rows.push(['Waiting', 'Untouched for longer than the practice’s limit: needs attention']);
  const readCount = referral.messages.length;
  rows.push(['Messages back', readCount === 0 ? 'None yet' : referral.messages.map((m) => `${occasionLabels[m.occasion]}, ${ukDate(m.createdAt)}, by ${plainText(m.authorName)}`).join('\n')]);
  return { heading: 'Current status', blocks: [{ kind: 'fields', rows }] };
}

function codingBlock(referral: ReferralDetail): Block {
  const codes: CodeToRecord[] = [REFERRAL_CODE];
  if (referral.summary.status === 'declined') codes.push(DECLINED_CODE);
  const notes = codes.map((c) => {
    const recorded = referral.coding.filter((r) => r.code === c.code).at(-1);
    return recorded
      ? `${c.code} recorded in the clinical system on ${ukDate(recorded.recordedOn)} by ${plainText(recorded.byName)}.`
      : `${c.code} not yet recorded in the clinical system.`;
  });
  return { kind: 'codes', heading: 'Record in the clinical system (SNOMED CT)', codes, notes };
}

function timelineSection(referral: ReferralDetail): Section {
  const events = [...referral.timeline].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return { heading: 'Timeline', blocks: [{ kind: 'text', text: 'Nothing recorded yet.', muted: true }] };
  return {
    heading: 'Timeline',
    blocks: [{ kind: 'table', headers: ['When', 'What happened', 'By'], rows: events.map((e) => [ukDateTime(e.at), eventDescription(e), plainText(e.byName)]), widths: [22, 56, 22] }],
  };
}

function referralDocument(referral: ReferralDetail, ctx: ExportContext): PrintDocument {
  const lead: Block[] = [{ kind: 'facts', facts: referralFacts(referral) }];
  if (referral.details.safeguardingConcern) lead.push({ kind: 'alert', heading: 'Safeguarding concern', lines: safeguardingLines(referral) });
  return {
    title: 'Referral to social prescribing',
    subtitle: [plainText(ctx.pcnName), `${plainText(referral.summary.practiceName)} · Referral no. ${referral.summary.id}`],
    runningHead: runningHead(referral.patient),
    author: ctx.pcnName,
    lead,
    sections: [
      patientSection(referral, ctx),
      referralSection(referral),
      statusSection(referral),
      { heading: 'Clinical coding', blocks: [codingBlock(referral)] },
      timelineSection(referral),
    ],
    generatedAt: ctx.generatedAt,
    generatedBy: ctx.generatedBy,
  };
}

/** The referral as a printable A4 PDF. */
export function referralPdf(detail: ReferralDetail, ctx: ExportContext): Promise<Buffer> {
  return printDocumentPdf(referralDocument(detail, ctx));
}

// ---------------------------------------------------------------- the message back to GP and referrer

/**
 * Shaped like the "message back to GP and referrer" of the PRSB Social Prescribing Information
 * Standard: the person's identifiers, the referral, needs and concerns, what matters to them,
 * support offered and services referred to, outcomes, the codes to record, and the author.
 */
function messageBackDocument(message: MessageBack, referral: ReferralDetail, ctx: ExportContext): PrintDocument {
  const p = referral.patient;
  const codes: CodeToRecord[] = message.codes.map((c) => ({ code: c.code, term: c.term }));
  return {
    title: 'Message back to GP and referrer',
    subtitle: [`Social prescribing · ${plainText(ctx.pcnName)}`, `${occasionLabels[message.occasion]} · ${ukDate(message.createdAt)}`],
    runningHead: runningHead(p),
    author: ctx.pcnName,
    lead: [
      {
        kind: 'fields',
        rows: [
          ['To', messageBackRecipient(referral)],
          ['From', `${plainText(message.authorName)}, social prescribing link worker`],
          ['Occasion', occasionLabels[message.occasion]],
        ],
      },
    ],
    sections: [
      {
        heading: 'Patient',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Name', patientName(p)],
              ['NHS number', nhsNumber(p.nhsNumber)],
              ['Date of birth', ukDate(p.dateOfBirth)],
              ['Address', address(p)],
              ['GP practice', plainText(referral.summary.practiceName)],
            ],
          },
        ],
      },
      {
        heading: 'Referral',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Referral date', ukDate(referral.details.referralDate)],
              ['Referred by', referredBy(referral)],
              ['Reasons', reasons(referral).join('\n')],
              ['Status', statusLabels[referral.summary.status]],
            ],
          },
        ],
      },
      { heading: 'The person’s needs and concerns', blocks: [{ kind: 'text', text: orNone(message.needs) }] },
      { heading: 'What matters to them', blocks: [{ kind: 'text', text: orNone(message.whatMatters) }] },
      {
        heading: 'Support offered and services referred to',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Support offered', orNone(message.supportOffered, 'None yet')],
              ['Services referred to', orNone(message.servicesReferredTo, 'None yet')],
            ],
          },
        ],
      },
      { heading: 'Outcomes so far', blocks: [plainText(message.outcomes) === '' ? { kind: 'text', text: 'None recorded yet.', muted: true } : { kind: 'text', text: message.outcomes }] },
      {
        heading: 'Codes to record',
        blocks: [
          codes.length === 0
            ? { kind: 'text', text: 'No codes to record.', muted: true }
            : { kind: 'codes', heading: 'Record in the clinical system (SNOMED CT)', codes, notes: [] },
        ],
      },
      {
        heading: 'Author',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Written by', `${plainText(message.authorName)}, social prescribing link worker, ${plainText(ctx.pcnName)}`],
              ['Date', ukDateTime(message.createdAt)],
            ],
          },
        ],
      },
    ],
    generatedAt: ctx.generatedAt,
    generatedBy: ctx.generatedBy,
  };
}

/** The message back to GP and referrer as a printable A4 PDF. */
export function messageBackPdf(message: MessageBack, referral: ReferralDetail, ctx: ExportContext): Promise<Buffer> {
  return printDocumentPdf(messageBackDocument(message, referral, ctx));
}

/** The message back to GP and referrer as a Word document, to file in the GP record. */
export function messageBackDocx(message: MessageBack, referral: ReferralDetail, ctx: ExportContext): Promise<Buffer> {
  return printDocumentDocx(messageBackDocument(message, referral, ctx));
}
