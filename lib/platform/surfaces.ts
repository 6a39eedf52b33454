// The toolbar badge, the sync and outbox alarms and desktop notifications: small wrappers so the
// background's logic receives them as parameters.
import { browser } from 'wxt/browser';
import type { BadgeState } from '../tracking/snapshot';
import type { NotificationSpec } from '../tracking/notify';

export const RATING_ALARM = 'instant-desk-rating';
export const SYNC_ALARM = 'instant-desk-sync';
export const OUTBOX_ALARM = 'instant-desk-outbox';
export const NUDGE_ALARM = 'instant-desk-nudge';

const COLOR = { normal: '#2456d6', marked: '#d9480f' };

/** The count, its colour, and the button's tooltip (`title`, in the user's words: lib/tracking's badgeTitle). */
export async function showBadge(state: BadgeState, title: string): Promise<void> {
  await browser.action.setBadgeText({ text: state.text });
  await browser.action.setBadgeBackgroundColor({ color: state.marked ? COLOR.marked : COLOR.normal });
  await browser.action.setTitle({ title });
}

/**
 * Packed Chrome fires an alarm no sooner than 30 s after it is set (a shorter `when` is moved
 * to 30 s); unpacked Chrome and Firefox keep any delay. Our 2-16 s outbox retries would all
 * become 30 s in the build users install.
 * https://developer.chrome.com/docs/extensions/reference/api/alarms#type-AlarmCreateInfo
 */
export const MIN_ALARM_MS = 30_000;

export interface Alarms {
  /** Runs the named alarm's listener in `delayMs`; a later call replaces an earlier one. */
  schedule(name: string, delayMs: number): Promise<void>;
  on(name: string, listener: () => void): void;
}

/**
 * Alarms that keep the delay they are given, packed or not. A delay under MIN_ALARM_MS runs on
 * a timer in this worker (it was just busy, so it is still alive then), and the alarm, set at
 * the minimum, is the durable fallback should the worker be stopped first: a listener may then
 * run once more than asked, which ours allow (a sync runs one at a time and sets its next
 * alarm; a flush finds nothing due). Created once in the background's main(): its timers live
 * and die with the worker, and the alarms in the browser outlive both.
 */
export function createAlarms(): Alarms {
  const listeners = new Map<string, () => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  browser.alarms.onAlarm.addListener((alarm) => listeners.get(alarm.name)?.());
  return {
    async schedule(name, delayMs) {
      clearTimeout(timers.get(name));
      timers.delete(name);
      if (delayMs < MIN_ALARM_MS) {
        timers.set(
          name,
          setTimeout(() => {
            timers.delete(name);
            listeners.get(name)?.();
          }, Math.max(0, delayMs)),
        );
      }
      await browser.alarms.create(name, { when: Date.now() + Math.max(delayMs, MIN_ALARM_MS) });
    },
    on(name, listener) {
      listeners.set(name, listener);
    },
  };
}

export async function notify(specs: NotificationSpec[]): Promise<void> {
  const icon = browser.runtime.getURL('/icon/128.png');
  for (const spec of specs) {
    const options = { type: 'basic' as const, iconUrl: icon, title: spec.title, message: spec.message };
    if (!spec.button) {
      await browser.notifications.create(spec.id, options);
      continue;
    }
    // Firefox refuses `buttons` (it may throw at once, not only reject): the notification then
    // goes without it, and My requests asks all the same.
    const withButton = { ...options, buttons: [{ title: spec.button.title }] } as typeof options;
    await Promise.resolve()
      .then(() => browser.notifications.create(spec.id, withButton))
      .catch(() => browser.notifications.create(spec.id, options));
  }
}

/** A notification's button pressed (Chrome only). */
export function onNotificationButtonClicked(listener: (id: string) => void): void {
  browser.notifications.onButtonClicked?.addListener((id) => {
    listener(id);
    void browser.notifications.clear(id);
  });
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener((id) => {
    listener(id);
    void browser.notifications.clear(id);
  });
}

export function onStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
  browser.runtime.onInstalled.addListener(listener);
}
