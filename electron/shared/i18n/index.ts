// The one catalog of person-facing text, shared by the CLI, the engine's reports and the renderer:
// English is the reference (its keys are every language's keys), zh-CN is typed against it.
// A message is a key plus parameters, so reports and the activity log carry data and are rendered
// in whichever language is chosen.
import type { ErrorCode } from '../result';
import { checksEn } from './checks-en';
import { cliEn } from './cli-en';
import { cliZhCN } from './cli-zh-CN';
import { checksZhCN } from './checks-zh-CN';
import { engineEn } from './engine-en';
import { engineZhCN } from './engine-zh-CN';
import { errorsEn } from './errors-en';
import { errorsZhCN } from './errors-zh-CN';
import { glossaryEn, glossaryZhCN } from './glossary';
import { lintEn } from './lint-en';
import { lintZhCN } from './lint-zh-CN';
import { uiEn } from './ui-en';
import { uiZhCN } from './ui-zh-CN';

export const en = { ...uiEn, ...engineEn, ...errorsEn, ...checksEn, ...lintEn, ...cliEn, ...glossaryEn };
export type MessageKey = keyof typeof en;
/** Every language has exactly these keys. */
export type Dictionary = Record<MessageKey, string>;
export const zhCN: Dictionary = {
  ...uiZhCN,
  ...engineZhCN,
  ...errorsZhCN,
  ...checksZhCN,
  ...lintZhCN,
  ...cliZhCN,
  ...glossaryZhCN,
};

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;

export interface Message {
  key: MessageKey;
  params?: Params;
  /** Parameters that are lists of messages themselves (a lint finding's differences), rendered and joined per language. */
  parts?: Parts;
}

export type Parts = Record<string, Array<{ key: string; params?: Params; parts?: Parts }>>;

/** How a list of parts is joined in each language. */
const PART_SEPARATOR: Record<Language, string> = { en: '; ', 'zh-CN': '；' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

// `{count, plural, one {# row} other {# rows}}`: the ICU subset English needs (Chinese has no plural).
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

export function format(text: string, params?: Params): string {
  if (params === undefined) return text;
  const plural = text.replace(PLURAL, (whole, name: string, one: string, other: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return (Number(value) === 1 ? one : other).replaceAll('#', String(value));
  });
  return plural.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return format(DICTIONARIES[language][key], params);
}

/** A message carried in a report (its key typed as a string): rendered when the key is known, else the fallback. */
export function renderMessage(
  language: Language,
  message: { key: string; params?: Params; parts?: Parts } | undefined | null,
  fallback: string,
): string {
  if (message === undefined || message === null || !isMessageKey(message.key)) return fallback;
  if (message.parts === undefined) return translate(language, message.key, message.params);
  const params: Params = { ...message.params };
  for (const [name, list] of Object.entries(message.parts)) {
    params[name] = list.map((part) => renderMessage(language, part, '')).join(PART_SEPARATOR[language]);
  }
  return translate(language, message.key, params);
}

/** The engine's side: a message and its English rendering, the text reports always had. */
export function message(key: MessageKey, params?: Params, parts?: Parts): Message & { text: string } {
  const m: Message = { key };
  if (params !== undefined) m.params = params;
  if (parts !== undefined) m.parts = parts;
  return { ...m, text: renderMessage('en', m, '') };
}

/** A message as the engine builds it: key, parameters, parts, and its English text. */
export type KeyedText = ReturnType<typeof message>;

/** A report's `msg` field: key, parameters and parts only. */
export function ref(m: Message): Message {
  const out: Message = { key: m.key };
  if (m.params !== undefined) out.params = m.params;
  if (m.parts !== undefined) out.parts = m.parts;
  return out;
}

export const errorKey = (code: ErrorCode): MessageKey => `error.${code}`;

export type Translate = (key: MessageKey, params?: Params) => string;

/** The names of a text's placeholders ({name} and the variable of {name, plural, …}). */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  const rest = text.replace(PLURAL, (_whole, name: string) => {
    names.add(name);
    return '';
  });
  for (const match of rest.matchAll(/\{(\w+)\}/g)) if (match[1] !== undefined) names.add(match[1]);
  return [...names].sort();
}
