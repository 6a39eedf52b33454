import type { Preferences } from '@/lib/settings/preferences';
import { t } from '@/lib/i18n';

const INTERVALS = [1, 2, 5, 15, 30];

export function NotificationSettings({ prefs, onChange }: { prefs: Preferences | null; onChange(patch: Partial<Preferences>): void }) {
  return (
    <section className="settings-card" aria-labelledby="notify-title">
      <h2 id="notify-title">{t('settings.notifications.title')}</h2>
      <label className="radio">
        <input
          type="checkbox"
          checked={prefs?.notifications ?? true}
          disabled={!prefs}
          onChange={(e) => onChange({ notifications: e.target.checked })}
        />
        {t('settings.notifications.label')}
      </label>
      <div className="field">
        <label htmlFor="interval" className="field__label">
          {t('settings.notifications.interval')}
        </label>
        <select id="interval" value={prefs?.intervalMin ?? 2} disabled={!prefs} onChange={(e) => onChange({ intervalMin: Number(e.target.value) })}>
          {INTERVALS.map((n) => (
            <option key={n} value={n}>
              {t('settings.notifications.minutes', { n })}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
