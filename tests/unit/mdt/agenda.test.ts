import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Agenda, MdtAction } from '../../../main/contract/mdt';
import { call } from '../../support/installation';
import { createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { docxParts, docxText, pdfText } from '../export/documentTools';
import { contacted, practiceWithReferrals } from '../casework/support';
import { agenda, fileOf, nextWorkingDayFromToday, oneOff, saveMeeting, weeksAhead } from './support';

const tempFolder = useTempFolders();

/** Lee's practice with three cases flagged for MDT and one person who did not agree to MDT discussion. */
async function flaggedPractice() {
  const { session, team, ids } = await practiceWithReferrals(tempFolder(), 3);
  await signInAs(session, 'pat');
  const optedOut = (await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(20), givenName: 'Olive', familyName: 'Optout' }, { mdtConsent: false }))).id;
  await signInAs(session, 'lee');
  await call(session, 'referrals.transition', { id: ids[2], to: 'accepted', reason: '' });
  for (const [i, id] of ids.slice(0, 2).entries()) {
    await contacted(session, id);
    await call(session, 'casework.flagForMdt', { referralId: id, question: i === 0 ? 'Could the nurse review PersonA’s diabetes before winter? NHS 999 000 0018' : 'Housing: who can help with the damp?' });
  }
  return { session, team, ids, optedOut };
}

describe('the agenda', () => {
  it('builds itself from the cases flagged for MDT, with standing items, time slots and the running total', async () => {
    const { session, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    const a = await agenda(session, meeting.id);
    expect(a.open).toBe(true);
    expect(a.items.map((i) => [i.kind === 'case' ? i.patient!.name : i.title, i.slotStart, i.minutes, i.runningTotal])).toEqual([
      ['Apologies', '13:00', 2, 2],
      ['Actions from last time', '13:02', 5, 7],
      ['PersonA (Peggy) Ellis', '13:07', 10, 17],
      ['PersonB (Peggy) Ellis', '13:17', 10, 27],
      ['Any other business', '13:27', 5, 32],
    ]);
    expect(a.items[2]).toMatchObject({ source: 'flag', referralId: ids[0], flaggedByName: 'Lee Worker', presenter: 'Lee Worker', question: expect.stringContaining('diabetes') });
    expect(a.items[2]!.patient).toMatchObject({ initials: 'P.E.', ageBand: '70–79', caseOwner: 'Lee Worker' });
    expect([a.totalMinutes, a.meetingMinutes, a.overrunMinutes]).toEqual([32, 60, 0]);

    // Opening again adds nothing twice; a later meeting does not list the same cases again.
    expect((await agenda(session, meeting.id)).items).toHaveLength(5);
    const later = await saveMeeting(session, oneOff(weeksAhead(8)));
    expect((await agenda(session, later.meeting.id)).items.filter((i) => i.kind === 'case')).toEqual([]);
  });

  it('orders by priority then presenter, and warns when the items overrun the meeting', async () => {
    const { session, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    let a = await agenda(session, meeting.id);
    const second = a.items.find((i) => i.referralId === ids[1])!;
    await call(session, 'mdt.updateItem', { itemId: second.id, question: second.question, presenter: 'Dr Amir Khan', priority: 'urgent', minutes: 30 });
    a = (await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'topic', title: 'New carers’ café at the library', presenter: 'Nina Nurse', priority: 'high', minutes: 15 })) as Agenda;
    expect(a.items.map((i) => [i.title, i.priority, i.presenter])).toEqual([
      ['Apologies', 'routine', 'Chair'],
      ['Actions from last time', 'routine', 'Chair'],
      ['Case: PersonB (Peggy) Ellis', 'urgent', 'Dr Amir Khan'],
      ['New carers’ café at the library', 'high', 'Nina Nurse'],
      ['Case: PersonA (Peggy) Ellis', 'routine', 'Lee Worker'],
      ['Any other business', 'routine', 'Chair'],
    ]);
    expect([a.totalMinutes, a.overrunMinutes]).toEqual([67, 7]);
    expect(a.items.at(-1)).toMatchObject({ slotStart: '14:02', slotEnd: '14:07', overruns: true });
    expect(a.items.at(-2)).toMatchObject({ overruns: true, runningTotal: 62 });
  });

  it('refuses a person who did not agree to be discussed at MDT, and shows the reason among the cases to add', async () => {
    const { session, optedOut, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    const options = (await call(session, 'mdt.caseOptions', { meetingId: meeting.id, query: 'optout' })) as { referralId: number; refusal: string | null }[];
    expect(options).toEqual([expect.objectContaining({ referralId: optedOut, refusal: expect.stringContaining('Olive (Peggy) Optout did not agree to be discussed at MDT meetings') })]);
    const e = await expectError(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: optedOut, question: 'Falls at home?', presenter: 'Lee Worker' });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Olive (Peggy) Optout did not agree to be discussed at MDT meetings (recorded on the referral of 05/01/2026, consent taken by Dr Amir Khan), so the case cannot be added to the agenda.');
    // An agreeing case not flagged can be added by hand; the same case twice cannot.
    const added = (await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: ids[2], question: 'First contact went badly: ideas?', presenter: 'Lee Worker' })) as Agenda;
    expect(added.items.find((i) => i.referralId === ids[2])).toMatchObject({ source: 'added', late: false, priority: 'routine' });
    expect((await expectError(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: ids[2], question: 'Again', presenter: 'Lee' })).code).toBe('CONFLICT');
  });

  it('after the list closes, a late addition needs a reason and is marked urgent; flagged cases wait to be added', async () => {
    const { session, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(nextWorkingDayFromToday()));
    const a = await agenda(session, meeting.id);
    expect(a.open).toBe(false);
    expect(a.items.filter((i) => i.kind === 'case')).toEqual([]);
    expect(a.flaggedSinceClose.map((f) => f.referralId)).toEqual([ids[0], ids[1]]);
    const e = await expectError(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: ids[0], question: 'Diabetes review?', presenter: 'Lee Worker' });
    expect(e.fieldErrors).toEqual({ lateReason: ['The list has closed: give the reason for adding this late'] });
    const late = (await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: ids[0], question: 'Diabetes review?', presenter: 'Lee Worker', priority: 'routine', lateReason: 'Admitted to hospital at the weekend' })) as Agenda;
    expect(late.items.find((i) => i.referralId === ids[0])).toMatchObject({ late: true, priority: 'urgent', lateReason: 'Admitted to hospital at the weekend' });
    expect(late.items.map((i) => i.title)[2]).toBe('Case: PersonA (Peggy) Ellis');
  });

  it('exports the full agenda with names and NHS numbers, and the redacted one with initials and age bands only', async () => {
    const { session } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    await agenda(session, meeting.id);
    const full = pdfText(fileOf(await call(session, 'mdt.exportAgenda', { meetingId: meeting.id, form: 'full', format: 'pdf' })));
    expect(full).toContain('PersonA (Peggy) Ellis');
    expect(full).toMatch(/NHS No\. 999 000 \d{4}/);
    expect(full).toContain('Full agenda: for secure circulation only');
    const redacted = pdfText(fileOf(await call(session, 'mdt.exportAgenda', { meetingId: meeting.id, form: 'redacted', format: 'pdf' })));
    expect(redacted).toContain('P.E., aged 70–79');
    expect(redacted.replace(/\s+/g, ' ')).toContain('Could the nurse review P.E.’s diabetes before winter? NHS [NHS number removed]');
    for (const leak of ['PersonA', 'Ellis', 'Peggy', '999 000', '9990000', '04/03/1951']) expect(redacted).not.toContain(leak);
    const docx = fileOf(await call(session, 'mdt.exportAgenda', { meetingId: meeting.id, form: 'redacted', format: 'docx' }));
    const docxBody = docxText(docxParts(docx)['word/document.xml']!);
    expect(docxBody).toContain('P.E., aged 70–79');
    expect(docxBody).not.toContain('Ellis');
  });

  it('puts every typed field of the redacted agenda through the de-identification check: address, postcode, date of birth, phone and a relative’s name do not come through', async () => {
    const { session, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    await call(session, 'mdt.addItem', {
      meetingId: meeting.id, kind: 'case', referralId: ids[2], presenter: 'Lee Worker', priority: 'routine',
      question: 'PersonC (DOB 04/03/1951) lives at 14 Beech Grove, LS6 2QR, and her son Gary is worried. Her phone is 07700 900123. Review before 3 March?',
    });
    await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'topic', title: 'Falls in Belle Isle', question: 'Mrs Hollings of 3 Mill Lane, and others: what is on offer?', presenter: 'Lee Worker', priority: 'routine' });
    const redacted = pdfText(fileOf(await call(session, 'mdt.exportAgenda', { meetingId: meeting.id, form: 'redacted', format: 'pdf' }))).replace(/\s+/g, ' ');
    for (const leak of ['Beech Grove', 'LS6 2QR', '04/03/1951', '07700 900123', 'Gary', 'PersonC', 'Hollings', 'Mill Lane']) expect(redacted).not.toContain(leak);
    expect(redacted).toContain('P.E. (DOB [date of birth removed]) lives nearby, [postcode removed], and her son is worried. Her phone is [phone number removed]. Review before 3 March?');
    expect(redacted).toContain('Someone of [address removed], and others: what is on offer?');
    // The full agenda, for secure circulation, keeps every word.
    const full = pdfText(fileOf(await call(session, 'mdt.exportAgenda', { meetingId: meeting.id, form: 'full', format: 'pdf' }))).replace(/\s+/g, ' ');
    expect(full).toContain('lives at 14 Beech Grove, LS6 2QR, and her son Gary is worried');
  });

  it('circulates the agenda as an .eml draft to the attendees, with the agenda attached, for Outlook to send', async () => {
    const { session } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4), { attendees: [{ name: 'Dr Amir Khan', role: 'GP', email: 'amir.khan@nhs.net' }, { name: 'Nina <Nurse>', role: 'Nurse', email: '' }] }));
    await agenda(session, meeting.id);
    const out = (await call(session, 'mdt.circulate', { meetingId: meeting.id, form: 'redacted' })) as { fileName: string; mimeType: string };
    expect(out.mimeType).toBe('message/rfc822');
    const mail = await simpleParser(fileOf(out));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.subject).toMatch(/^MDT agenda: Riverside Surgery, \w{3} \d\d\/\d\d\/\d{4}, 13:00–14:00$/);
    expect((mail.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['amir.khan@nhs.net']);
    expect(mail.attachments.map((x) => [x.filename, x.contentType])).toEqual([[expect.stringMatching(/^mdt-agenda-A81001-.*-redacted\.pdf$/), 'application/pdf']]);
    expect(pdfText(mail.attachments[0]!.content)).toContain('P.E., aged 70–79');
    expect(mail.text).toContain('redacted agenda');
  });

  it('keeps the agenda to the practice’s own staff; clinicians add items but do not prepare; reception is refused', async () => {
    const { session, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    await signInAs(session, 'kim');
    expect((await expectError(session, 'mdt.agenda', { meetingId: meeting.id })).code).toBe('FORBIDDEN');
    await signInAs(session, 'pat');
    await call(session, 'users.create', { fullName: 'Dr Cara Clinician', username: 'cara', role: 'clinician', practiceIds: [1], temporaryPassword: 'temporary password 1' });
    const asManager = await agenda(session, meeting.id);
    expect([asManager.canPrepare, asManager.canAddItems]).toEqual([false, false]);
    await signInAs(session, 'cara');
    const asClinician = await agenda(session, meeting.id);
    expect([asClinician.canPrepare, asClinician.canAddItems]).toEqual([false, true]);
    await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: ids[2], question: 'Chest pain on exertion and isolation', presenter: 'Dr Cara Clinician' });
    expect((await expectError(session, 'mdt.updateItem', { itemId: asClinician.items[0]!.id, question: '', presenter: 'x', priority: 'routine', minutes: 3 })).code).toBe('FORBIDDEN');
    await signInAs(session, 'rita');
    expect((await expectError(session, 'mdt.agenda', { meetingId: meeting.id })).code).toBe('FORBIDDEN');
  });
});

describe('meeting mode', () => {
  it('records attendance, minutes and actions; exports the minutes; discussed cases leave the list; carried ones come back with open actions', async () => {
    const { session, team, ids } = await flaggedPractice();
    const { meeting } = await saveMeeting(session, oneOff(nextWorkingDayFromToday()));
    const next = await saveMeeting(session, oneOff(weeksAhead(5)));
    // The list of the first meeting closed before either case was flagged: add both late.
    for (const id of ids.slice(0, 2)) await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: id, question: 'Review', presenter: 'Lee Worker', lateReason: 'Flagged this week' });
    expect((await expectError(session, 'mdt.saveMinutes', { itemId: 1, situation: 'x' })).code).toBe('CONFLICT');
    let a = (await call(session, 'mdt.start', { meetingId: meeting.id })) as Agenda;
    expect(a.meeting.startedAt).not.toBeNull();
    a = (await call(session, 'mdt.saveAttendance', { meetingId: meeting.id, attendance: [{ name: 'Dr Amir Khan', role: 'GP', attendance: 'present' }, { name: 'Nina Nurse', role: 'Nurse', attendance: 'apologies' }] })) as Agenda;
    const [first, second] = a.items.filter((i) => i.kind === 'case');
    await call(session, 'mdt.saveMinutes', { itemId: first!.id, situation: 'Lives alone; HbA1c rising', actionToDate: 'Two calls', update: 'Keen on the walking group', nextSteps: 'Nurse review', decision: 'Nurse to review in two weeks', discussed: true, carryForward: false });
    await call(session, 'mdt.saveMinutes', { itemId: second!.id, situation: 'Damp flat', actionToDate: '', update: '', nextSteps: 'Housing officer to visit', decision: 'Bring back next time', discussed: true, carryForward: true });
    a = (await call(session, 'mdt.addAction', { meetingId: meeting.id, itemId: second!.id, text: 'Ask the housing officer to visit', ownerUserId: team.lee, ownerName: 'ignored', dueOn: weeksAhead(2) })) as Agenda;
    expect(a.actions).toEqual([expect.objectContaining({ ownerName: 'Lee Worker', about: 'P.E.', text: 'Ask the housing officer to visit' })]);
    const context = (await call(session, 'mdt.itemContext', { itemId: first!.id })) as { summary: [string, string][] };
    expect(context.summary.find(([k]) => k === 'Question for the team')![1]).toBe('Review');

    await call(session, 'mdt.finish', { meetingId: meeting.id });
    const minutes = pdfText(fileOf(await call(session, 'mdt.exportMinutes', { meetingId: meeting.id, format: 'pdf' })));
    for (const text of ['MDT meeting minutes', 'Lives alone; HbA1c rising', 'Nurse to review in two weeks', 'Apologies from Nina Nurse.', 'Ask the housing officer to visit', 'Carried forward to the next meeting.']) expect(minutes).toContain(text);
    expect(fileOf(await call(session, 'mdt.exportMinutes', { meetingId: meeting.id, format: 'docx' })).subarray(0, 2).toString()).toBe('PK');

    // Both flags are cleared; the carried case and the open action come to the next meeting.
    const db = session.active().store.db;
    expect(await db.selectFrom('case_mdt_flag').select('id').where('cleared_at', 'is', null).execute()).toEqual([]);
    const n = await agenda(session, next.meeting.id);
    expect(n.items.filter((i) => i.kind === 'case').map((i) => [i.referralId, i.source])).toEqual([[ids[1], 'carried']]);
    expect(n.items.find((i) => i.source === 'carried')!.question).toMatch(/^Carried forward from \d\d\/\d\d\/\d{4}\. Next steps agreed: Housing officer to visit$/);
    expect(n.carriedActions.map((x) => x.text)).toEqual(['Ask the housing officer to visit']);

    // The action is on its owner's list until done.
    const mine = (await call(session, 'mdt.myActions')) as MdtAction[];
    expect(mine.map((x) => x.text)).toEqual(['Ask the housing officer to visit']);
    await call(session, 'mdt.completeAction', { actionId: mine[0]!.id });
    expect(await call(session, 'mdt.myActions')).toEqual([]);
    expect((await agenda(session, next.meeting.id)).carriedActions).toEqual([]);
  });
});
