// The window and everything around the page: the web preferences, the CSP, navigation and window.open
// refused, permissions refused, and the app:// protocol serving only the built renderer.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppPath,
} from '../../electron/main/app-protocol';
import { denyPermissions, guardWebContents, windowOptions } from '../../electron/main/window';
import { tempDir } from '../support/temp-dir';

describe('the window', () => {
  it('runs the page sandboxed, isolated, without Node, with the bundled preload', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('sends the strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: unknown) => void>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on(name: string, listener: (event: unknown) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  guardWebContents(contents as unknown as WebContents);
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { listeners, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s away from the app is prevented, within the app allowed',
    (name) => {
      const { fire } = fakeContents();
      expect(fire(name, 'https://evil.example/')).toBe(true);
      expect(fire(name, 'http://127.0.0.1:8080/')).toBe(true);
      expect(fire(name, 'file:///etc/passwd')).toBe(true);
      expect(fire(name, 'file:///home/me/x-ui.db')).toBe(true);
      expect(fire(name, 'app://evil/index.html')).toBe(true);
      expect(fire(name, 'javascript:alert(1)')).toBe(true);
      expect(fire(name, 'not a url')).toBe(true);
      expect(fire(name, APP_ENTRY_URL)).toBe(false);
      expect(fire(name, 'app://paneldb/index.html#/backups')).toBe(false);
    },
  );

  it('denies every window.open and every webview', () => {
    const { fire, open } = fakeContents();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview', APP_ENTRY_URL)).toBe(true);
  });
});

describe('permissions', () => {
  function fakeSession() {
    type RequestHandler = (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string },
    ) => void;
    type CheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
    const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
    denyPermissions({
      setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
    } as unknown as Session);
    const request = (permission: string, url: string) => {
      let granted: boolean | undefined;
      handlers.request?.(null, permission, (answer) => (granted = answer), { requestingUrl: url });
      return granted;
    };
    return {
      request,
      check: (permission: string, origin: string) => handlers.check?.(null, permission, origin),
    };
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'fullscreen',
    'clipboard-read',
    'fileSystem',
    'unknown',
  ])('refuses %s, even to the app itself', (permission) => {
    const { request, check } = fakeSession();
    expect(request(permission, APP_ENTRY_URL)).toBe(false);
    expect(check(permission, 'app://paneldb')).toBe(false);
  });

  it('lets only the app write text to the clipboard', () => {
    const { request, check } = fakeSession();
    expect(request('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://paneldb')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  async function builtRenderer() {
    const parent = await tempDir();
    const root = join(parent, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>PanelDB</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(join(parent, 'package.json'), '{"secret":"outside the renderer"}');
    await symlink(join(parent, 'package.json'), join(root, 'linked.json'));
    return { root, serve: createAppProtocolHandler(root) };
  }

  const get = async (serve: (request: Request) => Promise<Response>, url: string, method = 'GET') => {
    const response = await serve(new Request(url, { method }));
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  it('serves the built renderer with the CSP header and a proper content type', async () => {
    const { serve } = await builtRenderer();
    const index = await get(serve, APP_ENTRY_URL);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>PanelDB</title>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(serve, 'app://paneldb/')).body).toBe(index.body);
    const script = await get(serve, 'app://paneldb/assets/app.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(serve, 'app://paneldb/assets/app.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
  });

  it.each([
    'app://paneldb/../package.json',
    'app://paneldb/assets/../../package.json',
    'app://paneldb/%2e%2e/package.json',
    'app://paneldb/%2E%2E/package.json',
    'app://paneldb/..%2fpackage.json',
    'app://paneldb/%2e%2e%2fpackage.json',
    'app://paneldb/assets/..%2F..%2Fpackage.json',
    'app://paneldb/..%5cpackage.json',
    'app://paneldb/%5c..%5cpackage.json',
    'app://paneldb/%252e%252e/package.json',
    'app://paneldb/linked.json',
    'app://paneldb/%00index.html',
    'app://paneldb/C:%5cWindows%5cwin.ini',
    'app://paneldb//etc/passwd',
    'app://paneldb/%2fetc%2fpasswd',
    'app://paneldb/missing.js',
    'app://paneldb/assets',
    'app://evil/index.html',
    'https://paneldb/index.html',
  ])('answers %s with 404 and nothing from outside the renderer', async (url) => {
    const { serve } = await builtRenderer();
    const response = await get(serve, url);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });

  it('answers only GET and HEAD', async () => {
    const { serve } = await builtRenderer();
    expect((await get(serve, APP_ENTRY_URL, 'POST')).status).toBe(404);
    const head = await get(serve, APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('maps URLs to files only inside the root', () => {
    expect(resolveAppPath('/r', 'app://paneldb/a/b.js')).toBe('/r/a/b.js');
    expect(resolveAppPath('/r', 'app://paneldb/')).toBe('/r/index.html');
    expect(resolveAppPath('/r', 'app://paneldb/%E0%A4%A')).toBeNull();
    expect(resolveAppPath('/r', 'app://paneldb/..%2f..%2fetc/passwd')).toBeNull();
    expect(isAppUrl('app://paneldb:8080/')).toBe(false);
    expect(isAppUrl('app://user@paneldb/')).toBe(false);
    expect(isAppUrl('app://paneldb.evil.example/')).toBe(false);
  });
});
