// The RAO's desk: a top bar (training label, the active Optimizer's status, language), the queue
// with the selected job beside it, and the connection screen.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID, type OperationResult } from '../../shared/contract';
import { bridge } from './bridge';
import { useBridgeEvents } from './hooks';
import { AuditScreen } from './audit/AuditScreen';
import { LanguageSelect } from './components/LanguageSelect';
import { ConnectionScreen } from './screens/ConnectionScreen';
import { JobScreen } from './screens/JobScreen';
import { QueueScreen } from './screens/QueueScreen';
import { UndoRemoval, type Removal } from './queue/UndoRemoval';
import { SettingsScreen } from './settings/SettingsScreen';
import { useTheme } from './settings/theme';
import { TemplatesScreen } from './templates/TemplatesScreen';

type Info = OperationResult<'app.info'>;
type Status = OperationResult<'profiles.status'> & { profileName: string; profileId: string };

const VIEWS = ['queue', 'connection', 'templates', 'audit', 'settings'] as const;
type View = (typeof VIEWS)[number];

export function App(): React.JSX.Element {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Info | null>(null);
  const [view, setView] = useState<View>('queue');
  useTheme();
  const [jobId, setJobId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status | null>(null);
  const [offline, setOffline] = useState<string | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const endRemoval = useCallback(() => setRemoval(null), []);

  const checkStatus = useCallback(async () => {
    const profiles = await bridge.call('profiles.list', {});
    if (!profiles.ok) return;
    const active =
      profiles.value.profiles.find((p) => p.id === profiles.value.activeId) ?? profiles.value.profiles[0];
    if (!active) return setStatus(null);
    const s = await bridge.call('profiles.status', { profileId: active.id });
    if (s.ok) setStatus({ ...s.value, profileName: active.name, profileId: active.id });
  }, []);

  useEffect(() => {
    void bridge.call('app.info', {}).then((r) => r.ok && setInfo(r.value));
    void checkStatus();
    const timer = window.setInterval(() => void checkStatus(), 15_000);
    return () => window.clearInterval(timer);
  }, [checkStatus]);

  useBridgeEvents((event) => {
    if (event.type !== 'connectivity') return;
    setOffline(event.online ? null : (event.message ?? t('queue.unreachable')));
    void checkStatus();
  });

  // The built-in training profile is named in the interface's language, not by its stored name.
  const profileLabel = (s: Status): string =>
    s.profileId === TRAINING_PROFILE_ID ? t('connection.trainingName') : s.profileName;

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
        <p className="status-line" aria-live="polite">
          {status ? (
            <span className={status.reachable ? 'online' : 'offline'}>
              {status.reachable
                ? t('connection.chipOnline', { name: profileLabel(status), ms: status.roundTripMs ?? '?' })
                : t('connection.chipOffline', { name: profileLabel(status) })}
            </span>
          ) : (
            <span>{t('connection.none')}</span>
          )}
        </p>
        <label className="language">
          {t('nav.language')} <LanguageSelect />
        </label>
      </header>
      <main>
        {info?.training && (
          <p role="note" className="training">
            {t('app.training')}
          </p>
        )}
        {view === 'connection' ? (
          <ConnectionScreen onChanged={() => void checkStatus()} />
        ) : view === 'templates' ? (
          <TemplatesScreen />
        ) : view === 'audit' ? (
          <AuditScreen />
        ) : view === 'settings' ? (
          <SettingsScreen />
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
              />
              {jobId && (
                <JobScreen
                  jobId={jobId}
                  training={info?.training ?? false}
                  checked={checked}
                  onClose={() => setJobId(null)}
                  onOpen={setJobId}
                  onRemoved={setRemoval}
                />
              )}
            </div>
          </>
        )}
      </main>
      <footer className="footer muted">{info ? t('app.version', { version: info.version }) : ''}</footer>
    </div>
  );
}
