import { fileURLToPath } from 'url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The reference portal: Preact and TypeScript, built to portal/dist and served by Strapi at /portal
 * (src/middlewares/portal.ts). No inline script or style in the output: the page runs under a CSP without
 * 'unsafe-inline'.
 */
export default defineConfig({
  root: here,
  base: '/portal/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': process.env.PORTAL_API_URL ?? 'http://localhost:1337' } },
});
