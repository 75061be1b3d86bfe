// The header's status of the Optimizer in use: a dot whose colour follows the state and words that
// say it too (online with its round trip, offline, checking), and what kind of Optimizer it is — a
// production one is marked as such, the training sandbox as training.
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import type { ActiveConnection } from './useActiveConnection';
import './connection.css';

const NAME_MARK = '\u0001';

export function ConnectionLine({ connection }: { connection: ActiveConnection }): React.JSX.Element {
  const { t } = useTranslation();
  const { profile, state } = connection;
  if (!profile)
    return (
      <p className="status-line">
        <span>{t('connection.none')}</span>
      </p>
    );
  const training = profile.id === TRAINING_PROFILE_ID;
  const name = training ? t('connection.trainingName') : profile.name;
  const kind = training ? 'training' : profile.env;
  // The sentence is worded with a mark where the name goes, so the name alone can be cut short
  // ("…") when a language's words leave the header too little room; the state is never cut.
  const words =
    state === 'online'
      ? t('connection.chipOnline', { name: NAME_MARK, ms: connection.roundTripMs ?? '?' })
      : state === 'offline'
        ? t('connection.chipOffline', { name: NAME_MARK })
        : t('link.checking', { name: NAME_MARK });
  const [before = '', ...rest] = words.split(NAME_MARK);
  return (
    <p className="status-line" aria-live="polite">
      <span className={`link-kind link-kind-${kind}`} title={t('link.kindLabel')}>
        {t(`link.kind.${kind}`)}
      </span>{' '}
      <span className={`link link-${state}`} data-state={state}>
        <span className="link-dot" aria-hidden="true" />
        <span className="link-words">
          {before}
          <span className="link-name" title={name}>
            {name}
          </span>
          <span className="link-state">{rest.join(name)}</span>
        </span>
      </span>
    </p>
  );
}
