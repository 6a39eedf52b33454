import type { ReactNode } from 'react';

export interface SettingsFieldProps {
  /** The control's id: the label points at it, the hint is `${id}-hint`. */
  id: string;
  label: ReactNode;
  /** Beside the label, e.g. the "set by your organisation" mark. */
  badge?: ReactNode;
  hint?: ReactNode;
  /** The problem line(s) under the control; marks the field as in error. */
  error?: ReactNode;
  children: ReactNode;
}

/** One labelled settings control with its hint and problem, laid out the same everywhere. */
export function SettingsField({ id, label, badge, hint, error, children }: SettingsFieldProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {badge}
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error}
    </div>
  );
}
