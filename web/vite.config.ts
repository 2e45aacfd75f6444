import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The browser front ends (the online service hall and the staff workbench): one Vite project. Settings such as the
 * API URL and the OpenID Connect issuer are read at run time from /config.json, never baked into the build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
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
