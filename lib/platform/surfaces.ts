// The toolbar badge, the sync alarm and desktop notifications: small wrappers so the
// background's logic receives them as parameters.
import { browser } from 'wxt/browser';
import type { BadgeState } from '../tracking/snapshot';
import type { NotificationSpec } from '../tracking/notify';

export const SYNC_ALARM = 'instant-desk-sync';
export const OUTBOX_ALARM = 'instant-desk-outbox';

const COLOR = { normal: '#2456d6', marked: '#d9480f' };

export async function showBadge(state: BadgeState): Promise<void> {
  await browser.action.setBadgeText({ text: state.text });
  await browser.action.setBadgeBackgroundColor({ color: state.marked ? COLOR.marked : COLOR.normal });
  await browser.action.setTitle({ title: state.marked ? 'Instant Desk: a request has an update' : 'Instant Desk' });
}

export async function scheduleAlarm(name: string, delayMs: number): Promise<void> {
  await browser.alarms.create(name, { when: Date.now() + delayMs });
}

export function onAlarm(name: string, listener: () => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) listener();
  });
}

export async function notify(specs: NotificationSpec[]): Promise<void> {
  const icon = browser.runtime.getURL('/icon/128.png');
  for (const spec of specs) {
    await browser.notifications.create(spec.id, { type: 'basic', iconUrl: icon, title: spec.title, message: spec.message });
  }
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
