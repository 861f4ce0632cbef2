// Starts `paneldb serve`'s server in-process (engine in this thread, port 0) over a tiny built site,
// and speaks to it both with fetch (the browser's view) and with node:http (which, unlike fetch, can
// send any Host header and any raw path).
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDemoDatabase } from '../../electron/core/demo';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createSession } from '../../electron/app/session';
import { createProgressHub, startServer, type RunningServer } from '../../electron/server/serve';
import type { ApiHandlers } from '../../electron/shared/contract';
import { tempDir } from '../support/temp-dir';

export const INDEX_HTML =
  '<!doctype html><title>PanelDB</title><script type="module" src="/assets/app.js"></script>';
export const APP_JS = 'console.log("panel");';
/** Lies one folder above the site: a traversal that worked would return it. */
export const SECRET = '{"name":"secret-outside-the-site"}';

const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

export interface TestServerOptions {
  db?: string;
  /** Leave the site without index.html (the UI was never built). */
  unbuilt?: boolean;
  keepAliveMs?: number;
  wrapHandlers?: (handlers: ApiHandlers) => ApiHandlers;
}

export async function startTestServer(options: TestServerOptions = {}) {
  const dir = await tempDir('paneldb-serve-');
  const site = join(dir, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  if (options.unbuilt !== true) await writeFile(join(site, 'index.html'), INDEX_HTML);
  await writeFile(join(site, 'assets', 'app.js'), APP_JS);
  await writeFile(join(dir, 'package.json'), SECRET);

  const hub = createProgressHub();
  const session = createSession({
    mode: 'browser',
    runner: inProcessRunner(),
    createDemo: () => createDemoDatabase(nodeFileSystem),
    onProgress: hub.emit,
  });
  if (options.db !== undefined) {
    const opened = await session.openPath(options.db);
    if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
  }
  const handlers = options.wrapHandlers?.(session.handlers) ?? session.handlers;
  const server = await startServer({
    handlers,
    subscribeProgress: hub.subscribe,
    staticDir: site,
    keepAliveMs: options.keepAliveMs,
  });
  running.push(server);
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };

  /** `POST /api/<method>` as the browser client does it; returns the HTTP status and the parsed body. */
  const call = async (method: string, body: unknown = {}) => {
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** Unwraps an ok Result from `call`, or fails the test with its error. */
  const value = async <T = Record<string, unknown>>(method: string, body: unknown = {}): Promise<T> => {
    const { status, body: result } = await call(method, body);
    if (status !== 200 || result.ok !== true) throw new Error(`${method}: ${JSON.stringify(result)}`);
    return result.value as T;
  };

  return { server, dir, site, base, auth, call, value, session };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with exactly this path and these headers (Host included), as an attacker could send it. */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${port}`, ...options.headers };
    const req = request({
      host: '127.0.0.1',
      port,
      method: options.method ?? 'GET',
      path: options.path,
      headers,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (Array.isArray(options.body)) for (const chunk of options.body) req.write(chunk);
    else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
