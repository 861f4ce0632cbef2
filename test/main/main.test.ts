// The whole main process booted against a fake Electron (the real binary cannot run here): the order
// of the pre-ready calls, the window, the protocol, IPC end to end over the real session and engine,
// drops, command-line databases, progress forwarding, recent files and the menu.
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoDatabase } from '../../electron/core/demo';
import { nodeFileSystem } from '../../electron/core/file-system';
import { API_METHODS, PROGRESS_CHANNEL } from '../../electron/shared/contract';
import { tempDir } from '../support/temp-dir';
import { fakeElectron } from './fake-electron';
import type * as EngineRunnerModule from '../../electron/app/engine-runner';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron.module);

// The engine worker is a built file; here the same engine runs in-process.
vi.mock('../../electron/app/engine-runner', async (importOriginal) => {
  const original = await importOriginal<typeof EngineRunnerModule>();
  return { ...original, workerRunner: () => original.inProcessRunner() };
});

const { state: fake, window, invoke, sentOn } = fakeElectron;
let commandLineDb = '';

beforeAll(async () => {
  fake.userData = await tempDir();
  commandLineDb = await createDemoDatabase(nodeFileSystem);
  const argv = process.argv;
  process.argv = ['/opt/PanelDB/paneldb', commandLineDb];
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // "the renderer is not built"
  try {
    await import('../../electron/main/main');
    await vi.waitFor(() => expect(window().loaded).toHaveLength(1));
  } finally {
    process.argv = argv;
  }
});

describe('the desktop main process', () => {
  it('registers the app scheme and the sandbox before the app is ready', () => {
    const ready = fake.calls.indexOf('app.whenReady');
    const scheme = fake.calls.findIndex((call) => call.startsWith('protocol.registerSchemesAsPrivileged'));
    expect(scheme).toBeGreaterThanOrEqual(0);
    expect(scheme).toBeLessThan(ready);
    expect(fake.calls[scheme]).toContain('"scheme":"app"');
    expect(fake.calls[scheme]).toContain('"standard":true,"secure":true');
    expect(fake.calls.indexOf('app.enableSandbox')).toBeLessThan(ready);
    expect(fake.calls.indexOf('protocol.handle app')).toBeGreaterThan(ready);
    expect(fake.calls).toContain('setPermissionRequestHandler');
    expect(fake.calls).toContain('setPermissionCheckHandler');
    expect(fake.calls).not.toContain('dialog.showErrorBox');
  });

  it('guards every web contents and opens one hardened window on the app URL', () => {
    expect(fake.appListeners.has('web-contents-created')).toBe(true);
    expect(fake.windows).toHaveLength(1);
    const options = window().options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window().loaded).toEqual(['app://paneldb/index.html']);
  });

  it('registers exactly the contract methods and the drop channel', () => {
    expect([...fake.handles.keys()].sort()).toEqual([...API_METHODS, 'dropFile'].sort());
  });

  it('opens the database named on the command line, and answers only its own window', async () => {
    const session = await invoke('getSession', {});
    expect(session).toMatchObject({
      ok: true,
      value: { mode: 'desktop', canChooseFile: true, database: { name: 'x-ui.db', demo: false } },
    });
    const foreign = await invoke('getSession', {}, { sender: {}, senderFrame: { url: 'app://paneldb/' } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('getStatus', {})).toMatchObject({ ok: true, value: { current_version: 0 } });
  });

  it('forwards progress to the window while a migration runs', async () => {
    expect(await invoke('migrate', {})).toMatchObject({ ok: true, value: { to_version: 5 } });
    expect(sentOn(PROGRESS_CHANNEL).length).toBeGreaterThan(0);
    expect(sentOn(PROGRESS_CHANNEL)[0]).toMatchObject({ kind: 'step' });
  });

  it('opens a dropped file, announces it, remembers it and lists it in the menu', async () => {
    const dropped = await createDemoDatabase(nodeFileSystem);
    const result = await invoke('dropFile', dropped);
    expect(result).toMatchObject({ ok: true, value: { database: { folder: join(dropped, '..') } } });
    expect(sentOn('onSessionChanged').at(-1)).toEqual(result);
    const recent = (await invoke('getSession', {})).value as {
      recent: Array<{ id: string; folder: string }>;
    };
    expect(recent.recent[0]?.folder).toBe(join(dropped, '..'));
    expect(JSON.stringify(recent)).not.toContain(dropped); // ids and folders, no full paths
    await vi.waitFor(() => expect(JSON.stringify(fake.menus.at(-1))).toContain(join(dropped, '..')));
  });

  it('refuses a dropped folder or missing file and announces why', async () => {
    expect(await invoke('dropFile', fake.userData)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_FILE' },
    });
    expect(sentOn('onSessionChanged').at(-1)).toMatchObject({ ok: false, error: { code: 'NOT_A_FILE' } });
    expect(await invoke('dropFile', '/nonexistent/x-ui.db')).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    });
  });

  it('opens the demo from the menu and announces it', async () => {
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const file = (fake.menus.at(-1) as Item[])[0];
    file?.submenu?.find((item) => item.label === 'Open demo database')?.click?.();
    await vi.waitFor(() =>
      expect(sentOn('onSessionChanged').at(-1)).toMatchObject({
        ok: true,
        value: { database: { demo: true } },
      }),
    );
  });

  it('reopens a recent file from the menu by its id', async () => {
    type Item = { label?: string; sublabel?: string; submenu?: Item[]; click?: () => void };
    const file = (fake.menus.at(-1) as Item[])[0];
    const recent = file?.submenu?.find((item) => item.label === 'Open recent')?.submenu?.[0];
    expect(recent?.label).toBe('x-ui.db');
    recent?.click?.();
    await vi.waitFor(() =>
      expect(sentOn('onSessionChanged').at(-1)).toMatchObject({
        ok: true,
        value: { database: { folder: recent?.sublabel, demo: false } },
      }),
    );
  });

  it('opens the database a second launch was given', async () => {
    const second = await createDemoDatabase(nodeFileSystem);
    fake.appListeners.get('second-instance')?.({}, [], '/', { database: second });
    expect(fake.calls).toContain('window.focus');
    await vi.waitFor(() =>
      expect(sentOn('onSessionChanged').at(-1)).toMatchObject({
        ok: true,
        value: { database: { folder: join(second, '..'), demo: false } },
      }),
    );
  });
});
