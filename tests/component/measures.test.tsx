import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SWEMWBS_NOTICE, swemwbsStatements } from '../../main/contract/measures';
import { MeasuresPanel } from '../../renderer/measures';
import { call, newInstallation } from '../support/installation';
import { addTeam, createReferral, newReferral, signInAs } from '../support/referrals';
import { useTempFolders } from '../support/tempFolder';
import { useSessionTransport } from './inMemoryTransport';

const tempFolder = useTempFolders();

/** A case at practice 1 with Lee, its link worker, signed in and talking to the real dispatch. */
async function caseForLee() {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  const { id } = await createReferral(session, newReferral());
  await signInAs(session, 'lee');
  const calls = useSessionTransport(session);
  return { session, referralId: id, calls };
}

async function answerSwemwbs(dialog: HTMLElement, answers: readonly string[]) {
  for (const [i, statement] of swemwbsStatements.entries()) {
    const group = within(dialog).getByRole('group', { name: `${i + 1}. ${statement}` });
    await userEvent.click(within(group).getByRole('radio', { name: answers[i]! }));
  }
}

describe('recording a SWEMWBS on a case', () => {
  it('asks each statement in Warwick’s words and shows the metric score main computed, with the licence notice', async () => {
    const { referralId, calls } = await caseForLee();
    render(<MeasuresPanel referralId={referralId} canRecord />);
    await screen.findByText('No wellbeing measures recorded for this case yet.');

    await userEvent.click(screen.getByRole('button', { name: 'Record a measure' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a wellbeing measure' });
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SWEMWBS/ }));
    expect((within(dialog).getByRole('radio', { name: 'Baseline' }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByText(SWEMWBS_NOTICE)).toBeTruthy();
    expect(within(dialog).getByText(/Please tick the box that best describes your experience of each over the last 2 weeks/)).toBeTruthy();

    // Often, Often, Some of the time, Often, Some of the time ×3: raw 4+4+3+4+3+3+3 = 24 → metric 21.54.
    await answerSwemwbs(dialog, ['Often', 'Often', 'Some of the time', 'Often', 'Some of the time', 'Some of the time', 'Some of the time']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record measure' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('SWEMWBS baseline recorded: metric score 21.54 (raw 24).')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'SWEMWBS measures recorded' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByText('21.54')).toBeTruthy();
    expect(within(row).getByText('24')).toBeTruthy();
    expect(within(row).getByText('Lee Worker')).toBeTruthy();
    expect(screen.getByText(SWEMWBS_NOTICE)).toBeTruthy();
    expect(screen.getByRole('img', { name: /Chart of swemwbs metric score over time/ })).toBeTruthy();
    expect(calls).toContain('measures.record');
  });

  it('shows the change from baseline once a follow-up is recorded', async () => {
    const { session, referralId } = await caseForLee();
    await call(session, 'measures.record', { referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 3, 3, 3, 3, 3, 3] });
    await call(session, 'measures.record', { referralId, instrument: 'swemwbs', stage: 'follow_up', takenOn: '2026-08-03', answers: [5, 5, 4, 4, 4, 4, 4] });
    render(<MeasuresPanel referralId={referralId} canRecord={false} />);
    // raw 21 → 19.25; raw 30 → 27.03: up 7.78 points.
    expect(await screen.findByText(/SWEMWBS metric score 19\.25 at baseline \(04\/05\/2026\), 27\.03 on 03\/08\/2026: up 7\.78 points: a change larger than the usual threshold/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record a measure' })).toBeNull();
  });

  it('shows main’s refusal of a second baseline at the stage question, keeping the answers', async () => {
    const { session, referralId } = await caseForLee();
    await call(session, 'measures.record', { referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 3, 3, 3, 3, 3, 3] });
    render(<MeasuresPanel referralId={referralId} canRecord />);
    await screen.findByRole('table', { name: 'SWEMWBS measures recorded' });

    await userEvent.click(screen.getByRole('button', { name: 'Record a measure' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a wellbeing measure' });
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SWEMWBS/ }));
    expect((within(dialog).getByRole('radio', { name: 'Follow-up' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Baseline' }));
    await answerSwemwbs(dialog, Array(7).fill('Rarely'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record measure' }));

    const stage = within(dialog).getByRole('group', { name: 'Baseline or follow-up' });
    expect(await within(stage).findByText(/already has a SWEMWBS baseline, taken on 04\/05\/2026: record this one as a follow-up/)).toBeTruthy();
    const first = within(dialog).getByRole('group', { name: `1. ${swemwbsStatements[0]}` });
    expect((within(first).getByRole('radio', { name: 'Rarely' }) as HTMLInputElement).checked).toBe(true);
  });

  it('names each unanswered question before anything is sent', async () => {
    const { referralId, calls } = await caseForLee();
    render(<MeasuresPanel referralId={referralId} canRecord />);
    await userEvent.click(await screen.findByRole('button', { name: 'Record a measure' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: /^UCLA/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record measure' }));
    expect(await within(dialog).findByText('Choose an answer for question 1')).toBeTruthy();
    expect(within(dialog).getByText('Choose an answer for question 3')).toBeTruthy();
    expect(within(dialog).queryByText(/question 4/)).toBeNull();
    expect(calls).not.toContain('measures.record');
  });
});
