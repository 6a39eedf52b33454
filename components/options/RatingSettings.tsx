import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { Locked } from '../common/Locked';

export interface RatingSettingsProps {
  /** Whether "How did we do?" is asked (the policy's choice, else the user's). */
  enabled: boolean;
  question: string;
  /** Request Tracker: the field the policy names for the score; none, a reply carries it. */
  rtField?: string;
  /** Set by the administrator: shown, not editable. */
  locked: boolean;
  /** The user's preferences not read yet (or not readable): shown, not editable until they are. */
  unread?: boolean;
  /** Whether an RT desk is configured (only then does where RT keeps it matter). */
  rt: boolean;
  /** What could not be kept of this setting, said under the title. */
  notice?: ReactNode;
  onChange(enabled: boolean): void;
}

/** "How did we do?" after a request is done: on or off, and how it is asked. */
export function RatingSettings({ enabled, question, rtField, locked, unread, rt, notice, onChange }: RatingSettingsProps) {
  return (
    <section className="settings-card" aria-labelledby="rating-title">
      <h2 id="rating-title">
        {t('settings.rating.title')} {locked && <Locked />}
      </h2>
      {notice}
      <label className="radio">
        <input type="checkbox" checked={enabled} disabled={locked || unread} onChange={(e) => onChange(e.target.checked)} aria-describedby="rating-question" />
        {t('settings.rating.enabled')}
      </label>
      <p id="rating-question" className="field__hint">
        {t('settings.rating.question', { question })}
        {rt && <>{t('list.parts')}{rtField ? t('settings.rating.rtField', { field: rtField }) : t('settings.rating.rtReply')}</>}
      </p>
    </section>
  );
}
