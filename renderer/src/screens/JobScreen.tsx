// One job, as far as it has come: its draft details (signer, method, ID images, documents, RAO and
// output folder), its progress while the queue works, the review and the code with the signer at
// the desk, and the results.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID, type BridgeError, type OperationResult } from '../../../shared/contract';
import { announce } from '../announce';
import { bridge, pathForFile } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { Progress, StateChip } from '../components/StateChip';
import { useBridgeEvents } from '../hooks';
import { SignaturePanel } from '../placement/SignaturePanel';
import type { Removal } from '../queue/UndoRemoval';
import { DocumentsList } from './DocumentsList';
import { documentPhase } from './document-phase';
import { JobActionBar, type RunAction } from './JobActions';
import { IdImages } from './IdImages';
import { OtpPanel } from './OtpPanel';
import { ResultsPanel } from './ResultsPanel';
import { ReviewPanel } from './ReviewPanel';
import { SignerForm } from './SignerForm';
import { inScreenOrder, missingField, MissingDetails, missingMessageId, missingName } from './MissingDetails';
import { FileName, isolated } from '../components/FileName';
import { jobErrorText } from '../components/job-error';

type Job = OperationResult<'jobs.get'>;
type Details = OperationResult<'jobs.details'>;
type DocProgress = Record<number, { phase: string; bytes: number; totalBytes: number }>;

const AT_DESK = new Set(['awaiting_signer', 'otp_sent', 'signing']);
const RESULTS = new Set(['saved', 'cleaning', 'done']);

export function JobScreen(props: {
  jobId: string;
  training: boolean;
  checked: ReadonlySet<string>;
  onClose: () => void;
  /** Opens another job in the pane (the draft a copy made). */
  onOpen: (jobId: string) => void;
  onRemoved: (removal: Removal) => void;
  /** The Optimizer that does not answer now, as the header shows it. */
  offlineProfileId?: string | null;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [job, setJob] = useState<Job | null>(null);
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [docProgress, setDocProgress] = useState<DocProgress>({});
  const [consented, setConsented] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  // Bumped by a Start refused for missing details: the focus goes to the first of them.
  const [focusMissing, setFocusMissing] = useState(0);
  const pane = useRef<HTMLElement>(null);
  // Edits are saved one after another, and Start waits for the last one: nothing typed is lost.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  // The method as last typed (an external value is never read back from core, so it is kept here).
  const lastAuth = useRef<Parameters<typeof bridge.call<'jobs.update'>>[1]['auth']>(undefined);

  // The job the pane shows now: a load for a job the RAO has since left must not land.
  const shown = useRef(props.jobId);
  shown.current = props.jobId;

  const load = useCallback(async () => {
    const jobId = props.jobId;
    const r = await bridge.call('jobs.get', { jobId });
    if (shown.current !== jobId) return;
    if (!r.ok) return setError(r.error);
    setJob(r.value);
    if (r.value.state === 'draft') {
      const d = await bridge.call('jobs.details', { jobId });
      if (d.ok && shown.current === jobId) setDetails(d.value);
    }
  }, [props.jobId]);
  useEffect(() => {
    setJob(null);
    setDetails(null);
    setDocProgress({});
    setError(null);
    setShowProblems(false);
    void load();
  }, [load]);

  useBridgeEvents((event) => {
    if (event.type === 'job' && event.jobId === props.jobId) void load();
    if (event.type === 'document' && event.jobId === props.jobId)
      setDocProgress((p) => ({ ...p, [event.position]: event }));
  });

  useEffect(() => {
    if (focusMissing === 0 || !details || details.missing.length === 0) return;
    const [first] = inScreenOrder(pane.current, details.missing);
    if (!first) return;
    missingField(pane.current, first)?.focus();
    announce(t('guide.announce.missing', { count: details.missing.length, field: missingName(t, first) }));
    // Only once per refused Start, not again as the RAO fixes the details.
    setFocusMissing(0);
  }, [focusMissing, details, t]);

  if (!job)
    return <aside className="job-pane">{error ? <ErrorNotice error={error} /> : t('common.loading')}</aside>;

  const act = async (action: RunAction): Promise<void> => {
    await saving.current;
    const r = await bridge.call(action, { jobIds: [job.id] });
    // Missing details are named below, each at its field, in the RAO's language.
    const missing = !r.ok && action === 'jobs.start' && r.error.code === 'validation' && r.error.fields;
    setError(r.ok || missing ? null : r.error);
    if (!r.ok && action === 'jobs.start') setShowProblems(true);
    await load();
    if (missing) setFocusMissing((n) => n + 1);
  };
  const update = async (
    changes: Omit<Parameters<typeof bridge.call<'jobs.update'>>[1], 'jobId'>,
  ): Promise<void> => {
    const next = saving.current.then(() => bridge.call('jobs.update', { jobId: job.id, ...changes }));
    saving.current = next;
    const r = await next;
    setError(r.ok ? null : r.error);
    await load();
  };
  /** Takes out a refused document, then lets the job go on from where it stopped. */
  const dropAndContinue = async (position: number): Promise<void> => {
    const dropped = await bridge.call('jobs.dropDocument', { jobId: job.id, position });
    if (!dropped.ok) return setError(dropped.error);
    const stillRefused = dropped.value.documents.some((d) => d.refusal !== null);
    if (dropped.value.state === 'failed' && !stillRefused) await act('jobs.retry');
    else await load();
  };
  const otherDrafts = [...props.checked].filter((id) => id !== job.id);
  // The same callbacks for every place the pane shows some of the job's actions.
  const bar = {
    job,
    run: act,
    onError: setError,
    onCopied: props.onOpen,
    onRemoved: (removal: Removal) => {
      props.onRemoved(removal);
      props.onClose();
    },
  };
  const applyToSelected = async (): Promise<void> => {
    await saving.current;
    // What was saved last, not what this render saw: the last edit may have landed just now.
    const fresh = await bridge.call('jobs.details', { jobId: job.id });
    if (!fresh.ok) return setError(fresh.error);
    const details = fresh.value;
    let done = 0;
    for (const id of otherDrafts) {
      const r = await bridge.call('jobs.update', {
        jobId: id,
        signer: details.signer,
        auth: lastAuth.current,
        raoUsername: details.raoUsername,
        outputDir: details.outputDir,
      });
      if (r.ok) done++;
    }
    setApplied(t('job.applied', { count: done }));
  };

  return (
    <aside className="job-pane" aria-labelledby="job-heading" ref={pane}>
      <header className="job-head">
        <h2 id="job-heading">
          <FileName name={job.label} className="job-title" />
        </h2>
        <StateChip state={job.state} paused={job.paused} />
        <button type="button" onClick={props.onClose} aria-label={t('job.close')}>
          ✕
        </button>
      </header>
      <ErrorNotice error={error} />
      {job.state === 'failed' && job.error && (
        <div role="alert" className="notice notice-bad">
          <strong>{t('job.failedAt', { step: t(`state.${job.failedStep ?? 'failed'}`) })}</strong>{' '}
          {jobErrorText(t, i18n, job.error)}
          <JobActionBar {...bar} only={['retry', 'copyAsDraft', 'cancel']} />
        </div>
      )}
      {job.state === 'cancelled' && <CancelledCard job={job} bar={bar} />}

      {job.state === 'draft' && details && (
        <>
          {/* At the top, where the RAO looks after Start; each name leads to its field. */}
          {showProblems && (
            <MissingDetails
              keys={inScreenOrder(pane.current, details.missing)}
              signer={details.signer}
              onGo={(key) => missingField(pane.current, key)?.focus()}
            />
          )}
          <SignerForm
            key={job.id}
            signer={details.signer}
            auth={details.auth}
            methods={details.externalMethods}
            officeLanguage={details.officeLanguage ?? undefined}
            showAllProblems={showProblems}
            missing={details.missing}
            onChange={(signer, auth) => {
              if (auth) lastAuth.current = auth;
              void update(auth ? { signer, auth } : { signer });
            }}
          />
          <IdImages jobId={job.id} held={details.idImages} onChanged={() => void load()} />
          <DocumentsList
            jobId={job.id}
            documents={job.documents}
            editable
            onReorder={(order) => void update({ order })}
          />
          <SignaturePanel
            job={job}
            details={details}
            otherDrafts={otherDrafts}
            onChanged={() => void load()}
          />
          <DraftSettings
            job={job}
            details={details}
            showProblems={showProblems}
            onChange={(changes) => void update(changes)}
          />
          <JobActionBar {...bar} only={['start', 'remove']}>
            {otherDrafts.length > 0 && (
              <button type="button" onClick={() => void applyToSelected()}>
                {t('job.applyToSelected', { count: otherDrafts.length })}
              </button>
            )}
            {applied && <span role="status">{applied}</span>}
          </JobActionBar>
        </>
      )}

      {job.state !== 'draft' && job.state !== 'done' && job.state !== 'cancelled' && (
        <section className="card" aria-label={t('job.progress')}>
          <Progress value={job.progress} label={t('queue.jobProgress', { label: job.label })} />
          <ul className="plain-list">
            {job.documents.map((d) => {
              const p = docProgress[d.position];
              const share = d.uploaded ? 1 : p && p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
              const phase = documentPhase(d, p);
              return (
                <li key={d.position} className="doc-progress">
                  <FileName name={d.filename} />
                  <Progress value={share} label={t('job.documentProgress', { name: d.filename })} />
                  <span className="muted">{phase && d.refusal === null ? t(`job.phase.${phase}`) : ''}</span>
                  {d.refusal !== null && (
                    <span className="doc-refusal">
                      <span role="note">{t('job.refused', { words: d.refusal })}</span>
                      {job.documents.length > 1 && (
                        <button type="button" onClick={() => void dropAndContinue(d.position)}>
                          {t('job.dropAndContinue', { name: isolated(d.filename) })}
                        </button>
                      )}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {/* A failed job's ways on are in its alert above; Pause has no meaning for it. */}
          {job.state !== 'failed' && <JobActionBar {...bar} only={['pause', 'resume', 'cancel']} />}
        </section>
      )}

      {job.auth.method === 'otp' && AT_DESK.has(job.state) && (
        <>
          <ReviewPanel job={job} onConsented={(s) => setConsented(s.consented)} />
          <OtpPanel
            job={job}
            consented={consented}
            training={props.training && job.profileId === TRAINING_PROFILE_ID}
            offline={props.offlineProfileId === job.profileId}
          />
        </>
      )}
      {(RESULTS.has(job.state) || job.documents.some((d) => d.outputPath)) && <ResultsPanel job={job} />}
      {job.state === 'done' && <JobActionBar {...bar} only={['remove']} />}
    </aside>
  );
}

/** A cancelled job says so, and what happened on the Optimizer, with its ways on. */
function CancelledCard(props: {
  job: Job;
  bar: Omit<Parameters<typeof JobActionBar>[0], 'only'>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  return (
    <section className="card cancelled" aria-labelledby="cancelled-heading">
      <h3 id="cancelled-heading">{t('jobActions.cancelled.title')}</h3>
      <p>{t(job.requestPk ? 'jobActions.cancelled.remote' : 'jobActions.cancelled.local')}</p>
      <p className="muted">{t('jobActions.cancelled.again')}</p>
      <DocumentsList jobId={job.id} documents={job.documents} editable={false} />
      <JobActionBar {...props.bar} only={['copyAsDraft', 'remove']} />
    </section>
  );
}

function DraftSettings(props: {
  job: Job;
  details: Details;
  /** Start was refused: the details it named are marked. */
  showProblems: boolean;
  onChange: (changes: { raoUsername?: string; outputDir?: string; asyncMode?: boolean }) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [tokens, setTokens] = useState<string[]>([]);
  const [outputDir, setOutputDir] = useState(props.details.outputDir);
  const { raoUsername } = props.details;
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => {
    void bridge.call('tokens.list', { profileId: props.job.profileId }).then((r) => {
      if (!r.ok) return;
      const names = r.value.tokens.map((tk) => tk.username);
      setTokens(names);
      // A draft made before any token was kept signs with the one the RAO has since created and
      // chosen: shown in the list at once, and selected.
      const chosen = r.value.activeUsername;
      if (chosen && names.includes(chosen) && raoUsername === '') onChange.current({ raoUsername: chosen });
    });
  }, [props.job.profileId, raoUsername]);
  const marks = (key: 'raoUsername' | 'outputDir') => {
    const missing = props.showProblems && props.details.missing.includes(key);
    return {
      'data-field': key,
      'aria-invalid': missing ? true : undefined,
      'aria-describedby': missing ? missingMessageId(key) : undefined,
    };
  };
  const choose = async (): Promise<void> => {
    const r = await bridge.call('dialogs.pickFolder', {});
    if (r.ok && r.value.path) {
      setOutputDir(r.value.path);
      props.onChange({ outputDir: r.value.path });
    }
  };
  return (
    <fieldset className="form-grid">
      <legend>{t('job.settings')}</legend>
      <label>
        {t('fields.raoUsername')}
        <select
          {...marks('raoUsername')}
          value={props.details.raoUsername}
          onChange={(e) => props.onChange({ raoUsername: e.target.value })}
        >
          <option value="">{t('signer.choose')}</option>
          {tokens.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('fields.outputDir')}
        <input
          {...marks('outputDir')}
          value={outputDir}
          onChange={(e) => setOutputDir(e.target.value)}
          onBlur={() => outputDir !== props.details.outputDir && props.onChange({ outputDir })}
        />
      </label>
      {pathForFile && (
        <button type="button" onClick={() => void choose()}>
          {t('job.chooseFolder')}
        </button>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={props.details.asyncMode}
          aria-describedby="async-hint"
          onChange={(e) => props.onChange({ asyncMode: e.target.checked })}
        />
        {t('job.asyncMode')}
      </label>
      <p id="async-hint" className="muted">
        {t('job.asyncHint')}
      </p>
    </fieldset>
  );
}
