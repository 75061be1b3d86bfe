// Until the desk can sign, the queue leads: the Optimizer answers, the RAO's token is in the
// keychain, the customer's documents are in the queue. Each step is ticked from real state (a
// status check that went through, a token the keychain lists, jobs in the queue) and has a button
// that takes the RAO to where it is done.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import { bridge } from '../bridge';
import type { ActiveConnection } from '../connection/useActiveConnection';
import './first-run.css';

export type ChecklistPlace = 'connection' | 'token';

export function FirstRunChecklist(props: {
  connection: ActiveConnection;
  hasJobs: boolean;
  /** Opens the Connection screen, at its token form for 'token'. */
  onGo: (place: ChecklistPlace) => void;
  onAddDocuments: () => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const { connection } = props;
  const profile = connection.profile;
  const token = useActiveToken(profile?.id ?? null);

  const reachable = connection.state === 'online';
  const hasToken = token !== null && token !== '';
  // Jobs queued and a token kept: the desk can sign (a lost connection is the offline banner's).
  if (props.hasJobs && hasToken) return null;

  const name = profile
    ? profile.id === TRAINING_PROFILE_ID
      ? t('connection.trainingName')
      : profile.name
    : '';
  const reachableText = !profile
    ? t('guide.checklist.reachableNone')
    : reachable
      ? t('guide.checklist.reachableDone', { name, version: connection.version ?? '?' })
      : connection.state === 'checking'
        ? t('guide.checklist.reachableChecking', { name })
        : t('guide.checklist.reachableTodo');

  return (
    <section className="first-run card" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">{t('guide.checklist.title')}</h2>
      <p className="muted">{t('guide.checklist.intro')}</p>
      <ol className="first-run-steps">
        <Step
          done={reachable}
          title={t('guide.checklist.reachable')}
          text={reachableText}
          action={t('guide.checklist.openConnection')}
          onAction={() => props.onGo('connection')}
        />
        <Step
          done={hasToken}
          title={t('guide.checklist.token')}
          text={
            hasToken ? t('guide.checklist.tokenDone', { username: token }) : t('guide.checklist.tokenTodo')
          }
          action={t('guide.checklist.createToken')}
          onAction={() => props.onGo('token')}
        />
        <Step
          done={props.hasJobs}
          title={t('guide.checklist.documents')}
          text={props.hasJobs ? t('guide.checklist.documentsDone') : t('guide.checklist.documentsTodo')}
          action={t('guide.checklist.addDocuments')}
          onAction={props.onAddDocuments}
        />
      </ol>
    </section>
  );
}

function Step(props: {
  done: boolean;
  title: string;
  text: string;
  action: string;
  onAction: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <li className={`first-run-step${props.done ? ' done' : ''}`}>
      <span className="first-run-tick" aria-hidden="true">
        {props.done ? '✓' : '○'}
      </span>
      <div>
        <strong>{props.title}</strong>{' '}
        <span className="visually-hidden">
          ({props.done ? t('guide.checklist.done') : t('guide.checklist.todo')})
        </span>
        <p className="muted">{props.text}</p>
      </div>
      {!props.done && (
        <button type="button" className="primary" onClick={props.onAction}>
          {props.action}
        </button>
      )}
    </li>
  );
}

/** The active token of the profile as the keychain lists it: null while asking, '' for none. */
function useActiveToken(profileId: string | null): string | null {
  const [username, setUsername] = useState<string | null>(null);
  useEffect(() => {
    if (!profileId) return setUsername('');
    let live = true;
    void bridge.call('tokens.list', { profileId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setUsername('');
      const active = r.value.tokens.find((tk) => tk.username === r.value.activeUsername) ?? r.value.tokens[0];
      setUsername(active?.username ?? '');
    });
    return () => {
      live = false;
    };
  }, [profileId]);
  return username;
}
