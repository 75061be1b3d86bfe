// What Start still needs, each detail named in the RAO's language with a button to its field; the
// fields themselves carry `data-field` (the key core names them by) and are marked by their forms.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SignerIdentity } from '../../../shared/signer';
import { signerProblemKey, type DraftSigner } from './SignerForm';

/** The field a missing key names, inside `root` (the job pane). */
export const missingField = (root: ParentNode | null, key: string): HTMLElement | null =>
  root?.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`) ?? null;

/** The missing keys in the order their fields appear on screen (unknown ones last, as core sent them). */
export function inScreenOrder(root: ParentNode | null, keys: readonly string[]): string[] {
  const fields = root ? [...root.querySelectorAll<HTMLElement>('[data-field]')] : [];
  const at = (key: string): number => {
    const i = fields.findIndex((f) => f.dataset.field === key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...keys].sort((a, b) => at(a) - at(b));
}

/** A missing detail's name, as its field's label reads. */
export function missingName(t: TFunction, key: string): string {
  return t(`fields.${key}`, { defaultValue: key });
}

/** Why it is missing, in the RAO's language (the signer's fields as the form words them). */
export function missingReason(t: TFunction, key: string, signer: DraftSigner): string {
  if (key.startsWith('signer.')) {
    const field = key.slice('signer.'.length) as keyof SignerIdentity;
    const problem = signerProblemKey(field, signer[field as keyof DraftSigner]);
    return t(problem ?? 'problemParts.rules.required');
  }
  const known = ['documents', 'outputDir', 'raoUsername', 'auth'];
  return t(known.includes(key) ? `guide.missing.${key}` : 'guide.missing.other');
}

export function MissingDetails(props: {
  /** The missing keys, already in screen order. */
  keys: readonly string[];
  signer: DraftSigner;
  onGo: (key: string) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (props.keys.length === 0) return null;
  return (
    <div className="notice notice-bad missing-details" id="missing-details">
      <strong>{t('guide.missing.title', { count: props.keys.length })}</strong>
      <ul>
        {props.keys.map((key) => (
          <li key={key}>
            <button type="button" className="link-button" onClick={() => props.onGo(key)}>
              {missingName(t, key)}
            </button>
            : <span id={missingMessageId(key)}>{missingReason(t, key, props.signer)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id of a missing key's message, for the field's aria-describedby. */
export const missingMessageId = (key: string): string => `missing-${key.replace(/\W/g, '-')}`;
