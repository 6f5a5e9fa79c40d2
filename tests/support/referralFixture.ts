import { SNOMED } from '../../main/contract/nhs';
import type { MessageBack, Patient, ReferralDetail, ReferralDetails, ReferralStatus } from '../../main/contract/referrals';

/**
 * A referral as `referrals.get` returns it, written out by hand: a realistic case for documents and
 * screens to be tested against. The NHS number is synthetic (999 range, valid Modulus 11).
 */
export const NHS_NUMBER = '9990000018';

/** A name made to break anything that treats text as markup. */
export const TRICKY_NAME = { title: '', givenName: '<script>alert(1)</script>', familyName: '& "O\'Brien"' } as const;

const patient: Patient = {
  id: 311,
  nhsNumber: NHS_NUMBER,
  title: 'Mrs',
  givenName: 'Margaret',
  familyName: 'Ellis',
  preferredName: 'Peggy',
  dateOfBirth: '1951-03-04',
  sex: 'female',
  genderIdentity: '',
  addressLine1: 'Flat 2, 14 Beech Grove',
  addressLine2: 'Headingley',
  town: 'Leeds',
  postcode: 'LS6 2QR',
  phones: [
    { number: '07700900123', type: 'mobile', safeForMessage: true },
    { number: '01134960000', type: 'home', safeForMessage: false },
  ],
  email: '',
  preferredContactMethod: 'phone',
  preferredContactTimes: 'Weekday mornings after 10am',
  firstLanguage: 'English',
  interpreterNeeded: false,
  communicationNeeds: 'Hearing aid in the left ear: speak clearly, face to face if possible. Letters in large print (16 point).',
  registeredPracticeId: 1,
};

const details: ReferralDetails = {
  source: 'gp',
  referralDate: '2026-11-20',
  reasons: ['loneliness', 'mental_wellbeing', 'money', 'other'],
  reasonOther: 'Help to find a local choir',
  whatMatters:
    'Getting out of the house again since her husband died in the spring. She sang in a church choir for thirty years and would like to find one again.\nWorried about paying for heating this winter.',
  consentGiven: true,
  consentTakenBy: 'Dr Amir Khan',
  consentDate: '2026-11-20',
  capacity: 'yes',
  mdtConsent: true,
  safeguardingConcern: true,
  safeguardingDetails: 'A neighbour reports that a nephew has been using her bank card. Margaret is unsure how much money is left in her account.',
  safeguardingEscalated: true,
  safeguardingEscalatedTo: 'Practice safeguarding lead, Dr Priya Shah',
  loneWorkingRisks: 'Large dog at the property: meet at the practice, or visit in pairs.',
  urgency: 'soon',
  otherAgencies: 'District nurses (weekly leg ulcer dressings)',
  longTermConditions: 'Type 2 diabetes; COPD; osteoarthritis of both knees',
  messageBackTo: 'both',
  usualGp: 'Dr Amir Khan',
};

export const acceptanceMessage: MessageBack = {
  id: 77,
  referralId: 1042,
  occasion: 'acceptance',
  createdAt: '2026-11-23T09:10:00.000Z',
  authorName: 'Sam Patel',
  codes: [{ ...SNOMED.referral }],
  readAt: '2026-11-23T12:00:00.000Z',
  needs: 'Loneliness and low mood since her husband died in April 2026. Worried about money and heating bills.',
  whatMatters: 'Singing in a choir again; staying warm at home this winter.',
  supportOffered: 'First meeting booked at the practice.',
  servicesReferredTo: '',
  outcomes: '',
};

export const closureMessage: MessageBack = {
  id: 91,
  referralId: 1042,
  occasion: 'closure',
  createdAt: '2026-12-03T15:20:00.000Z',
  authorName: 'Sam Patel',
  codes: [{ ...SNOMED.referral }],
  readAt: null,
  needs:
    'Loneliness and low mood since her husband died in April 2026.\nWorry about money and heating bills; a possible financial abuse concern, already raised with the practice safeguarding lead.',
  whatMatters: 'Singing in a choir again, and staying warm at home this winter.',
  supportOffered:
    'Four one-to-one sessions at the practice. Help to apply for Pension Credit and the Warm Home Discount. Went with her to the first choir rehearsal.',
  servicesReferredTo: 'Headingley Community Choir (Tuesday afternoons)\nCitizens Advice Leeds: benefits check\nAge UK Leeds: telephone befriending',
  outcomes:
    'Has been to the choir four times and now goes on her own. Pension Credit claim submitted on 02/12/2026. ONS4 life satisfaction 3 → 6; UCLA loneliness 8 → 5.',
};

/** What the link worker wrote when the referral moved into a later status. */
const endings: Partial<Record<ReferralStatus, string>> = {
  closed: 'Goes to the choir on her own; Pension Credit claimed; safeguarding lead has the financial concern',
  declined: 'Does not want support at the moment; knows how to refer herself later',
  redirected: 'Redirected to the community mental health team',
  unable_to_contact: 'Three calls and a letter without reply',
};

/** The referral, in progress unless told otherwise; overrides change the patient, the form or the status. */
export function referralDetail(
  overrides: { patient?: Partial<Patient>; details?: Partial<ReferralDetails>; status?: ReferralStatus } = {},
): ReferralDetail {
  const p: Patient = { ...patient, ...overrides.patient };
  const d: ReferralDetails = { ...details, ...overrides.details };
  const status = overrides.status ?? 'in_progress';
  return {
    summary: {
      id: 1042,
      patientName: [p.title, p.givenName, p.familyName].filter((s) => s !== '').join(' '),
      nhsNumber: p.nhsNumber,
      dateOfBirth: p.dateOfBirth,
      practiceId: 1,
      practiceName: 'Beech Grove Surgery',
      status,
      urgency: d.urgency,
      reasons: d.reasons,
      receivedAt: '2026-11-20T10:14:00.000Z',
      lastActivityAt: '2026-11-27T11:45:00.000Z',
      assignedToName: 'Sam Patel',
      stale: false,
      safeguarding: d.safeguardingConcern,
      coded: true,
    },
    patient: p,
    details: d,
    referrerName: 'Dr Amir Khan',
    toReconcile: null,
    coding: [{ ...SNOMED.referral, recordedAt: '2026-11-23T09:02:00.000Z', recordedOn: '2026-11-23', byName: 'Sam Patel' }],
    timeline: [
      { id: 1, at: '2026-11-20T10:14:00.000Z', byName: 'Dr Amir Khan', kind: 'status', status: 'received', text: 'Referral made' },
      { id: 2, at: '2026-11-21T09:30:00.000Z', byName: 'Sam Patel', kind: 'status', status: 'accepted', text: 'Accepted and assigned to Sam Patel' },
      { id: 3, at: '2026-11-23T09:02:00.000Z', byName: 'Sam Patel', kind: 'coded', status: null, text: 'Recorded 871731000000106 in the clinical system' },
      { id: 4, at: '2026-11-23T09:10:00.000Z', byName: 'Sam Patel', kind: 'message', status: null, text: 'Message back on acceptance sent to Dr Amir Khan' },
      { id: 5, at: '2026-11-24T14:05:00.000Z', byName: 'Sam Patel', kind: 'status', status: 'contacted', text: 'Phoned; agreed to meet at the practice on Thursday' },
      { id: 6, at: '2026-11-27T11:45:00.000Z', byName: 'Sam Patel', kind: 'status', status: 'in_progress', text: 'First meeting held' },
      ...(status === 'in_progress'
        ? []
        : [{ id: 7, at: '2026-12-03T15:15:00.000Z', byName: 'Sam Patel', kind: 'status' as const, status, text: endings[status] ?? '' }]),
    ],
    messages: [acceptanceMessage],
    contactAttempts: 1,
    allowedNext: ['closed', 'declined', 'redirected'],
  };
}
