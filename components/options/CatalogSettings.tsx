import type { ConfigKey, ConfigProblem } from '@/lib/settings/policy';
import { t } from '@/lib/i18n';
import { Locked } from '../common/Locked';
import { configProblemText } from './problem-text';
import { SettingsField } from './SettingsField';
import { FailureNotice } from './FailureNotice';
import { Spinner } from '../common/Notice';
import type { LocalFailure } from '@/lib/domain';

export interface CatalogSettingsProps {
  /** Keys the administrator set; the user's values for them are not used. */
  locked: ConfigKey[];
  policyProblems: ConfigProblem[];
  text: string;
  problems: ConfigProblem[];
  saved: boolean;
  /** The saved text was read: until then the editor and Save wait (saving would write over it). */
  loaded: boolean;
  failed?: LocalFailure;
  onRetry(): Promise<void>;
  onText(text: string): void;
  /** A routing model file picked (made by `npm run learn-routing`). */
  onRoutingModel(file: File): void;
  onSave(): void;
}

function ProblemList({ problems, id }: { problems: ConfigProblem[]; id: string }) {
  return (
    <ul id={id} className="policy-problems">
      {problems.map((p) => (
        <li key={`${p.key} ${p.code}`}>
          <code>{p.key}</code> {configProblemText(p)}
        </li>
      ))}
    </ul>
  );
}

/** The administrator's policy in effect, and the user's own catalog configuration (JSON). */
export function CatalogSettings(props: CatalogSettingsProps) {
  const { locked, policyProblems, problems } = props;
  return (
    <section className="settings-card" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('settings.catalog.title')}</h2>
      {locked.length > 0 && (
        <div className="policy" role="region" aria-label={t('policy.title')}>
          <p>
            <Locked /> {t('policy.intro')}
          </p>
          <ul className="policy__keys" aria-label={t('policy.keys')}>
            {locked.map((key) => (
              <li key={key}>
                <code>{key}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {policyProblems.length > 0 && (
        <div className="notice notice--warning" role="alert">
          <p>{t('policy.problems')}</p>
          <ProblemList problems={policyProblems} id="policy-problems" />
        </div>
      )}
      {!props.loaded && !props.failed && <Spinner label={t('settings.catalog.loading')} />}
      <FailureNotice part="config" failure={props.failed} onRetry={props.onRetry} />
      <SettingsField
        id="catalog-config"
        label={t('settings.catalog.label')}
        hint={t('settings.catalog.hint')}
        error={
          problems.length > 0 && (
            <div role="alert" className="field__error">
              <p>{t('settings.catalog.problems')}</p>
              <ProblemList problems={problems} id="catalog-problems" />
            </div>
          )
        }
      >
        <textarea
          id="catalog-config"
          className="config-editor"
          spellCheck={false}
          value={props.text}
          // eslint-disable-next-line words/no-literal -- an example of the syntax, the same in every language
          placeholder={'{\n  "rules": [{ "url": "https://payroll.example.com/*", "department": "HR" }]\n}'}
          aria-describedby="catalog-config-hint"
          aria-invalid={problems.length > 0 || undefined}
          readOnly={!props.loaded}
          onChange={(e) => props.onText(e.target.value)}
        />
      </SettingsField>
      <div className="actions">
        <button type="button" className="button button--primary" disabled={!props.loaded} onClick={props.onSave}>
          {t('settings.catalog.save')}
        </button>
        {!locked.includes('routingModel') && props.loaded && (
          <label className="button" title={t('settings.catalog.routingModel.hint')}>
            {t('settings.catalog.routingModel')}
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) props.onRoutingModel(file);
                e.target.value = '';
              }}
            />
          </label>
        )}
        {props.saved && (
          <span className="ok" role="status">
            {t('settings.saved')}
          </span>
        )}
      </div>
    </section>
  );
}
