import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { AddContactInput, type CaseFile, contactTypeLabels, isAttempt } from '../../main/contract/casework';
import { nowLocal } from '../shared/clock';
import { call } from '../api/client';
import { CheckboxField, RadioField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { ukDate, ukDateTime } from '../shared/format';
import { useRemembered } from '../shared/sessionMemory';
import { useApiForm } from '../shared/useApiForm';
import { FormDialog } from '../shared/FormDialog';
import { CaseSection, type SectionProps } from './parts';

const SHOWN_AT_FIRST = 10;

/** Contacts with the person, newest first, and (for link workers) a button to record one. */
export function ContactsSection({ file, canEdit, onSaved }: SectionProps) {
  const [adding, setAdding] = useRemembered(`contact-open:${file.referralId}`, false);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? file.contacts : file.contacts.slice(0, SHOWN_AT_FIRST);
  const waiting = file.status === 'accepted';

  return (
    <CaseSection
      title="Contacts"
      actions={canEdit && <Button variant="contained" onClick={() => setAdding(true)}>Record a contact</Button>}
    >
      <Typography sx={{ mb: 1 }}>
        {file.lastContactAt ? `Last reached the person on ${ukDate(file.lastContactAt)}.` : 'Nobody has reached the person yet.'}
        {waiting && ` Attempts to contact: ${file.contactAttempts} of the ${file.attemptsBeforeUnable} needed before the referral can end as unable to contact.`}
      </Typography>
      {file.notesWithheld && <Alert severity="info" sx={{ mb: 1 }}>Contact notes are seen only by link workers.</Alert>}
      {file.contacts.length === 0 ? (
        <Typography color="text.secondary">
          No contacts recorded yet.{canEdit && ' Record each call, meeting or visit, and each time the person could not be reached.'}
        </Typography>
      ) : (
        <>
          <Table size="small" aria-label="Contacts, newest first">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">Date and time</TableCell>
                <TableCell component="th" scope="col">Kind</TableCell>
                <TableCell component="th" scope="col">Minutes</TableCell>
                <TableCell component="th" scope="col">Notes</TableCell>
                <TableCell component="th" scope="col">Recorded by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((c) => (
                <TableRow key={c.id}>
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>{ukDateTime(c.at)}</TableCell>
                  <TableCell>{isAttempt(c.type) ? <strong>{contactTypeLabels[c.type]}</strong> : contactTypeLabels[c.type]}</TableCell>
                  <TableCell>{c.durationMinutes ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{file.notesWithheld ? 'Withheld' : c.notes || '—'}</TableCell>
                  <TableCell>{c.recordedByName}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {file.contacts.length > SHOWN_AT_FIRST && (
            <Button onClick={() => setShowAll((s) => !s)} sx={{ mt: 1 }}>
              {showAll ? `Show the latest ${SHOWN_AT_FIRST} only` : `Show all ${file.contacts.length} contacts`}
            </Button>
          )}
        </>
      )}
      {adding && (
        <AddContactDialog
          file={file}
          onClose={() => setAdding(false)}
          onSaved={(next, text) => {
            setAdding(false);
            onSaved(next, text);
          }}
        />
      )}
    </CaseSection>
  );
}

function AddContactDialog({ file, onClose, onSaved }: { file: CaseFile; onClose: () => void; onSaved: SectionProps['onSaved'] }) {
  const api = useApiForm(AddContactInput, {
    defaultValues: { referralId: file.referralId, at: nowLocal(), notes: '', markContacted: true },
    draft: `contact:${file.referralId}`,
  });
  const { form, submitWith } = api;
  const type = form.watch('type');
  const firstContact = file.status === 'accepted' && type !== undefined && !isAttempt(type);
  // A letter or text may not have reached the person: suggest leaving the referral as it is.
  useEffect(() => {
    if (type) form.setValue('markContacted', type !== 'text_or_letter');
  }, [type, form]);

  const submit = submitWith(async (values) => {
    const next = await call('casework.addContact', values);
    const moved = file.status === 'accepted' && next.status === 'contacted';
    const counted = next.contactAttempts > file.contactAttempts;
    onSaved(next, `Contact recorded${moved ? '; the referral is now contacted' : counted ? `; ${next.contactAttempts === 1 ? '1 attempt' : `${next.contactAttempts} attempts`} to contact so far` : ''}.`);
  });

  return (
    <FormDialog title="Record a contact" submitLabel="Record the contact" api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="at" label="Date and time" type="datetime-local" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 280 }} />
      <RadioField control={form.control} name="type" label="Kind of contact" options={contactTypeLabels} hint="Did not attend and unable to reach count as attempts to contact." row />
      <FormField control={form.control} name="durationMinutes" label="Duration in minutes (optional)" type="number" sx={{ maxWidth: 280 }} slotProps={{ htmlInput: { min: 1, max: 600 } }} />
      <FormField control={form.control} name="notes" label="Notes (optional)" multiline minRows={3} hint="Seen by link workers only." />
      {firstContact && (
        <CheckboxField control={form.control} name="markContacted" label="This is the first time I reached the person: mark the referral as contacted" />
      )}
    </FormDialog>
  );
}
