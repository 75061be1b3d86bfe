// The note after jobs are removed, with Undo: core keeps the removed jobs for a while (a little
// longer than this note stays), so an accidental removal of a filled draft costs nothing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';

export interface Removal {
  undoToken: string;
  count: number;
  /** The job's label when one job was removed. */
  label: string | null;
}

/** How long Undo is offered (core keeps the jobs for two minutes). */
const OFFERED_MS = 30_000;

export function UndoRemoval(props: {
  removal: Removal;
  onDone: (restored: boolean) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [error, setError] = useState<BridgeError | null>(null);
  const { removal, onDone } = props;
  useEffect(() => {
    const timer = window.setTimeout(() => onDone(false), OFFERED_MS);
    return () => window.clearTimeout(timer);
  }, [removal, onDone]);
  const undo = async (): Promise<void> => {
    const r = await bridge.call('jobs.undoRemove', { undoToken: removal.undoToken });
    if (r.ok) onDone(true);
    else setError(r.error);
  };
  return (
    <div role="status" className="notice notice-neutral undo-removal">
      {removal.label !== null && removal.count === 1
        ? t('jobActions.removedOne', { label: removal.label })
        : t('jobActions.removed', { count: removal.count })}{' '}
      <button type="button" onClick={() => void undo()}>
        {t('jobActions.undo')}
      </button>
      <button type="button" aria-label={t('common.dismiss')} onClick={() => onDone(false)}>
        ✕
      </button>
      <ErrorNotice error={error} />
    </div>
  );
}
