// The renderer's view of the one catalog (electron/shared/i18n), plus how it picks a language.
import { isLanguage, type Language } from '../../../electron/shared/i18n';

export {
  DICTIONARIES,
  errorKey,
  isLanguage,
  LANGUAGES,
  renderMessage,
  translate,
  type Language,
  type Message,
  type MessageKey,
  type Params,
  type Translate,
} from '../../../electron/shared/i18n';

export const LANGUAGE_STORAGE_KEY = 'paneldb.language';

/** A remembered choice wins; otherwise the system's first language: zh* → zh-CN, anything else → en. */
export function detectLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  return preferred[0]?.toLowerCase().startsWith('zh') === true ? 'zh-CN' : 'en';
}
