import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { type ChannelName, contract, roleMayCall } from '../../main/contract';
import type { SessionState } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { call } from '../api/client';
import type { ViewId } from '../app/navigation';
import { today } from '../shared/clock';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';

type ActiveState = Extract<SessionState, { state: 'active' }>;

interface Figures {
  unreadMessages?: number;
  newReferrals?: number;
  untouched?: number;
  notCoded?: number;
}

/** Only the figures this role may see are asked for: main would refuse the rest anyway. */
async function loadFigures(may: (c: ChannelName) => boolean): Promise<Figures> {
  const figures: Figures = {};
  if (may('referrals.mine')) {
    const mine = await call('referrals.mine', {});
    figures.unreadMessages = mine.reduce((n, r) => n + r.messages.filter((m) => !m.readAt).length, 0);
  }
  if (may('referrals.inbox')) {
    figures.newReferrals = (await call('referrals.inbox', { status: ['received'], limit: 1 })).total;
    figures.untouched = (await call('referrals.inbox', { staleOnly: true, limit: 1 })).total;
  }
  if (may('referrals.codingWorklist')) figures.notCoded = (await call('referrals.codingWorklist', {})).length;
  return figures;
}

function HomeCard({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h2" gutterBottom>{title}</Typography>
        {children}
      </CardContent>
      {action && <CardActions>{action}</CardActions>}
    </Card>
  );
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev']);

/** The name to greet someone by: their first name, past any title ("Dr Amir Khan" is Amir). */
export function greetingName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words.find((w) => !TITLES.has(w.toLowerCase().replace(/\.$/, ''))) ?? words[0] ?? '';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Every role's MDT actions, soonest due first: a GP who owns one sees it here, not only on the MDT page. */
function ActionsIOwn({ canOpenMdt, onNavigate }: { canOpenMdt: boolean; onNavigate: (view: ViewId) => void }) {
  const actions = useLoad(() => call('mdt.myActions', {}));
  const rows = actions.data ?? [];
  const todayDate = today();
  return (
    <HomeCard title="Actions I own" action={rows.length > 0 && canOpenMdt ? <Button onClick={() => onNavigate('mdt')}>Open MDT meetings</Button> : undefined}>
      {actions.error ? (
        <Typography>Your MDT actions could not be loaded just now.</Typography>
      ) : rows.length === 0 ? (
        <Typography>{actions.data === undefined ? 'Loading…' : 'No MDT actions are waiting for you.'}</Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 3 }}>
          {rows.map((a) => (
            <li key={a.id}>
              <Typography>
                {a.text}{a.about ? ` (${a.about})` : ''}: due {ukDate(a.dueOn)}
                {a.dueOn < todayDate && <strong> · overdue</strong>}
              </Typography>
              <Typography variant="body2" color="text.secondary">Agreed at {a.practiceName} MDT on {ukDate(a.meetingDate)}</Typography>
            </li>
          ))}
        </Box>
      )}
    </HomeCard>
  );
}

/** What needs doing today, for this person's role, with a way straight to it. */
export function HomeScreen({ session, onNavigate }: { session: ActiveState; onNavigate: (view: ViewId) => void }) {
  const may = (c: ChannelName) => roleMayCall(contract[c].access, session.user.role);
  const practices = useLoad(() => call('practices.list', {}));
  const figures = useLoad(() => loadFigures(may), [session.user.role]);
  const mine = practices.data?.practices.filter((p) => session.user.practiceIds.includes(p.id)) ?? [];
  const f = figures.data;

  return (
    <>
      <PageHeader title={`Hello, ${greetingName(session.user.fullName)}`} intro={`You are signed in as ${roleLabels[session.user.role].toLowerCase()}.`} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', maxWidth: 1100 }}>
        {may('referrals.create') && (
          <HomeCard title="Refer a patient" action={<Button variant="contained" onClick={() => onNavigate('new-referral')}>New referral</Button>}>
            <Typography>Refer someone to the social prescribing link worker. It takes about two minutes and is saved as you type.</Typography>
          </HomeCard>
        )}
        {f?.unreadMessages !== undefined && (
          <HomeCard title="My referrals" action={<Button onClick={() => onNavigate('my-referrals')}>See my referrals</Button>}>
            <Typography>{f.unreadMessages === 0 ? 'No new messages back from the link worker.' : `${plural(f.unreadMessages, 'new message', 'new messages')} back from the link worker.`}</Typography>
          </HomeCard>
        )}
        {f?.newReferrals !== undefined && (
          <HomeCard title="Referral inbox" action={<Button onClick={() => onNavigate('inbox')}>Open the inbox</Button>}>
            <Typography>{plural(f.newReferrals, 'new referral waits', 'new referrals wait')} to be accepted.</Typography>
            {(f.untouched ?? 0) > 0 && <Typography sx={{ mt: 1, fontWeight: 700 }}>{plural(f.untouched ?? 0, 'referral has', 'referrals have')} not been touched for too long.</Typography>}
          </HomeCard>
        )}
        {f?.notCoded !== undefined && (
          <HomeCard title="Coding" action={<Button onClick={() => onNavigate('coding')}>See what is not coded</Button>}>
            <Typography>{f.notCoded === 0 ? 'Every accepted referral is coded in the clinical system.' : `${plural(f.notCoded, 'referral needs its code', 'referrals need their code')} recorded in the clinical system.`}</Typography>
          </HomeCard>
        )}
        <ActionsIOwn canOpenMdt={may('mdt.calendar')} onNavigate={onNavigate} />
        <HomeCard title="Your practices">
          {!practices.data ? null : mine.length === 0 ? (
            <Typography>You are not linked to a practice yet. Ask your practice manager to add you to your practice.</Typography>
          ) : (
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {mine.map((p) => (
                <li key={p.id}><Typography>{p.name} ({p.odsCode})</Typography></li>
              ))}
            </Box>
          )}
        </HomeCard>
      </Box>
    </>
  );
}
