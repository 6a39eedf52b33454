import type { ReactNode } from 'react';
import type { DeskError } from '@/lib/domain';
import { describeError, type NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner" role="status" aria-live="polite">
      <span className="spinner__dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/**
 * Send again or let it go, with a spinner saying what is under way while a send (or a take-back)
 * runs; the buttons stay where they are, marked busy, so the one pressed keeps the keyboard focus.
 * `fix` is what has to happen before sending again can work (sign in, open the settings): it
 * comes first and is the primary action, sending again the secondary one.
 */
export function RetryActions(p: { className: string; busy: boolean; busyLabel: string; retry: string; drop?: string; small?: boolean; onRetry(): void; onDrop?(): void; fix?: { label: string; run(): void } }) {
  const size = p.small ? ' button--small' : '';
  const busy = p.busy || undefined;
  /** A press while busy does nothing (the button is marked, not disabled, so it keeps the focus). */
  const unlessBusy = (run: () => void) => () => {
    if (!p.busy) run();
  };
  return (
    <div className={p.className}>
      {p.busy && <Spinner label={p.busyLabel} />}
      {p.fix && (
        <button type="button" className={`button${size} button--primary`} aria-disabled={busy} onClick={unlessBusy(p.fix.run)}>
          {p.fix.label}
        </button>
      )}
      <button type="button" className={`button${size}${p.fix ? '' : ' button--primary'}`} aria-disabled={busy} onClick={unlessBusy(p.onRetry)}>
        {p.retry}
      </button>
      {p.drop && p.onDrop && (
        <button type="button" className={`button${size}`} aria-disabled={busy} onClick={unlessBusy(p.onDrop)}>
          {p.drop}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children}
    </div>
  );
}

const ACTION_LABEL: Record<NextAction, Parameters<typeof t>[0]> = {
  retry: 'action.retry',
  settings: 'action.settings',
  signin: 'action.signin',
  grant: 'action.grant',
};

/**
 * An error in plain words and its one next action. `onRetry` is what "Try again" does here (send
 * the reply again, read the fields again, …); without it, "Try again" goes to `onAction`. `lead`
 * names what it is about (a desk), before the message.
 */
export function ErrorNotice({ error, onAction, onRetry, lead }: { error: DeskError; onAction?: (action: NextAction, error: DeskError) => void; onRetry?: () => void; lead?: string }) {
  const { message, action } = describeError(error);
  const run = action === 'retry' && onRetry ? onRetry : action && onAction ? () => onAction(action, error) : undefined;
  return (
    <div className="notice notice--error" role="alert">
      <p>
        {lead && <strong>{lead} </strong>}
        {message}
      </p>
      {action && run && (
        <button type="button" className="button button--small" onClick={run}>
          {t(ACTION_LABEL[action])}
        </button>
      )}
    </div>
  );
}
