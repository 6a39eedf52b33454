import type { ReactNode } from 'react';
import type { DeskError } from '@/lib/domain';
import { describeError, type NextAction } from '@/lib/i18n/describe';
import type { Submission } from '@/lib/requests/outbox';
import { t, type MessageKey } from '@/lib/i18n';
import { relativeTime, statusText } from '@/lib/i18n/time';
import { keyOf, type TrackedRequest } from '@/lib/tracking/snapshot';
import type { ExpectationLine } from '@/lib/tracking/expectations';
import { ExpectLine } from './Expectation';
import { EmptyState, ErrorNotice, RetryActions, Spinner } from '../common/Notice';

export interface RequestsViewProps {
  /** "How did we do?" prompts for requests that are done, shown first. */
  ratings?: ReactNode;
  requests: TrackedRequest[];
  outbox: Submission[];
  retrying?: string;
  /** The request whose "Cancel and edit" is asking the desk now, and why the last one gave nothing back. */
  cancelling?: string;
  cancelNote?: { clientId: string; error: DeskError };
  onRetry(clientId: string): void;
  onCancel(clientId: string): void;
  departmentName(deskId: string, id: string, formId?: string): string | undefined;
  syncing: boolean;
  syncError?: DeskError;
  /** Desks the last look could not reach: their requests are shown as last seen. */
  unreached?: { deskId: string; name: string; error: DeskError }[];
  now: number;
  /** What to expect of each open request, by request key. */
  expectations?: Record<string, { line: ExpectationLine }>;
  onOpen(key: string): void;
  onAction(action: NextAction, error: DeskError): void;
}

const GROUPS: { category: TrackedRequest['category']; title: MessageKey }[] = [
  { category: 'waiting', title: 'requests.waiting' },
  { category: 'open', title: 'requests.open' },
  { category: 'done', title: 'requests.done' },
];

/** Waiting for you · Open · Done: the desk's truth, including requests filed elsewhere. */
export function RequestsView({ ratings, requests, outbox, retrying, cancelling, cancelNote, onRetry, onCancel, departmentName, syncing, syncError, unreached, now, expectations, onOpen, onAction }: RequestsViewProps) {
  return (
    <section className="requests" aria-labelledby="requests-title">
      <div className="requests__head">
        <h1 id="requests-title" className="breadcrumb__title">
          {t('requests.title')}
        </h1>
        {syncing && <Spinner label={t('requests.syncing')} />}
      </div>
      {syncError && !syncing && <ErrorNotice error={syncError} onAction={onAction} />}
      {!syncError &&
        !syncing &&
        unreached?.map((u) => <ErrorNotice key={u.deskId} lead={t('requests.unreached', { desk: u.name })} error={u.error} onAction={onAction} />)}
      {ratings}
      {outbox.length > 0 && (
        <div className="requests__group">
          <h2 className="section-title">
            {t('outbox.heading')} <span className="count">{outbox.length}</span>
          </h2>
          <ul className="rows">
            {outbox.map((s) => (
              <li key={s.clientId} className="row row--queued">
                <span className="row__top">
                  <span className="row__subject">{s.input.draft.subject}</span>
                </span>
                <span className="row__meta">
                  <span className="tag">{departmentName(s.input.draft.deskId, s.input.draft.departmentId) ?? s.input.draft.departmentId}</span>
                  {s.filed ? <span>{t('outbox.filesPending', { key: s.filed.ticket.key })}</span> : s.lastError && <span>{describeError(s.lastError).message}</span>}
                </span>
                {cancelNote?.clientId === s.clientId && (
                  <span className="row__note" role="status">
                    {describeError(cancelNote.error).message}
                  </span>
                )}
                {/* The buttons stay in place while it runs, so the one pressed keeps the focus. Filed
                    already: there is nothing to take back and edit. */}
                <RetryActions
                  className="row__actions"
                  small
                  busy={retrying === s.clientId || cancelling === s.clientId}
                  busyLabel={t(cancelling === s.clientId ? 'outbox.checking' : 'form.sending')}
                  retry={t('outbox.retry')}
                  onRetry={() => onRetry(s.clientId)}
                  {...(s.filed ? {} : { drop: t('outbox.cancel'), onDrop: () => onCancel(s.clientId) })}
                />
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* "No requests yet" only when the desk said so: not beside an error that kept it from saying. */}
      {requests.length === 0 && outbox.length === 0 && !syncing && !syncError && <EmptyState title={t('requests.empty')} />}
      {GROUPS.map(({ category, title }) => {
        const group = requests.filter((r) => r.category === category);
        if (group.length === 0) return null;
        return (
          <div key={category} className="requests__group">
            <h2 className="section-title">
              {t(title)} <span className="count">{group.length}</span>
            </h2>
            <ul className="rows">
              {group.map((r) => (
                <li key={keyOf(r)}>
                  <button type="button" className={`row${r.unseen ? ' row--unseen' : ''}`} onClick={() => onOpen(keyOf(r))}>
                    <span className="row__top">
                      {r.unseen && <span className="dot" role="img" aria-label={t('requests.unseen')} />}
                      <span className="row__subject">{r.subject}</span>
                      <span className="row__key">{r.ref.key}</span>
                    </span>
                    <span className="row__meta">
                      <span className="tag">{departmentName(r.ref.deskId, r.departmentId, r.formId) ?? r.departmentId}</span>
                      <span className={`status status--${r.category}`}>{statusText(r.status)}</span>
                      <span>{t('requests.updated', { when: relativeTime(r.updated, now) })}</span>
                    </span>
                    <ExpectLine line={expectations?.[keyOf(r)]?.line} />
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
