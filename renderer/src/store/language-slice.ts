// The interface language: the remembered choice, else the system's; switching remembers it.
import { detectLanguage, LANGUAGE_STORAGE_KEY, type Language } from '../i18n';
import type { SliceDeps } from './state';

export interface LanguageSlice {
  language: Language;
  setLanguage(language: Language): void;
}

export function createLanguageSlice({ env, set }: SliceDeps): LanguageSlice {
  const read = (): string | null => {
    try {
      return env.storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  };
  return {
    language: detectLanguage(read(), env.languages),
    setLanguage: (language) => {
      try {
        env.storage?.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // Storage can be refused (private mode, quota): the choice then lasts for this page only.
      }
      set({ language });
    },
  };
}
