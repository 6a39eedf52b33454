import type { Department, DeskError, DeskKind, DeskUser, SignInMode } from '@/lib/domain';
import { DESK_KINDS, DESK_KIND_NAMES, NEEDS_TOKEN } from '@/lib/domain';
import { t, type MessageKey } from '@/lib/i18n';
import { OAUTH_UNAVAILABLE, TIMEOUT_RANGE_S, type DeskInput, type DeskSummary, type SettingsProblem } from '@/lib/settings/desk';
import { ErrorNotice, Spinner } from '../common/Notice';
import { Locked } from '../common/Locked';
import { SettingsField } from './SettingsField';

/** One desk's form as the store keeps it. */
export interface DeskFormView {
  input: DeskInput;
  problems: SettingsProblem[];
  busy: 'idle' | 'testing' | 'saving' | 'signing-in' | 'removing';
  result?: { user: DeskUser; departments: Department[] };
  error?: DeskError;
  removeError?: DeskError;
  savedNow: boolean;
}

export interface DeskFormProps {
  form: DeskFormView;
  /** The desk as saved; absent while adding one. */
  saved?: DeskSummary;
  /** The saved secret is used when the secret field is left empty. */
  keepsSecret: boolean;
  /** What an empty timeout means. */
  defaultTimeoutS: number;
  onChange(patch: Partial<DeskInput>): void;
  onTest(): void;
  onSave(): void;
  onSignIn(): void;
  onClose(): void;
}

export const KIND_NAME: Record<DeskKind, MessageKey> = {
  rt: 'settings.kind.rt',
  'jsm-cloud': 'settings.kind.jsmCloud',
  'jsm-dc': 'settings.kind.jsmDc',
  zendesk: 'settings.kind.zendesk',
};

/** What each kind's address usually looks like; cloud desks may also run under the company's own domain. */
const PLACEHOLDER: Record<DeskKind, string> = {
  rt: 'https://desk.example.com',
  'jsm-cloud': 'https://yourcompany.atlassian.net',
  'jsm-dc': 'https://jira.example.com/jira',
  zendesk: 'https://yourcompany.zendesk.com',
};

const ADDRESS_HINT: Record<DeskKind, MessageKey> = {
  rt: 'settings.baseUrl.hint',
  'jsm-cloud': 'settings.baseUrl.hint.jsmCloud',
  'jsm-dc': 'settings.baseUrl.hint.jsmDc',
  zendesk: 'settings.baseUrl.hint.zendesk',
};

const TOKEN_HINT: Record<DeskKind, MessageKey> = {
  rt: 'settings.token.hint',
  'jsm-cloud': 'settings.token.hint.jsmCloud',
  'jsm-dc': 'settings.token.hint.jsmDc',
  zendesk: 'settings.token.hint.zendesk',
};

const MODE_LABEL: Record<SignInMode, MessageKey> = {
  token: 'settings.signin.token',
  session: 'settings.signin.session',
  basic: 'settings.signin.basic',
  bearer: 'settings.signin.bearer',
  oauth: 'settings.signin.oauth',
};

const TOKEN_LABEL: Partial<Record<SignInMode, MessageKey>> = {
  token: 'settings.token',
  basic: 'settings.token.api',
  bearer: 'settings.token.pat',
};

const PROBLEM: Record<SettingsProblem['code'], MessageKey> = {
  required: 'settings.problem.required',
  'invalid-kind': 'settings.problem.invalidKind',
  'invalid-url': 'settings.problem.invalidUrl',
  insecure: 'settings.problem.insecure',
  'context-path': 'settings.problem.contextPath',
  'sign-in-unsupported': 'settings.problem.signInUnsupported',
  'token-format': 'settings.problem.tokenFormat',
  'invalid-email': 'settings.problem.invalidEmail',
  'email-address': 'settings.problem.emailAddress',
  'invalid-timeout': 'settings.problem.invalidTimeout',
};

const BUSY_LABEL: Record<Exclude<DeskFormView['busy'], 'idle'>, MessageKey> = {
  testing: 'settings.testing',
  saving: 'settings.saving',
  'signing-in': 'settings.oauth.signingIn',
  removing: 'settings.removing',
};

/** The problems shown beside their fields are not repeated in a notice below the form. */
function FormError({ error }: { error: DeskError }) {
  if (error.kind === 'config' && error.problems?.length) return null;
  if (error.kind === 'config' && error.detail === OAUTH_UNAVAILABLE) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('settings.oauth.unavailable')}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

export function DeskForm({ form, saved, keepsSecret, defaultTimeoutS, ...on }: DeskFormProps) {
  const { input, problems, busy, result, error } = form;
  /** A press while something runs does nothing (the button is marked busy, not disabled, so it keeps the focus). */
  const idle = (run: () => void) => () => {
    if (busy === 'idle') run();
  };
  const kind = DESK_KINDS[input.kind];
  const managed = Boolean(saved?.managed);
  const problemFor = (field: SettingsProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(PROBLEM[p.code], { example: PLACEHOLDER[input.kind] }) : undefined;
  };
  const errorLine = (field: SettingsProblem['field']) => {
    const message = problemFor(field);
    return message ? (
      <p id={`${field}-error`} className="field__error" role="alert">
        {message}
      </p>
    ) : null;
  };
  const describedBy = (field: SettingsProblem['field'], hint?: string) => [hint, problemFor(field) && `${field}-error`].filter(Boolean).join(' ') || undefined;
  const invalid = (field: SettingsProblem['field']) => (problemFor(field) ? true : undefined);
  const mode = input.authMode;
  const tokenLabel = TOKEN_LABEL[mode];

  return (
    <form
      className="desk-form"
      noValidate
      aria-label={saved ? t('settings.desk.editing', { name: saved.name }) : t('settings.desk.new')}
      onSubmit={(e) => {
        e.preventDefault();
        if (busy === 'idle') on.onSave();
      }}
    >
      {managed && (
        <p className="desk-form__note">
          <Locked /> {t('settings.desk.managed')}
        </p>
      )}
      <SettingsField id="kind" label={t('settings.kind')} error={errorLine('kind')}>
        <select
          id="kind"
          value={input.kind}
          disabled={managed}
          autoFocus={!saved}
          aria-invalid={invalid('kind')}
          aria-describedby={describedBy('kind')}
          onChange={(e) => on.onChange({ kind: e.target.value as DeskKind })}
        >
          {DESK_KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {t(KIND_NAME[k])}
            </option>
          ))}
        </select>
      </SettingsField>
      <SettingsField id="baseUrl" label={t('settings.baseUrl')} badge={managed && <Locked />} hint={t(ADDRESS_HINT[input.kind])} error={errorLine('baseUrl')}>
        <input
          id="baseUrl"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={PLACEHOLDER[input.kind]}
          value={input.baseUrl}
          readOnly={managed}
          aria-invalid={invalid('baseUrl')}
          aria-describedby={describedBy('baseUrl', 'baseUrl-hint')}
          onChange={(e) => on.onChange({ baseUrl: e.target.value })}
        />
      </SettingsField>
      <fieldset className="field" aria-describedby={describedBy('authMode')}>
        <legend className="field__label">{t('settings.signin')}</legend>
        {kind.signIn.length > 1 ? (
          kind.signIn.map((m) => (
            <label className="radio" key={m}>
              <input
                type="radio"
                name="authMode"
                value={m}
                checked={mode === m}
                disabled={saved?.signInFixed}
                onChange={() => on.onChange({ authMode: m })}
              />
              {t(MODE_LABEL[m])}
            </label>
          ))
        ) : (
          <p className="desk-form__mode">{t(MODE_LABEL[mode])}</p>
        )}
        {input.kind === 'jsm-cloud' && <p className="field__hint">{t('settings.signin.noSession')}</p>}
        {mode === 'session' && <p className="field__hint">{t('settings.signin.session.hint')}</p>}
        {errorLine('authMode')}
      </fieldset>
      {(mode === 'session' || mode === 'basic') && (
        <SettingsField
          id="email"
          label={t(mode === 'basic' ? 'settings.email.basic' : 'settings.email')}
          hint={mode === 'basic' ? t('settings.email.basic.hint') : undefined}
          error={errorLine('email')}
        >
          <input
            id="email"
            type={mode === 'basic' ? 'email' : 'text'}
            autoComplete={mode === 'basic' ? 'email' : 'username'}
            spellCheck={false}
            autoFocus={managed}
            value={input.email}
            aria-invalid={invalid('email')}
            aria-describedby={describedBy('email', mode === 'basic' ? 'email-hint' : undefined)}
            onChange={(e) => on.onChange({ email: e.target.value })}
          />
        </SettingsField>
      )}
      {NEEDS_TOKEN.has(mode) && tokenLabel && (
        <SettingsField id="token" label={t(tokenLabel)} hint={t(TOKEN_HINT[input.kind])} error={errorLine('token')}>
          <input
            id="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoFocus={managed && mode !== 'basic'}
            value={input.token}
            placeholder={keepsSecret ? t('settings.token.kept') : ''}
            aria-invalid={invalid('token')}
            aria-describedby={describedBy('token', 'token-hint')}
            onChange={(e) => on.onChange({ token: e.target.value })}
          />
        </SettingsField>
      )}
      {mode === 'oauth' && (
        <>
          <SettingsField id="oauthClientId" label={t('settings.oauth.clientId')} hint={t('settings.oauth.clientId.hint')} error={errorLine('oauthClientId')}>
            <input
              id="oauthClientId"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={input.oauthClientId ?? ''}
              readOnly={managed && Boolean(saved?.oauthClientId)}
              aria-invalid={invalid('oauthClientId')}
              aria-describedby={describedBy('oauthClientId', 'oauthClientId-hint')}
              onChange={(e) => on.onChange({ oauthClientId: e.target.value })}
            />
          </SettingsField>
          <div className="desk-form__oauth">
            <button type="button" className="button" onClick={idle(on.onSignIn)} aria-disabled={busy !== 'idle' || undefined} aria-describedby="oauth-hint">
              {t('settings.oauth.signIn')}
            </button>
            <p id="oauth-hint" className="field__hint">
              {t(keepsSecret ? 'settings.oauth.signedIn' : 'settings.oauth.notSignedIn')}
            </p>
          </div>
        </>
      )}
      <details className="advanced" open={Boolean(problemFor('timeoutSeconds')) || undefined}>
        <summary>{t('settings.advanced')}</summary>
        <SettingsField
          id="timeout"
          label={t('settings.timeout')}
          hint={t('settings.timeout.hint', { min: TIMEOUT_RANGE_S.min, max: TIMEOUT_RANGE_S.max, default: defaultTimeoutS })}
          error={errorLine('timeoutSeconds')}
        >
          <input
            id="timeout"
            type="number"
            inputMode="numeric"
            min={TIMEOUT_RANGE_S.min}
            max={TIMEOUT_RANGE_S.max}
            placeholder={String(defaultTimeoutS)}
            value={input.timeoutSeconds ?? ''}
            aria-describedby={describedBy('timeoutSeconds', 'timeout-hint')}
            aria-invalid={invalid('timeoutSeconds')}
            onChange={(e) => on.onChange({ timeoutSeconds: e.target.value })}
          />
        </SettingsField>
      </details>
      <div className="actions">
        {/* Marked busy, not disabled, while a test or save runs: the button pressed keeps the focus. */}
        <button type="button" className="button" onClick={idle(on.onTest)} aria-disabled={busy !== 'idle' || undefined}>
          {t('settings.test')}
        </button>
        <button type="submit" className="button button--primary" aria-disabled={busy !== 'idle' || undefined}>
          {t('settings.save')}
        </button>
        <button type="button" className="button button--quiet" onClick={on.onClose}>
          {t(saved ? 'settings.desk.close' : 'settings.desk.cancel')}
        </button>
        {busy !== 'idle' && <Spinner label={t(BUSY_LABEL[busy])} />}
        {form.savedNow && busy === 'idle' && (
          <span className="ok" role="status">
            {t('settings.saved')}
          </span>
        )}
      </div>
      {error && <FormError error={error} />}
      {result && (
        <div className="result" role="status" aria-labelledby="result-title">
          <h3 id="result-title">{t('settings.connected', { name: result.user.displayName, count: result.departments.length })}</h3>
          <ul className="result__list">
            {result.departments.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong>
                {d.description && <span className="muted">{t('list.aside')}{d.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
