import type { Department, DeskUser } from '@/lib/domain';
import type { DeskError } from '@/lib/domain';
import { t, type MessageKey } from '@/lib/i18n';
import { TIMEOUT_RANGE_S, type DeskInput, type DeskSummary, type SettingsProblem } from '@/lib/settings/desk';
import { DEFAULT_TIMEOUT_MS } from '@/lib/http/client';
import { ErrorNotice, Spinner } from '../common/Notice';
import { Locked } from '../common/Locked';
import { SettingsField } from './SettingsField';

export interface DeskSettingsProps {
  input: DeskInput;
  saved: DeskSummary | null;
  problems: SettingsProblem[];
  busy: 'idle' | 'testing' | 'saving';
  result?: { user: DeskUser; departments: Department[] };
  error?: DeskError;
  savedNow: boolean;
  onChange(patch: Partial<DeskInput>): void;
  onTest(): void;
  onSave(): void;
}

const PROBLEM: Record<SettingsProblem['code'], MessageKey> = {
  required: 'settings.problem.required',
  'invalid-url': 'settings.problem.invalidUrl',
  insecure: 'settings.problem.insecure',
  'token-format': 'settings.problem.tokenFormat',
  'invalid-email': 'settings.problem.invalidEmail',
  'invalid-timeout': 'settings.problem.invalidTimeout',
};

export function DeskSettings(props: DeskSettingsProps) {
  const { input, saved, problems, busy, result, error } = props;
  const problemFor = (field: SettingsProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(PROBLEM[p.code]) : undefined;
  };
  const errorLine = (field: SettingsProblem['field']) => {
    const message = problemFor(field);
    return message ? (
      <p id={`${field}-error`} className="field__error" role="alert">
        {message}
      </p>
    ) : null;
  };
  const keepsToken = saved?.hasToken && saved.baseUrl === input.baseUrl;
  const managed = Boolean(saved?.managed);

  return (
    <section className="settings-card" aria-labelledby="desk-title">
      <h2 id="desk-title">{t('settings.desk.title')}</h2>
      <p className="muted">{t('settings.desk.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave();
        }}
      >
        <div className="field">
          <label htmlFor="kind" className="field__label">
            {t('settings.kind')}
          </label>
          <select id="kind" value={input.kind} onChange={(e) => props.onChange({ kind: e.target.value as DeskInput['kind'] })}>
            <option value="rt">{t('settings.kind.rt')}</option>
          </select>
        </div>
        <SettingsField id="baseUrl" label={t('settings.baseUrl')} badge={managed && <Locked />} hint={t('settings.baseUrl.hint')} error={errorLine('baseUrl')}>
          <input
            id="baseUrl"
            type="url"
            inputMode="url"
            placeholder="https://desk.example.com"
            value={input.baseUrl}
            readOnly={managed}
            aria-invalid={problemFor('baseUrl') ? true : undefined}
            aria-describedby="baseUrl-hint"
            onChange={(e) => props.onChange({ baseUrl: e.target.value })}
          />
        </SettingsField>
        <fieldset className="field">
          <legend className="field__label">{t('settings.signin')}</legend>
          <label className="radio">
            <input type="radio" name="authMode" value="token" checked={input.authMode === 'token'} onChange={() => props.onChange({ authMode: 'token' })} />
            {t('settings.signin.token')}
          </label>
          <label className="radio">
            <input type="radio" name="authMode" value="session" checked={input.authMode === 'session'} onChange={() => props.onChange({ authMode: 'session' })} />
            {t('settings.signin.session')}
          </label>
        </fieldset>
        {input.authMode === 'token' && (
          <SettingsField id="token" label={t('settings.token')} hint={t('settings.token.hint')} error={errorLine('token')}>
            <input
              id="token"
              type="password"
              autoComplete="off"
              value={input.token}
              placeholder={keepsToken ? t('settings.token.kept') : ''}
              aria-describedby="token-hint"
              aria-invalid={problemFor('token') ? true : undefined}
              onChange={(e) => props.onChange({ token: e.target.value })}
            />
          </SettingsField>
        )}
        {input.authMode === 'session' && (
          <SettingsField id="email" label={t('settings.email')} error={errorLine('email')}>
            <input id="email" type="email" value={input.email} onChange={(e) => props.onChange({ email: e.target.value })} />
          </SettingsField>
        )}
        <details className="advanced" open={Boolean(problemFor('timeoutSeconds')) || undefined}>
          <summary>{t('settings.advanced')}</summary>
          <SettingsField
            id="timeout"
            label={t('settings.timeout')}
            hint={t('settings.timeout.hint', { min: TIMEOUT_RANGE_S.min, max: TIMEOUT_RANGE_S.max })}
            error={errorLine('timeoutSeconds')}
          >
            <input
              id="timeout"
              type="number"
              inputMode="numeric"
              min={TIMEOUT_RANGE_S.min}
              max={TIMEOUT_RANGE_S.max}
              placeholder={String(DEFAULT_TIMEOUT_MS / 1000)}
              value={input.timeoutSeconds ?? ''}
              aria-describedby="timeout-hint"
              aria-invalid={problemFor('timeoutSeconds') ? true : undefined}
              onChange={(e) => props.onChange({ timeoutSeconds: e.target.value })}
            />
          </SettingsField>
        </details>
        <div className="actions">
          <button type="button" className="button" onClick={props.onTest} disabled={busy !== 'idle'}>
            {t('settings.test')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy !== 'idle'}>
            {t('settings.save')}
          </button>
          {busy !== 'idle' && <Spinner label={t(busy === 'testing' ? 'settings.testing' : 'settings.saving')} />}
          {props.savedNow && busy === 'idle' && (
            <span className="ok" role="status">
              {t('settings.saved')}
            </span>
          )}
        </div>
      </form>
      {error && <ErrorNotice error={error} />}
      {result && (
        <div className="result" role="status" aria-labelledby="result-title">
          <h3 id="result-title">{t('settings.connected', { name: result.user.displayName, count: result.departments.length })}</h3>
          <ul className="result__list">
            {result.departments.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong>
                {d.description && <span className="muted"> — {d.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
