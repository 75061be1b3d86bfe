// The signer's identity and how they unlock the signature, checked as the RAO types with the same
// rules the Optimizer applies (international phone prefix, e-mail, ISO country, document type).
// Saved to the draft as it changes, so nothing typed is lost when the RAO switches jobs.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { announce, takeFocusIfAsked } from '../announce';
import { missingMessageId } from './MissingDetails';
import { useTranslation } from 'react-i18next';
import type { OperationArgs } from '../../../shared/contract';
import { COUNTRY_CODES } from '../../../shared/countries';
import { DEFAULT_EXTERNAL_METHODS, KNOWN_EXTERNAL_METHODS } from '../../../shared/external-methods';
import {
  signerFieldRule,
  defaultCommunicationLanguage,
  ID_DOCUMENT_TYPES,
  isCommunicationLanguage,
  LANGUAGES,
  OTP_DELIVERY,
  type SignerIdentity,
} from '../../../shared/signer';

export type DraftSigner = NonNullable<OperationArgs<'jobs.update'>['signer']>;
export type DraftAuth = NonNullable<OperationArgs<'jobs.update'>['auth']>;

const _TEXT_FIELDS = [
  'given_name',
  'surname_1',
  'surname_2',
  'serial_number',
  'email',
  'mobile_phone_number',
] as const;

/** The key of what is wrong with a field (the rule it breaks, as problems word it), or null. */
export function signerProblemKey(field: keyof SignerIdentity, value: string | undefined): string | null {
  const rule = signerFieldRule(field, value ?? '');
  return rule === null ? null : `problemParts.rules.${rule}`;
}

export function SignerForm(props: {
  signer: DraftSigner;
  auth: DraftAuth | { method: 'external'; type: string };
  onChange: (signer: DraftSigner, auth: DraftAuth | null) => void;
  showAllProblems: boolean;
  /** The office's language for signers of other countries (Settings), when it has one. */
  officeLanguage?: string;
  /** What core says Start still needs (`signer.<field>`, `auth`), marked once Start was pressed. */
  missing?: readonly string[];
  /** The external methods the job's Optimizer profile declares: the RAO picks one of them. */
  methods?: readonly string[];
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [signer, setSigner] = useState<DraftSigner>(props.signer);
  const [method, setMethod] = useState<'otp' | 'external'>(props.auth.method);
  const [delivery, setDelivery] = useState<'sms' | 'whatsapp'>(
    props.auth.method === 'otp' ? props.auth.delivery : 'sms',
  );
  const declared = props.methods ?? DEFAULT_EXTERNAL_METHODS;
  const [extType, setExtType] = useState(
    props.auth.method === 'external' ? props.auth.type : (declared[0] ?? ''),
  );
  // A method kept from before the profile's list changed stays listed: nothing chosen is lost.
  const methodChoices = declared.includes(extType) || extType === '' ? declared : [...declared, extType];
  const methodHint = `${useId()}-method-hint`;
  // The external value is never sent back to the page; an empty box means "keep what is held".
  const [extValue, setExtValue] = useState('');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const first = useRef(true);
  // A draft just made from added documents: the work goes on here, at the first field.
  const givenName = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (takeFocusIfAsked('signer', givenName.current)) announce(t('guide.announce.draftReady'));
  }, [t]);

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      a.name.localeCompare(b.name, i18n.language),
    );
  }, [i18n.language]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const auth: DraftAuth | null =
      method === 'otp'
        ? { method: 'otp', delivery }
        : extType.trim() && extValue.trim()
          ? { method: 'external', type: extType.trim(), value: extValue.trim() }
          : null;
    props.onChange(signer, auth);
  }, [signer, method, delivery, extType, extValue]);

  const set = (field: keyof DraftSigner, value: string): void => {
    setSigner({ ...signer, [field]: value === '' ? undefined : value });
  };
  const problem = (field: keyof SignerIdentity): string | null => {
    if (!props.showAllProblems && !touched.has(field)) return null;
    const key = signerProblemKey(field, signer[field as keyof DraftSigner]);
    if (key) return t(key);
    // Core's judgement at Start (the request as it will be sent) can find what the form did not.
    return props.showAllProblems && props.missing?.includes(`signer.${field}`)
      ? t('problemParts.rules.required')
      : null;
  };
  const authMissing = props.showAllProblems && (props.missing?.includes('auth') ?? false);
  /** The marks of a field with a problem: invalid, and read with its message. */
  const marks = (name: string, message: string | null) => ({
    'data-field': `signer.${name}`,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': message ? `${name}-problem` : undefined,
  });
  const problemText = (name: string, message: string | null) =>
    message && (
      <span id={`${name}-problem`} className="field-problem">
        {message}
      </span>
    );
  // A field is judged once something was written in it: an empty one merely passed through (the
  // desk itself puts the focus on the first field) waits for Start, so no "Required" pops up and
  // shifts the form under the RAO's pointer between press and release.
  const blur =
    (field: string) =>
    (e: React.FocusEvent<HTMLInputElement | HTMLSelectElement>): void => {
      if (e.currentTarget.value !== '' || touched.has(field)) setTouched(new Set(touched).add(field));
    };
  const field = (
    name: (typeof _TEXT_FIELDS)[number],
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => {
    const message = problem(name);
    return (
      <label key={name}>
        {t(`fields.signer.${name}`)}
        <input
          {...extra}
          ref={name === 'given_name' ? givenName : undefined}
          name={name}
          value={signer[name] ?? ''}
          {...marks(name, message)}
          onChange={(e) => set(name, e.target.value)}
          onBlur={blur(name)}
        />
        {problemText(name, message)}
      </label>
    );
  };

  return (
    <fieldset className="form-grid signer-form">
      <legend>{t('signer.title')}</legend>
      {field('given_name', { autoComplete: 'off' })}
      {field('surname_1', { autoComplete: 'off' })}
      {field('surname_2', { autoComplete: 'off' })}
      <label>
        {t('fields.signer.id_document_type')}
        <select
          value={signer.id_document_type ?? ''}
          {...marks('id_document_type', problem('id_document_type'))}
          onChange={(e) => set('id_document_type', e.target.value)}
          onBlur={blur('id_document_type')}
        >
          <option value="">{t('signer.choose')}</option>
          {ID_DOCUMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`signer.documentTypes.${type}`)}
            </option>
          ))}
        </select>
        {problemText('id_document_type', problem('id_document_type'))}
      </label>
      <label>
        {t('fields.signer.id_document_country')}
        <select
          value={signer.id_document_country ?? ''}
          {...marks('id_document_country', problem('id_document_country'))}
          onChange={(e) => set('id_document_country', e.target.value)}
          onBlur={blur('id_document_country')}
        >
          <option value="">{t('signer.choose')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
        {problemText('id_document_country', problem('id_document_country'))}
      </label>
      {field('serial_number', { autoComplete: 'off' })}
      {field('email', { type: 'email', autoComplete: 'off' })}
      {field('mobile_phone_number', { type: 'tel', placeholder: '+34600123456', autoComplete: 'off' })}
      <label>
        {t('fields.signer.communication_language')}
        <select
          {...marks('communication_language', problem('communication_language'))}
          value={isCommunicationLanguage(signer.communication_language) ? signer.communication_language : ''}
          onChange={(e) => set('communication_language', e.target.value)}
        >
          {/* Unchosen, the service writes in the country's language; "Start" stores which. */}
          <option value="">
            {t('signer.languageDefault', {
              language: t(
                `signer.languages.${defaultCommunicationLanguage(signer.id_document_country, props.officeLanguage)}`,
              ),
            })}
          </option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`signer.languages.${l}`)}
            </option>
          ))}
        </select>
        {problemText('communication_language', problem('communication_language'))}
      </label>
      <label>
        {t('fields.signer.registration_authority')}
        <input
          value={signer.registration_authority ?? ''}
          {...marks('registration_authority', problem('registration_authority'))}
          onChange={(e) => set('registration_authority', e.target.value)}
          onBlur={blur('registration_authority')}
        />
        {problemText('registration_authority', problem('registration_authority'))}
      </label>
      <label>
        {t('fields.signer.profile')}
        <input
          value={signer.profile ?? ''}
          {...marks('profile', problem('profile'))}
          onChange={(e) => set('profile', e.target.value)}
          onBlur={blur('profile')}
        />
        {problemText('profile', problem('profile'))}
      </label>
      <fieldset className="auth-choice">
        <legend>{t('auth.title')}</legend>
        <label>
          <input
            type="radio"
            name="auth-method"
            checked={method === 'otp'}
            onChange={() => setMethod('otp')}
          />{' '}
          {t('auth.otp')}
        </label>
        {method === 'otp' && (
          <label>
            {t('auth.deliveryLabel')}
            <select
              value={delivery}
              onChange={(e) => setDelivery(e.target.value === 'whatsapp' ? 'whatsapp' : 'sms')}
            >
              {OTP_DELIVERY.map((d) => (
                <option key={d} value={d}>
                  {t(`auth.delivery.${d}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input
            type="radio"
            name="auth-method"
            checked={method === 'external'}
            onChange={() => setMethod('external')}
          />{' '}
          {t('auth.external')}
        </label>
        {method === 'external' && (
          <>
            <label>
              {t('auth.externalType')}
              <select
                value={extType}
                onChange={(e) => setExtType(e.target.value)}
                data-field="auth"
                aria-invalid={authMissing ? true : undefined}
                aria-describedby={authMissing ? missingMessageId('auth') : undefined}
              >
                {methodChoices.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('auth.externalValue')}
              <input
                type="password"
                value={extValue}
                onChange={(e) => setExtValue(e.target.value)}
                autoComplete="off"
                placeholder={props.auth.method === 'external' ? t('auth.keepValue') : ''}
                aria-describedby={methodHint}
              />
            </label>
            <p id={methodHint} className="muted hint">
              {(KNOWN_EXTERNAL_METHODS as readonly string[]).includes(extType)
                ? t(`auth.methodHints.${extType}`)
                : t('auth.methodHintOther', { method: extType })}
            </p>
          </>
        )}
      </fieldset>
    </fieldset>
  );
}
