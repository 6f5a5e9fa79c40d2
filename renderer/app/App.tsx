import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useState } from 'react';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { NO_ANSWER_MESSAGE, NO_LINK_MESSAGE } from '../api/client';
import { ChangePasswordScreen } from '../auth/ChangePasswordScreen';
import { LockScreen } from '../auth/LockScreen';
import { LoginScreen } from '../auth/LoginScreen';
import { CentredCard } from '../shared/CentredCard';
import { SetupScreen } from '../setup/SetupScreen';
import { AppFrame } from './AppFrame';
import { type Unreachable, useSession } from './useSession';

/** Before main has answered once: what is wrong, and what to do, instead of a spinner that never stops. */
function CannotOpen({ unreachable }: { unreachable: Exclude<Unreachable, undefined> }) {
  return (
    <CentredCard title="Signpost cannot open yet">
      <Alert severity={unreachable === 'no-link' ? 'warning' : 'error'} role="alert">
        {unreachable === 'no-link' ? NO_LINK_MESSAGE : NO_ANSWER_MESSAGE}
      </Alert>
      <Typography sx={{ mt: 2 }}>Nothing you saved is affected.</Typography>
    </CentredCard>
  );
}

/** Which screen shows follows main's session state; nothing behind the lock is even rendered. */
export function App() {
  const { state, setState, unreachable } = useSession();
  // Main signs the new manager in at once; the recovery key must still be seen before going on.
  const [showingRecoveryKey, setShowingRecoveryKey] = useState(false);
  // The temporary password just typed to sign in, so "Choose your password" need not ask for it
  // again. Memory only, and only for the person who typed it.
  const [justTyped, setJustTyped] = useState<{ username: string; password: string }>();

  if (!state) {
    if (unreachable) return <CannotOpen unreachable={unreachable} />;
    return (
      <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <CircularProgress aria-label="Opening Signpost" />
      </Box>
    );
  }
  if (state.state === 'not-set-up' || showingRecoveryKey) {
    return (
      <SetupScreen
        onSetUp={() => setShowingRecoveryKey(true)}
        onDone={(s) => {
          setShowingRecoveryKey(false);
          setState(s);
        }}
      />
    );
  }
  switch (state.state) {
    case 'signed-out':
      return (
        <LoginScreen
          onSignedIn={(s, typed) => {
            setJustTyped(s.state === 'active' && s.user.mustChangePassword ? typed : undefined);
            setState(s);
          }}
        />
      );
    case 'locked':
      return <LockScreen user={state.user} onChange={setState} />;
    case 'active':
      if (state.user.mustChangePassword) {
        const typed = justTyped?.username === state.user.username ? justTyped.password : undefined;
        return (
          <ChangePasswordScreen
            session={state}
            currentPassword={typed}
            onChange={(s) => {
              setJustTyped(undefined);
              setState(s);
            }}
            firstSignIn
          />
        );
      }
      return <AppFrame session={state} onSessionChange={setState} unreachable={unreachable} />;
  }
}
