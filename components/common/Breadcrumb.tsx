import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';

/** "← Back" above the screen's title; the title's id labels the screen. */
export function Breadcrumb({ back, onBack, titleId, children }: { back: string; onBack(): void; titleId: string; children: ReactNode }) {
  return (
    <nav className="breadcrumb" aria-label={t('form.breadcrumb')}>
      <button type="button" className="link-button" onClick={onBack}>
        ← {back}
      </button>
      <h1 id={titleId} className="breadcrumb__title">
        {children}
      </h1>
    </nav>
  );
}
