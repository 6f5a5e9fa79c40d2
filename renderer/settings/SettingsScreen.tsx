import { z } from 'zod';
import { contract } from '../../main/contract';
import { Settings } from '../../main/contract/people';
import { call } from '../api/client';
import { PageHeader } from '../shared/PageHeader';
import { KeySection } from './KeySection';
import { SettingsSection } from './SettingsSection';

// Every field is required on this screen, though main also accepts a partial change.
const ReferralSettings = contract['referrals.settings'].input.required();
const CaseworkSettings = contract['casework.settings'].input.required();
const MeasureSettings = contract['measures.settings'].input.required();

export function SettingsScreen() {
  return (
    <>
      <PageHeader title="Settings" intro="These apply to everyone who uses Signpost in this PCN." />
      <SettingsSection
        title="Security"
        schema={Settings}
        fields={[{ name: 'idleLockMinutes', label: 'Lock after this many minutes without use', hint: 'Between 1 and 60. Practice PCs are shared, so keep it short.' }]}
        load={() => call('settings.get', {})}
        save={(v) => call('settings.update', v)}
      />
      <KeySection />
      <SettingsSection
        title="Referrals"
        schema={ReferralSettings}
        fields={[
          { name: 'staleAfterWorkingDays', label: 'Flag a referral untouched for this many working days', hint: 'Weekends and bank holidays do not count. Usually 10.' },
          { name: 'contactAttemptsBeforeUnable', label: 'Failed contact attempts before “unable to contact”', hint: 'Usually 3.' },
        ]}
        load={() => call('referrals.settings', {})}
        save={(v: z.output<typeof ReferralSettings>) => call('referrals.settings', v)}
      />
      <SettingsSection
        title="Casework"
        schema={CaseworkSettings}
        fields={[{ name: 'noContactAlertDays', label: 'Flag an open case with no contact for this many days', hint: 'Usually 14.' }]}
        load={() => call('casework.settings', {})}
        save={(v: z.output<typeof CaseworkSettings>) => call('casework.settings', v)}
      />
      <SettingsSection
        title="Wellbeing measures"
        schema={MeasureSettings}
        fields={[{ name: 'followUpWeeks', label: 'A follow-up measure is due this many weeks after the baseline', hint: 'Usually 12.' }]}
        load={() => call('measures.settings', {})}
        save={(v: z.output<typeof MeasureSettings>) => call('measures.settings', v)}
      />
    </>
  );
}
