import type { FieldSpec, FieldValue } from '@/lib/desks/types';
import { t } from '@/lib/i18n';

export interface FieldControlProps {
  spec: FieldSpec;
  value: FieldValue | undefined;
  error?: string;
  onChange(value: FieldValue): void;
}

/** One desk field, labelled as the desk labels it, with its hint and its error beside it. */
export function FieldControl({ spec, value, error, onChange }: FieldControlProps) {
  const id = `field-${spec.id}`;
  const describedBy = [spec.description || spec.patternHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: spec.label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': spec.required || undefined,
  };
  const text = Array.isArray(value) ? value.join('\n') : (value ?? '');
  let control;
  switch (spec.kind) {
    case 'select':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {spec.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : value ? [value] : [];
      control = (
        <select {...common} multiple value={chosen} onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}>
          {spec.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'textarea':
      control = <textarea {...common} rows={3} value={text} placeholder={spec.hint} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'date':
    case 'datetime':
      control = (
        <input {...common} type={spec.kind === 'date' ? 'date' : 'datetime-local'} value={text} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    default:
      control = <input {...common} type="text" value={text} placeholder={spec.hint} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {spec.label}
        {spec.required ? <span className="field__required"> {t('form.required')}</span> : <span className="field__optional"> {t('form.optional')}</span>}
      </label>
      {control}
      {(spec.description || spec.patternHint) && (
        <p id={`${id}-hint`} className="field__hint">
          {[spec.description, spec.patternHint].filter(Boolean).join(' · ')}
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
