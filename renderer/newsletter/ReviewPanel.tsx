import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useState } from 'react';
import { type FieldChange, type Review, type ReviewComment, type Story, type StoryField, storyFieldLabels, type StoryTexts } from '../../main/contract/newsletter';
import { ApiError, call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { nhs } from '../theme';

/**
 * The review between the practice manager and the link worker: the manager's comments with the
 * link worker's replies, what changed in the words since the story was returned, the dialog that
 * returns it, and the manager's own small edits.
 */

const FIELDS: readonly StoryField[] = ['title', 'text', 'quote', 'outcomes'];

function aboutLabel(field: StoryField | null): string {
  return field === null ? 'The whole story' : storyFieldLabels[field];
}

/** One field's words since the return: taken out struck through, put in underlined. */
function ChangedWords({ change }: { change: FieldChange }) {
  return (
    <Box sx={{ whiteSpace: 'pre-wrap', p: 1.5, bgcolor: '#fff', border: `1px solid ${nhs.paleGrey}`, borderRadius: 1, lineHeight: 1.7 }}>
      {change.parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <Box component="del" key={i} title="Taken out" sx={{ bgcolor: '#FDE7E9', color: nhs.red, textDecorationThickness: '2px' }}>{p.text}</Box>
        ) : (
          <Box component="ins" key={i} title="Put in" sx={{ bgcolor: '#E3F4E8', color: '#00401E', textDecorationThickness: '2px' }}>{p.text}</Box>
        ),
      )}
    </Box>
  );
}

/** For the manager: what the link worker changed since she returned the story. */
export function ChangesSinceReturn({ review }: { review: Review }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="changes-heading" sx={{ p: 2, mb: 1, bgcolor: '#F7F9FA' }}>
      <Typography variant="h3" id="changes-heading" sx={{ fontSize: '1.1rem', mb: 0.5 }}>Changed since you returned it</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Returned by {review.returnedByName} on {ukDateTime(review.returnedAt)}. Words taken out are struck through; words put in are underlined.
      </Typography>
      {review.changes.length === 0 ? (
        <Alert severity="info">The words are the same as when it was returned: see the replies to your comments.</Alert>
      ) : (
        <Stack spacing={1}>
          {review.changes.map((c) => (
            <Box key={c.field} role="group" aria-label={`${storyFieldLabels[c.field]}, changes since it was returned`}>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>{storyFieldLabels[c.field]}</Typography>
              <ChangedWords change={c} />
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * For the link worker: the manager's own edits since the story was last sent to her, from its
 * history (newest first), so the words she changed are seen, not only found in the history.
 */
export function ManagerEdits({ story }: { story: Story }) {
  const sent = story.history.findIndex((h) => h.kind === 'submitted');
  const edits = story.history.slice(0, sent < 0 ? story.history.length : sent).filter((h) => h.kind === 'edited by the practice manager');
  if (edits.length === 0) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      {edits.map((e) => (
        <Typography key={`${e.at}-${e.text}`} variant="body2">{e.byName} edited the wording on {ukDateTime(e.at)}: {e.text}</Typography>
      ))}
    </Alert>
  );
}

function answerChip(c: ReviewComment) {
  if (c.answeredBy === 'reply') return <Chip size="small" color="success" label="Replied" />;
  if (c.answeredBy === 'change') return <Chip size="small" color="success" label="Answered by a change" />;
  return <Chip size="small" color="warning" label="Needs an answer" />;
}

function ReplyForm({ story, comment, n, onChange }: { story: Story; comment: ReviewComment; n: number; onChange: (s: Story) => void }) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mt: 1, alignItems: { md: 'flex-start' } }}>
      <TextField
        label={`Your reply to comment ${n}`}
        value={reply}
        onChange={(e) => { setReply(e.target.value); setError(undefined); }}
        multiline
        minRows={1}
        margin="none"
        error={error !== undefined}
        helperText={error ?? 'Or change the words this comment is about.'}
      />
      <Button
        variant="outlined"
        aria-label={`Send reply to comment ${n}`}
        sx={{ flexShrink: 0, mt: { md: 1 } }}
        onClick={async () => {
          if (reply.trim() === '') {
            setError('Write your reply');
            return;
          }
          try {
            onChange(await call('stories.reply', { storyId: story.id, commentId: comment.id, reply: reply.trim() }));
          } catch (e) {
            setError(e instanceof ApiError ? (e.fieldErrors.reply?.[0] ?? e.message) : 'The reply was not saved.');
          }
        }}
      >
        Send reply
      </Button>
    </Stack>
  );
}

/** The manager's comments of the latest return, each with its answer; the link worker replies here while it is with them. */
export function ReviewComments({ story, writer, onChange }: { story: Story; writer: boolean; onChange: (s: Story) => void }) {
  const review = story.review;
  if (!review) return null;
  const returned = story.status === 'returned';
  return (
    <Paper variant="outlined" component="section" aria-labelledby="comments-heading" sx={{ p: 2, mb: 2, borderLeft: `4px solid ${returned ? nhs.warmYellow : nhs.paleGrey}` }}>
      <Typography variant="h2" id="comments-heading" sx={{ mb: 0.5 }}>
        {returned ? (writer ? 'Returned to you with comments' : 'Returned to the link worker') : 'Comments when it was last returned'}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {review.returnedByName}, {ukDateTime(review.returnedAt)}.{returned && writer ? ' Answer each comment by changing the words it is about, or by a reply, then send the story back.' : ''}
      </Typography>
      <Stack component="ol" spacing={1.5} sx={{ m: 0, pl: 2.5 }}>
        {review.comments.map((c, i) => (
          <li key={c.id}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>{aboutLabel(c.field)}</Typography>
              {answerChip(c)}
            </Stack>
            <Typography>{c.text}</Typography>
            {c.reply && (
              <Typography variant="body2" sx={{ mt: 0.5, pl: 1.5, borderLeft: `3px solid ${nhs.paleGrey}` }}>
                Reply from {c.replyByName}{c.replyAt ? `, ${ukDateTime(c.replyAt)}` : ''}: {c.reply}
              </Typography>
            )}
            {writer && returned && !c.reply && <ReplyForm story={story} comment={c} n={i + 1} onChange={onChange} />}
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

interface DraftComment {
  field: StoryField | '';
  text: string;
}

/** The manager returns the story with one comment per point, each about a part of it or the whole. */
export function ReturnDialog({ story, onClose, onReturned }: { story: Story; onClose: () => void; onReturned: (s: Story) => void }) {
  const [comments, setComments] = useState<DraftComment[]>([{ field: '', text: '' }]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string>();
  const set = (i: number, patch: Partial<DraftComment>) => setComments((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const accepted = story.findings.filter((f) => f.accepted).length;

  const send = async () => {
    const blank = comments.map((c, i) => [i, c.text.trim() === ''] as const).filter(([, b]) => b);
    if (blank.length > 0) {
      setErrors(Object.fromEntries(blank.map(([i]) => [`comments.${i}.text`, ['Enter the comment']])));
      return;
    }
    try {
      onReturned(await call('stories.return', { id: story.id, comments: comments.map((c) => ({ field: c.field === '' ? null : c.field, text: c.text.trim() })) }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setErrors(e.fieldErrors);
      setFormError(e.message);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="return-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="return-title">Return the story to the link worker</DialogTitle>
      <DialogContent dividers>
        <Typography sx={{ mb: 1 }}>One comment for each thing to change. The link worker answers each by changing the words or by a reply before sending it back, and you will see what changed.</Typography>
        {accepted > 0 && <Alert severity="info" sx={{ mb: 1 }}>{accepted === 1 ? 'The finding' : `The ${accepted} findings`} of the check marked acceptable will need marking again on the new words.</Alert>}
        {formError && <Alert severity="error" sx={{ mb: 1 }}>{formError}</Alert>}
        <Stack spacing={2}>
          {comments.map((c, i) => (
            <Stack key={i} direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'flex-start' } }}>
              <TextField select label={`Comment ${i + 1} is about`} value={c.field} onChange={(e) => set(i, { field: e.target.value as StoryField | '' })} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }} sx={{ width: { md: 240 }, flexShrink: 0 }} margin="none">
                <MenuItem value="">The whole story</MenuItem>
                {FIELDS.map((f) => <MenuItem key={f} value={f}>{storyFieldLabels[f]}</MenuItem>)}
              </TextField>
              <TextField
                label={`Comment ${i + 1}`}
                value={c.text}
                onChange={(e) => { set(i, { text: e.target.value }); setErrors((x) => ({ ...x, [`comments.${i}.text`]: [] })); }}
                multiline
                minRows={2}
                margin="none"
                error={(errors[`comments.${i}.text`] ?? []).length > 0}
                helperText={errors[`comments.${i}.text`]?.[0]}
                autoFocus={i === comments.length - 1}
              />
              {comments.length > 1 && (
                <IconButton aria-label={`Remove comment ${i + 1}`} onClick={() => setComments((cs) => cs.filter((_, j) => j !== i))}><DeleteIcon /></IconButton>
              )}
            </Stack>
          ))}
        </Stack>
        {comments.length < 12 && <Button onClick={() => setComments((cs) => [...cs, { field: '', text: '' }])} sx={{ mt: 1 }}>Add another comment</Button>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={send}>Return story</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The manager's small edits to the wording, saved as hers (main refuses a rewrite and says why). */
export function WordingEditor({ story, onSaved, onCancel }: { story: Story; onSaved: (s: Story) => void; onCancel: () => void }) {
  const [values, setValues] = useState<StoryTexts>({ title: story.title, text: story.text, quote: story.quote, outcomes: story.outcomes });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string>();
  const rows: Readonly<Record<StoryField, number>> = { title: 1, text: 8, quote: 2, outcomes: 3 };
  return (
    <Box component="form" noValidate aria-label="Edit the wording" onSubmit={async (e: React.FormEvent) => {
      e.preventDefault();
      setErrors({});
      setFormError(undefined);
      try {
        onSaved(await call('stories.edit', { id: story.id, ...values }));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        setErrors(err.fieldErrors);
        if (Object.keys(err.fieldErrors).length === 0) setFormError(err.message);
      }
    }}>
      <Alert severity="info" sx={{ mb: 1 }}>Small corrections only: they are saved as yours, and the link worker sees each change in the story’s history. For anything bigger, return it with a comment.</Alert>
      {formError && <Alert severity="error" sx={{ mb: 1 }}>{formError}</Alert>}
      {FIELDS.map((f) => (
        <TextField
          key={f}
          label={storyFieldLabels[f]}
          value={values[f]}
          onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          multiline={rows[f] > 1}
          minRows={rows[f] > 1 ? rows[f] : undefined}
          error={(errors[f] ?? []).length > 0}
          helperText={errors[f]?.[0]}
        />
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button type="submit" variant="contained">Save my edits</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </Stack>
    </Box>
  );
}
