import type { ReactNode } from 'react';
import type { Department } from '@/lib/domain';
import { t } from '@/lib/i18n';
import type { Preferences } from '@/lib/settings/preferences';
import type { RouteRef } from '@/lib/settings/policy';
import { Locked } from '../common/Locked';

export interface RouteSettingsProps {
  departments: Department[];
  route: Preferences['pageProblemRoute'];
  /** The administrator's route, by name: shown locked instead of the choice. */
  managed?: RouteRef;
  /** The user's preferences not read yet (or not readable): shown, not editable until they are. */
  unread?: boolean;
  /** What could not be kept of this setting, said under the title. */
  notice?: ReactNode;
  onChange(route: Preferences['pageProblemRoute']): void;
}

export function RouteSettings({ departments, route, managed, unread, notice, onChange }: RouteSettingsProps) {
  const fixed = managed && departments.find((d) => d.name.toLowerCase() === managed.department.toLowerCase());
  const value = fixed ? `${fixed.deskId}|${fixed.id}` : route ? `${route.deskId}|${route.departmentId}` : '';
  return (
    <section className="settings-card" aria-labelledby="route-title">
      <h2 id="route-title">
        {t('settings.route.title')} {managed && <Locked />}
      </h2>
      {notice}
      <div className="field">
        <label htmlFor="route" className="field__label">
          {t('settings.route.label')}
        </label>
        <select
          id="route"
          value={value}
          disabled={Boolean(managed) || unread}
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
