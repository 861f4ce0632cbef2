// The contract's method names and event channels without the schemas, so the preload and the page
// can list them without bundling zod. contract.ts checks at compile time that this list and the
// request schemas name exactly the same methods.

export const API_METHOD_NAMES = [
  'getSession',
  'openDatabase',
  'openRecent',
  'openDemo',
  'getStatus',
  'previewMigrate',
  'migrate',
  'rollBack',
  'getHistory',
  'listBackups',
  'createBackup',
  'verifyBackup',
  'restoreBackup',
  'deleteBackup',
  'repair',
  'runChecks',
  'checkIntegrity',
  'previewFix',
  'applyFix',
  'revertFix',
  'addMigrationsFolder',
  'removeMigrationsFolder',
  'reviewMigrations',
  // Issue 14 part A
  'previewRollBack',
  'setPassword',
  'listActivity',
  // issue 14B
  'inspectBackup',
  'compareBackup',
  'closeDatabase',
  'listWalCommits',
  'recoverDatabase',
  'openRecoveredDatabase',
] as const;

/** Engine → page: progress of a long operation. */
export const PROGRESS_CHANNEL = 'onProgress';

/** Desktop, preload → main: the path of a file dropped on the window (the page never sees it). */
export const DROP_CHANNEL = 'dropFile';

/** Desktop, main → page: a database was opened (or refused) outside the page's own calls (menu, drop, command line, second launch). */
export const SESSION_CHANGED_CHANNEL = 'onSessionChanged';
