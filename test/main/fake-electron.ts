// A stand-in for the parts of the `electron` module that electron/main uses, recording what the main
// process does with them: the real binary cannot run on this machine.
type Listener = (...args: unknown[]) => unknown;

export interface FakeWindow {
  options: unknown;
  listeners: Map<string, Listener>;
  loaded: string[];
  webContents: { sent: Array<[string, unknown]>; send(channel: string, payload: unknown): void };
}

export function createFakeElectron() {
  const state = {
    calls: [] as string[],
    handles: new Map<string, Listener>(),
    appListeners: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    menus: [] as unknown[],
    userData: '',
    protocolHandler: undefined as ((request: Request) => Promise<Response>) | undefined,
  };
  const record = (name: string) => () => void state.calls.push(name);

  class BrowserWindow implements FakeWindow {
    listeners = new Map<string, Listener>();
    loaded: string[] = [];
    webContents = {
      sent: [] as Array<[string, unknown]>,
      send(channel: string, payload: unknown) {
        this.sent.push([channel, payload]);
      },
    };
    constructor(public options: unknown) {
      state.calls.push('new BrowserWindow');
      state.windows.push(this);
    }
    once(name: string, listener: Listener) {
      this.listeners.set(name, listener);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    show() {}
    focus() {
      state.calls.push('window.focus');
    }
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
  }

  const module = {
    BrowserWindow,
    app: {
      enableSandbox: record('app.enableSandbox'),
      setName: record('app.setName'),
      requestSingleInstanceLock: () => true,
      on: (name: string, listener: Listener) => state.appListeners.set(name, listener),
      whenReady: async () => void state.calls.push('app.whenReady'),
      getLocale: () => 'en-US',
      getPath: () => state.userData,
      getVersion: () => '0.1.0',
      isPackaged: false,
      quit: record('app.quit'),
      exit: record('app.exit'),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        state.calls.push(`protocol.registerSchemesAsPrivileged ${JSON.stringify(schemes)}`);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        state.calls.push(`protocol.handle ${scheme}`);
        state.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => state.menus.push(menu),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async () => ({ response: 0 }),
      showErrorBox: record('dialog.showErrorBox'),
    },
    ipcMain: { handle: (channel: string, listener: Listener) => state.handles.set(channel, listener) },
  };

  const window = () => {
    const shown = state.windows[0];
    if (shown === undefined) throw new Error('no window yet');
    return shown;
  };
  /** Calls a registered IPC channel as the main window's own page would (or as `event` says). */
  const invoke = (channel: string, request: unknown, event?: unknown) =>
    state.handles.get(channel)?.(
      event ?? { sender: window().webContents, senderFrame: { url: 'app://paneldb/index.html' } },
      request,
    ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  const sentOn = (channel: string) =>
    window()
      .webContents.sent.filter(([name]) => name === channel)
      .map(([, payload]) => payload);

  return { module, state, window, invoke, sentOn };
}

export const fakeElectron = createFakeElectron();
