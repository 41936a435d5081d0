import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The Fastify server in development (`npm run dev` at the repository root). */
const API_ORIGIN = 'http://127.0.0.1:3000';

/** Paths the server answers; the service worker must never replace them with the app shell. */
const SERVER_PATHS = [
  /^\/api(\/|$)/,
  /^\/docs(\/|$)/,
  /^\/openapi\.json$/,
  /^\/metrics$/,
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/dev(\/|$)/,
  /^\/\.well-known(\/|$)/,
];

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'VssID – Bảo hiểm xã hội số',
        short_name: 'VssID',
        description: 'Ứng dụng Bảo hiểm xã hội số của BHXH Việt Nam',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0a529c',
        background_color: '#ffffff',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/zxing-*.js'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(
      ['^/api(/|$)', '^/openapi\\.json$', '^/docs(/|$)', '^/healthz$', '^/dev(/|$)', '^/\\.well-known(/|$)'].map((path) => [
        path,
        { target: API_ORIGIN, changeOrigin: false },
      ]),
    ),
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/ },
            { name: 'data', test: /node_modules[\\/](zod|i18next|react-i18next|@tanstack)[\\/]/ },
            // The camera QR reader is for facility desks only: its own chunk, kept out of the offline precache.
            { name: 'zxing', test: /node_modules[\\/]@zxing[\\/]/ },
          ],
        },
      },
    },
  },
});
