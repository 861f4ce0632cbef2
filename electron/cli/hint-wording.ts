// The CLI's own words for an engine hint (issue 14, point 8): the engine says what would get past a
// refusal as data; the app turns it into a button, the command line into the command to type. The
// words are the catalog's `cli.hint.*`; only the commands' arguments are filled in here.
import { translate } from '../shared/i18n';
import type { AppError } from '../shared/result';
import type { Lang } from './messages';

const quote = (text: string) => (/^[\w./-]+$/.test(text) ? text : `"${text.replaceAll('"', '\\"')}"`);

export function hintLine(lang: Lang, error: AppError, dbPath: string | null): string | null {
  const db = dbPath === null ? '<db>' : quote(dbPath);
  const hint = error.hint;
  if (hint === undefined) {
    if (error.code === 'WAL_MISMATCH') return translate(lang, 'cli.hint.ignoreWal');
    return null;
  }
  switch (hint.action) {
    case 'restore-backup':
      if (hint.backupId === null) return translate(lang, 'cli.hint.seeBackups', { db });
      return translate(lang, 'cli.hint.restoreBackup', { db, backup: quote(hint.backupId) });
    case 'choose-step-mode':
      return translate(lang, 'cli.hint.chooseStepMode', { step: hint.step });
    case 'open-tab':
      if (hint.tab === 'backups') return translate(lang, 'cli.hint.seeBackups', { db });
      if (hint.tab === 'pending') return translate(lang, 'cli.hint.roundTrip', { db });
      if (hint.tab === 'checks') return translate(lang, 'cli.hint.runChecks', { db });
      return null;
    case 'accept-risk':
      return translate(lang, 'cli.hint.acceptRisk');
    case 'repair':
      return translate(lang, 'cli.hint.repair', { db });
    case 'wait-for-writer':
    case 'stop-panel':
      return null; // worded line by line by hintLines (messages.ts)
  }
}
