// "How did we do?" for one request that is done: 1 to 5 stars as radio buttons, an optional
// comment, Send, and a one-tap "Not now"; a rating the desk refused, with "Send again" and
// "Discard". Props in, events out.
import { useEffect, useRef } from 'react';
import { RATING_SCORES, type DeskError, type RatingScore } from '@/lib/domain';
import { describeError } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import type { RatingAsk } from '@/lib/requests/rating';
import { RetryActions, Spinner } from '../common/Notice';

export interface RatingPromptProps {
  ask: RatingAsk;
  question: string;
  score?: RatingScore;
  comment: string;
  sending: boolean;
  /** Sent from this popup: thanked, or saved to go when the desk is reachable. */
  result?: 'sent' | 'queued';
  error?: DeskError;
  /** Opened from the notification's "Rate": the stars take the focus. */
  focus: boolean;
  onPick(score: RatingScore): void;
  onComment(text: string): void;
  onSend(): void;
  onDismiss(): void;
  /** A held rating: "Send again", and "Discard". */
  onRetry(): void;
  onDiscard(): void;
}

export function RatingPrompt({ ask, question, score, comment, sending, result, error, focus, onPick, onComment, onSend, onDismiss, onRetry, onDiscard }: RatingPromptProps) {
  const id = `rating-${ask.key.replace(/[^a-z0-9]/gi, '-')}`;
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focus) first.current?.focus();
  }, [focus]);

  if (result === 'sent') return <p className="rating rating--done" role="status">{t('rating.sent')}</p>;
  // Held: the desk refused it (signed out, not the requester's own, set up wrong). Not retried on
  // its own: what happened, and the user's choice to send it again or let it go.
  const held = ask.waiting !== undefined && ask.waiting.nextAt === undefined ? ask.waiting.error : undefined;
  if (held) {
    return (
      <section className="rating rating--held" aria-labelledby={`${id}-q`}>
        <p id={`${id}-q`} className="rating__question">
          {t('rating.held')}
        </p>
        <p className="rating__about">{t('rating.about', { subject: ask.subject })}</p>
        <p className="field__error" role="alert">
          {describeError(error ?? held).message}
        </p>
        <RetryActions className="rating__actions" small busy={sending} busyLabel={t('rating.sending')} retry={t('rating.retry')} drop={t('rating.discard')} onRetry={onRetry} onDrop={onDiscard} />
      </section>
    );
  }
  if (result === 'queued' || (ask.waiting && !error)) {
    return (
      <p className="rating rating--done" role="status">
        {t('rating.queued')}
        {ask.waiting?.error && <span className="muted"> {describeError(ask.waiting.error).message}</span>}
      </p>
    );
  }
  return (
    <form
      className="rating"
      aria-labelledby={`${id}-q`}
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      <p id={`${id}-q`} className="rating__question">
        {question}
      </p>
      <p className="rating__about">{t('rating.about', { subject: ask.subject })}</p>
      <fieldset className="rating__stars">
        <legend className="visually-hidden">{question}</legend>
        {RATING_SCORES.map((n) => (
          <label key={n} className={`rating__star${score !== undefined && n <= score ? ' rating__star--on' : ''}`}>
            <input
              ref={n === 1 ? first : undefined}
              type="radio"
              name={id}
              value={n}
              checked={score === n}
              onChange={() => onPick(n)}
              className="rating__radio"
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t('rating.score', { score: n })}</span>
          </label>
        ))}
      </fieldset>
      <p className="rating__scale" aria-hidden="true">
        <span>{t('rating.score.1')}</span>
        <span>{t('rating.score.5')}</span>
      </p>
      {ask.comment && score !== undefined && (
        <div className="field">
          <label htmlFor={`${id}-comment`} className="field__label">
            {t('rating.comment')}
          </label>
          <textarea id={`${id}-comment`} rows={2} maxLength={1000} value={comment} onChange={(e) => onComment(e.target.value)} />
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {describeError(error).message}
        </p>
      )}
      <div className="rating__actions">
        {sending ? (
          <Spinner label={t('rating.sending')} />
        ) : (
          <>
            <button type="submit" className="button button--small button--primary" disabled={score === undefined} aria-describedby={score === undefined ? `${id}-pick` : undefined}>
              {t('rating.send')}
            </button>
            <button type="button" className="button button--small" onClick={onDismiss}>
              {t('rating.dismiss')}
            </button>
          </>
        )}
        {score === undefined && (
          <span id={`${id}-pick`} className="visually-hidden">
            {t('rating.pick')}
          </span>
        )}
      </div>
    </form>
  );
}
