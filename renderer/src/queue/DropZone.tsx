// Where documents join the queue: dropped files and folders, or "Add documents" (the native dialog
// in the desktop app, a file input in the browser). Each file is checked on arrival; the refused
// ones are listed inline with why, and the good ones become one draft (or one per file).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { bridge, pathForFile } from '../bridge';
import { pickedFromDrop, pickedFromFiles, type Picked } from '../files';
import { FileName } from '../components/FileName';
import { errorText } from '../components/Notice';

interface Rejected {
  name: string;
  message: string;
}

export function DropZone(props: {
  /** `count` drafts were made; `openId` is the one to open when the RAO added a single job. */
  onAdded: (openId: string | null, count: number) => void;
  onError: (error: BridgeError) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [rejected, setRejected] = useState<Rejected[]>([]);
  const [adding, setAdding] = useState(false);
  const [perFile, setPerFile] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const addPicked = async (picked: Picked[]): Promise<void> => {
    const refused: Rejected[] = picked
      .filter((p) => p.path === null)
      .map((p) => ({ name: p.name, message: p.problem ? errorText(t, p.problem) : t('queue.couldNotRead') }));
    const paths = picked.flatMap((p) => (p.path ? [p.path] : []));
    if (paths.length === 0) return setRejected(refused);
    const inspected = await bridge.call('documents.inspect', { paths });
    if (!inspected.ok) return props.onError(inspected.error);
    const good: string[] = [];
    for (const file of inspected.value.files) {
      if (file.ok) good.push(file.path);
      else
        refused.push({
          name: file.path.split(/[\\/]/).pop() ?? file.path,
          message: t(`queue.reason.${file.reason}`, { defaultValue: file.message }),
        });
    }
    setRejected(refused);
    const groups = perFile ? good.map((p) => [p]) : good.length > 0 ? [good] : [];
    let lastId: string | null = null;
    for (const group of groups) {
      const draft = await bridge.call('jobs.draft', { paths: group });
      if (!draft.ok) return props.onError(draft.error);
      lastId = draft.value.id;
    }
    props.onAdded(groups.length === 1 ? lastId : null, groups.length);
  };

  const run = async (work: () => Promise<void>): Promise<void> => {
    setAdding(true);
    try {
      await work();
    } finally {
      setAdding(false);
    }
  };

  const addDocuments = (): void => {
    if (pathForFile) {
      void run(async () => {
        const picked = await bridge.call('dialogs.pickDocuments', {});
        if (!picked.ok) return props.onError(picked.error);
        if (picked.value.paths.length > 0)
          await addPicked(picked.value.paths.map((path) => ({ name: path, path })));
      });
    } else fileInput.current?.click();
  };

  return (
    <>
      <section
        aria-label={t('queue.dropHere')}
        className={`drop-zone${dragOver ? ' drag-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragOver(false);
          const data = e.dataTransfer;
          void run(async () => addPicked(await pickedFromDrop(data)));
        }}
      >
        <p className="drop-title">{t('queue.dropHere')}</p>
        <p className="muted">{t('queue.dropHint')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={addDocuments} disabled={adding}>
            {t('queue.addDocuments')}
          </button>
          <label>
            <input type="checkbox" checked={perFile} onChange={(e) => setPerFile(e.target.checked)} />{' '}
            {t('queue.onePerFile')}
          </label>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void run(async () => addPicked(await pickedFromFiles(files)));
          }}
        />
        {adding && <p role="status">{t('queue.checking')}</p>}
      </section>
      {rejected.length > 0 && (
        <div role="alert" className="notice notice-bad rejected">
          <strong>{t('queue.rejectedTitle', { count: rejected.length })}</strong>
          <ul>
            {rejected.map((r, i) => (
              <li key={`${r.name}-${i}`}>
                <FileName name={r.name} />: {r.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setRejected([])}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
