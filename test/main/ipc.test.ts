// The IPC gate treats every message as hostile: only the app's own page in the main window may call,
// only with arguments the contract's schemas accept, and nothing ever throws across IPC.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../../electron/shared/contract';
import { ok, type Result } from '../../electron/shared/result';

const ipcMain = vi.hoisted(() => ({ handle: vi.fn() }));
vi.mock('electron', () => ({ ipcMain }));

const { createDropGate, createIpcGate, createSenderCheck, registerIpc } =
  await import('../../electron/main/ipc');
const { DROP_CHANNEL } = await import('../../electron/shared/api-methods');

const mainContents = { id: 1 };
const trusted = { sender: mainContents, senderFrame: { url: 'app://paneldb/index.html' } };

function fakeHandlers() {
  const calls: Array<{ method: ApiMethod; request: unknown }> = [];
  const handlers = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (request: unknown) => {
        calls.push({ method, request });
        return ok(`${method} done`);
      },
    ]),
  ) as unknown as ApiHandlers;
  return { handlers, calls };
}

function setup() {
  const { handlers, calls } = fakeHandlers();
  const gate = createIpcGate({ handlers, isTrustedSender: createSenderCheck(() => mainContents) });
  return { gate, calls, handlers };
}

const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

describe('the IPC gate', () => {
  it('passes a trusted, well-formed request to the handler and returns its Result', async () => {
    const { gate, calls } = setup();
    expect(await gate('migrate', trusted, { to: 3 })).toEqual(ok('migrate done'));
    expect(await gate('verifyBackup', trusted, { backupId: 'x-ui.db.backup.1700000000' })).toEqual(
      ok('verifyBackup done'),
    );
    expect(calls).toEqual([
      { method: 'migrate', request: { to: 3 } },
      { method: 'verifyBackup', request: { backupId: 'x-ui.db.backup.1700000000' } },
    ]);
  });

  it.each([
    ['another webContents', { sender: { id: 2 }, senderFrame: { url: 'app://paneldb/index.html' } }],
    ['a web origin', { sender: mainContents, senderFrame: { url: 'https://evil.example/index.html' } }],
    ['a file:// page', { sender: mainContents, senderFrame: { url: 'file:///tmp/index.html' } }],
    ['another app host', { sender: mainContents, senderFrame: { url: 'app://evil/index.html' } }],
    ['a data: URL', { sender: mainContents, senderFrame: { url: 'data:text/html,<script>1</script>' } }],
    ['about:blank', { sender: mainContents, senderFrame: { url: 'about:blank' } }],
    ['no frame', { sender: mainContents, senderFrame: null }],
  ])('refuses a message from %s as FORBIDDEN without calling the handler', async (_name, event) => {
    const { gate, calls } = setup();
    for (const method of API_METHODS) {
      expect(codeOf(await gate(method, event, {}))).toBe('FORBIDDEN');
    }
    expect(calls).toEqual([]);
  });

  it('refuses a frame that throws when read (destroyed) and any message while no window exists', async () => {
    const { handlers, calls } = fakeHandlers();
    const destroyed = {
      sender: mainContents,
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const gate = createIpcGate({ handlers, isTrustedSender: createSenderCheck(() => mainContents) });
    expect(codeOf(await gate('getSession', destroyed, {}))).toBe('FORBIDDEN');
    const noWindow = createIpcGate({ handlers, isTrustedSender: createSenderCheck(() => undefined) });
    expect(codeOf(await noWindow('getSession', trusted, {}))).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it.each([
    ['getSession', { extra: 1 }],
    ['getSession', undefined],
    ['getSession', null],
    ['getSession', []],
    ['getSession', 'getSession'],
    ['migrate', { to: 'three' }],
    ['migrate', { to: -1 }],
    ['migrate', { to: 1.5 }],
    ['migrate', { to: 3, dbPath: '/etc/passwd' }],
    ['rollBack', { steps: 0 }],
    ['rollBack', { steps: 1, to: 2 }],
    ['rollBack', {}],
    ['openRecent', { id: '' }],
    ['openRecent', { id: 'x'.repeat(65) }],
    ['openRecent', { path: '/tmp/x-ui.db' }],
    ['verifyBackup', { backupId: '../x' }],
    ['restoreBackup', { backupId: '../x' }],
    ['deleteBackup', { backupId: '..' }],
    ['deleteBackup', { backupId: 'a/b' }],
    ['deleteBackup', { backupId: 'a\\b' }],
    ['deleteBackup', { backupId: 'a\0b' }],
    ['deleteBackup', { backupId: 7 }],
    ['repair', { forceVersion: '5' }],
  ] as const)('refuses %s(%j) as INVALID_ARGUMENT without calling the handler', async (method, request) => {
    const { gate, calls } = setup();
    const result = await gate(method, trusted, request);
    expect(codeOf(result)).toBe('INVALID_ARGUMENT');
    expect(result.ok ? '' : result.error.message).toContain(`Invalid request for ${method}`);
    expect(calls).toEqual([]);
  });

  it("passes on the schema's own words", async () => {
    const { gate } = setup();
    const result = await gate('deleteBackup', trusted, { backupId: '../x' });
    expect(result.ok ? '' : result.error.message).toContain('a backup id is a file name, not a path');
  });

  it('refuses a method the contract does not name', async () => {
    const { gate, calls } = setup();
    expect(codeOf(await gate('readFile', trusted, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await gate('__proto__', trusted, {}))).toBe('INVALID_ARGUMENT');
    expect(calls).toEqual([]);
  });

  it('turns a handler that throws or rejects into an INTERNAL Result', async () => {
    const { handlers } = fakeHandlers();
    handlers.getStatus = () => {
      throw new Error('boom');
    };
    handlers.migrate = () => Promise.reject(new TypeError('kaput'));
    const gate = createIpcGate({ handlers, isTrustedSender: () => true });
    const thrown = await gate('getStatus', trusted, {});
    expect(thrown).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: 'Error: boom' } });
    expect(codeOf(await gate('migrate', trusted, {}))).toBe('INTERNAL');
  });
});

describe('the drop channel', () => {
  it('hands a trusted path to openDropped and refuses foreign senders and non-strings', async () => {
    const opened: string[] = [];
    const drop = createDropGate({
      isTrustedSender: createSenderCheck(() => mainContents),
      openDropped: async (path) => {
        opened.push(path);
        return ok(path);
      },
    });
    expect(await drop(trusted, '/data/x-ui.db')).toEqual(ok('/data/x-ui.db'));
    expect(codeOf(await drop({ ...trusted, sender: {} }, '/etc/shadow'))).toBe('FORBIDDEN');
    expect(codeOf(await drop(trusted, { path: '/x' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await drop(trusted, ''))).toBe('INVALID_ARGUMENT');
    expect(opened).toEqual(['/data/x-ui.db']);
  });

  it('never throws across IPC', async () => {
    const drop = createDropGate({
      isTrustedSender: () => true,
      openDropped: () => Promise.reject(new Error('disk on fire')),
    });
    expect(codeOf(await drop(trusted, '/data/x-ui.db'))).toBe('INTERNAL');
  });
});

describe('registerIpc', () => {
  beforeEach(() => ipcMain.handle.mockReset());

  it('registers every contract method exactly once, plus the drop channel, and nothing else', () => {
    const { handlers } = fakeHandlers();
    registerIpc({ handlers, isTrustedSender: () => true, openDropped: async () => ok(null) });
    const channels = ipcMain.handle.mock.calls.map(([channel]) => channel as string);
    expect([...channels].sort()).toEqual([...API_METHODS, DROP_CHANNEL].sort());
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('routes each registered channel through the gate', async () => {
    const { handlers, calls } = fakeHandlers();
    registerIpc({
      handlers,
      isTrustedSender: createSenderCheck(() => mainContents),
      openDropped: async () => ok(null),
    });
    const listener = (channel: string) =>
      ipcMain.handle.mock.calls.find(([name]) => name === channel)?.[1] as (
        event: unknown,
        request: unknown,
      ) => Promise<Result<unknown>>;
    for (const method of API_METHODS) {
      expect(codeOf(await listener(method)({ sender: {}, senderFrame: null }, {}))).toBe('FORBIDDEN');
    }
    expect(await listener('listBackups')(trusted, {})).toEqual(ok('listBackups done'));
    expect(calls).toEqual([{ method: 'listBackups', request: {} }]);
  });
});
