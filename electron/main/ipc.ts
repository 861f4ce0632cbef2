// The one file that registers IPC. Every message is hostile until proven otherwise: the sender must
// be the app's own page in the main window, the request must match the contract's schema, and
// whatever the handler does, a Result comes back — nothing is ever thrown across IPC.
import { ipcMain } from 'electron';
import { z } from 'zod';
import { dispatch } from '../app/dispatch';
import { API_METHODS, DROP_CHANNEL, type ApiHandlers } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import { isAppUrl } from './app-protocol';
import { message } from '../shared/i18n';

/** The parts of an `IpcMainInvokeEvent` the gate looks at. */
export interface SenderEvent {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export type IpcGate = (method: string, event: SenderEvent, request: unknown) => Promise<Result<unknown>>;

/** Trusted: a live frame showing the app's origin, inside the main window's webContents. */
export function createSenderCheck(mainContents: () => unknown): (event: SenderEvent) => boolean {
  return (event) => {
    try {
      const expected = mainContents();
      const frame = event.senderFrame;
      return expected != null && event.sender === expected && frame != null && isAppUrl(frame.url);
    } catch {
      return false; // a destroyed frame throws on access
    }
  };
}

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');

export function createIpcGate(options: {
  handlers: ApiHandlers;
  isTrustedSender: (event: SenderEvent) => boolean;
}): IpcGate {
  return async (method, event, request) => {
    if (!options.isTrustedSender(event)) {
      return fail('FORBIDDEN', message('err.ipc.foreignSender', { method }));
    }
    return dispatch(options.handlers, method, request, { detailOnInternal: true });
  };
}

const dropRequest = z.string().min(1).max(32_767);

/** The drop channel: the same sender check, a path-shaped string, then `openDropped`. */
export function createDropGate(options: {
  isTrustedSender: (event: SenderEvent) => boolean;
  openDropped: (path: string) => Promise<Result<unknown>>;
}): (event: SenderEvent, path: unknown) => Promise<Result<unknown>> {
  return async (event, path) => {
    if (!options.isTrustedSender(event)) {
      return fail('FORBIDDEN', message('err.ipc.foreignDrop'));
    }
    const parsed = dropRequest.safeParse(path);
    if (!parsed.success)
      return fail('INVALID_ARGUMENT', message('err.ipc.badDrop', { issues: describe(parsed.error) }));
    try {
      return await options.openDropped(parsed.data);
    } catch (error) {
      return fail('INTERNAL', message('err.ipc.dropFailed'), String(error));
    }
  };
}

/** Registers one `ipcMain.handle` per contract method, plus the drop channel — and nothing else. */
export function registerIpc(options: {
  handlers: ApiHandlers;
  isTrustedSender: (event: SenderEvent) => boolean;
  openDropped: (path: string) => Promise<Result<unknown>>;
}): void {
  const gate = createIpcGate(options);
  for (const method of API_METHODS) {
    ipcMain.handle(method, (event, request: unknown) => gate(method, event, request));
  }
  const drop = createDropGate(options);
  ipcMain.handle(DROP_CHANNEL, (event, path: unknown) => drop(event, path));
}
