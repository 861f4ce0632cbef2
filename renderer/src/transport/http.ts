// The contract over HTTP, for `paneldb serve`: every method is `POST /api/<method>` with the bearer
// token and the request as JSON; every answer is a Result (errors too). Progress arrives as
// server-sent events. Written against small interfaces so tests drive it with fakes.
import { API_METHOD_NAMES } from '../../../electron/shared/api-methods';
import type { Api, ProgressListener, WindowApi } from '../../../electron/shared/contract';
import type { ProgressEvent } from '../../../electron/shared/reports';
import { message, type KeyedText } from '../../../electron/shared/i18n';
import {
  appError,
  isErrorCode,
  isErrorHint,
  isMessageRef,
  isRecord,
  type AppError,
  type Result,
} from '../../../electron/shared/result';

export interface HttpResponseLike {
  status: number;
  json(): Promise<unknown>;
}

export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<HttpResponseLike>;

export interface EventStreamLike {
  /** Calls `listener` with the data of each `event: progress` message. */
  onProgress(listener: (data: string) => void): void;
  close(): void;
}

export interface HttpApiOptions {
  token: string;
  fetch: FetchLike;
  openEvents: (url: string) => EventStreamLike;
  /** Prefix of the routes; '' for the same origin as the page. */
  base?: string;
}

const internal = (text: KeyedText, detail?: string): Result<never> => ({
  ok: false,
  error: appError('INTERNAL', text, detail),
});

/** Accepts the body only if it is a Result; anything else becomes an INTERNAL error naming the status. */
export function toResult<T>(status: number, body: unknown): Result<T> {
  if (isRecord(body) && body.ok === true && 'value' in body) return { ok: true, value: body.value as T };
  if (isRecord(body) && body.ok === false && isRecord(body.error)) {
    const { code, message: sent, detail, hint, msg } = body.error;
    const text = typeof sent === 'string' ? sent : `HTTP ${status}`;
    if (isErrorCode(code)) {
      // The hint (the button that gets past a refusal) and the catalog key (the reader's language)
      // cross as they do over IPC; a malformed one is dropped, the error itself kept.
      const error: AppError = { code, message: text };
      if (typeof detail === 'string') error.detail = detail;
      if (isErrorHint(hint)) error.hint = hint;
      if (isMessageRef(msg)) error.msg = msg;
      if (typeof detail === 'string' && isMessageRef(body.error.detail_msg))
        error.detail_msg = body.error.detail_msg;
      return { ok: false, error };
    }
    // The server's own text stays the message (English, as it came); the reader gets ours.
    return {
      ok: false,
      error: {
        ...appError('INTERNAL', message('err.http.unknownCode', { status, code: String(code) })),
        message: text,
      },
    };
  }
  return internal(message('err.http.noResult', { status }));
}

export function isProgressEvent(value: unknown): value is ProgressEvent {
  if (!isRecord(value)) return false;
  if (value.kind === 'step') {
    return (
      (value.direction === 'up' || value.direction === 'down') &&
      typeof value.version === 'number' &&
      typeof value.name === 'string' &&
      typeof value.index === 'number' &&
      typeof value.total === 'number'
    );
  }
  return (
    value.kind === 'rows' &&
    typeof value.version === 'number' &&
    typeof value.done === 'number' &&
    typeof value.total === 'number'
  );
}

export function createHttpApi(options: HttpApiOptions): WindowApi {
  const base = options.base ?? '';
  const call = async (method: string, request: unknown): Promise<Result<unknown>> => {
    let response: HttpResponseLike;
    try {
      response = await options.fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
    } catch (error) {
      return internal(
        message('err.http.unreachable', { method }),
        error instanceof Error ? error.message : String(error),
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return toResult(response.status, body);
  };

  const listeners = new Set<ProgressListener>();
  let stream: EventStreamLike | null = null;
  const onProgress = (listener: ProgressListener) => {
    listeners.add(listener);
    if (stream === null) {
      stream = options.openEvents(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
      stream.onProgress((data) => {
        let event: unknown;
        try {
          event = JSON.parse(data);
        } catch {
          return;
        }
        if (isProgressEvent(event)) for (const each of [...listeners]) each(event);
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stream !== null) {
        stream.close();
        stream = null;
      }
    };
  };

  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as unknown as Api;
  // In the browser nothing opens a database behind the page's back: no session-change events.
  return { ...methods, onProgress, onSessionChanged: () => () => undefined };
}
