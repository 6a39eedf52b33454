import { useId, useState } from 'react';
import type { LocalFailure } from '@/lib/domain';
import { t, type MessageKey } from '@/lib/i18n';
import { Spinner } from '../common/Notice';

type Part = 'desks' | 'prefs' | 'config' | 'capture';

const MESSAGE: Record<Part, Partial<Record<LocalFailure, MessageKey>>> = {
  desks: { read: 'settings.failed.desks.read' },
  prefs: { read: 'settings.failed.prefs.read', write: 'settings.failed.prefs.write', full: 'settings.failed.prefs.write' },
  config: { read: 'settings.failed.config.read', write: 'settings.failed.config.write', full: 'settings.failed.config.full' },
  capture: { read: 'settings.failed.config.read', write: 'settings.failed.capture.write', full: 'settings.failed.capture.full' },
};

/**
 * What in this part of the settings could not be read or kept just now, and Try again: marked busy
 * while it runs (kept in place, so it keeps the focus), and said again when it fails again.
 */
export function FailureNotice({ part, failure, onRetry }: { part: Part; failure?: LocalFailure; onRetry(): Promise<void> }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [tries, setTries] = useState(0);
  const key = failure && MESSAGE[part][failure];
  if (!key) return null;
  const retry = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onRetry();
    } finally {
      setBusy(false);
      setTries((n) => n + 1);
    }
  };
  return (
    <div className="notice notice--error" role="alert">
      {/* Given anew after each try, so a failure that stays is said again. */}
      <p key={tries} id={id}>
        {t(key)}
      </p>
      {busy && <Spinner label={t('settings.retrying')} />}
      <button type="button" className="button button--small" aria-describedby={id} aria-disabled={busy || undefined} onClick={() => void retry()}>
        {t('action.retry')}
      </button>
    </div>
  );
}
