import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * The browser client. `pnpm build` writes client/dist, which the server serves; in
 * development `pnpm --filter @hononga/client dev` proxies the API and the socket to it.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset is bundled: nothing is fetched from another host at run time.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8787',
      '/ws': { target: 'ws://localhost:8787', ws: true },
    },
  },
})
