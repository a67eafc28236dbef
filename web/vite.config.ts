import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://127.0.0.1:8080';

/** The web app: root `web/`, built into `web/dist` (served by src/http/server.ts). */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline assets in HTML/JS beyond what CSP `img-src data:` allows; scripts are always files.
    assetsInlineLimit: 4096,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false, ws: true },
      '/healthz': { target: backend },
    },
  },
});
