import { createBackground } from '@/lib/background/handlers';
import { createReporter, menuSpecs } from '@/lib/background/reporter';
import { activeTabId, onCommand, onMenuClicked, openReportWindow, registerMenus } from '@/lib/platform/menus';
import { createRouter, isOwnPage } from '@/lib/messaging/router';
import { captureTab } from '@/lib/platform/capture';
import { blobStore } from '@/lib/platform/blobs';
import { draftsLock } from '@/lib/platform/drafts-lock';
import { extensionIdentity, hasOrigin, onMessage, openOptions, openUrl, releaseOrigin } from '@/lib/platform/runtime';
import { blobOwners, catalogItem, desksItem, draftShelf, fieldsItem, landedItem, nudgesItem, outboxItem, preferencesItem, readSettings, reportItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';
import { sweepBlobs } from '@/lib/requests/blobs';
import { createDrafts } from '@/lib/requests/draft';
import { createAlarms, notify, NUDGE_ALARM, onNotificationClicked, onStartup, OUTBOX_ALARM, showBadge, SYNC_ALARM } from '@/lib/platform/surfaces';
import { urlOfNotification } from '@/lib/tracking/notify';
import { badgeTitle } from '@/lib/tracking/snapshot';
import { ratingOffersItem, ratingOutboxItem } from '@/lib/platform/storage';
import { onNotificationButtonClicked, RATING_ALARM } from '@/lib/platform/surfaces';
import { rateUrlOfNotification } from '@/lib/tracking/notify';
import { signIn } from '@/lib/desks/zendesk/oauth';
import { launchAuthFlow, redirectUrl } from '@/lib/platform/identity';
import { IDLE_AFTER_S, onIdleStateChanged, queryIdle, setDetectionInterval } from '@/lib/platform/idle';

export default defineBackground(() => {
  const { id, origin } = extensionIdentity();
  const listUrl = `${origin}/popup.html#requests`;
  const alarms = createAlarms();
  const { handlers, tracker, outbox, nudges, ratings } = createBackground({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    desks: desksItem,
    catalog: catalogItem,
    fields: fieldsItem,
    snapshot: snapshotItem,
    syncState: syncStateItem,
    preferences: preferencesItem,
    capture: captureTab,
    hasOrigin,
    releaseOrigin,
    settings: readSettings,
    showBadge: (state) => showBadge(state, badgeTitle(state)),
    notify,
    schedule: (delayMs) => alarms.schedule(SYNC_ALARM, delayMs),
    idleState: () => queryIdle(IDLE_AFTER_S),
    outbox: outboxItem,
    landed: landedItem,
    blobs: blobStore,
    newId: () => crypto.randomUUID(),
    scheduleOutbox: (delayMs) => alarms.schedule(OUTBOX_ALARM, delayMs),
    ratingOffers: ratingOffersItem,
    ratingOutbox: ratingOutboxItem,
    scheduleRatings: (delayMs) => alarms.schedule(RATING_ALARM, delayMs),
    nudges: nudgesItem,
    scheduleNudges: (delayMs) => alarms.schedule(NUDGE_ALARM, delayMs),
    drafts: createDrafts(draftShelf, () => Date.now(), draftsLock),
    listUrl,
    // Zendesk accounts that allow only OAuth: the browser's own sign-in window, with PKCE.
    oauthSignIn: (config) =>
      signIn({ fetch: (input, init) => fetch(input, init), launch: launchAuthFlow, redirectUri: redirectUrl() }, { baseUrl: config.baseUrl, clientId: config.oauthClientId ?? '' }),
  });
  const reporter = createReporter({
    capture: captureTab,
    catalog: catalogItem,
    settings: readSettings,
    preferences: preferencesItem,
    report: reportItem,
    openWindow: openReportWindow,
    openOptions,
    now: () => Date.now(),
  });
  onMessage(createRouter(handlers, (sender) => isOwnPage(sender, id, origin)));
  alarms.on(SYNC_ALARM, () => void tracker.due().catch(() => undefined));
  // Nobody at a locked or idle machine: no polling; back at it, a look within seconds.
  setDetectionInterval(IDLE_AFTER_S);
  onIdleStateChanged((state) => void tracker.idleChanged(state));
  alarms.on(OUTBOX_ALARM, () => void outbox.flush());
  alarms.on(RATING_ALARM, () => void ratings.flush());
  alarms.on(NUDGE_ALARM, () => void nudges.flush());
  onStartup(() => {
    void tracker.restore();
    void outbox.flush();
    void ratings.flush();
    void nudges.flush();
    void registerMenus(menuSpecs());
    // Screenshots and files no draft, reply or outbox entry names any more (a write cut short).
    void sweepBlobs(blobStore, blobOwners).catch(() => undefined);
  });
  onMenuClicked((click, tab) => void reporter.onMenuClick(click, tab));
  onCommand(async (command, tab) => void reporter.onCommand(command, tab ?? { id: await activeTabId() }));
  onNotificationClicked((notificationId) => {
    const url = urlOfNotification(notificationId);
    if (url) void openUrl(url);
  });
  // "Rate" on a done request's notification: the popup's rating for it, in a tab.
  onNotificationButtonClicked((notificationId) => {
    void snapshotItem.getValue().then((snapshot) => {
      const url = rateUrlOfNotification(notificationId, snapshot?.requests ?? [], listUrl);
      if (url) void openUrl(url);
    });
  });
});
