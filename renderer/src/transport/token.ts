// The access token of `paneldb serve` arrives in the page URL's fragment (`#token=…`), which the
// browser never sends to the server. Keep it for this tab and take it out of the address bar.

export interface TokenPlace {
  location: { hash: string; pathname: string; search: string };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
  replaceUrl: (url: string) => void;
}

export const TOKEN_STORAGE_KEY = 'paneldb.token';

export function takeToken({ location, storage, replaceUrl }: TokenPlace): string {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Without sessionStorage the token lives in memory only; a reload then needs the URL again.
    }
    fragment.delete('token');
    const rest = fragment.toString();
    replaceUrl(`${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}
