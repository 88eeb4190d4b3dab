import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { offlineShell } from './vite/offline-plugin.ts'

/**
 * The browser client. `pnpm build` writes client/dist, which the server serves, and prints
 * each chunk's size gzipped. In development `pnpm --filter @hononga/client dev` proxies the
 * API and the socket to a server on :8787.
 */
export default defineConfig({
  plugins: [react(), offlineShell()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset is a file of this site: nothing is fetched from another host at run time,
    // and nothing is inlined as data: (which the CSP would have to allow).
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // dist/.vite/manifest.json: which files the first page and the editor chunk load (tests/bench/open-plan.ts).
    manifest: true,
    // The editor chunk (Tiptap, ProseMirror, Yjs) is ~600 kB before gzip and loads only with a plan.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8787',
      '/ws': { target: 'ws://localhost:8787', ws: true },
    },
  },
})
