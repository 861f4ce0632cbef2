// Binds the store to React: a context carries it, `useApp` selects from it, `useT` translates in
// the chosen language.
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import { translate, type Language, type Translate } from '../i18n';
import type { AppState, AppStore } from './index';

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore outside <AppStoreContext.Provider>');
  return store;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

export function useLanguage(): Language {
  return useApp((state) => state.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, params) => translate(language, key, params), [language]);
}
