// Office-wide deployment: a machine-wide JSON file written by IT pre-sets Optimizer profiles, their
// CA certificates and defaults. A bad file never stops the app: it answers why, and the app starts
// without it.
import { externalMethodsKey } from '../../shared/external-methods';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { placementSchema } from '../../shared/contract-appearance';
import type { Desk } from './desk';

export function machineConfigPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'OneShotDesk', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/OneShotDesk/config.json';
  return '/etc/oneshot-desk/config.json';
}

const profile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens'),
  name: z.string().min(1).max(200),
  baseUrl: z.url({ protocol: /^https?$/ }),
  env: z.enum(['sandbox', 'prod']),
  caPem: z.string().includes('-----BEGIN CERTIFICATE-----').optional(),
  pinSha256: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:?){32}$|^[A-Za-z0-9+/]{43}=$/, 'a SHA-256 in hex or base64')
    .optional(),
  defaultRegistrationAuthority: z.string().max(100).optional(),
  defaultProfile: z.string().max(200).optional(),
  /** The external authentication methods this Optimizer accepts (default: biometric). */
  externalMethods: z
    .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . and -'))
    .min(1)
    .max(20)
    .optional(),
});

export const machineConfigSchema = z
  .object({
    profiles: z.array(profile).max(50).default([]),
    activeProfile: z.string().optional(),
    defaults: z
      .object({
        outputDir: z.string().min(1).optional(),
        nameTemplate: z.string().min(1).max(200).optional(),
        language: z.enum(['en', 'es', 'pl']).optional(),
        /** The signer's communication language where the signer's country does not settle it. */
        signerLanguage: z.enum(['ES', 'PL', 'EN']).optional(),
        concurrency: z.number().int().min(1).max(16).optional(),
        /** Where every new job's stamp goes until the RAO places it otherwise. */
        defaultPlacement: placementSchema.optional(),
      })
      .strict()
      .default({}),
    /** Where installed copies look for updates; IT may point it at its own mirror or turn it off. */
    updates: z
      .object({
        enabled: z.boolean().default(true),
        url: z.url({ protocol: /^https$/ }).optional(),
        channel: z.enum(['latest', 'beta']).default('latest'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type MachineConfig = z.output<typeof machineConfigSchema>;

export type MachineConfigResult =
  | { ok: true; path: string; config: MachineConfig | null }
  | { ok: false; path: string; message: string };

export function readMachineConfig(path = machineConfigPath()): MachineConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, path, config: null };
    return {
      ok: false,
      path,
      message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); starting without it.`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      path,
      message: `${path} is not valid JSON (${(error as Error).message}); starting without it.`,
    };
  }
  const parsed = machineConfigSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    return {
      ok: false,
      path,
      message: `${path} has ${problems.length} problem(s): ${problems.join('; ')}. Starting without it.`,
    };
  }
  const ids = new Set<string>();
  for (const p of parsed.data.profiles) {
    if (ids.has(p.id))
      return {
        ok: false,
        path,
        message: `${path}: the profile id "${p.id}" is used twice. Starting without it.`,
      };
    ids.add(p.id);
  }
  return { ok: true, path, config: parsed.data };
}

/** The file's profiles are (re)written at every start; defaults fill only settings nobody set. */
export function applyMachineConfig(desk: Desk, config: MachineConfig): void {
  for (const p of config.profiles) {
    desk.store.profiles.save({
      id: p.id,
      name: p.name,
      baseUrl: p.baseUrl,
      env: p.env,
      caPem: p.caPem ?? null,
      pinSha256: p.pinSha256 ?? null,
      defaultRegistrationAuthority: p.defaultRegistrationAuthority ?? null,
      defaultProfile: p.defaultProfile ?? null,
    });
    // Rewritten like the profile itself; a list taken out of the file falls back to the default.
    desk.store.settings.set(externalMethodsKey(p.id), p.externalMethods ?? null);
  }
  const settings = desk.store.settings;
  for (const [key, value] of Object.entries(config.defaults)) {
    if (value !== undefined && settings.get(key) === undefined) settings.set(key, value);
  }
  if (config.activeProfile && settings.get('activeProfileId') === undefined)
    settings.set('activeProfileId', config.activeProfile);
}

export interface UpdateFeed {
  /** A generic electron-updater feed; undefined means the one written into the installer at build time. */
  url: string | undefined;
  channel: 'latest' | 'beta';
}

/**
 * Whether and where to look for updates. Only an installed (packaged) app updates itself; an office
 * that manages software centrally turns it off in the machine-wide file.
 */
export function chooseUpdateFeed(config: MachineConfig | null, isPackaged: boolean): UpdateFeed | null {
  if (!isPackaged) return null;
  const updates = config?.updates;
  if (updates && !updates.enabled) return null;
  return { url: updates?.url, channel: updates?.channel ?? 'latest' };
}
