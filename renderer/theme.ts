import { createTheme } from '@mui/material/styles';

/** NHS identity colours (NHS England's digital service manual). */
export const nhs = {
  blue: '#005EB8',
  darkBlue: '#003087',
  darkGrey: '#425563',
  midGrey: '#768692',
  paleGrey: '#E8EDEE',
  warmYellow: '#FFB81C',
  red: '#D5281B',
  green: '#007F3B',
  text: '#212B32',
  secondaryText: '#4C6272',
} as const;

export const theme = createTheme({
  palette: {
    primary: { main: nhs.blue, dark: nhs.darkBlue, contrastText: '#ffffff' },
    secondary: { main: nhs.darkGrey },
    error: { main: nhs.red },
    success: { main: nhs.green },
    warning: { main: nhs.warmYellow, contrastText: nhs.text },
    text: { primary: nhs.text, secondary: nhs.secondaryText },
    background: { default: '#F0F4F5', paper: '#ffffff' },
  },
  typography: {
    fontFamily: 'Arial, "Liberation Sans", Helvetica, sans-serif',
    h1: { fontSize: '2rem', fontWeight: 700 },
    h2: { fontSize: '1.5rem', fontWeight: 700 },
    h3: { fontSize: '1.25rem', fontWeight: 700 },
    button: { textTransform: 'none', fontWeight: 700 },
  },
  shape: { borderRadius: 4 },
  components: {
    // A label on two lines reads as two buttons: a button is as wide as its words.
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { whiteSpace: 'nowrap', flexShrink: 0 } } },
    MuiTextField: { defaultProps: { fullWidth: true, margin: 'normal' } },
    MuiButtonBase: {
      styleOverrides: {
        root: {
          // NHS focus style: a thick yellow ring that shows on any background.
          '&.Mui-focusVisible': { outline: `4px solid ${nhs.warmYellow}`, outlineOffset: 0, boxShadow: `0 4px 0 ${nhs.text}` },
        },
      },
    },
  },
});
