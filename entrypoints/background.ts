import { createBackground } from '@/lib/background/handlers';
import { createRouter, isOwnPage } from '@/lib/messaging/router';
import { captureTab } from '@/lib/platform/capture';
import { extensionIdentity, hasOrigin, onMessage, openUrl } from '@/lib/platform/runtime';
import { catalogItem, desksItem, preferencesItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';
import { notify, onNotificationClicked, onStartup, onSyncAlarm, scheduleSync, showBadge } from '@/lib/platform/surfaces';
import { urlOfNotification } from '@/lib/tracking/notify';

export default defineBackground(() => {
  const { id, origin } = extensionIdentity();
  const { handlers, tracker } = createBackground({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    desks: desksItem,
    catalog: catalogItem,
    snapshot: snapshotItem,
    syncState: syncStateItem,
    preferences: preferencesItem,
    capture: captureTab,
    hasOrigin,
    showBadge,
    notify,
    schedule: scheduleSync,
    listUrl: `${origin}/popup.html#requests`,
  });
  const quietly = () => void tracker.sync().catch(() => undefined);
  onMessage(createRouter(handlers, (sender) => isOwnPage(sender, id, origin)));
  onSyncAlarm(quietly);
  onStartup(() => void tracker.restore());
  onNotificationClicked((notificationId) => {
    const url = urlOfNotification(notificationId);
    if (url) void openUrl(url);
  });
});
