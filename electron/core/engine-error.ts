// Inside the engine a refusal is thrown as an EngineError so deep code can stop an operation in one
// line; every public engine entry converts it to a Result, so nothing thrown ever leaves the engine.
import { fail, type AppError, type ErrorCode, type ErrorHint, type Result } from '../shared/result';
import { ref, type message } from '../shared/i18n';

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly hint: ErrorHint | undefined;
  /** The message as a catalog key (given as `message(key, params)`), so the CLI and UI can translate it. */
  readonly msg: AppError['msg'];

  constructor(code: ErrorCode, text: string | ReturnType<typeof message>, detail?: string, hint?: ErrorHint) {
    super(typeof text === 'string' ? text : text.text);
    this.name = 'EngineError';
    this.code = code;
    this.detail = detail;
    this.hint = hint;
    this.msg = typeof text === 'string' ? undefined : ref(text);
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.detail !== undefined) error.detail = this.detail;
    if (this.hint !== undefined) error.hint = this.hint;
    if (this.msg !== undefined) error.msg = this.msg;
    return error;
  }
}

/** Converts anything thrown into a coded failure; unexpected exceptions become INTERNAL with their text as detail. */
export function toFailure<T>(thrown: unknown): Result<T> {
  if (thrown instanceof EngineError) return { ok: false, error: thrown.toAppError() };
  const text = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
  return fail('INTERNAL', 'PanelDB hit an unexpected error; nothing was written.', text);
}

/** Runs an engine operation and returns its outcome as data. */
export async function capture<T>(operation: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await operation() };
  } catch (thrown) {
    return toFailure<T>(thrown);
  }
}

/** The Node error code (ENOENT, EACCES, …) of a thrown fs error, if any. */
export function osErrorCode(thrown: unknown): string | undefined {
  if (typeof thrown === 'object' && thrown !== null && 'code' in thrown) {
    const code = (thrown as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function osErrorText(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
