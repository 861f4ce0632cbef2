// The only file that touches `window.api`: in the desktop app the preload script provides it; in
// a browser opened by `paneldb serve` the same contract is spoken over HTTP with the URL's token.
import type { WindowApi } from '../../electron/shared/contract';
import { createHttpApi } from './transport/http';
import { takeToken } from './transport/token';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

const safeSessionStorage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

export function connectApi(): WindowApi {
  if (window.api !== undefined) return window.api;
  const token = takeToken({
    location: window.location,
    storage: safeSessionStorage(),
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  });
  return createHttpApi({
    token,
    fetch: (url, init) => window.fetch(url, init),
    openEvents: (url) => {
      const source = new EventSource(url);
      return {
        onProgress: (listener) =>
          source.addEventListener('progress', (event) => {
            if (typeof event.data === 'string') listener(event.data);
          }),
        close: () => source.close(),
      };
    },
  });
}
