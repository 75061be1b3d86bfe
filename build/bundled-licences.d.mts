// Types for the renderer's Vite config, which is type-checked with the renderer.
import type { Plugin } from 'vite';

export function bundledLicences(): Plugin;
