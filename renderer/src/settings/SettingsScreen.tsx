// The settings screen: the language and the theme apply the moment they change; the output folder,
// file-name template, concurrency and kept days are checked here in the RAO's language, then saved
// together (core checks them again). A refused value stays in its field with the reason beside it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  CONCURRENCY_RANGE,
  RETENTION_RANGE,
  THEME_CHOICES,
  checkDefaultPlacement,
  checkSettingValue,
  type ThemeChoice,
} from '../../../shared/settings-rules';
import { isCommunicationLanguage, LANGUAGES, type CommunicationLanguage } from '../../../shared/signer';
import { bridge } from '../bridge';
import {
  asText,
  bridgeProblemText,
  FORM_KEYS,
  parse,
  problemText,
  type Draft,
  type FormKey,
  type Problems,
} from './form';
import { DefaultPlacement } from './DefaultPlacement';
import { NumberField, OutputFields } from './SettingsFields';
import { chooseTheme } from './theme';
import { LanguageSelect } from '../components/LanguageSelect';
import { errorText } from '../components/Notice';

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<Record<string, unknown> | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'partial'>('idle');
  const [theme, setTheme] = useState<ThemeChoice>('system');
  const [signerLanguage, setSignerLanguage] = useState<CommunicationLanguage>('EN');
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void bridge.call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      const s = r.value.settings;
      setSaved(s);
      setDraft(Object.fromEntries(FORM_KEYS.map((k) => [k, asText(s[k])])) as Draft);
      if (THEME_CHOICES.includes(s.theme as ThemeChoice)) setTheme(s.theme as ThemeChoice);
      if (isCommunicationLanguage(s.signerLanguage)) setSignerLanguage(s.signerLanguage);
    });
  }, []);

  const defaultPlacement = checkDefaultPlacement(saved?.defaultPlacement ?? null);
  const clearDefaultPlacement = async (): Promise<void> => {
    const r = await bridge.call('settings.set', { key: 'defaultPlacement', value: null });
    if (r.ok) setSaved((s) => (s ? { ...s, defaultPlacement: null } : s));
  };

  const changeTheme = (choice: ThemeChoice): void => {
    setTheme(choice);
    chooseTheme(choice);
    void bridge.call('settings.set', { key: 'theme', value: choice });
  };
  const changeSignerLanguage = (choice: CommunicationLanguage): void => {
    setSignerLanguage(choice);
    void bridge.call('settings.set', { key: 'signerLanguage', value: choice });
  };
  const edit = (key: FormKey, value: string): void => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    // The reason given on saving was about the old text (the template is also checked as typed).
    setProblems((p) => ({ ...p, [key]: undefined }));
    setStatus('idle');
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!draft || !saved) return;
    const found: Problems = {};
    const stored = { ...saved };
    const next = { ...draft };
    setStatus('saving');
    for (const key of FORM_KEYS) {
      const check = checkSettingValue(key, parse(key, draft[key]));
      if (!check.ok) {
        found[key] = problemText(t, check.problem);
        continue;
      }
      if (check.value === saved[key]) continue;
      const r = await bridge.call('settings.set', { key, value: check.value });
      if (r.ok) {
        stored[key] = check.value;
        next[key] = String(check.value);
      } else {
        // Only core can tell whether a folder exists or is writable: it names the problem, we word it.
        found[key] =
          bridgeProblemText(t, r.error.problem) ??
          (key === 'outputDir'
            ? `${t('settings.folderRefused')} ${errorText(t, r.error)}`
            : errorText(t, r.error));
      }
    }
    setSaved(stored);
    setDraft(next);
    setProblems(found);
    setStatus(Object.keys(found).length > 0 ? 'partial' : 'saved');
    const first = FORM_KEYS.find((k) => found[k]);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  return (
    <section className="panel settings-screen" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <p className="muted">{t('settings.intro')}</p>
      <fieldset className="form-grid">
        <legend>{t('settings.appearance')}</legend>
        <label>
          {t('settings.language')}
          <LanguageSelect name="language" />
        </label>
        <fieldset className="theme-choice">
          <legend>{t('settings.theme')}</legend>
          {THEME_CHOICES.map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => changeTheme(choice)}
              />
              {t(`settings.themes.${choice}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('settings.signerLanguage')}
          <select
            value={signerLanguage}
            aria-describedby="signer-language-hint"
            onChange={(e) => {
              if (isCommunicationLanguage(e.target.value)) changeSignerLanguage(e.target.value);
            }}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`settings.signerLanguages.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <p id="signer-language-hint" className="muted">
          {t('settings.signerLanguageHint')}
        </p>
      </fieldset>
      {draft && (
        <form ref={form} onSubmit={(e) => void save(e)} noValidate aria-labelledby="settings-title">
          <OutputFields draft={draft} problems={problems} onEdit={edit} />
          <fieldset className="form-grid">
            <legend>{t('settings.queue')}</legend>
            <NumberField
              name="concurrency"
              label={t('settings.concurrency')}
              hint={t('settings.concurrencyHint')}
              range={CONCURRENCY_RANGE}
              draft={draft}
              problem={problems.concurrency}
              onEdit={edit}
            />
          </fieldset>
          <fieldset className="form-grid">
            <legend>{t('settings.retention')}</legend>
            <p className="muted hint wide">{t('settings.retentionHint')}</p>
            <NumberField
              name="originalsRetentionDays"
              label={t('settings.originalsDays')}
              hint={keptHint(t, 'settings.originalsKept', draft.originalsRetentionDays)}
              range={RETENTION_RANGE}
              draft={draft}
              problem={problems.originalsRetentionDays}
              onEdit={edit}
            />
            <NumberField
              name="idImageRetentionDays"
              label={t('settings.idImageDays')}
              hint={keptHint(t, 'settings.idImagesKept', draft.idImageRetentionDays)}
              range={RETENTION_RANGE}
              draft={draft}
              problem={problems.idImageRetentionDays}
              onEdit={edit}
            />
          </fieldset>
          <DefaultPlacement
            placement={defaultPlacement.ok ? (defaultPlacement.value ?? null) : null}
            onClear={() => void clearDefaultPlacement()}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={status === 'saving'}>
              {status === 'saving' ? t('settings.saving') : t('settings.save')}
            </button>
            <p role="status" className={status === 'partial' ? 'field-problem' : 'muted'}>
              {status === 'saved' ? t('settings.saved') : status === 'partial' ? t('settings.notSaved') : ''}
            </p>
          </div>
        </form>
      )}
    </section>
  );
}

/** "Removed after N days" for a whole number, "no limit" for 0, nothing while the field is wrong. */
function keptHint(t: TFunction, key: string, text: string): string {
  const days = parse('originalsRetentionDays', text);
  if (!checkSettingValue('originalsRetentionDays', days).ok) return '';
  return days === 0 ? t('settings.noLimit') : t(key, { count: days as number });
}
