import type { Service } from '../../../main/contract/directory';
import { londonToday } from '../../../main/contract/time';
import type { Story } from '../../../main/contract/newsletter';
import type { Session } from '../../../main/session/session';
import { call, newInstallation, TEST_NOW } from '../../support/installation';
import { addTeam, createReferral, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';

export const TODAY = londonToday(new Date(TEST_NOW));
export const MONTH = TODAY.slice(0, 7);

export async function service(session: Session, name: string, organisation: string): Promise<Service> {
  return (await call(session, 'directory.save', { name, organisation, howToRefer: 'signpost', categories: ['loneliness'], phone: '0113 496 0000', openingTimes: 'Tuesdays 2pm to 4pm' })) as Service;
}

/**
 * Riverside PCN with the usual team; Margaret (Peggy) Ellis's case at practice 1, worked by Lee to
 * closure with a choir taken up, a goal achieved and SWEMWBS up; a second case (John Smith) so that
 * another patient's name is in the index; a third case at practice 2. Lee is signed in at the end.
 */
export async function newsletterPractice(folder: string) {
  const { session } = await newInstallation(folder);
  const team = await addTeam(session);
  const margaret = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(1) }));
  const john = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(2), title: 'Mr', givenName: 'John', familyName: 'Smith', preferredName: '', sex: 'male', addressLine1: '3 Mill Lane', addressLine2: 'Meanwood', postcode: 'LS6 1AA' }));
  const other = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(3), givenName: 'Aisha', familyName: 'Rahman', preferredName: '', registeredPracticeId: 2 }));
  await signInAs(session, 'pat');
  const choir = await service(session, 'Headingley Community Choir', 'Leeds Arts');

  await signInAs(session, 'lee');
  const id = margaret.id;
  await call(session, 'referrals.transition', { id, to: 'accepted', reason: '' });
  await call(session, 'casework.addContact', { referralId: id, at: `${TODAY}T09:00`, type: 'face_to_face', durationMinutes: 45 });
  await call(session, 'casework.saveGoal', { referralId: id, text: 'Sing in a choir again', progress: 'achieved' });
  const use = (await call(session, 'directory.recordUse', { referralId: id, serviceId: choir.id, kind: 'signposted', onDate: TODAY })) as { id: number };
  await call(session, 'directory.updateUse', { id: use.id, takenUp: true, feedback: '' });
  await call(session, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'baseline', takenOn: TODAY, answers: [2, 2, 2, 2, 2, 2, 2] });
  await call(session, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'follow_up', takenOn: TODAY, answers: [4, 4, 3, 4, 3, 3, 3] });
  await call(session, 'casework.close', { referralId: id, outcomeSummary: 'Sings in the choir every week' });
  return { session, team, margaret: id, john: john.id, other: other.id, choir };
}

export const CLEAN_TEXT =
  'A woman in her seventies was referred by her GP after her husband died. She felt alone and rarely left the house. ' +
  'With her link worker she found the Headingley Community Choir, and now sings there every week.';

/** A story written, consented and approved: Lee writes it, Pat approves it. Lee is signed in afterwards. */
export async function approvedStory(session: Session, referralId: number, scope: 'practice' | 'pcn' | 'public', title = 'Singing again'): Promise<Story> {
  await signInAs(session, 'lee');
  const story = (await call(session, 'stories.save', { referralId, title, text: CLEAN_TEXT, quote: 'I look forward to Tuesdays now.', outcomes: 'SWEMWBS wellbeing up 6.5 points' })) as Story;
  await call(session, 'stories.recordConsent', { storyId: story.id, givenOn: TODAY, how: 'written', takenBy: 'Lee Worker', scope });
  await call(session, 'stories.submit', { id: story.id });
  await signInAs(session, 'pat');
  const approved = (await call(session, 'stories.approve', { id: story.id })) as Story;
  await signInAs(session, 'lee');
  return approved;
}
