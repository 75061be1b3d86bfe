// Files coming in and going out: dropped paths checked (folders searched for PDFs), bytes staged
// when the page cannot name a local file, and what only the desktop shell can do — native
// dialogs, opening a signed file or showing it in its folder, the camera.
import { join } from 'node:path';
import type { Desk } from '../desk';
import { inspectLocalPdf } from '../pdf/index';
import type { DesktopPort } from './desktop';
import { refusal } from './errors';
import { DONE, requireJob, signedDocument, type AppIdentity, type Room } from './guards';
import { expandFolders, StagingArea } from './staging';

type FileOperations = Room<
  | 'documents.stage'
  | 'documents.inspect'
  | 'files.open'
  | 'files.reveal'
  | 'dialogs.pickDocuments'
  | 'dialogs.pickFolder'
  | 'camera.allow'
>;

export function fileOperations(desk: Pick<Desk, 'store'>, app: AppIdentity): FileOperations {
  const { store } = desk;
  const staging = new StagingArea(join(app.dataDir, 'incoming'));
  const desktop = <K extends keyof DesktopPort>(name: K): DesktopPort[K] => {
    const fn = app.desktop?.[name];
    if (!fn)
      throw refusal(
        'unsupported',
        'This needs the desktop app; in browser mode use the file chooser or the path shown.',
        'desktopOnly',
      );
    return fn;
  };
  const savedAt = (jobId: string, position: number): string =>
    signedDocument(requireJob(store, jobId), position).outputPath;
  return {
    'documents.stage': (chunk) => staging.append(chunk),
    'documents.inspect': async ({ paths }) => ({
      files: await Promise.all(
        (await expandFolders(paths)).map(async ({ path, unreadable }) => {
          if (unreadable !== undefined)
            return {
              path,
              ok: false as const,
              reason: 'folder_unreadable',
              message: `The folder “${path}” can't be read (${unreadable}); the PDFs in it were left out.`,
            };
          const check = await inspectLocalPdf(path);
          return check.ok
            ? {
                path,
                ok: true as const,
                pages: check.pages,
                size: check.size,
                hasSignatures: check.hasSignatures,
              }
            : { path, ok: false as const, reason: check.reason, message: check.message };
        }),
      ),
    }),
    'files.open': async ({ jobId, position }) => {
      await desktop('openPath')(savedAt(jobId, position));
      return DONE;
    },
    'files.reveal': async ({ jobId, position }) => {
      await desktop('showInFolder')(savedAt(jobId, position));
      return DONE;
    },
    'dialogs.pickDocuments': async () => ({ paths: await desktop('pickDocuments')() }),
    'dialogs.pickFolder': async () => ({ path: await desktop('pickFolder')() }),
    'camera.allow': () => {
      app.desktop?.allowCamera?.();
      return Promise.resolve(DONE);
    },
  };
}
