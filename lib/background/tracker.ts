// Keeps "my requests" current: sync, store the snapshot, badge, notifications, next alarm.
// Everything lives in storage, so a service worker killed at any moment loses nothing.
import type { DeskConfig } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { toDeskError } from '../domain';
import type { Preferences, SyncState } from '../settings/preferences';
import { notificationsFor, type NotificationSpec } from '../tracking/notify';
import { nextSyncDelayMs } from '../tracking/schedule';
import { badgeOf, markSeen, openCount, type BadgeState, type Snapshot } from '../tracking/snapshot';
import { syncRequests } from '../tracking/sync';

export interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface TrackerDeps {
  desks: Item<DeskConfig[]>;
  snapshot: Item<Snapshot | null>;
  syncState: Item<SyncState>;
  preferences: Item<Preferences>;
  adapterFor(config: DeskConfig): Promise<DeskAdapter>;
  now(): number;
  showBadge(state: BadgeState): Promise<void>;
  notify(specs: NotificationSpec[]): Promise<void>;
  schedule(delayMs: number): Promise<void>;
  /** Where a summary notification leads: the popup's "My requests" in a tab. */
  listUrl: string;
}

export type Tracker = ReturnType<typeof createTracker>;

export function createTracker(deps: TrackerDeps) {
  // One sync at a time. Only this worker's lifetime: a killed worker takes its sync with it.
  let inflight: Promise<Snapshot | null> | undefined;

  async function run(full: boolean): Promise<Snapshot | null> {
    const [desks, prefs, old] = await Promise.all([deps.desks.getValue(), deps.preferences.getValue(), deps.snapshot.getValue()]);
    if (desks.length === 0) {
      await deps.showBadge({ text: '', marked: false });
      return null;
    }
    try {
      const adapters = await Promise.all(desks.map(async (config) => ({ config, adapter: await deps.adapterFor(config) })));
      const { snapshot, events } = await syncRequests(adapters, old, deps.now(), { full });
      await deps.snapshot.setValue(snapshot);
      await deps.syncState.setValue({ failures: 0 });
      await deps.showBadge(badgeOf(snapshot.requests));
      if (prefs.notifications) await deps.notify(notificationsFor(events, deps.listUrl));
      await deps.schedule(nextSyncDelayMs({ intervalMin: prefs.intervalMin, openRequests: openCount(snapshot.requests), failures: 0 }));
      return snapshot;
    } catch (err) {
      const error = toDeskError(err);
      const failures = (await deps.syncState.getValue()).failures + 1;
      await deps.syncState.setValue({ failures, lastError: error, ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}) });
      await deps.schedule(
        nextSyncDelayMs({ intervalMin: prefs.intervalMin, openRequests: openCount(old?.requests ?? []), failures, retryAfterMs: error.retryAfterMs }),
      );
      throw err;
    }
  }

  return {
    /** `full` also lists every open request (popup open); routine syncs ask only for changes. */
    sync(full = false): Promise<Snapshot | null> {
      inflight ??= run(full).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },

    async seen(key: string): Promise<Snapshot | null> {
      await inflight?.catch(() => undefined); // a sync in flight would write back the old flag
      const snapshot = await deps.snapshot.getValue();
      if (!snapshot) return null;
      const next = { ...snapshot, requests: markSeen(snapshot.requests, key) };
      await deps.snapshot.setValue(next);
      await deps.showBadge(badgeOf(next.requests));
      return next;
    },

    /** After a browser or worker start: the badge from storage, and a sync that is due. */
    async restore(): Promise<void> {
      const [snapshot, prefs] = await Promise.all([deps.snapshot.getValue(), deps.preferences.getValue()]);
      await deps.showBadge(badgeOf(snapshot?.requests ?? []));
      await deps.schedule(nextSyncDelayMs({ intervalMin: prefs.intervalMin, openRequests: openCount(snapshot?.requests ?? []), failures: 0 }) / 4);
    },
  };
}
