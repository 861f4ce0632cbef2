// `paneldb serve`: the desktop app's UI and `Api`, served to a browser over loopback HTTP. The same
// handler table as the Electron IPC transport sits behind `POST /api/<method>`; the walls are the
// loopback bind, the Host/Origin check (DNS rebinding) and a random token on every `/api` call.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { ApiHandlers, ProgressEvent, ProgressListener } from '../shared/contract';
import { message, ref, type KeyedText } from '../shared/i18n';
import type { AppError, ErrorCode } from '../shared/result';
import { handleApi, type ApiContext } from './api-routes';
import {
  allowedHosts,
  foreignRequestReason,
  hostWithPort,
  isAcceptableToken,
  loopbackBindAddress,
} from './guards';
import { sendError, setSecurityHeaders } from './responses';
import { serveStatic } from './static-files';

export interface ServerOptions {
  handlers: ApiHandlers;
  /** Progress events for `/api/events`: subscribe a listener, get back its unsubscribe. */
  subscribeProgress?: (listener: ProgressListener) => () => void;
  /** A loopback address: 127.0.0.0/8, ::1 or localhost. Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Milliseconds between keep-alive comments on `/api/events`. Default 15 s. */
  keepAliveMs?: number;
  /** One-line diagnostics (never bodies or tokens). */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/#token=TOKEN`: the token rides in the fragment, never sent to a server. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  token: string;
  /** Ends the event streams, lets running requests finish briefly, then closes every connection. */
  close(): Promise<void>;
}

/** A refusal to start, with the code the CLI maps to an exit status. */
export class ServerError extends Error {
  readonly code: ErrorCode;
  readonly msg: NonNullable<AppError['msg']>;
  constructor(code: ErrorCode, text: KeyedText) {
    super(text.text);
    this.name = 'ServerError';
    this.code = code;
    this.msg = ref(text);
  }

  toAppError(): AppError {
    return { code: this.code, message: this.message, msg: this.msg };
  }
}

/** Fans engine progress out to every open event stream. */
export function createProgressHub(): {
  emit: ProgressListener;
  subscribe: (listener: ProgressListener) => () => void;
} {
  const listeners = new Set<ProgressListener>();
  return {
    emit: (event: ProgressEvent) => {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // A broken stream must not stop the operation or the other streams.
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const CLOSE_GRACE_MS = 2000;

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ServerError {
  const where = hostWithPort(host, port);
  switch (error.code) {
    case 'EADDRINUSE':
      return new ServerError('INVALID_ARGUMENT', message('cli.error.portInUse', { port, host }));
    case 'EACCES':
      return new ServerError('FORBIDDEN', message('err.serve.portForbidden', { where }));
    case 'EADDRNOTAVAIL':
      return new ServerError('INVALID_ARGUMENT', message('err.serve.addressUnavailable', { host }));
    default:
      return new ServerError('INTERNAL', message('err.serve.cannotListen', { where, reason: error.message }));
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const requestedHost = options.host ?? '127.0.0.1';
  const bindAddress = loopbackBindAddress(requestedHost);
  if (bindAddress === null) {
    throw new ServerError('FORBIDDEN', message('err.serve.notLoopback', { host: requestedHost }));
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new ServerError('INVALID_ARGUMENT', message('err.serve.badPort', { port: requestedPort }));
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (!isAcceptableToken(token)) {
    throw new ServerError('INVALID_ARGUMENT', message('err.serve.badToken'));
  }
  const staticDir = resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  const context: ApiContext = {
    handlers: options.handlers,
    token,
    subscribeProgress: options.subscribeProgress,
    streams,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    log: options.log ?? (() => undefined),
  };
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    const refused = foreignRequestReason(req, hosts);
    if (refused !== null) return sendError(res, 403, 'FORBIDDEN', refused);
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    // URLSearchParams never throws, whatever the request line holds.
    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    const work =
      rawPath === '/api' || rawPath.startsWith('/api/')
        ? handleApi(req, res, rawPath, query, context)
        : serveStatic(req, res, rawPath, staticDir);
    work.catch((thrown: unknown) => {
      context.log(`request failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'INTERNAL', message('err.serve.unexpected'));
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException) =>
      rejectListen(listenError(error, bindAddress, requestedPort));
    server.once('error', onError);
    server.listen({ host: bindAddress, port: requestedPort, exclusive: true }, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
  server.on('error', (error) => context.log(`server error: ${error.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : requestedPort;
  hosts = allowedHosts(bindAddress, port);
  const origin = `http://${hostWithPort(bindAddress, port)}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolveClose) => {
      for (const stream of streams) stream.end();
      // Connections whose response is just finishing become idle a moment later: sweep them too.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(force);
        resolveClose();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  return { url: `${origin}/#token=${token}`, origin, port, token, close };
}
