import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';

export type Tab = 'new' | 'requests';

export interface PopupShellProps {
  children: ReactNode;
  tab: Tab;
  openCount: number;
  marked: boolean;
  onTab(tab: Tab): void;
  onSettings(): void;
}

/** The popup frame: content above, the bottom bar (New · My requests (n) · settings) below. */
export function PopupShell({ children, tab, openCount, marked, onTab, onSettings }: PopupShellProps) {
  const item = (name: Tab) => `bottom-bar__item${tab === name ? ' bottom-bar__item--current' : ''}`;
  return (
    <div className="popup">
      <main className="popup__main">{children}</main>
      <nav className="bottom-bar" aria-label={t('nav.label')}>
        <button type="button" className={item('new')} aria-current={tab === 'new' ? 'page' : undefined} onClick={() => onTab('new')}>
          {t('nav.new')}
        </button>
        <button type="button" className={item('requests')} aria-current={tab === 'requests' ? 'page' : undefined} onClick={() => onTab('requests')}>
          {openCount > 0 ? t('nav.requestsCount', { count: openCount }) : t('nav.requests')}
          {marked && <span className="dot dot--inline" role="img" aria-label={t('requests.unseen')} />}
        </button>
        <button type="button" className="bottom-bar__item bottom-bar__gear" onClick={onSettings} aria-label={t('nav.settings')} title={t('nav.settings')}>
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M11.3 1.5l.4 2.1c.5.2 1 .5 1.4.8l2-.7 1.3 2.3-1.6 1.4a6 6 0 0 1 0 1.6l1.6 1.4-1.3 2.3-2-.7c-.4.3-.9.6-1.4.8l-.4 2.1H8.7l-.4-2.1c-.5-.2-1-.5-1.4-.8l-2 .7-1.3-2.3 1.6-1.4a6 6 0 0 1 0-1.6L3.6 6l1.3-2.3 2 .7c.4-.3.9-.6 1.4-.8l.4-2.1h2.6ZM10 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z" />
          </svg>
        </button>
      </nav>
    </div>
  );
}
