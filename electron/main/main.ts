// The Electron entry (bundled to dist/electron/main.cjs). It wires the pieces: the app:// protocol
// serving the built renderer, the hardened window, the session over the engine worker, IPC, the
// menu, and the ways a path enters — open dialog, drop, command line, a second launch, macOS open-file.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, Menu, protocol, session } from 'electron';
import { workerRunner } from '../app/engine-runner';
import { createDemoDatabase, nodeFileSystem } from '../app/host';
import { createSession } from '../app/session';
import { PROGRESS_CHANNEL, SESSION_CHANGED_CHANNEL, type SessionInfo } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { chooseDatabaseFile, chooseMigrationsFolder, chooseRecoveryFile, showAbout } from './dialogs';
import { createSenderCheck, registerIpc } from './ipc';
import { mainLabels } from './labels';
import { menuTemplate } from './menu';
import { checkDatabaseFile, databaseArgument } from './open-file';
import { createRecentFiles } from './recent-files';
import { denyPermissions, guardWebContents, windowOptions } from './window';
import { message } from '../shared/i18n';

// The bundle is CommonJS, so __dirname is dist/electron (inside app.asar when packaged).
const PATHS = {
  renderer: join(__dirname, '..', 'renderer'),
  preload: join(__dirname, 'preload.cjs'),
  worker: join(__dirname, '..', 'node', 'engine-worker.js'),
};

// Before `ready`: the scheme's privileges, the sandbox for every renderer, the user-data folder name.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
app.setName('PanelDB');

const commandLineDatabase = databaseArgument(process.argv, {
  defaultApp: process.defaultApp === true,
  cwd: process.cwd(),
});

if (app.requestSingleInstanceLock({ database: commandLineDatabase })) {
  void start().catch((error: unknown) => {
    dialog.showErrorBox('PanelDB', `PanelDB could not start.\n\n${String(error)}`);
    app.exit(1);
  });
} else {
  app.quit(); // the running instance got our database through 'second-instance'
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  const early: string[] = []; // macOS may deliver open-file before the session exists
  let openFromOutside = (path: string) => void early.push(path);

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOutside(path);
  });
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    if (window !== null) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const database = (data as { database?: unknown } | null)?.database;
    if (typeof database === 'string') openFromOutside(database);
  });

  await app.whenReady();
  const labels = mainLabels(app.getLocale());
  protocol.handle(APP_SCHEME, createAppProtocolHandler(PATHS.renderer));
  denyPermissions(session.defaultSession);
  if (!existsSync(join(PATHS.renderer, 'index.html'))) {
    console.error(`The renderer is not built (${PATHS.renderer}/index.html is missing): run npm run build.`);
  }

  const send = (channel: string, payload: unknown) => {
    if (window !== null && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const runner = workerRunner(PATHS.worker);
  app.on('will-quit', () => void runner.close());
  const recent = createRecentFiles(join(app.getPath('userData'), 'recent-files.json'));
  const initial = commandLineDatabase === null ? null : await checkDatabaseFile(commandLineDatabase);
  const desktop = createSession({
    mode: 'desktop',
    runner,
    createDemo: () => createDemoDatabase(nodeFileSystem),
    chooseDatabase: () => chooseDatabaseFile(window, labels),
    chooseMigrationsFolder: () => chooseMigrationsFolder(window, labels),
    chooseRecoveryTarget: (suggested) => chooseRecoveryFile(window, labels, suggested),
    recent,
    initialDatabase: initial?.ok ? { path: initial.value, demo: false } : undefined,
    onProgress: (event) => send(PROGRESS_CHANNEL, event),
  });

  /** Opens the page did not ask for itself (menu, drop, second launch) are announced to it. */
  const announced = async (work: () => Promise<Result<SessionInfo>>): Promise<Result<SessionInfo>> => {
    const result = await work().catch((error: unknown) =>
      fail<SessionInfo>('INTERNAL', message('err.open.failedUnexpectedly'), String(error)),
    );
    send(SESSION_CHANGED_CHANNEL, result);
    return result;
  };
  const openDropped = (path: string) =>
    announced(async () => {
      const checked = await checkDatabaseFile(path);
      return checked.ok ? desktop.openPath(checked.value) : checked;
    });
  openFromOutside = (path) => void openDropped(path);

  const refreshMenu = async () => {
    const info = await desktop.handlers.getSession({});
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          labels,
          recent: info.ok ? info.value.recent : [],
          isPackaged: app.isPackaged,
          platform: process.platform,
          actions: {
            open: () => void announced(() => desktop.handlers.openDatabase({})),
            openDemo: () => void announced(() => desktop.handlers.openDemo({})),
            openRecent: (id) => void announced(() => desktop.handlers.openRecent({ id })),
            about: () => void showAbout(window, labels),
          },
        }),
      ),
    );
  };
  recent.onChange(() => void refreshMenu());
  await refreshMenu();

  registerIpc({
    handlers: desktop.handlers,
    isTrustedSender: createSenderCheck(() => window?.webContents),
    openDropped,
  });

  window = new BrowserWindow(windowOptions(PATHS.preload));
  const shown = window;
  shown.once('ready-to-show', () => {
    shown.show();
    if (initial !== null && !initial.ok) {
      void dialog.showMessageBox(shown, { type: 'warning', message: initial.error.message });
    }
  });
  shown.on('closed', () => {
    window = null;
  });
  await shown.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`PanelDB could not load ${APP_ENTRY_URL}: ${String(error)}`);
    shown.show();
  });
  early.splice(0).forEach((path) => openFromOutside(path));
}
