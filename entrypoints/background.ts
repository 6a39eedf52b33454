import { createBackground } from '@/lib/background/handlers';
import { createReporter, menuSpecs } from '@/lib/background/reporter';
import { activeTabId, onCommand, onMenuClicked, openReportWindow, registerMenus } from '@/lib/platform/menus';
import { createRouter, isOwnPage } from '@/lib/messaging/router';
import { captureTab } from '@/lib/platform/capture';
import { extensionIdentity, hasOrigin, onMessage, openOptions, openUrl } from '@/lib/platform/runtime';
import { catalogItem, desksItem, preferencesItem, reportItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';
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
  const reporter = createReporter({
    capture: captureTab,
    catalog: catalogItem,
    route: async () => (await preferencesItem.getValue()).pageProblemRoute,
    report: reportItem,
    openWindow: openReportWindow,
    openOptions,
    now: () => Date.now(),
  });
  const quietly = () => void tracker.sync().catch(() => undefined);
  onMessage(createRouter(handlers, (sender) => isOwnPage(sender, id, origin)));
  onSyncAlarm(quietly);
  onStartup(() => {
    void tracker.restore();
    void registerMenus(menuSpecs());
  });
  onMenuClicked((click, tab) => void reporter.onMenuClick(click, tab));
  onCommand(async (command, tab) => void reporter.onCommand(command, tab ?? { id: await activeTabId() }));
  onNotificationClicked((notificationId) => {
    const url = urlOfNotification(notificationId);
    if (url) void openUrl(url);
  });
});
