import { useEffect, useRef } from 'react';
import type { DeskError } from '@/lib/domain';
import { describeError, type NextAction } from '@/lib/i18n/describe';
import { holds } from '@/lib/requests/outbox';
import type { SubmitOutcome } from '@/lib/requests/submit';
import { listOf, partsOf, t } from '@/lib/i18n';
import { RetryActions } from '../common/Notice';

/**
 * The answer to a send replaces the form the focus was in: its heading takes the focus, so the
 * keyboard goes on from here and a screen reader says what became of the request.
 */
function useFocusOnShow<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export interface SentExpectation {
  /** The department card's first-response promise ("within 4 hours"). */
  promise?: string;
  /** "Mon 9:00" while the department is closed. */
  opens?: string;
}

export function SentView({ outcome, expectation, onOpen, onAnother }: { outcome: SubmitOutcome; expectation?: SentExpectation; onOpen(url: string): void; onAnother(): void }) {
  const heading = useFocusOnShow<HTMLHeadingElement>();
  return (
    <section className="sent" aria-labelledby="sent-title">
      <div className="sent__check" aria-hidden="true">
        ✓
      </div>
      <h1 id="sent-title" className="sent__title" tabIndex={-1} ref={heading}>
        {t('sent.title', { key: outcome.ticket.key, department: outcome.departmentName })}
      </h1>
      <p className="sent__next">{t('sent.next', { department: outcome.departmentName })}</p>
      {(expectation?.promise || expectation?.opens) && (
        <p className="sent__expect">
          {partsOf([expectation.promise && t('sent.expect', { department: outcome.departmentName, promise: expectation.promise }), expectation.opens && t('card.closed', { time: expectation.opens })])}
        </p>
      )}
      {outcome.dropped.length > 0 && (
        <p className="notice notice--warning" role="alert">
          {t('sent.dropped', { fields: listOf(outcome.dropped) })}
        </p>
      )}
      {!outcome.confirmed && <p className="notice notice--warning">{t('sent.unconfirmed')}</p>}
      {outcome.pendingAttachments?.length ? (
        <p className="notice notice--warning" role="status">
          {t('sent.pendingFiles', { files: listOf(outcome.pendingAttachments) })}
        </p>
      ) : null}
      <div className="sent__actions">
        <a
          className="button button--primary"
          href={outcome.ticket.url}
          target="_blank"
          rel="noreferrer"
          onClick={(e) => {
            e.preventDefault();
            onOpen(outcome.ticket.url);
          }}
        >
          {t('sent.open')}
        </a>
        <button type="button" className="button" onClick={onAnother}>
          {t('sent.another')}
        </button>
      </div>
    </section>
  );
}

export interface QueuedViewProps {
  departmentName: string;
  error: DeskError;
  nextAt?: number;
  now: number;
  /** Sending again, or taking it back (the desk is asked first). */
  busy: false | 'retry' | 'cancel';
  onRetry(): void;
  onCancel(): void;
  onAction(action: NextAction, error: DeskError): void;
}

/**
 * Kept safe in the outbox: what happened, and either when it is tried again or what the user
 * must fix first (it waits for them: signing in, the settings); then the ways out.
 */
export function QueuedView({ departmentName, error, nextAt, now, busy, onRetry, onCancel, onAction }: QueuedViewProps) {
  const { message, action } = describeError(error);
  // Held: not retried on its own (no next try), for an error only the user can clear.
  const held = nextAt === undefined && holds(error);
  // Not a countdown (this view does not tick): short waits read "shortly", longer ones in minutes.
  const minutes = nextAt ? Math.round((nextAt - now) / 60_000) : undefined;
  const heading = useFocusOnShow<HTMLHeadingElement>();
  return (
    <section className="sent" aria-labelledby="queued-title">
      <div className="sent__check sent__check--queued" aria-hidden="true">
        ⏱
      </div>
      <h1 id="queued-title" className="sent__title" tabIndex={-1} ref={heading}>
        {t(held ? 'sent.held.title' : 'sent.queued.title')}
      </h1>
      <p className="sent__next">{t(held ? 'sent.held.body' : 'sent.queued.body', { department: departmentName })}</p>
      <p className="notice notice--warning" role="status">
        {message}
        {minutes !== undefined && ` ${t('sent.queued.next', { when: minutes >= 1 ? t('time.inMinutes', { n: minutes }) : t('time.soon') })}`}
      </p>
      <RetryActions
        className="sent__actions"
        busy={Boolean(busy)}
        busyLabel={t(busy === 'cancel' ? 'outbox.checking' : 'form.sending')}
        retry={t('outbox.retry')}
        drop={t('outbox.cancel')}
        onRetry={onRetry}
        onDrop={onCancel}
        fix={held && action && action !== 'retry' ? { label: t(action === 'signin' ? 'action.signin' : 'action.settings'), run: () => onAction(action, error) } : undefined}
      />
    </section>
  );
}
