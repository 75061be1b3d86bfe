// Builds the renderer into dist/renderer. No inline scripts or styles, so the strict CSP of the
// app:// protocol and of the browser host holds.
import { defineConfig } from 'vite';
import { bundledLicences } from '../build/bundled-licences.mjs';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  plugins: [bundledLicences()],
  build: {
    outDir: new URL('../dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    // A data: URL for small assets would need img-src data:, which the CSP allows; scripts never.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
