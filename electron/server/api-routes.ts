// The `/api` routes: one `POST /api/<method>` per contract method (validated by the contract's own
// schemas, answered with the handler's Result), `GET /api/status` for scripts (the StatusReport,
// like `paneldb status --json`) and `GET /api/events` (progress as server-sent events).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch, isApiMethod } from '../app/dispatch';
import type { ApiHandlers, ApiMethod, ProgressListener } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import { presentedToken, tokenMatches } from './guards';
import { sendError, sendJson } from './responses';
import { redactInternal } from './redact';
import { message } from '../shared/i18n';

export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiContext {
  handlers: ApiHandlers;
  token: string;
  subscribeProgress: ((listener: ProgressListener) => () => void) | undefined;
  /** Open event streams, ended when the server closes. */
  streams: Set<ServerResponse>;
  keepAliveMs: number;
  log: (line: string) => void;
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  query: URLSearchParams,
  context: ApiContext,
): Promise<void> {
  const route = rawPath.slice('/api/'.length);
  const readOnlyRoute = req.method === 'GET' && (route === 'events' || route === 'status');
  if (!tokenMatches(context.token, presentedToken(req, query, readOnlyRoute))) {
    return sendError(res, 401, 'FORBIDDEN', message('err.serve.token'), {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (route === 'events' || route === 'status') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
    return route === 'events' ? serveEvents(res, context) : serveStatus(res, context);
  }
  if (!isApiMethod(route)) return sendError(res, 404, 'UNSUPPORTED', message('err.serve.noSuchMethod'));
  if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
  return callMethod(req, res, route, context);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendError(res, 405, 'UNSUPPORTED', message('err.serve.wrongHttpMethod', { allow }), { Allow: allow });
}

type Body = { kind: 'read'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body) => {
      if (settled) return;
      settled = true;
      resolve(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) settle({ kind: 'too-large' });
      else chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

async function callMethod(
  req: IncomingMessage,
  res: ServerResponse,
  method: ApiMethod,
  context: ApiContext,
): Promise<void> {
  const body = await readBody(req);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too-large') {
    return sendError(
      res,
      413,
      'INVALID_ARGUMENT',
      message('err.serve.bodyTooLarge', { kib: MAX_BODY_BYTES / 1024 }),
      {
        Connection: 'close',
      },
    );
  }
  let request: unknown;
  try {
    // An empty body means "no arguments", the same as `{}`.
    request = body.text.trim() === '' ? {} : JSON.parse(body.text);
  } catch {
    return sendError(res, 400, 'INVALID_ARGUMENT', message('err.serve.bodyNotJson'));
  }
  const result = await dispatch(context.handlers, method, request, { log: context.log });
  sendJson(res, 200, redactInternal(result, context.log));
}

/** The StatusReport itself, as `paneldb status --json` prints it; errors as `{ error }` like the CLI. */
async function serveStatus(res: ServerResponse, context: ApiContext): Promise<void> {
  let result: Result<unknown>;
  try {
    result = await context.handlers.getStatus({});
  } catch (thrown) {
    context.log(`status failed unexpectedly: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    result = fail('INTERNAL', message('err.internal'));
  }
  result = redactInternal(result, context.log);
  if (result.ok) return sendJson(res, 200, result.value);
  const code = result.error.code;
  const status = code === 'NO_DATABASE_OPEN' ? 503 : code === 'INTERNAL' ? 500 : 409;
  sendJson(res, status, { error: result.error });
}

function serveEvents(res: ServerResponse, context: ApiContext): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const unsubscribe = context.subscribeProgress?.((event) => {
    res.write(`event: progress\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), context.keepAliveMs);
  context.streams.add(res);
  res.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe?.();
    context.streams.delete(res);
  });
}
