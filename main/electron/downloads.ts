import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { app, type Session, shell } from 'electron';
import { exportPathFor } from './policy';

/**
 * Exports (PDF, Word, the .eml draft, CSV, .ics) reach the page as downloads made by main. In the
 * desktop app each is saved to Documents\Signpost exports and opened in its own program, so a
 * manager's newsletter draft opens in Outlook and an agenda in Word without a save dialog.
 */
export function openExportsWhenSaved(ses: Session): void {
  ses.on('will-download', (_event, item) => {
    const path = exportPathFor(app.getPath('documents'), item.getFilename(), existsSync);
    mkdirSync(dirname(path), { recursive: true });
    item.setSavePath(path);
    item.once('done', (_done, state) => {
      if (state === 'completed') void shell.openPath(path);
    });
  });
}
