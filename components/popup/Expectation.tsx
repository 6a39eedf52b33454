import type { DeskError } from '@/lib/domain';
import type { NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import type { ExpectationLine } from '@/lib/tracking/expectations';
import { ErrorNotice, Spinner } from '../common/Notice';

/** What to expect of a request, or how late it is: the words say it, the colour only repeats them. */
export function ExpectLine({ line }: { line?: ExpectationLine }) {
  if (!line) return null;
  return <span className={`expect${line.late ? ' expect--late' : ''}${line.paused ? ' expect--paused' : ''}`}>{line.text}</span>;
}

export interface NudgeProps {
  state: 'ready' | 'asking' | 'blocked';
  /** Why it cannot be tapped now. */
  reason?: string;
  error?: DeskError;
  onNudge(): void;
}

/** "Ask for an update": one polite comment; after it, held back with the reason beside it. */
export function NudgeButton({ state, reason, error, onNudge, onAction }: NudgeProps & { onAction(action: NextAction, error: DeskError): void }) {
  return (
    <div className="nudge">
      {state === 'asking' ? (
        <Spinner label={t('nudge.asking')} />
      ) : (
        <button
          type="button"
          className="button button--small"
          disabled={state === 'blocked'}
          aria-describedby="nudge-why"
          onClick={onNudge}
        >
          {t('nudge.ask')}
        </button>
      )}
      <span id="nudge-why" className="nudge__why" aria-live="polite">
        {state === 'blocked' ? reason : t('nudge.hint')}
      </span>
      {error && <ErrorNotice error={error} onRetry={onNudge} onAction={onAction} />}
    </div>
  );
}
