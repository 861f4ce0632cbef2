// Inside the engine a refusal is thrown as an EngineError so deep code can stop an operation in one
// line; every public engine entry converts it to a Result, so nothing thrown ever leaves the engine.
import {
  fail,
  type AppError,
  type Detail,
  type ErrorCode,
  type ErrorHint,
  type Result,
} from '../shared/result';
import { isMessageKey, message, ref, type KeyedText } from '../shared/i18n';

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  /** The detail as a catalog message, when it is a sentence of ours (raw OS/SQLite text stays a string). */
  readonly detailMsg: AppError['detail_msg'];
  readonly hint: ErrorHint | undefined;
  /**
   * The message as a catalog key, so the CLI and UI render it in the reader's language. A plain
   * string does not compile here: every refusal a person reads exists in English and Chinese.
   */
  readonly msg: NonNullable<AppError['msg']>;

  constructor(code: ErrorCode, text: KeyedText, detail?: Detail, hint?: ErrorHint) {
    super(text.text);
    this.name = 'EngineError';
    this.code = code;
    this.detail = typeof detail === 'object' ? detail.text : detail;
    this.detailMsg = typeof detail === 'object' ? ref(detail) : undefined;
    this.hint = hint;
    this.msg = ref(text);
  }

  /** A failure that arrived as a Result (fail() always keys it), thrown on with its message. */
  static of(error: AppError): EngineError {
    const msg = error.msg;
    const text: KeyedText =
      msg !== undefined && isMessageKey(msg.key)
        ? { ...msg, key: msg.key, text: error.message }
        : message('err.internal');
    const keyed = error.detail_msg;
    const detail: Detail | undefined =
      keyed !== undefined && isMessageKey(keyed.key) && error.detail !== undefined
        ? { ...keyed, key: keyed.key, text: error.detail }
        : error.detail;
    return new EngineError(error.code, text, detail, error.hint);
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.detail !== undefined) error.detail = this.detail;
    if (this.detailMsg !== undefined) error.detail_msg = this.detailMsg;
    if (this.hint !== undefined) error.hint = this.hint;
    error.msg = this.msg;
    return error;
  }
}

/** Converts anything thrown into a coded failure; unexpected exceptions become INTERNAL with their text as detail. */
export function toFailure<T>(thrown: unknown): Result<T> {
  if (thrown instanceof EngineError) return { ok: false, error: thrown.toAppError() };
  const text = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
  return fail('INTERNAL', message('err.internal'), text);
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
