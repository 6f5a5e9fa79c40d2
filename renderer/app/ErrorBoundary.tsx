import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/** A screen that crashes shows a plain message, not a blank window; saved data is in main, untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Signpost screen error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Box component="main" sx={{ p: 4, maxWidth: 640, mx: 'auto' }}>
        <Alert severity="error" role="alert">
          Something went wrong on this screen. Everything you had saved is safe. Reload the screen to carry on.
        </Alert>
        <Button variant="contained" sx={{ mt: 2 }} onClick={() => window.location.reload()}>
          Reload
        </Button>
      </Box>
    );
  }
}
