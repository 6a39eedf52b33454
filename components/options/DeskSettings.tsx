import { useEffect, useRef, useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { keptAuth, type DeskInput, type DeskSummary } from '@/lib/settings/desk';
import { ErrorNotice, Spinner } from '../common/Notice';
import { Locked } from '../common/Locked';
import { DeskForm, KIND_NAME, type DeskFormView } from './DeskForm';
import { FailureNotice } from './FailureNotice';
import type { LocalFailure } from '@/lib/domain';

export interface DeskSettingsProps {
  desks: DeskSummary[];
  desksLoaded: boolean;
  /** The list could not be read: said, with Try again, in place of Add a desk. */
  failed?: LocalFailure;
  onRetry(): Promise<void>;
  /** Forms by desk id, and `newKey` for the desk being added. */
  forms: Record<string, DeskFormView>;
  open: string | null;
  newKey: string;
  /** What an empty timeout means. */
  defaultTimeoutS: number;
  onAdd(): void;
  onEdit(id: string): void;
  onClose(): void;
  onChange(key: string, patch: Partial<DeskInput>): void;
  onTest(key: string): void;
  onSave(key: string): void;
  onSignIn(key: string): void;
  onRemove(id: string): void;
}

type Status = 'ready' | 'connected' | 'needsSignIn' | 'problem';
const STATUS: Record<Status, MessageKey> = {
  ready: 'settings.desk.status.ready',
  connected: 'settings.desk.status.connected',
  needsSignIn: 'settings.desk.status.needsSignIn',
  problem: 'settings.desk.status.problem',
};

/** The last test in this page wins; otherwise whether the desk has what it needs to sign in. */
function statusOf(desk: DeskSummary, form: DeskFormView | undefined): Status {
  if (form?.error) return 'problem';
  if (form?.result) return 'connected';
  return desk.authMode !== 'session' && !desk.hasToken ? 'needsSignIn' : 'ready';
}

/** The address as people read it: host and path, without the scheme. */
const shortAddress = (baseUrl: string) => baseUrl.replace(/^https?:\/\//, '');

function DeskRow({ desk, form, open, ...on }: { desk: DeskSummary; form?: DeskFormView; open: boolean; onEdit(): void; onRemove(): void }) {
  const [confirming, setConfirming] = useState(false);
  const status = statusOf(desk, form);
  const who = desk.user?.displayName ?? desk.email;
  const address = shortAddress(desk.baseUrl);
  return (
    <div className="desk__row">
      <div className="desk__main">
        <span className="desk__kind">{t(KIND_NAME[desk.kind])}</span>
        <span className="desk__name">
          {desk.name} {desk.managed && <Locked />}
        </span>
        {(address !== desk.name || who) && (
          <span className="desk__meta">
            {address !== desk.name && <span>{address}</span>}
            {who && <span>{t('settings.desk.you', { name: who })}</span>}
          </span>
        )}
      </div>
      <span className={`desk__status desk__status--${status}`}>{t(STATUS[status])}</span>
      {confirming ? (
        <div className="desk__confirm" role="group" aria-label={t('settings.desk.removeLabel', { name: desk.name })}>
          <p>{t('settings.desk.removeConfirm', { name: desk.name })}</p>
          {/* Not removed (the background did not answer, the storage failed): said here, where it was asked. */}
          {form?.removeError && form.busy !== 'removing' && <ErrorNotice error={form.removeError} />}
          <div className="actions">
            <button
              type="button"
              className="button button--danger button--small"
              onClick={() => form?.busy !== 'removing' && on.onRemove()}
              aria-disabled={form?.busy === 'removing' || undefined}
            >
              {t('settings.desk.removeYes')}
            </button>
            <button type="button" className="button button--small" autoFocus onClick={() => setConfirming(false)}>
              {t('settings.desk.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="desk__actions">
          <button
            type="button"
            className="button button--small"
            aria-expanded={open}
            aria-label={t('settings.desk.editLabel', { name: desk.name })}
            onClick={on.onEdit}
          >
            {t('settings.desk.edit')}
          </button>
          {!desk.managed && (
            <button type="button" className="button button--small button--quiet" aria-label={t('settings.desk.removeLabel', { name: desk.name })} onClick={() => setConfirming(true)}>
              {t('settings.desk.remove')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The desks in effect, each editable in place, and one more to add. */
export function DeskSettings(props: DeskSettingsProps) {
  const { desks, forms, open, newKey } = props;
  // A removed desk's row goes with the focused button in it: the focus goes on to "Add a desk"
  // (or the card's title), not to the page.
  const removed = useRef<string | undefined>(undefined);
  const add = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const id = removed.current;
    if (!id || desks.some((d) => d.id === id)) return;
    removed.current = undefined;
    if (document.activeElement && document.activeElement !== document.body) return;
    (add.current ?? title.current)?.focus();
  }, [desks]);
  const formFor = (key: string, saved?: DeskSummary) => {
    const form = forms[key];
    if (!form) return null;
    return (
      <DeskForm
        key={key}
        form={form}
        saved={saved}
        keepsSecret={Boolean(keptAuth(saved, form.input))}
        defaultTimeoutS={props.defaultTimeoutS}
        onChange={(patch) => props.onChange(key, patch)}
        onTest={() => props.onTest(key)}
        onSave={() => props.onSave(key)}
        onSignIn={() => props.onSignIn(key)}
        onClose={props.onClose}
      />
    );
  };

  return (
    <section className="settings-card" aria-labelledby="desk-title">
      <h2 id="desk-title" tabIndex={-1} ref={title}>
        {t('settings.desk.title')}
      </h2>
      <p className="muted">{t('settings.desk.intro')}</p>
      <div id="desks" className="desks" aria-busy={!props.desksLoaded}>
        {!props.desksLoaded && <Spinner label={t('settings.desks.loading')} />}
        <FailureNotice part="desks" failure={props.failed} onRetry={props.onRetry} />
        {desks.length > 0 && (
          <ul className="desk-list" aria-label={t('settings.desks.list')}>
            {desks.map((desk) => (
              <li key={desk.id} className={`desk${open === desk.id ? ' desk--open' : ''}`}>
                <DeskRow
                  desk={desk}
                  form={forms[desk.id]}
                  open={open === desk.id}
                  onEdit={() => (open === desk.id ? props.onClose() : props.onEdit(desk.id))}
                  onRemove={() => {
                    removed.current = desk.id;
                    props.onRemove(desk.id);
                  }}
                />
                {open === desk.id && formFor(desk.id, desk)}
              </li>
            ))}
          </ul>
        )}
        {open === newKey ? (
          <div className="desk desk--open desk--new">
            <h3 className="desk__title">{t('settings.desk.new')}</h3>
            {formFor(newKey)}
          </div>
        ) : (
          props.desksLoaded &&
          !props.failed && (
            <button type="button" className="button desks__add" ref={add} onClick={props.onAdd}>
              <span aria-hidden="true">+</span> {t('settings.desks.add')}
            </button>
          )
        )}
      </div>
    </section>
  );
}
