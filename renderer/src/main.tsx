// Entry: connect to the engine (window.api or HTTP), build the store, render, load the session.
// The shared look first (theme tokens, controls, chips, layout, tables); each component brings its own.
import './styles/theme.css';
import './styles/controls.css';
import './styles/chips.css';
import './styles/layout.css';
import './styles/tables.css';
import './styles/row-label.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { createAppStore } from './store';
import type { KeyValueStore } from './store/env';

const localStore = (): KeyValueStore | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

const store = createAppStore(connectApi(), {
  storage: localStore(),
  languages: [navigator.language],
  now: () => new Date(),
});

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} />
    </StrictMode>,
  );
}
void store.getState().init();
