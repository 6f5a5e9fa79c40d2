import type { z } from 'zod';
import type { NewReferral } from '../../main/contract/referrals';
import { today } from '../shared/clock';

export type ReferralFormValues = z.input<typeof NewReferral>;


/** An empty form: choices the person must make are left unanswered, not defaulted. */
export function emptyReferralForm(practiceId: number | undefined, referrerName: string): ReferralFormValues {
  return {
    patient: {
      nhsNumber: '', title: '', givenName: '', familyName: '', preferredName: '', dateOfBirth: '',
      sex: undefined as never, genderIdentity: '', addressLine1: '', addressLine2: '', town: '', postcode: '',
      phones: [{ number: '', type: 'mobile', safeForMessage: false }], email: '',
      preferredContactMethod: undefined as never, preferredContactTimes: '', firstLanguage: 'English',
      interpreterNeeded: false, communicationNeeds: '', registeredPracticeId: practiceId as number,
    },
    referral: {
      source: undefined as never, referralDate: today(), reasons: [], reasonOther: '', whatMatters: '',
      consentGiven: false as never, consentTakenBy: referrerName, consentDate: today(), capacity: undefined as never,
      mdtConsent: undefined as never, safeguardingConcern: undefined as never, safeguardingDetails: '',
      safeguardingEscalated: false, safeguardingEscalatedTo: '', loneWorkingRisks: '', urgency: 'routine',
      otherAgencies: '', longTermConditions: '', messageBackTo: 'referrer', usualGp: '',
    },
    acknowledgeOpenReferral: false,
  };
}
