import { useState } from 'react';
import type { ContextItem, PageContext } from '@/lib/capture/context';
import { t, type MessageKey } from '@/lib/i18n';
import { Spinner } from '../common/Notice';
import { ScreenshotEditor } from './ScreenshotEditor';

export interface ContextPreviewProps {
  context: PageContext | null;
  capturing: boolean;
  excluded: readonly ContextItem[];
  onToggle(item: ContextItem): void;
  onScreenshot(dataUrl: string): void;
}

const LABEL: Record<ContextItem, MessageKey> = {
  url: 'context.url',
  title: 'context.title',
  selection: 'context.selection',
  link: 'context.link',
  image: 'context.image',
  frame: 'context.frame',
  screenshot: 'context.screenshot',
  browser: 'context.browser',
};

/** "From this page": everything that will be sent, each item removable before sending. */
export function ContextPreview({ context, capturing, excluded, onToggle, onScreenshot }: ContextPreviewProps) {
  const [large, setLarge] = useState(false);
  const items = (['url', 'title', 'selection', 'link', 'image', 'frame', 'browser', 'screenshot'] as const).filter((item) => context?.[item]);
  return (
    <fieldset className="context">
      <legend className="section-title">{t('context.heading')}</legend>
      {capturing && <Spinner label={t('context.capturing')} />}
      {!capturing && items.length === 0 && <p className="context__none">{t('context.none')}</p>}
      <ul className="context__list">
        {items.map((item) => {
          const removed = excluded.includes(item);
          const value = context?.[item] ?? '';
          return (
            <li key={item} className={`chip${removed ? ' chip--removed' : ''}`} data-item={item}>
              <span className="chip__label">{t(LABEL[item])}</span>
              {item === 'screenshot' ? (
                <button type="button" className="chip__thumb" onClick={() => setLarge(true)} aria-label={t('context.screenshot.open')}>
                  <img src={value} alt="" />
                </button>
              ) : (
                <span className="chip__value" title={value}>
                  {value}
                </span>
              )}
              <button
                type="button"
                className="chip__toggle"
                onClick={() => onToggle(item)}
                aria-pressed={removed}
                aria-label={t(removed ? 'context.include' : 'context.remove', { item: t(LABEL[item]) })}
              >
                {removed ? t('context.undo') : '×'}
              </button>
            </li>
          );
        })}
      </ul>
      {context && context.redactions > 0 && <p className="context__note">{t('context.redacted', { count: context.redactions })}</p>}
      {context?.gaps.includes('page') && !capturing && <p className="context__note">{t('context.gap.page')}</p>}
      {context?.gaps.includes('screenshot') && !capturing && context.gaps.length === 1 && (
        <p className="context__note">{t('context.gap.screenshot')}</p>
      )}
      {large && context?.screenshot && <ScreenshotEditor src={context.screenshot} onDone={onScreenshot} onClose={() => setLarge(false)} />}
    </fieldset>
  );
}
