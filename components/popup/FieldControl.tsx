import type { ProposedFrom } from '@/lib/capture/fill';
import { optionLabel, type FieldSpec, type FieldValue } from '@/lib/domain';
import { partsOf, t } from '@/lib/i18n';

export interface FieldControlProps {
  spec: FieldSpec;
  value: FieldValue | undefined;
  error?: string;
  /** The value was put in for the person to check: from what they typed, or from the page. */
  proposed?: ProposedFrom;
  onChange(value: FieldValue): void;
}

/** The tag beside a value the popup put in: where it came from, so nothing is filled silently. */
export function ProposedNote({ id, from }: { id: string; from: ProposedFrom }) {
  return (
    <span id={id} className="field__proposed">
      {from === 'typed' ? t('form.proposed.typed') : t('form.proposed.page')}
    </span>
  );
}

/** One desk field, labelled as the desk labels it, with its hint and its error beside it. */
export function FieldControl({ spec, value, error, proposed, onChange }: FieldControlProps) {
  const id = `field-${spec.id}`;
  const hinted = Boolean(spec.description || spec.patternHint || spec.kind === 'unknown' || spec.kind === 'labels');
  const describedBy = [proposed ? `${id}-proposed` : '', hinted ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: spec.label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': spec.required || undefined,
  };
  const text = Array.isArray(value) ? value.join(spec.kind === 'labels' ? ', ' : '\n') : (value ?? '');
  const onText = (v: string) => onChange(spec.kind === 'labels' || spec.kind === 'user' ? v.split(/,\s*/).filter((x, i, all) => x !== '' || i === all.length - 1) : v);
  let control;
  switch (spec.kind) {
    case 'select':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {spec.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'cascade':
      // One list of "Parent › Child" choices: a second box that appears later would jump.
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {spec.options?.map((o) =>
            o.children?.length ? (
              <optgroup key={o.value} label={o.label}>
                {o.children.map((c) => (
                  <option key={c.value} value={`${o.value}/${c.value}`}>
                    {optionLabel(spec, `${o.value}/${c.value}`)}
                  </option>
                ))}
              </optgroup>
            ) : (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ),
          )}
        </select>
      );
      break;
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : value ? [value] : [];
      control = (
        <select {...common} multiple value={chosen} onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}>
          {spec.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'checkbox':
      control = (
        <label className="field__check">
          <input {...common} type="checkbox" checked={text === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : '')} /> {t('field.checkbox.yes')}
        </label>
      );
      break;
    case 'textarea':
      control = <textarea {...common} rows={3} value={text} placeholder={spec.hint} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'number':
      control = <input {...common} type="text" inputMode="decimal" value={text} placeholder={spec.hint} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'date':
    case 'datetime':
      control = (
        <input {...common} type={spec.kind === 'date' ? 'date' : 'datetime-local'} value={text} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    default:
      control = <input {...common} type="text" value={text} placeholder={spec.hint} onChange={(e) => onText(e.target.value)} />;
  }
  const note = spec.kind === 'unknown' ? t('field.unknown', { type: spec.deskType ?? '' }) : spec.kind === 'labels' ? t('field.labels.hint') : undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}${proposed ? ' field--proposed' : ''}`}>
      <div className="field__head">
        <label htmlFor={id} className="field__label">
          {spec.label}
          {spec.required ? <span className="field__required"> {t('form.required')}</span> : <span className="field__optional"> {t('form.optional')}</span>}
        </label>
        {proposed && <ProposedNote id={`${id}-proposed`} from={proposed} />}
      </div>
      {control}
      {hinted && (
        <p id={`${id}-hint`} className="field__hint">
          {partsOf([spec.description, spec.patternHint, note])}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
