// Connection: the office's Optimizer profiles and the RAO tokens held for the active one. A token
// is created from username, password and PIN; the three fields are emptied the moment the call
// returns, whatever it answered, so no secret lingers in the page.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_PROFILE_ID, type BridgeError, type OperationResult } from '../../../shared/contract';
import { announce, takeFocusIfAsked } from '../announce';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { problemText } from '../components/problem-text';
import { TokensAtNewAddress } from '../connection/TokensAtNewAddress';
import type { ActiveConnection } from '../connection/useActiveConnection';

type Profiles = OperationResult<'profiles.list'>;
type Profile = Profiles['profiles'][number];
type Tokens = OperationResult<'tokens.list'>;

const EMPTY_PROFILE: Profile = {
  id: '',
  name: '',
  baseUrl: '',
  env: 'prod',
  caPem: null,
  pinSha256: null,
  defaultRegistrationAuthority: null,
  defaultProfile: null,
};

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'optimizer';

export function ConnectionScreen({
  onChanged,
  connection,
}: {
  onChanged: () => void;
  /** The live status of the active profile, the one the header shows. */
  connection: ActiveConnection;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [profiles, setProfiles] = useState<Profiles | null>(null);
  const [editing, setEditing] = useState<Profile | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  /** A save core held back because the profile's tokens would go to a new address. */
  const [question, setQuestion] = useState<{ profile: Profile; count: number; baseUrl: string } | null>(null);
  /** Bumped after a save that may have forgotten tokens, so the token list reads them again. */
  const [saves, setSaves] = useState(0);
  // Opened from the first-run checklist: the screen's heading takes the focus.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => void takeFocusIfAsked('connection', heading.current), []);

  const load = useCallback(async () => {
    const result = await bridge.call('profiles.list', {});
    if (result.ok) setProfiles(result.value);
    else setError(result.error);
  }, []);
  useEffect(() => void load(), [load]);

  const activate = async (profileId: string): Promise<void> => {
    const result = await bridge.call('profiles.setActive', { profileId });
    setError(result.ok ? null : result.error);
    await load();
    onChanged();
  };
  const remove = async (profileId: string): Promise<void> => {
    const result = await bridge.call('profiles.remove', { profileId });
    setError(result.ok ? null : result.error);
    await load();
    onChanged();
  };
  const save = async (profile: Profile, tokens?: 'keep' | 'forget'): Promise<void> => {
    const result = await bridge.call('profiles.save', {
      ...profile,
      id: profile.id || slug(profile.name),
      ...(tokens ? { tokens } : {}),
    });
    setQuestion(null);
    const problem = result.ok ? undefined : result.error.problem;
    if (problem?.code === 'profileTokensAtNewAddress') {
      setError(null);
      setQuestion({
        profile,
        count: Number(problem.values.count),
        baseUrl: String(problem.values.baseUrl),
      });
      return;
    }
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setEditing(null);
      setSaves((n) => n + 1);
      if (!profiles?.activeId) await bridge.call('profiles.setActive', { profileId: result.value.id });
      await load();
      onChanged();
    }
  };

  const active = profiles?.profiles.find((p) => p.id === profiles.activeId) ?? null;
  return (
    <div className="screen connection-screen">
      <h2 ref={heading} tabIndex={-1}>
        {t('connection.title')}
      </h2>
      <ErrorNotice error={error} />
      <section aria-labelledby="profiles-heading" className="card">
        <h3 id="profiles-heading">{t('connection.profiles')}</h3>
        <ul className="plain-list">
          {profiles?.profiles.map((p) => (
            <li key={p.id} className="profile-row">
              <label>
                <input
                  type="radio"
                  name="active-profile"
                  checked={p.id === profiles.activeId}
                  onChange={() => void activate(p.id)}
                />{' '}
                <strong>{p.id === TRAINING_PROFILE_ID ? t('connection.trainingName') : p.name}</strong>{' '}
                <span className="muted">{p.baseUrl}</span>{' '}
                <span className={`chip chip-${p.env === 'prod' ? 'good' : 'attention'}`}>
                  {t(`connection.env.${p.env}`)}
                </span>
              </label>
              <span className="row-actions">
                <button type="button" onClick={() => setEditing(p)}>
                  {t('connection.edit')}
                </button>
                <button type="button" onClick={() => void remove(p.id)}>
                  {t('connection.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
        {question && (
          <TokensAtNewAddress
            count={question.count}
            baseUrl={question.baseUrl}
            onKeep={() => void save(question.profile, 'keep')}
            onForget={() => void save(question.profile, 'forget')}
            onCancel={() => setQuestion(null)}
          />
        )}
        {editing ? (
          <ProfileForm
            profile={editing}
            onSave={(p) => void save(p)}
            onCancel={() => {
              setQuestion(null);
              setEditing(null);
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing(EMPTY_PROFILE)}>
            {t('connection.addProfile')}
          </button>
        )}
      </section>
      {active && connection.profile?.id === active.id && <ActiveStatus connection={connection} />}
      {active && <TokenSection key={`${active.id}#${saves}`} profile={active} onChanged={onChanged} />}
    </div>
  );
}

function ProfileForm(props: {
  profile: Profile;
  onSave: (p: Profile) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [p, setP] = useState<Profile>(props.profile);
  const [caName, setCaName] = useState<string | null>(p.caPem ? t('connection.caLoaded') : null);
  const set = <K extends keyof Profile>(key: K, value: Profile[K]): void => setP({ ...p, [key]: value });
  return (
    <form
      className="form-grid"
      aria-label={t('connection.profileForm')}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(p);
      }}
    >
      <label>
        {t('connection.name')}
        <input required value={p.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        {t('connection.baseUrl')}
        <input
          required
          type="url"
          placeholder="https://optimizer.example/oneshot/api/v1"
          value={p.baseUrl}
          onChange={(e) => set('baseUrl', e.target.value)}
        />
      </label>
      <label>
        {t('connection.environment')}
        <select value={p.env} onChange={(e) => set('env', e.target.value === 'prod' ? 'prod' : 'sandbox')}>
          <option value="prod">{t('connection.env.prod')}</option>
          <option value="sandbox">{t('connection.env.sandbox')}</option>
        </select>
      </label>
      <label>
        {t('connection.caFile')}
        <input
          type="file"
          accept=".pem,.crt,.cer"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file.text().then((text) => {
              set('caPem', text);
              setCaName(file.name);
            });
          }}
        />
        {caName && <span className="muted">{caName}</span>}
      </label>
      <label>
        {t('connection.defaultRa')}
        <input
          value={p.defaultRegistrationAuthority ?? ''}
          onChange={(e) => set('defaultRegistrationAuthority', e.target.value || null)}
        />
      </label>
      <label>
        {t('connection.defaultCertProfile')}
        <input
          value={p.defaultProfile ?? ''}
          onChange={(e) => set('defaultProfile', e.target.value || null)}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          {t('connection.saveProfile')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ActiveStatus({ connection: status }: { connection: ActiveConnection }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="status-heading">
      <h3 id="status-heading">{t('connection.status')}</h3>
      {status.state === 'checking' ? (
        <p>{t('common.checking')}</p>
      ) : status.state === 'online' ? (
        <p className="online">
          {t('connection.reachable', {
            version: status.version ?? t('common.unknown'),
            ms: status.roundTripMs ?? '?',
          })}
        </p>
      ) : (
        <p className="offline">
          {t('connection.unreachable', {
            message: problemText(t, status.problem ?? undefined) ?? t('queue.unreachable'),
          })}
        </p>
      )}
    </section>
  );
}

function TokenSection({
  profile,
  onChanged,
}: {
  profile: Profile;
  onChanged: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [tokens, setTokens] = useState<Tokens | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  // Our own words for a field left empty or a PIN of the wrong length, in the RAO's language.
  const [invalid, setInvalid] = useState<Partial<Record<'username' | 'password' | 'pin', string>>>({});
  const usernameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const pinField = useRef<HTMLInputElement>(null);
  // Opened from the first-run checklist: the form's first field takes the focus.
  useEffect(() => void takeFocusIfAsked('tokenForm', usernameField.current), []);

  const load = useCallback(
    async (refresh = false) => {
      const result = await bridge.call('tokens.list', { profileId: profile.id, refresh });
      if (result.ok) setTokens(result.value);
      else setError(result.error);
    },
    [profile.id],
  );
  useEffect(() => void load(), [load]);

  const check = (): boolean => {
    const found: typeof invalid = {};
    if (username.trim() === '') found.username = t('guide.required', { field: t('connection.username') });
    if (password === '') found.password = t('guide.required', { field: t('connection.password') });
    if (pin === '') found.pin = t('guide.pin.required');
    else if (!/^\d{4,8}$/.test(pin)) {
      found.pin = t('guide.pin.format', { count: pin.length });
      setPin('');
    }
    setInvalid(found);
    const first = found.username
      ? usernameField
      : found.password
        ? passwordField
        : found.pin
          ? pinField
          : null;
    first?.current?.focus();
    return first === null;
  };
  const create = async (): Promise<void> => {
    if (!check()) return;
    setBusy(true);
    const result = await bridge.call('tokens.create', { profileId: profile.id, username, password, pin });
    // Cleared whatever the answer: the secrets were used once and must not stay in the page.
    setPassword('');
    setPin('');
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setUsername('');
      await bridge.call('tokens.setActive', { profileId: profile.id, username: result.value.username });
      await load();
      onChanged();
      announce(t('guide.announce.tokenCreated', { username: result.value.username }));
    }
  };
  const act = async (call: Promise<{ ok: boolean; error?: BridgeError }>): Promise<void> => {
    const result = await call;
    setError(result.ok ? null : (result.error ?? null));
    await load();
    onChanged();
  };

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h3 id="tokens-heading">
        {t('connection.tokens', {
          profile: profile.id === TRAINING_PROFILE_ID ? t('connection.trainingName') : profile.name,
        })}
      </h3>
      <ErrorNotice error={error} />
      {tokens && tokens.tokens.length === 0 && <p>{t('connection.noTokens')}</p>}
      <ul className="plain-list">
        {tokens?.tokens.map((token) => (
          <li key={token.username} className="profile-row">
            <label>
              <input
                type="radio"
                name="active-token"
                checked={token.username === tokens.activeUsername}
                onChange={() =>
                  void act(
                    bridge.call('tokens.setActive', { profileId: profile.id, username: token.username }),
                  )
                }
              />{' '}
              <strong>{token.username}</strong>{' '}
              <span className="muted">
                {[
                  token.env,
                  token.hasPassword ? t('connection.holdsPassword') : null,
                  token.hasPin ? t('connection.holdsPin') : null,
                  token.status !== 'unknown' ? t(`connection.tokenStatus.${token.status}`) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </label>
            <button
              type="button"
              onClick={() =>
                void act(bridge.call('tokens.remove', { profileId: profile.id, username: token.username }))
              }
            >
              {t('connection.deleteToken')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void load(true)}>
        {t('connection.checkTokens')}
      </button>
      <form
        className="form-grid"
        aria-label={t('connection.newToken')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h4>{t('connection.newToken')}</h4>
        <label>
          {t('connection.username')}
          <input
            ref={usernameField}
            aria-required="true"
            autoComplete="off"
            value={username}
            {...invalidProps('token-username', invalid.username)}
            onChange={(e) => setUsername(e.target.value)}
          />
          <FieldProblem id="token-username" message={invalid.username} />
        </label>
        <label>
          {t('connection.password')}
          <input
            ref={passwordField}
            aria-required="true"
            type="password"
            autoComplete="off"
            value={password}
            {...invalidProps('token-password', invalid.password)}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FieldProblem id="token-password" message={invalid.password} />
        </label>
        <label>
          {t('connection.pin')}
          <input
            ref={pinField}
            aria-required="true"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            {...invalidProps('token-pin', invalid.pin)}
            onChange={(e) => setPin(e.target.value)}
          />
          <FieldProblem id="token-pin" message={invalid.pin} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('connection.createToken')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A field marked wrong and tied to its message (read with the field by screen readers). */
const invalidProps = (id: string, message: string | undefined) =>
  message ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-problem` } : {};

function FieldProblem(props: { id: string; message: string | undefined }): React.JSX.Element | null {
  if (!props.message) return null;
  return (
    <span id={`${props.id}-problem`} className="field-problem">
      {props.message}
    </span>
  );
}
