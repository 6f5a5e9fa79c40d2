import Box from '@mui/material/Box';
import { useState } from 'react';
import CircularProgress from '@mui/material/CircularProgress';
import { ChangePasswordScreen } from '../auth/ChangePasswordScreen';
import { LockScreen } from '../auth/LockScreen';
import { LoginScreen } from '../auth/LoginScreen';
import { SetupScreen } from '../setup/SetupScreen';
import { AppFrame } from './AppFrame';
import { useSession } from './useSession';

/** Which screen shows follows main's session state; nothing behind the lock is even rendered. */
export function App() {
  const { state, setState } = useSession();
  // Main signs the new manager in at once; the recovery key must still be seen before going on.
  const [showingRecoveryKey, setShowingRecoveryKey] = useState(false);

  if (!state) {
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
      return <LoginScreen onSignedIn={setState} />;
    case 'locked':
      return <LockScreen user={state.user} onChange={setState} />;
    case 'active':
      if (state.user.mustChangePassword) return <ChangePasswordScreen session={state} onChange={setState} firstSignIn />;
      return <AppFrame session={state} onSessionChange={setState} />;
  }
}
