import type { SubmitOutcome } from '@/lib/requests/submit';
import { t } from '@/lib/i18n';

export function SentView({ outcome, onOpen, onAnother }: { outcome: SubmitOutcome; onOpen(url: string): void; onAnother(): void }) {
  return (
    <section className="sent" aria-labelledby="sent-title">
      <div className="sent__check" aria-hidden="true">
        ✓
      </div>
      <h1 id="sent-title" className="sent__title">
        {t('sent.title', { key: outcome.ticket.key, department: outcome.departmentName })}
      </h1>
      <p className="sent__next">{t('sent.next', { department: outcome.departmentName })}</p>
      {outcome.dropped.length > 0 && (
        <p className="notice notice--warning" role="alert">
          {t('sent.dropped', { fields: outcome.dropped.join(', ') })}
        </p>
      )}
      {!outcome.confirmed && <p className="notice notice--warning">{t('sent.unconfirmed')}</p>}
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
