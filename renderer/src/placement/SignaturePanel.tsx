// A draft's signature: which template it wears, where each document's stamp will go (page,
// rectangle, and whether it follows the page rule, an anchor phrase, a fallback or a box drawn by
// hand), and the editor to place it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import type { Template } from '../../../shared/contract-appearance';
import { defaultCommunicationLanguage, isCommunicationLanguage } from '../../../shared/signer';
import { signingDate } from '../../../shared/template';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { PlacementEditor } from './PlacementEditor';
import { coversContent, StampWhere } from './StampWhere';
import { FileName, isolated } from '../components/FileName';

type Job = OperationResult<'jobs.get'>;
type Details = OperationResult<'jobs.details'>;

export function SignaturePanel(props: {
  job: Job;
  details: Details;
  otherDrafts: readonly string[];
  onChanged: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job, details } = props;
  const [templates, setTemplates] = useState<Template[]>([]);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);

  useEffect(() => {
    void bridge.call('templates.list', {}).then((r) => r.ok && setTemplates(r.value.templates));
  }, []);

  const template =
    templates.find((tp) => tp.id === details.templateId) ?? templates.find((tp) => tp.isDefault) ?? null;
  const signer = details.signer;
  const values = {
    signer: [signer.given_name, signer.surname_1, signer.surname_2].filter(Boolean).join(' '),
    id: signer.serial_number ?? '',
    date: signingDate(new Date()),
  };
  // The stamp is worded in the signer's communication language, as the desk will send it.
  const chosen = signer.communication_language;
  const language = isCommunicationLanguage(chosen)
    ? chosen
    : defaultCommunicationLanguage(signer.id_document_country);

  const apply = async (args: { templateId?: string | null; placement?: null }): Promise<void> => {
    setError(null);
    const r = await bridge.call('appearance.apply', { jobIds: [job.id], ...args });
    if (!r.ok) return setError(r.error);
    props.onChanged();
  };

  /** Covering stamps go to their free spot: one document's, or every one of this job and the selection. */
  const moveToFreeSpace = async (position?: number): Promise<void> => {
    setError(null);
    const r = await bridge.call('appearance.useFreeSpace', {
      jobIds: position === undefined ? [job.id, ...props.otherDrafts] : [job.id],
      ...(position === undefined ? { skipStarted: true } : { position }),
    });
    if (!r.ok) return setError(r.error);
    const said = [t('placement.freeMoved', { moved: r.value.moved })];
    if (r.value.stillCovering > 0) said.push(t('placement.freeLeft', { count: r.value.stillCovering }));
    setMessage(said.join(' '));
    props.onChanged();
  };

  const visible = details.placement !== null || job.documents.some((d) => d.placedByHand);
  const covering = job.documents.filter((d) => coversContent(d.stamp));

  return (
    <section className="card signature-panel" aria-labelledby="signature-heading">
      <h3 id="signature-heading">{t('placement.title')}</h3>
      <label>
        {t('placement.template')}
        <select
          value={details.templateId ?? ''}
          onChange={(e) => void apply({ templateId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">
            {t('placement.defaultTemplate', { name: templates.find((tp) => tp.isDefault)?.name ?? '' })}
          </option>
          {templates.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {tp.name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{visible ? t('placement.visible') : t('placement.invisible')}</p>
      {visible && (
        <ul className="plain-list stamp-list" aria-label={t('placement.where')}>
          {job.documents.map((d) => (
            <li key={d.position}>
              <FileName name={d.filename} />: <StampWhere stamp={d.stamp} />
              {coversContent(d.stamp) && d.stamp?.free && (
                <>
                  {' '}
                  <button
                    type="button"
                    aria-label={t('placement.findFreeFor', { name: isolated(d.filename) })}
                    onClick={() => void moveToFreeSpace(d.position)}
                  >
                    {t('placement.findFree')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={() => setEditing(true)}>
          {visible ? t('placement.change') : t('placement.place')}
        </button>
        {covering.length > 0 && (
          <button type="button" onClick={() => void moveToFreeSpace()}>
            {t('placement.findFreeAll')}
          </button>
        )}
        {details.placement !== null && (
          <button type="button" onClick={() => void apply({ placement: null })}>
            {t('placement.makeInvisible')}
          </button>
        )}
      </div>
      {message && <p role="status">{message}</p>}
      <ErrorNotice error={error} />
      {editing && (
        <PlacementEditor
          job={job}
          placement={details.placement}
          design={template}
          values={values}
          language={language}
          otherDrafts={props.otherDrafts}
          onClose={(done) => {
            setEditing(false);
            if (done) {
              setMessage(done);
              props.onChanged();
            }
          }}
        />
      )}
    </section>
  );
}
