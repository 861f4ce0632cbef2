// The preload, against a fake bridge: `window.api` is exactly the contract's methods plus event
// subscriptions; each method invokes its own channel; listeners get payloads, never the IPC event;
// a dropped file's path goes to main over the drop channel and never reaches the page.
import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, PROGRESS_CHANNEL } from '../../electron/shared/contract';

const fake = vi.hoisted(() => {
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const windowListeners = new Map<string, (event: unknown) => void>();
  return { exposed, windowListeners };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
  });
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => fake.exposed.push({ key, api }),
    },
    ipcRenderer,
    webUtils: { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') },
  };
});

vi.stubGlobal('addEventListener', (type: string, listener: (event: unknown) => void) =>
  fake.windowListeners.set(type, listener),
);

const electron = (await import('electron')) as unknown as {
  ipcRenderer: EventEmitter & { invoke: ReturnType<typeof vi.fn> };
  webUtils: { getPathForFile: ReturnType<typeof vi.fn> };
};
await import('../../electron/preload/preload');
const { DROP_CHANNEL, SESSION_CHANGED_CHANNEL } = await import('../../electron/shared/api-methods');

const api = () => {
  expect(fake.exposed).toHaveLength(1);
  expect(fake.exposed[0]?.key).toBe('api');
  return fake.exposed[0]?.api as Record<string, (...args: unknown[]) => unknown>;
};

describe('window.api', () => {
  it('has exactly the contract methods, onProgress and onSessionChanged', () => {
    expect(Object.keys(api()).sort()).toEqual([...API_METHODS, 'onProgress', 'onSessionChanged'].sort());
    for (const value of Object.values(api())) expect(typeof value).toBe('function');
  });

  it('invokes the same-named channel with the request, and nothing else', async () => {
    for (const method of API_METHODS) {
      electron.ipcRenderer.invoke.mockClear();
      const request = { probe: method };
      await expect(api()[method]?.(request)).resolves.toEqual({
        ok: true,
        value: { channel: method, request },
      });
      expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[method, request]]);
    }
  });

  it.each([
    ['onProgress', PROGRESS_CHANNEL],
    ['onSessionChanged', SESSION_CHANGED_CHANNEL],
  ])('%s hands the listener only the payload, and its return value unsubscribes', (name, channel) => {
    const received: unknown[][] = [];
    const unsubscribe = api()[name]?.((...args: unknown[]) => received.push(args)) as () => void;
    expect(electron.ipcRenderer.listenerCount(channel)).toBe(1);
    const payload = { kind: 'step', version: 3 };
    electron.ipcRenderer.emit(channel, { sender: electron.ipcRenderer }, payload);
    expect(received).toEqual([[payload]]);
    unsubscribe();
    expect(electron.ipcRenderer.listenerCount(channel)).toBe(0);
    electron.ipcRenderer.emit(channel, {}, payload);
    expect(received).toHaveLength(1);
  });
});

describe('dropping a file on the window', () => {
  const dropEvent = (files: Array<{ path?: string }> | null, isTrusted = true) => {
    const event = {
      isTrusted,
      prevented: false,
      preventDefault: () => (event.prevented = true),
      dataTransfer: null as unknown,
    };
    event.dataTransfer = files === null ? null : { files };
    return event;
  };

  it('lets the window accept drops', () => {
    const event = dropEvent([]);
    fake.windowListeners.get('dragover')?.(event);
    expect(event.prevented).toBe(true);
  });

  it("sends the file's real path to main over the drop channel", () => {
    electron.ipcRenderer.invoke.mockClear();
    const event = dropEvent([{ path: '/srv/x-ui.db' }, { path: '/srv/other.db' }]);
    fake.windowListeners.get('drop')?.(event);
    expect(event.prevented).toBe(true);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[DROP_CHANNEL, '/srv/x-ui.db']]);
  });

  it('sends nothing for a drop without files, without a path on disk, or synthesised by the page', () => {
    electron.ipcRenderer.invoke.mockClear();
    fake.windowListeners.get('drop')?.(dropEvent(null));
    fake.windowListeners.get('drop')?.(dropEvent([]));
    fake.windowListeners.get('drop')?.(dropEvent([{}]));
    fake.windowListeners.get('drop')?.(dropEvent([{ path: '/etc/shadow' }], false));
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
