import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import AccountIcon from '@mui/icons-material/AccountCircleOutlined';
import AuditIcon from '@mui/icons-material/FactCheckOutlined';
import DirectoryIcon from '@mui/icons-material/SignpostOutlined';
import HomeIcon from '@mui/icons-material/HomeOutlined';
import LockIcon from '@mui/icons-material/LockOutlined';
import PeopleIcon from '@mui/icons-material/PeopleOutlined';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import InboxIcon from '@mui/icons-material/InboxOutlined';
import NewReferralIcon from '@mui/icons-material/NoteAddOutlined';
import MyReferralsIcon from '@mui/icons-material/AssignmentOutlined';
import CodingIcon from '@mui/icons-material/QrCodeOutlined';
import MdtIcon from '@mui/icons-material/GroupsOutlined';
import CaseloadIcon from '@mui/icons-material/AssignmentIndOutlined';
import StoriesIcon from '@mui/icons-material/AutoStoriesOutlined';
import NewsletterIcon from '@mui/icons-material/NewspaperOutlined';
import { type ReactNode, useState } from 'react';
import type { SessionState } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { call, NO_ANSWER_MESSAGE, NO_LINK_MESSAGE } from '../api/client';
import { AuditScreen } from '../audit/AuditScreen';
import { AccountScreen } from '../auth/AccountScreen';
import { CaseloadScreen } from '../casework/CaseloadScreen';
import { DirectoryScreen } from '../directory/DirectoryScreen';
import { HomeScreen } from '../home/HomeScreen';
import { MdtScreen } from '../mdt/MdtScreen';
import { NewsletterScreen } from '../newsletter/NewsletterScreen';
import { StoriesScreen } from '../newsletter/StoriesScreen';
import { UsersScreen } from '../people/UsersScreen';
import { CodingWorklistScreen } from '../referrals/CodingWorklistScreen';
import { InboxScreen } from '../referrals/InboxScreen';
import { MyReferralsScreen } from '../referrals/MyReferralsScreen';
import { NewReferralScreen } from '../referrals/NewReferralScreen';
import { ReferralScreen } from '../referrals/ReferralScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { flushPending, forgetScreen } from '../shared/sessionMemory';
import { type NavItem, rememberedView, rememberView, type ViewId, visibleItems } from './navigation';
import type { Unreachable } from './useSession';

type ActiveState = Extract<SessionState, { state: 'active' }>;

const DRAWER_WIDTH = 240;

const items: readonly NavItem[] = [
  { id: 'home', label: 'Home', icon: HomeIcon },
  { id: 'new-referral', label: 'New referral', needs: 'referrals.create', icon: NewReferralIcon },
  { id: 'my-referrals', label: 'My referrals', needs: 'referrals.mine', icon: MyReferralsIcon },
  { id: 'inbox', label: 'Referral inbox', needs: 'referrals.inbox', icon: InboxIcon },
  { id: 'caseload', label: 'My caseload', needs: 'casework.caseload', icon: CaseloadIcon },
  { id: 'coding', label: 'Not yet coded', needs: 'referrals.codingWorklist', icon: CodingIcon },
  { id: 'mdt', label: 'MDT meetings', needs: 'mdt.calendar', icon: MdtIcon },
  { id: 'stories', label: 'Case stories', needs: 'stories.list', icon: StoriesIcon },
  { id: 'newsletter', label: 'Newsletter', needs: 'newsletter.issues', icon: NewsletterIcon },
  { id: 'directory', label: 'Service directory', needs: 'directory.search', icon: DirectoryIcon },
  { id: 'users', label: 'Users', needs: 'users.list', icon: PeopleIcon },
  { id: 'settings', label: 'Settings', needs: 'settings.update', icon: SettingsIcon },
  { id: 'audit', label: 'Audit log', needs: 'audit.list', icon: AuditIcon },
  { id: 'account', label: 'My account', icon: AccountIcon },
];

/** Lock and sign-out first send what is still on its way to main (a draft's last keystrokes). */
async function endWith(channel: 'auth.lock' | 'auth.logout'): Promise<SessionState> {
  await flushPending();
  return call(channel, {});
}

export function AppFrame({ session, onSessionChange, unreachable }: { session: ActiveState; onSessionChange: (s: SessionState) => void; unreachable?: Unreachable }) {
  const [view, setViewState] = useState(rememberedView);
  const setView = (id: ViewId, referralId?: number) => {
    const next = referralId === undefined ? { id } : { id, referralId };
    forgetScreen();
    rememberView(next);
    setViewState(next);
  };
  const nav = visibleItems(items, session.user.role);
  const current = nav.find((i) => i.id === view.id) ?? nav[0]!;
  // A referral opens over the screen it was chosen from, and Back returns there.
  const openReferral = (referralId: number) => setView(current.id, referralId);

  const screenFor = (id: ViewId): ReactNode => {
    switch (id) {
      case 'home':
        return <HomeScreen session={session} onNavigate={(next) => setView(next)} />;
      case 'directory':
        return <DirectoryScreen role={session.user.role} />;
      case 'new-referral':
        return <NewReferralScreen user={session.user} />;
      case 'my-referrals':
        return <MyReferralsScreen />;
      case 'inbox':
        return <InboxScreen onOpen={openReferral} />;
      case 'caseload':
        return <CaseloadScreen onOpen={openReferral} />;
      case 'coding':
        return <CodingWorklistScreen onOpen={openReferral} />;
      case 'mdt':
        return <MdtScreen role={session.user.role} />;
      case 'stories':
        return <StoriesScreen role={session.user.role} />;
      case 'newsletter':
        return <NewsletterScreen />;
      case 'users':
        return <UsersScreen me={session.user} />;
      case 'settings':
        return <SettingsScreen />;
      case 'audit':
        return <AuditScreen />;
      case 'account':
        return <AccountScreen session={session} onSessionChange={onSessionChange} />;
    }
  };

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }} component="header">
        <Toolbar>
          <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.25rem', flexGrow: 1 }}>
            Signpost <Box component="span" sx={{ fontWeight: 400, fontSize: '1rem', ml: 1 }}>{session.pcnName}</Box>
          </Typography>
          <Typography component="p" sx={{ mr: 2 }} data-testid="signed-in-as">
            {session.user.fullName} · {roleLabels[session.user.role]}
          </Typography>
          <Button color="inherit" startIcon={<LockIcon />} onClick={() => void endWith('auth.lock').then(onSessionChange, () => undefined)}>
            Lock
          </Button>
          <Button color="inherit" onClick={() => void endWith('auth.logout').then(onSessionChange, () => undefined)}>
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar />
        <Box component="nav" aria-label="Main">
          <List>
            {nav.map((item) => (
              <ListItem key={item.id} disablePadding>
                <ListItemButton
                  selected={item.id === current.id}
                  aria-current={item.id === current.id ? 'page' : undefined}
                  onClick={() => setView(item.id)}
                >
                  <ListItemIcon><item.icon /></ListItemIcon>
                  <ListItemText primary={item.label} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Box>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3 }}>
        <Toolbar />
        {unreachable && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {unreachable === 'no-link' ? NO_LINK_MESSAGE : NO_ANSWER_MESSAGE} What is on screen may be out of date, and nothing can be saved until it is back.
          </Alert>
        )}
        {view.referralId !== undefined ? (
          <ReferralScreen key={view.referralId} id={view.referralId} role={session.user.role} backLabel={`Back to ${current.label.toLowerCase()}`} onBack={() => setView(current.id)} />
        ) : (
          screenFor(current.id)
        )}
      </Box>
    </Box>
  );
}
