import type { LocalFailure } from '@/lib/domain';
import { t, type MessageKey } from '@/lib/i18n';

type Part = 'desks' | 'prefs' | 'config';

const MESSAGE: Record<Part, Partial<Record<LocalFailure, MessageKey>>> = {
  desks: { read: 'settings.failed.desks.read' },
  prefs: { read: 'settings.failed.prefs.read', write: 'settings.failed.prefs.write', full: 'settings.failed.prefs.write' },
  config: { read: 'settings.failed.config.read', write: 'settings.failed.config.write', full: 'settings.failed.config.full' },
};

/** What in this part of the settings could not be read or kept just now, and Try again. */
export function FailureNotice({ part, failure, onRetry }: { part: Part; failure?: LocalFailure; onRetry(): void }) {
  const key = failure && MESSAGE[part][failure];
  if (!key) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{t(key)}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('action.retry')}
      </button>
    </div>
  );
}
