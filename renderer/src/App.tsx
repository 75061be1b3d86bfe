// The RAO's desk: a top bar (training label, the active Optimizer's status, language), the queue
// with the selected job beside it, and the connection screen.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID, type OperationResult } from '../../shared/contract';
import { Announcer, focusWhenShown } from './announce';
import { bridge } from './bridge';
import { ConnectionLine } from './connection/ConnectionLine';
import { useActiveConnection } from './connection/useActiveConnection';
import { LanguageSelect } from './components/LanguageSelect';
import { problemText } from './components/problem-text';
import { QueueScreen } from './screens/QueueScreen';
import { UndoRemoval, type Removal } from './queue/UndoRemoval';
import { useTheme } from './settings/theme';

// Only the queue is on the first screen. The job view (the review with pdf.js, the placement
// editor, the code panel) and the other tabs are chunks of their own, loaded when first shown; the
// job view's is fetched as soon as the queue has painted, so opening a job does not wait for it.
const loadJobScreen = () => import('./screens/JobScreen');
const JobScreen = lazy(() => loadJobScreen().then((m) => ({ default: m.JobScreen })));
const ConnectionScreen = lazy(() =>
  import('./screens/ConnectionScreen').then((m) => ({ default: m.ConnectionScreen })),
);
const TemplatesScreen = lazy(() =>
  import('./templates/TemplatesScreen').then((m) => ({ default: m.TemplatesScreen })),
);
const AuditScreen = lazy(() => import('./audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const SettingsScreen = lazy(() =>
  import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);

type Info = OperationResult<'app.info'>;

const VIEWS = ['queue', 'connection', 'templates', 'audit', 'settings'] as const;
type View = (typeof VIEWS)[number];

export function App(): React.JSX.Element {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Info | null>(null);
  const [view, setView] = useState<View>('queue');
  useTheme();
  const [jobId, setJobId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const { connection, refresh: checkStatus } = useActiveConnection();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const endRemoval = useCallback(() => setRemoval(null), []);

  useEffect(() => {
    void bridge.call('app.info', {}).then((r) => r.ok && setInfo(r.value));
    // After the first paint, while the RAO reads the queue.
    const early = setTimeout(() => void loadJobScreen(), 0);
    return () => clearTimeout(early);
  }, []);
  const loading = <p className="muted">{t('common.loading')}</p>;

  // One status for every screen: the queue's banner and the code panel read what the header shows.
  // Core's English message is for the log: the screens word the problem it named.
  const offline =
    connection.state === 'offline'
      ? (problemText(t, connection.problem ?? undefined) ?? t('queue.unreachable'))
      : null;
  const offlineProfileId = connection.state === 'offline' ? (connection.profile?.id ?? null) : null;
  // The training note belongs to the training sandbox only, never to an office's own Optimizer.
  const training = connection.profile?.id === TRAINING_PROFILE_ID;

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <nav aria-label={t('nav.label')} className="tabs">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-current={view === v ? 'page' : undefined}
              onClick={() => setView(v)}
            >
              {t(`nav.${v}`)}
            </button>
          ))}
        </nav>
        <ConnectionLine connection={connection} />
        {/* The word is for screen readers: the list shows each language in its own words, and the
            room is the connection's (the header holds one line in every language). */}
        <label className="language">
          <span className="visually-hidden">{t('nav.language')}</span>
          <LanguageSelect />
        </label>
      </header>
      <main>
        {training && (
          <p role="note" className="training">
            {t('app.training')}
          </p>
        )}
        {view === 'connection' ? (
          <Suspense fallback={loading}>
            <ConnectionScreen connection={connection} onChanged={() => void checkStatus()} />
          </Suspense>
        ) : view === 'templates' ? (
          <Suspense fallback={loading}>
            <TemplatesScreen />
          </Suspense>
        ) : view === 'audit' ? (
          <Suspense fallback={loading}>
            <AuditScreen />
          </Suspense>
        ) : view === 'settings' ? (
          <Suspense fallback={loading}>
            <SettingsScreen />
          </Suspense>
        ) : (
          <>
            {removal && <UndoRemoval key={removal.undoToken} removal={removal} onDone={endRemoval} />}
            <div className={`workspace${jobId ? ' with-job' : ''}`}>
              <QueueScreen
                selectedJobId={jobId}
                onOpen={setJobId}
                checked={checked}
                onCheck={setChecked}
                offline={offline}
                onRemoved={setRemoval}
                connection={connection}
                onGo={(place) => {
                  focusWhenShown(place === 'token' ? 'tokenForm' : 'connection');
                  setView('connection');
                }}
              />
              {jobId && (
                <Suspense fallback={loading}>
                  <JobScreen
                    jobId={jobId}
                    training={(info?.training ?? false) || training}
                    offlineProfileId={offlineProfileId}
                    checked={checked}
                    onClose={() => setJobId(null)}
                    onOpen={setJobId}
                    onRemoved={setRemoval}
                  />
                </Suspense>
              )}
            </div>
          </>
        )}
      </main>
      <Announcer />
      <footer className="footer muted">{info ? t('app.version', { version: info.version }) : ''}</footer>
    </div>
  );
}
