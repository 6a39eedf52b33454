import { useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import type { CaptureSettings, ConfigProblem } from '@/lib/settings/policy';
import { Locked } from '../common/Locked';
import { configProblemText } from './problem-text';

export interface CaptureSettingsCardProps {
  /** The setting in effect (the administrator's, else the user's, else screenshot and selection on). */
  capture: CaptureSettings;
  /** Set by the administrator: shown, not editable. */
  locked: boolean;
  /** The saved configuration not read yet (or not readable): shown, not editable until it is. */
  unread: boolean;
  /** Why the last change was not kept (a pattern that cannot be used, the text around it not JSON). */
  problems: ConfigProblem[];
  /** What could not be kept, with Try again, said under the title. */
  notice?: ReactNode;
  onChange(patch: Partial<CaptureSettings>): void;
}

const ITEMS = ['screenshot', 'selection', 'browser'] as const;

/** What a new request takes from the page by default, and what is always blacked out of it. */
export function CaptureSettingsCard({ capture, locked, unread, problems, notice, onChange }: CaptureSettingsCardProps) {
  const off = locked || unread;
  const saved = (capture.redact ?? []).join('\n');
  const [patterns, setPatterns] = useState(saved);
  // The saved patterns changed (kept, or the administrator's arrived): shown as they are now.
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setPatterns(saved);
  }
  const typed = patterns
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <section className="settings-card" aria-labelledby="capture-title">
      <h2 id="capture-title">
        {t('settings.capture.title')} {locked && <Locked />}
      </h2>
      {notice}
      <p id="capture-intro" className="field__hint">
        {t('settings.capture.intro')}
      </p>
      {ITEMS.map((item) => (
        <label className="radio" key={item}>
          <input type="checkbox" checked={capture[item] !== false} disabled={off} aria-describedby="capture-intro" onChange={(e) => onChange({ [item]: e.target.checked })} />
          {t(`settings.capture.${item}`)}
        </label>
      ))}
      <h3 className="settings-card__subtitle">{t('settings.capture.redaction')}</h3>
      <p className="field__hint">{t('settings.capture.builtIn')}</p>
      <div className={`field${problems.length > 0 ? ' field--error' : ''}`}>
        <label htmlFor="capture-redact" className="field__label">
          {t('settings.capture.patterns')}
        </label>
        <textarea
          id="capture-redact"
          className="config-editor config-editor--short"
          spellCheck={false}
          value={patterns}
          // eslint-disable-next-line words/no-literal -- an example of the syntax, the same in every language
          placeholder={'EMP-\\d{6}'}
          readOnly={off}
          aria-describedby="capture-redact-hint"
          aria-invalid={problems.length > 0 || undefined}
          onChange={(e) => setPatterns(e.target.value)}
        />
        <p id="capture-redact-hint" className="field__hint">
          {t('settings.capture.patterns.hint')}
        </p>
        {problems.length > 0 && (
          <ul role="alert" className="field__error policy-problems">
            {problems.map((p) => (
              <li key={`${p.key} ${p.code}`}>
                <code>{p.key}</code> {configProblemText(p)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {!off && (
        <div className="actions">
          <button type="button" className="button" aria-disabled={patterns === saved || undefined} onClick={() => patterns !== saved && onChange({ redact: typed })}>
            {t('settings.capture.save')}
          </button>
        </div>
      )}
    </section>
  );
}
