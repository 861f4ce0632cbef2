// Native dialogs: the open dialog is the only way (with drop and the command line) a path enters.
import {
  app,
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { MainLabels } from './labels';

export const DATABASE_FILTERS = (labels: MainLabels) => [
  { name: labels.sqliteFiles, extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: labels.allFiles, extensions: ['*'] },
];

/** Resolves the chosen path, or null when the user cancels. */
export async function chooseDatabaseFile(
  window: BrowserWindow | null,
  labels: MainLabels,
): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: labels.openDialogTitle,
    properties: ['openFile', 'dontAddToRecent'],
    filters: DATABASE_FILTERS(labels),
  };
  const chosen =
    window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

/** Resolves the chosen golang-migrate folder, or null when the user cancels. */
export async function chooseMigrationsFolder(
  window: BrowserWindow | null,
  labels: MainLabels,
): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: labels.migrationsDialogTitle,
    properties: ['openDirectory', 'dontAddToRecent'],
  };
  const chosen =
    window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

/** The new file a recovery writes; resolves null when the user cancels. The engine refuses an existing file. */
export async function chooseRecoveryFile(
  window: BrowserWindow | null,
  labels: MainLabels,
  suggested: string,
): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: labels.recoverDialogTitle,
    defaultPath: suggested,
    filters: DATABASE_FILTERS(labels),
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
  const chosen =
    window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
}

export async function showAbout(window: BrowserWindow | null, labels: MainLabels): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'info',
    title: labels.about,
    message: 'PanelDB',
    detail: labels.aboutDetail({
      app: app.getVersion(),
      electron: process.versions.electron ?? '?',
      chrome: process.versions.chrome ?? '?',
      node: process.versions.node,
    }),
    buttons: ['OK'],
  };
  await (window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options));
}
