// A Vite plugin for the renderer build: the viewer bundles pdf.js and its standard fonts (Foxit,
// Liberation), so their licences ship with the app under dist/renderer/licenses/ (kept beside the
// code, never served to the page).
import { readFileSync } from 'node:fs';

const pdfjs = new URL('../node_modules/pdfjs-dist/', import.meta.url);
const FILES = {
  'licenses/pdfjs-dist-LICENSE.txt': new URL('LICENSE', pdfjs),
  'licenses/pdfjs-standard-fonts-LICENSE_FOXIT.txt': new URL('standard_fonts/LICENSE_FOXIT', pdfjs),
  'licenses/pdfjs-standard-fonts-LICENSE_LIBERATION.txt': new URL('standard_fonts/LICENSE_LIBERATION', pdfjs),
};

/** @returns {import('vite').Plugin} */
export function bundledLicences() {
  return {
    name: 'bundled-licences',
    generateBundle() {
      for (const [fileName, source] of Object.entries(FILES))
        this.emitFile({ type: 'asset', fileName, source: readFileSync(source) });
    },
  };
}
