// The form for one design: its text lines (with the placeholders to insert), text size and
// alignment, image, QR content, reason, location and the signature's level, TSA and format.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_LEVELS, type TemplateDesign } from '../../../shared/contract-appearance';
import { SUBFILTERS } from '../../../shared/signature';
import { PLACEHOLDERS } from '../../../shared/template';
import { DecimalField } from '../components/DecimalField';
import { readStampImage } from './template-files';

const MAX_LINES = 12;
const ALIGNMENTS = ['left', 'center', 'right'] as const;
const SUBFILTER_KEY = { 'adbe.pkcs7.detached': 'pkcs7', 'ETSI.CAdES.detached': 'cades' } as const;

interface EditorProps {
  design: TemplateDesign;
  onChange: (design: TemplateDesign) => void;
  /** Field → problem, from the contract's schema. */
  problems: Record<string, string>;
}

export function TemplateEditor({ design, onChange, problems }: EditorProps): React.JSX.Element {
  const { t } = useTranslation();
  const set = <K extends keyof TemplateDesign>(key: K, value: TemplateDesign[K]): void =>
    onChange({ ...design, [key]: value });
  return (
    <div className="template-editor">
      <LinesField lines={design.lines} onChange={(lines) => set('lines', lines)} problem={problems.lines} />
      <div className="form-grid">
        <label>
          {t('templates.textSize')}
          <DecimalField
            value={design.textSize}
            invalid={Boolean(problems.textSize)}
            onChange={(size) => set('textSize', size ?? Number.NaN)}
          />
          {problems.textSize && <span className="field-problem">{problems.textSize}</span>}
        </label>
        <label>
          {t('templates.align')}
          <select
            value={design.textAlign}
            onChange={(e) => set('textAlign', e.target.value as TemplateDesign['textAlign'])}
          >
            {ALIGNMENTS.map((a) => (
              <option key={a} value={a}>
                {t(`templates.alignTo.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <ImageField image={design.image} onChange={(image) => set('image', image)} />
        <label>
          {t('templates.qrcode')}
          <input
            type="text"
            maxLength={2000}
            value={design.qrcode ?? ''}
            onChange={(e) => set('qrcode', e.target.value === '' ? null : e.target.value)}
          />
        </label>
        <label>
          {t('templates.reason')}
          <input
            type="text"
            maxLength={300}
            value={design.reason}
            onChange={(e) => set('reason', e.target.value)}
          />
        </label>
        <label>
          {t('templates.location')}
          <input
            type="text"
            maxLength={300}
            value={design.location}
            onChange={(e) => set('location', e.target.value)}
          />
        </label>
      </div>
      <fieldset className="form-grid template-signature">
        <legend>{t('templates.signatureHeading')}</legend>
        <label>
          {t('templates.level')}
          <select
            value={design.level}
            onChange={(e) => set('level', e.target.value as TemplateDesign['level'])}
          >
            {SIGNATURE_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`templates.levels.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('templates.subfilter')}
          <select
            value={design.subfilter}
            onChange={(e) => set('subfilter', e.target.value as TemplateDesign['subfilter'])}
          >
            {SUBFILTERS.map((subfilter) => (
              <option key={subfilter} value={subfilter}>
                {t(`templates.subfilters.${SUBFILTER_KEY[subfilter]}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={design.useTsa} onChange={(e) => set('useTsa', e.target.checked)} />
          {t('templates.useTsa')}
        </label>
      </fieldset>
    </div>
  );
}

function LinesField(props: {
  lines: string[];
  onChange: (lines: string[]) => void;
  problem?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  // Where a chip inserts: the line edited last and its caret (the end of line 1 at first).
  const caret = useRef<{ line: number; at: number | null }>({ line: 0, at: null });
  const { lines, onChange } = props;
  const edit = (index: number, value: string): void =>
    onChange(lines.map((l, i) => (i === index ? value : l)));
  const insert = (token: string): void => {
    if (lines.length === 0) return onChange([token]);
    const line = Math.min(caret.current.line, lines.length - 1);
    const text = lines[line] ?? '';
    const at = caret.current.at ?? text.length;
    edit(line, text.slice(0, at) + token + text.slice(at));
    caret.current = { line, at: at + token.length };
    const input = inputs.current[line];
    input?.focus();
    // After React has written the new value, put the caret just after the inserted token.
    window.requestAnimationFrame(() => input?.setSelectionRange(at + token.length, at + token.length));
  };
  const remember = (index: number, input: HTMLInputElement): void => {
    caret.current = { line: index, at: input.selectionStart };
  };
  return (
    <fieldset className="template-lines">
      <legend>{t('templates.lines')}</legend>
      <ol className="plain-list">
        {lines.map((line, index) => (
          <li key={index} className="template-line">
            <span aria-hidden="true" className="muted line-number">
              {index + 1}
            </span>
            <input
              ref={(el) => {
                inputs.current[index] = el;
              }}
              type="text"
              // Named directly: a wrapping label would also read out the line's own text.
              aria-label={t('templates.line', { n: index + 1 })}
              maxLength={200}
              value={line}
              onChange={(e) => {
                edit(index, e.target.value);
                remember(index, e.target);
              }}
              onSelect={(e) => remember(index, e.currentTarget)}
              onFocus={(e) => remember(index, e.currentTarget)}
            />
            <button
              type="button"
              aria-label={t('templates.removeLine', { n: index + 1 })}
              onClick={() => onChange(lines.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {props.problem && <p className="field-problem">{props.problem}</p>}
      <button type="button" disabled={lines.length >= MAX_LINES} onClick={() => onChange([...lines, ''])}>
        {t('templates.addLine')}
      </button>
      <p className="muted placeholder-help">{t('templates.placeholdersHelp')}</p>
      <ul className="plain-list placeholder-chips">
        {PLACEHOLDERS.map((name) => {
          const token = `{${name}}`;
          return (
            <li key={name}>
              <button
                type="button"
                className="chip chip-neutral"
                aria-label={t('templates.insert', { token, meaning: t(`templates.meaning.${name}`) })}
                title={t(`templates.meaning.${name}`)}
                // Keep the caret in the line: the chip must not take the focus on mouse down.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(token)}
              >
                {token}
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function ImageField(props: {
  image: string | null;
  onChange: (image: string | null) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const picked = await readStampImage(file);
    if (picked.ok) {
      setProblem(null);
      props.onChange(picked.base64);
    } else setProblem(t(picked.problem === 'tooLarge' ? 'templates.imageTooLarge' : 'templates.imageNotPng'));
  };
  return (
    <div className="template-image">
      <label>
        {t('templates.image')}
        <input
          type="file"
          accept="image/png"
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
      {props.image ? (
        <div className="template-image-current">
          <img src={`data:image/png;base64,${props.image}`} alt={t('templates.imageAlt')} />
          <button type="button" onClick={() => props.onChange(null)}>
            {t('templates.removeImage')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('templates.noImage')}</p>
      )}
    </div>
  );
}
