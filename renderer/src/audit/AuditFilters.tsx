// The audit screen's filter form: job, signer, kind (or a whole family of kinds) and a range of
// days. Nothing is asked of core until "Show events"; the days become this computer's instants.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../shared/contract-appearance';
import { DayField } from '../components/DayField';
import { KIND_GROUPS, kindLabel } from './summary';

export interface FilterForm {
  jobId: string;
  signer: string;
  kind: string;
  /** YYYY-MM-DD as the day fields keep it, or empty. */
  from: string;
  to: string;
}

export const NO_FILTER: FilterForm = { jobId: '', signer: '', kind: '', from: '', to: '' };

/** The first millisecond of a day on this computer's calendar, or the last one. */
function dayBound(day: string, end: boolean): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const next = new Date(y, m - 1, d + (end ? 1 : 0));
  return new Date(next.getTime() - (end ? 1 : 0)).toISOString();
}

/** The form as the contract's filter: blanks left out, days as instants (the user's day). */
export function toFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.jobId.trim()) filter.jobId = form.jobId.trim();
  if (form.signer.trim()) filter.signer = form.signer.trim();
  if (form.kind) filter.kind = form.kind;
  if (form.from) filter.from = dayBound(form.from, false);
  if (form.to) filter.to = dayBound(form.to, true);
  return filter;
}

export function AuditFilters(props: {
  form: FilterForm;
  onChange: (form: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { form } = props;
  const id = useId();
  // A day that cannot be read yet keeps the filters from being applied: its field says why.
  const [unreadable, setUnreadable] = useState<ReadonlySet<'from' | 'to'>>(new Set());
  // Clearing starts the day fields afresh, even one holding text that was never a day.
  const [cleared, setCleared] = useState(0);
  const day = (key: 'from' | 'to') => ({
    id: `${id}-${key}`,
    value: form[key],
    onChange: (value: string) => props.onChange({ ...form, [key]: value }),
    onValid: (valid: boolean) =>
      setUnreadable((now) => {
        const next = new Set(now);
        if (valid) next.delete(key);
        else next.add(key);
        return next;
      }),
  });
  const field = (key: keyof FilterForm) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      props.onChange({ ...form, [key]: e.target.value }),
  });
  return (
    <form
      role="search"
      aria-label={t('audit.filters.label')}
      className="card audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (unreadable.size === 0) props.onApply();
      }}
    >
      <div className="form-grid">
        <div className="audit-field">
          <label htmlFor={`${id}-job`}>{t('audit.filters.jobId')}</label>
          <input id={`${id}-job`} type="text" spellCheck={false} autoComplete="off" {...field('jobId')} />
        </div>
        <div className="audit-field">
          <label htmlFor={`${id}-signer`}>{t('audit.filters.signer')}</label>
          <input
            id={`${id}-signer`}
            type="text"
            autoComplete="off"
            aria-describedby={`${id}-signer-hint`}
            {...field('signer')}
          />
          <span id={`${id}-signer-hint`} className="muted hint">
            {t('audit.filters.signerHint')}
          </span>
        </div>
        <div className="audit-field">
          {/* Labelled by id, not by wrapping: a wrapping label would read out every option. */}
          <label htmlFor={`${id}-kind`}>{t('audit.filters.kind')}</label>
          <select id={`${id}-kind`} {...field('kind')}>
            <option value="">{t('audit.filters.anyKind')}</option>
            {KIND_GROUPS.map(({ group, family, kinds }) => {
              const label = t(`audit.groups.${group}`);
              return (
                <optgroup key={group} label={label}>
                  {family && <option value={family}>{t('audit.filters.family', { group: label })}</option>}
                  {kinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {kindLabel(t, kind)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor={`${id}-from`}>{t('audit.filters.from')}</label>
          <DayField key={`from-${cleared}`} {...day('from')} />
        </div>
        <div className="audit-field">
          <label htmlFor={`${id}-to`}>{t('audit.filters.to')}</label>
          <DayField key={`to-${cleared}`} {...day('to')} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('audit.filters.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setUnreadable(new Set());
              setCleared((n) => n + 1);
              props.onClear();
            }}
          >
            {t('audit.filters.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}
