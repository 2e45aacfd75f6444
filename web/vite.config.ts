import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { noHtmlSinks } from './scripts/no-html-sinks.ts';

/**
 * The browser front ends (the online service hall and the staff workbench): one Vite project. Settings such as the
 * API URL and the OpenID Connect issuer are read at run time from /config.json, never baked into the build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // No code in the built pages parses a string as HTML, libraries included (scripts/no-html-sinks.ts).
  plugins: [noHtmlSinks()],
  resolve: {
    alias: [
      { find: '@shared', replacement: fileURLToPath(new URL('../shared', import.meta.url)) },
      // The pages are written against React's API and run on Preact's compatible 4 KB core in the browser: React DOM
      // is 60 KB compressed, which on a slow-4G phone is a third of a second before the hall can start.
      // The component tests run the same code on React itself.
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
      { find: /^react(-dom)?$/, replacement: 'preact/compat' },
      // The licence import page reads CSV files as the API does (shared/domain/licences/import-rows.ts): csv-parse's
      // browser build carries its own Buffer.
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The budget is per area (150 KB compressed for home and guide pages); warn well before a chunk grows past it.
    chunkSizeWarningLimit: 300,
  },
  server: { port: 5173, strictPort: false },
});
