// Every error text the engine and the app write for a person (AppError.msg, StepFailure): English,
// the reference. Paths, versions, pids and table names are parameters (data, never translated);
// the Chinese renderings are in errors-zh-CN.ts under the same keys.
export const errorsEn = {
  'err.internal': 'PanelDB hit an unexpected error; nothing was written.',
} as const;

export type ErrorTextKey = keyof typeof errorsEn;
