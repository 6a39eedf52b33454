import type { ReactNode } from 'react';
import type { Preferences } from '@/lib/settings/preferences';
import { t } from '@/lib/i18n';
import { Locked } from '../common/Locked';

const INTERVALS = [1, 2, 5, 15, 30];

/** `notice`: what could not be read or kept of these settings, said under the title. */
export function NotificationSettings({ prefs, locked, notice, onChange }: { prefs: Preferences | null; locked?: boolean; notice?: ReactNode; onChange(patch: Partial<Preferences>): void }) {
  const off = !prefs || locked;
  const intervals = prefs && !INTERVALS.includes(prefs.intervalMin) ? [...INTERVALS, prefs.intervalMin].sort((a, b) => a - b) : INTERVALS;
  return (
    <section className="settings-card" aria-labelledby="notify-title">
      <h2 id="notify-title">
        {t('settings.notifications.title')} {locked && <Locked />}
      </h2>
      {notice}
      <label className="radio">
        <input
          type="checkbox"
          checked={prefs?.notifications ?? true}
          disabled={off}
          onChange={(e) => onChange({ notifications: e.target.checked })}
        />
        {t('settings.notifications.label')}
      </label>
      <div className="field">
        <label htmlFor="interval" className="field__label">
          {t('settings.notifications.interval')}
        </label>
        <select id="interval" value={prefs?.intervalMin ?? 2} disabled={off} onChange={(e) => onChange({ intervalMin: Number(e.target.value) })}>
          {intervals.map((n) => (
            <option key={n} value={n}>
              {t('settings.notifications.minutes', { n })}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
