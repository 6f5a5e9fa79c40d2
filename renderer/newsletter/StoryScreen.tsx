import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { type Finding, type Story, type StoryField, storyFieldLabels, storyStatusLabels, StoryTexts } from '../../main/contract/newsletter';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { FormField } from '../shared/FormField';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useApiForm } from '../shared/useApiForm';
import { ConsentPanel } from './ConsentPanel';
import { FindingsPanel, HighlightedText } from './FindingsPanel';
import { ChangesSinceReturn, ManagerEdits, ReturnDialog, ReviewComments, WordingEditor } from './ReviewPanel';

const FIELDS: readonly StoryField[] = ['title', 'text', 'quote', 'outcomes'];

const hints: Readonly<Record<StoryField, string>> = {
  title: 'A few words that say what changed',
  text: 'What brought the person to social prescribing, what helped, what changed. No names, exact dates, ages or places.',
  quote: 'Optional: a sentence the person said, with their agreement',
  outcomes: 'One line each: goals achieved, services taken up, wellbeing change',
};

export function StatusChip({ status }: { status: Story['status'] }) {
  const colour = status === 'approved' ? 'success' : status === 'returned' ? 'error' : status === 'submitted' ? 'primary' : 'default';
  return <Chip size="small" label={storyStatusLabels[status]} color={colour} variant={status === 'draft' ? 'outlined' : 'filled'} />;
}

interface Props {
  role: Role;
  storyId?: number;
  referralId: number;
  /** A new story's first draft (from the case). */
  initial?: StoryTexts;
  onBack: () => void;
}

/** Write a story (link worker) or review it (practice manager), with the check beside it as the words change. */
export function StoryScreen({ role, storyId, referralId, initial, onBack }: Props) {
  const writer = role === 'link_worker';
  const [story, setStory] = useState<Story>();
  const [id, setId] = useState(storyId);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error' | 'info'; text: string }>();
  const [returning, setReturning] = useState(false);
  const [editing, setEditing] = useState(false);
  const { form, formError, submitWith } = useApiForm(StoryTexts, { defaultValues: initial ?? { title: '', text: '', quote: '', outcomes: '' } });

  const show = (s: Story) => {
    setStory(s);
    setFindings(s.findings);
    form.reset({ title: s.title, text: s.text, quote: s.quote, outcomes: s.outcomes });
  };

  useEffect(() => {
    if (id === undefined) return;
    call('stories.get', { id }).then(show, (e: unknown) => setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'Could not open the story.' }));
    // The form is reset from the story each time it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  // The check runs as the link worker types, once they pause.
  const values = form.watch();
  const key = JSON.stringify(values);
  useEffect(() => {
    if (!writer) return;
    // A check answered after the words changed again stands for old words: its positions are dropped.
    let current = true;
    setChecking(true);
    const timer = setTimeout(() => {
      call('stories.check', { referralId, ...values, ...(id !== undefined ? { storyId: id } : {}) })
        .then((r) => {
          if (current) setFindings(r.findings);
        })
        .catch(() => undefined)
        .finally(() => {
          if (current) setChecking(false);
        });
    }, 500);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for the values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, writer, id, referralId]);

  const act = async (what: () => Promise<Story>, done: string) => {
    setMessage(undefined);
    try {
      show(await what());
      setMessage({ severity: 'success', text: done });
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'Something went wrong.' });
    }
  };

  // The fix replaces the whole phrase main found; the other findings move with the text until the check runs again.
  const applyFix = (f: Finding) => {
    const field = f.field as StoryField;
    const current = form.getValues(field) ?? '';
    const change = f.fix;
    if (!change || current.slice(change.start, change.end) !== change.text) return;
    form.setValue(field, current.slice(0, change.start) + change.with + current.slice(change.end), { shouldDirty: true });
    const shift = change.with.length - (change.end - change.start);
    setFindings((all) =>
      all.flatMap((x) => {
        if (x.field !== field) return [x];
        if (x.end <= change.start) return [x];
        if (x.start < change.end) return [];
        const moved = (n: number) => n + shift;
        return [{ ...x, start: moved(x.start), end: moved(x.end), fix: x.fix && x.fix.start >= change.end ? { ...x.fix, start: moved(x.fix.start), end: moved(x.fix.end) } : null }];
      }),
    );
  };

  const accept = async (f: Finding, reason: string) => {
    if (id === undefined) return;
    show(await call('stories.acceptFinding', { storyId: id, key: f.key, reason }));
  };

  const dirty = form.formState.isDirty;
  const open = findings.filter((f) => !f.accepted).length;

  return (
    <Box>
      <Button onClick={onBack} sx={{ mb: 1 }}>← Back to case stories</Button>
      <PageHeader
        title={story ? story.title : 'New story'}
        intro={story ? <>{story.caseLabel} · <StatusChip status={story.status} /></> : 'Start from the draft Signpost made from the case, and write it in your own words.'}
      />
      {message && <Alert severity={message.severity} sx={{ mb: 2 }} role={message.severity === 'error' ? 'alert' : 'status'}>{message.text}</Alert>}
      {/* A reply changes the comments, not the words being typed: the form is left as it is. */}
      {story && <ReviewComments story={story} writer={writer} onChange={setStory} />}
      {story && writer && <ManagerEdits story={story} />}
      {story && story.usedIn.length > 0 && <Alert severity="info" sx={{ mb: 2 }}>Used in: {story.usedIn.map((u) => u.label).join('; ')}</Alert>}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' }, gap: 3 }}>
        <Box component="section" aria-labelledby="story-heading">
          <Typography variant="h2" id="story-heading" sx={{ mb: 1 }}>The story</Typography>
          {writer ? (
            <form
              noValidate
              onSubmit={submitWith(async (v) => {
                const saved = await call('stories.save', { ...v, referralId, ...(id !== undefined ? { id } : {}) });
                setId(saved.id);
                show(saved);
                setMessage({ severity: 'success', text: saved.status === 'draft' && story?.status === 'approved' ? 'Saved. The story changed after approval, so it goes back for approval.' : 'Story saved.' });
              })}
            >
              {formError && <Alert severity="error">{formError}</Alert>}
              <FormField control={form.control} name="title" label={storyFieldLabels.title} hint={hints.title} />
              <FormField control={form.control} name="text" label={storyFieldLabels.text} hint={hints.text} multiline minRows={8} />
              <FormField control={form.control} name="quote" label={storyFieldLabels.quote} hint={hints.quote} multiline minRows={2} />
              <FormField control={form.control} name="outcomes" label={storyFieldLabels.outcomes} hint={hints.outcomes} multiline minRows={3} />
              <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
                <Button type="submit" variant="contained">Save story</Button>
                {story && (story.status === 'draft' || story.status === 'returned') && (
                  <Button variant="outlined" disabled={dirty || story.submitBlockers.length > 0} onClick={() => act(() => call('stories.submit', { id: story.id }), story.review ? 'Sent back to the practice manager.' : 'Sent to the practice manager for approval.')}>
                    {story.review ? 'Send back for approval' : 'Send for approval'}
                  </Button>
                )}
              </Stack>
              {dirty && story && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>Save your changes before sending the story for approval.</Typography>}
              {!dirty && story && (story.status === 'draft' || story.status === 'returned') && story.submitBlockers.length > 0 && (
                <Box sx={{ mt: 1 }} role="status">
                  <Typography variant="body2" sx={{ fontWeight: 700 }}>Before it can go to the practice manager:</Typography>
                  <Box component="ul" sx={{ m: 0, pl: 3 }}>{story.submitBlockers.map((b) => <Typography component="li" variant="body2" key={b}>{b}</Typography>)}</Box>
                </Box>
              )}
            </form>
          ) : (
            story && (editing ? (
              <WordingEditor story={story} onCancel={() => setEditing(false)} onSaved={(s) => { show(s); setEditing(false); setMessage({ severity: 'success', text: 'Your edits are saved, recorded as yours.' }); }} />
            ) : (
              <Stack spacing={2}>
                {story.status === 'submitted' && story.review && <ChangesSinceReturn review={story.review} />}
                {FIELDS.map((f) => (
                  <Box key={f}>
                    <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', mb: 0.5 }}>{storyFieldLabels[f]}</Typography>
                    <HighlightedText text={story[f]} findings={findings.filter((x) => x.field === f)} label={storyFieldLabels[f]} />
                  </Box>
                ))}
                {story.status === 'submitted' && <Box><Button variant="outlined" onClick={() => setEditing(true)}>Edit the wording…</Button></Box>}
              </Stack>
            ))
          )}
        </Box>
        <Box>
          <FindingsPanel findings={findings} texts={writer ? { title: values.title ?? '', text: values.text ?? '', quote: values.quote ?? '', outcomes: values.outcomes ?? '' } : story ?? { title: '', text: '', quote: '', outcomes: '' }} checking={checking} {...(writer ? { onFix: applyFix } : {})} {...(id !== undefined && !dirty ? { onAccept: accept } : {})} />
          {writer && open > 0 && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="h3" sx={{ fontSize: '1rem', mb: 0.5 }}>Where they stand</Typography>
              <Stack spacing={1}>
                {FIELDS.filter((f) => findings.some((x) => x.field === f)).map((f) => (
                  <HighlightedText key={f} text={values[f] ?? ''} findings={findings.filter((x) => x.field === f)} label={`${storyFieldLabels[f]}, with findings highlighted`} />
                ))}
              </Stack>
            </Box>
          )}
        </Box>
      </Box>

      {story && <ConsentPanel story={story} onChange={show} />}

      {story && !writer && (
        <Box component="section" aria-labelledby="review-heading" sx={{ mt: 3 }}>
          <Typography variant="h2" id="review-heading" sx={{ mb: 1 }}>Approval</Typography>
          {story.blockers.length > 0 ? (
            <Alert severity="warning" sx={{ mb: 1 }}>
              <Typography sx={{ fontWeight: 700 }}>This story cannot be approved yet:</Typography>
              <ul style={{ margin: 0 }}>{story.blockers.map((b) => <li key={b}>{b}</li>)}</ul>
            </Alert>
          ) : story.status === 'approved' ? (
            <Alert severity="success" sx={{ mb: 1 }}>Approved by {story.approvedByName}{story.approvedAt ? ` on ${ukDateTime(story.approvedAt)}` : ''}.</Alert>
          ) : story.status !== 'submitted' ? (
            <Alert severity="info" sx={{ mb: 1 }}>The link worker has not sent this story for approval yet.</Alert>
          ) : (
            <Alert severity="success" sx={{ mb: 1 }}>Ready to approve: consent is recorded and nothing in the check is left to resolve. Read it through once more, then approve it or return it with comments.</Alert>
          )}
          <Stack direction="row" spacing={1}>
            {story.status === 'submitted' && (
              <Button variant="contained" disabled={story.blockers.length > 0} onClick={() => act(() => call('stories.approve', { id: story.id }), 'Story approved: it can now go into an issue.')}>
                Approve story
              </Button>
            )}
            {(story.status === 'submitted' || story.status === 'approved') && <Button variant="outlined" onClick={() => setReturning(true)}>Return with comments…</Button>}
          </Stack>
        </Box>
      )}

      {story && story.history.length > 0 && (
        <Box component="section" aria-labelledby="history-heading" sx={{ mt: 3 }}>
          <Typography variant="h2" id="history-heading" sx={{ mb: 1 }}>History</Typography>
          <Box component="ul" sx={{ pl: 2, m: 0 }}>
            {story.history.map((h, i) => (
              <li key={i}>
                <Typography variant="body2">{ukDateTime(h.at)} · {h.byName}: {h.kind}{h.text ? ` (${h.text})` : ''}</Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}

      {returning && story && (
        <ReturnDialog
          story={story}
          onClose={() => setReturning(false)}
          onReturned={(s) => { setReturning(false); show(s); setMessage({ severity: 'success', text: 'Returned to the link worker with your comments.' }); }}
        />
      )}
    </Box>
  );
}
