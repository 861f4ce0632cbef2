// Builds the renderer (renderer/ → dist/renderer) with relative asset URLs, so the same files load
// from the Electron app and from `paneldb serve`.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server's React refresh needs an inline script, which the page's CSP forbids. Only while
 * serving in development is the CSP meta tag left out; every build keeps it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'paneldb-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
