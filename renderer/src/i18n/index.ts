// The typed dictionaries and the one function that turns a key into text. A message is a key plus
// parameters, so the activity log keeps data and re-renders in whichever language is chosen.
import type { ErrorCode } from '../../../electron/shared/result';
import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { Dictionary, MessageKey };

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;

export interface Message {
  key: MessageKey;
  params?: Params;
}

export const LANGUAGE_STORAGE_KEY = 'paneldb.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A remembered choice wins; otherwise the system's first language: zh* → zh-CN, anything else → en. */
export function detectLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  return preferred[0]?.toLowerCase().startsWith('zh') === true ? 'zh-CN' : 'en';
}

/**
 * `{name}` is replaced by the parameter; `{name|one|other}` picks the English singular or plural
 * form by the number (`#` in a form stands for it): "{count|# warning|# warnings}".
 */
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[language][key];
  if (params === undefined) return text;
  return text.replace(
    /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
    (placeholder, name: string, one?: string, other?: string) => {
      const value = params[name];
      if (value === undefined) return placeholder;
      if (one === undefined || other === undefined) return String(value);
      return (Number(value) === 1 ? one : other).replaceAll('#', String(value));
    },
  );
}

export const errorKey = (code: ErrorCode): MessageKey => `error.${code}`;

export type Translate = (key: MessageKey, params?: Params) => string;
