// A number typed and shown with the RAO's decimal mark ("8,5" in Spanish and Polish, "8.5" in
// English). A text field, not <input type="number">: the browser draws that one with its own
// locale's mark, whatever the desk's language. While the RAO types, the text stays as typed (a
// half-written "8," is kept); it is written the language's way again when the field is left.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, parseNumber } from '../i18n/format';

export function DecimalField(props: {
  value: number;
  /** The typed number, or null while the text is not a number. */
  onChange: (value: number | null) => void;
  /** Decimals shown. */
  digits?: number;
  invalid?: boolean;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const digits = props.digits ?? 1;
  const shown = Number.isFinite(props.value) ? formatNumber(language, props.value, digits) : '';
  const [text, setText] = useState<string | null>(null);
  const hint = useId();
  useEffect(() => setText(null), [language]);
  const unreadable = text !== null && text.trim() !== '' && parseNumber(text) === null;
  return (
    <>
      <input
        type="text"
        inputMode="decimal"
        lang={language}
        autoComplete="off"
        value={text ?? shown}
        aria-invalid={unreadable || props.invalid ? true : undefined}
        aria-describedby={unreadable ? hint : undefined}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parseNumber(e.target.value));
        }}
        onBlur={() => {
          if (!unreadable) setText(null);
        }}
      />
      {unreadable && (
        <span id={hint} className="field-problem" role="alert">
          {t('common.numberInvalid', { example: formatNumber(language, 8.5) })}
        </span>
      )}
    </>
  );
}
