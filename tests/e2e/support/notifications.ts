// What the extension shows as desktop notifications: the API cannot read their text back, so
// the service worker's `notifications.create` is wrapped to record each call.
import type { Launched } from './browser';

export async function recordNotifications(app: Launched): Promise<void> {
  await app.worker.evaluate(() => {
    const created: unknown[] = [];
    (self as any).shownNotifications = created;
    const original = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (...args: any[]) => {
      created.push(args);
      return original(...args);
    };
  });
}

/** Every notification shown so far, as `[id, options]`. */
export function shownNotifications(app: Launched): Promise<[string, { title: string; message: string }][]> {
  return app.worker.evaluate(() => (self as any).shownNotifications);
}
