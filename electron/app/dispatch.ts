// The one dispatch over the handler table, shared by both transports (Electron IPC and `paneldb
// serve`): the method must be a contract method, the request must match its schema, and whatever
// the handler does, a Result comes back — nothing is ever thrown across a transport.
import { z } from 'zod';
import { REQUEST_SCHEMAS, type ApiHandlers, type ApiMethod } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import { message } from '../shared/i18n';

export const isApiMethod = (name: string): name is ApiMethod =>
  /^[A-Za-z]+$/.test(name) && Object.hasOwn(REQUEST_SCHEMAS, name);

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');

export interface DispatchOptions {
  /** Where an unexpected failure's text goes (a log, never the caller: it may hold paths). */
  log?: (line: string) => void;
  /** IPC keeps the thrown text as the error's detail for the desktop's own window. */
  detailOnInternal?: boolean;
}

export async function dispatch(
  handlers: ApiHandlers,
  method: string,
  request: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isApiMethod(method)) return fail('INVALID_ARGUMENT', message('err.api.unknownMethod', { method }));
  const parsed = (REQUEST_SCHEMAS[method] as z.ZodType).safeParse(request);
  if (!parsed.success) {
    return fail(
      'INVALID_ARGUMENT',
      message('err.api.invalidRequest', { method, issues: describeIssues(parsed.error) }),
      z.prettifyError(parsed.error),
    );
  }
  try {
    const handler = handlers[method] as (request: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (thrown) {
    const text = thrown instanceof Error ? thrown.message : String(thrown);
    options.log?.(`${method} failed unexpectedly: ${text}`);
    return options.detailOnInternal
      ? fail('INTERNAL', message('err.api.methodFailed', { method }), String(thrown))
      : fail('INTERNAL', message('err.internal'));
  }
}
