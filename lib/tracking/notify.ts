// Events → desktop notifications: one per request when few, one summary when many.
import { t } from '../i18n';
import { statusText } from '../i18n/time';
import type { TrackingEvent } from './snapshot';

export interface NotificationSpec {
  /** `instant-desk|<url to open>`: the click handler needs nothing else, even after a restart. */
  id: string;
  title: string;
  message: string;
}

export const NOTIFICATION_PREFIX = 'instant-desk|';
export const MAX_SINGLE = 3;

function line(e: TrackingEvent): string | undefined {
  switch (e.kind) {
    case 'status':
      return t('notify.status', { status: statusText(e.to) });
    case 'reply':
      return e.excerpt ? t('notify.reply', { excerpt: e.excerpt }) : t('notify.replyNoText');
    default:
      return undefined; // new and gone are shown in the list, not announced
  }
}

export function notificationsFor(events: TrackingEvent[], listUrl: string): NotificationSpec[] {
  const byRequest = new Map<string, { subject: string; key: string; url: string; lines: string[] }>();
  for (const e of events) {
    const text = line(e);
    if (!text) continue;
    const k = e.request.ref.url;
    const entry = byRequest.get(k) ?? { subject: e.request.subject, key: e.request.ref.key, url: k, lines: [] };
    entry.lines.push(text);
    byRequest.set(k, entry);
  }
  const entries = [...byRequest.values()];
  if (entries.length === 0) return [];
  if (entries.length <= MAX_SINGLE) {
    return entries.map((e) => ({
      id: `${NOTIFICATION_PREFIX}${e.url}`,
      title: t('notify.title', { subject: e.subject, key: e.key }),
      message: e.lines.join(' · '),
    }));
  }
  return [
    {
      id: `${NOTIFICATION_PREFIX}${listUrl}`,
      title: t('notify.many', { count: entries.length }),
      message: entries.map((e) => `${e.subject}: ${e.lines.join(', ')}`).join('\n'),
    },
  ];
}

export function urlOfNotification(id: string): string | undefined {
  return id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : undefined;
}
