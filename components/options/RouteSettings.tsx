import type { Department } from '@/lib/desks/types';
import { t } from '@/lib/i18n';
import type { Preferences } from '@/lib/settings/preferences';

export interface RouteSettingsProps {
  departments: Department[];
  route: Preferences['pageProblemRoute'];
  onChange(route: Preferences['pageProblemRoute']): void;
}

export function RouteSettings({ departments, route, onChange }: RouteSettingsProps) {
  const value = route ? `${route.deskId}|${route.departmentId}` : '';
  return (
    <section className="settings-card" aria-labelledby="route-title">
      <h2 id="route-title">{t('settings.route.title')}</h2>
      <div className="field">
        <label htmlFor="route" className="field__label">
          {t('settings.route.label')}
        </label>
        <select
          id="route"
          value={value}
          onChange={(e) => {
            const [deskId, departmentId] = e.target.value.split('|');
            onChange(deskId && departmentId ? { deskId, departmentId } : undefined);
          }}
        >
          <option value="">{t('settings.route.auto')}</option>
          {departments.map((d) => (
            <option key={`${d.deskId}|${d.id}`} value={`${d.deskId}|${d.id}`}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint">{t('settings.shortcuts')}</p>
    </section>
  );
}
