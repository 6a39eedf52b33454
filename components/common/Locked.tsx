import { t } from '@/lib/i18n';

/** Marks a setting the administrator fixed through policy. */
export function Locked() {
  return (
    <span className="locked">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path fill="currentColor" d="M8 1.5A3.5 3.5 0 0 0 4.5 5v2H4a1 1 0 0 0-1 1v5.5a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V5A3.5 3.5 0 0 0 8 1.5ZM6 5a2 2 0 1 1 4 0v2H6V5Z" />
      </svg>
      {t('policy.locked')}
    </span>
  );
}
