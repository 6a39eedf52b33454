// Events → desktop notifications: one per request when few, one summary when many.
import { listOf, partsOf, t } from '../i18n';
import { statusText } from '../i18n/time';
import type { TrackedRequest, TrackingEvent } from './snapshot';

export interface NotificationSpec {
  /**
   * `instant-desk|<url to open>`, nothing else: a click needs nothing more, even after a
   * restart. The "Rate" button's address is looked up from it (rateUrlOfNotification), so no
   * second address has to be told apart from the first inside the id.
   */
  id: string;
  title: string;
  message: string;
  /** One button (Chrome; Firefox shows none): "Rate", opening the popup's rating for the request. */
  button?: { title: string; url: string };
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

/** `rateUrl`: where a request's "Rate" button leads, for requests offered a rating now. */
export function notificationsFor(events: TrackingEvent[], listUrl: string, rateUrl?: (request: TrackedRequest) => string | undefined): NotificationSpec[] {
  const byRequest = new Map<string, { subject: string; key: string; url: string; lines: string[]; rate?: string }>();
  for (const e of events) {
    const text = line(e);
    if (!text) continue;
    const k = e.request.ref.url;
    const entry = byRequest.get(k) ?? { subject: e.request.subject, key: e.request.ref.key, url: k, lines: [] };
    entry.lines.push(text);
    entry.rate ??= rateUrl?.(e.request);
    byRequest.set(k, entry);
  }
  const entries = [...byRequest.values()];
  if (entries.length === 0) return [];
  if (entries.length <= MAX_SINGLE) {
    return entries.map((e) => ({
      id: `${NOTIFICATION_PREFIX}${e.url}`,
      title: t('notify.title', { subject: e.subject, key: e.key }),
      message: partsOf(e.lines),
      ...(e.rate ? { button: { title: t('notify.rate'), url: e.rate } } : {}),
    }));
  }
  return [
    {
      id: `${NOTIFICATION_PREFIX}${listUrl}`,
      title: t('notify.many', { count: entries.length }),
      message: entries.map((e) => `${e.subject}: ${listOf(e.lines)}`).join('\n'),
    },
  ];
}

export function urlOfNotification(id: string): string | undefined {
  return id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : undefined;
}

/** Where a request notification's "Rate" leads: that request (found by its address) in the popup's ratings. */
export function rateUrlOfNotification(id: string, requests: readonly { ref: { deskId: string; id: string; url: string } }[], listUrl: string): string | undefined {
  const url = urlOfNotification(id);
  const request = url === undefined ? undefined : requests.find((r) => r.ref.url === url);
  return request ? rateUrlOf(listUrl, `${request.ref.deskId}/${request.ref.id}`) : undefined;
}

/** The popup's rating for one request (opened by the notification's "Rate"). */
export const rateUrlOf = (listUrl: string, key: string): string => {
  const url = new URL(listUrl);
  url.searchParams.set('rate', key);
  return url.href;
};
