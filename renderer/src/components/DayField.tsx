// A day typed as the RAO's language writes it ("22/11/2026" in Spanish, "22.11.2026" in Polish),
// kept as YYYY-MM-DD. A text field, not <input type="date">: the browser draws that one in its own
// locale (mm/dd/yyyy on an English system), whatever the desk's language.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayPattern, formatDay, parseDay, type DayLetters } from '../i18n/format';

export function DayField(props: {
  id: string;
  /** YYYY-MM-DD, or empty. */
  value: string;
  onChange: (isoDay: string) => void;
  /** Told whether the text can be read as a day (an empty field can). */
  onValid: (valid: boolean) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [text, setText] = useState(() => formatDay(language, props.value));
  const [invalid, setInvalid] = useState(false);
  const hint = useId();
  const told = useRef(props.value);
  // A value set from outside (cleared filters) or a new language rewrites the text; a day the RAO
  // is typing stays as typed, and so does a text that cannot be read yet (nothing typed is lost).
  useEffect(() => {
    if (props.value !== told.current) {
      told.current = props.value;
      setInvalid(false);
      setText(formatDay(language, props.value));
    }
  }, [props.value, language]);
  useEffect(() => {
    if (!invalid) setText(formatDay(language, told.current));
  }, [language]);
  const letters: DayLetters = {
    day: t('common.dayLetters.day'),
    month: t('common.dayLetters.month'),
    year: t('common.dayLetters.year'),
  };
  const pattern = dayPattern(language, letters);
  return (
    <>
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        lang={language}
        autoComplete="off"
        placeholder={pattern}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? hint : undefined}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          const day = typed.trim() === '' ? '' : parseDay(language, typed);
          setInvalid(day === null);
          props.onValid(day !== null);
          if (day !== null) {
            told.current = day;
            props.onChange(day);
          }
        }}
        onBlur={() => {
          if (!invalid) setText(formatDay(language, props.value));
        }}
      />
      {invalid && (
        <span id={hint} className="field-problem" role="alert">
          {t('common.dayInvalid', { pattern, example: formatDay(language, '2026-11-22') })}
        </span>
      )}
    </>
  );
}
