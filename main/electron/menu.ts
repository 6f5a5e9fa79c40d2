import { app, BrowserWindow, dialog, Menu } from 'electron';
import { menuTemplate } from './templates';

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'About Signpost',
    message: `Signpost ${app.getVersion()}`,
    detail:
      'Social prescribing for GP practices and Primary Care Networks: referrals, MDT agendas and the monthly newsletter. ' +
      'Patient records stay encrypted on this PC; Signpost makes no network connections.',
    buttons: ['OK'],
  };
  const window = BrowserWindow.getFocusedWindow();
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

/** File › Quit, Edit (for text fields), View only while developing, Help › About Signpost. */
export function buildMenu(isPackaged: boolean): Menu {
  return Menu.buildFromTemplate(menuTemplate({ isPackaged, platform: process.platform, onAbout: showAbout }));
}
