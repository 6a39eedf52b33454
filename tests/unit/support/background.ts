// The background as the tests run it: every dependency given, storage from WXT's fake browser
// (the real storage items), nothing shown and nothing scheduled; each test overrides what it checks.
import type { BackgroundDeps } from '@/lib/background/handlers';
import { ratingOffersItem, ratingOutboxItem } from '@/lib/platform/storage';
import { catalogItem, desksItem, fieldsItem, nudgesItem, outboxItem, preferencesItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';

export function backgroundDeps(overrides: Partial<BackgroundDeps> & Pick<BackgroundDeps, 'fetch'>): BackgroundDeps {
  return {
    now: () => 1_700_000_000_000,
    desks: desksItem,
    catalog: catalogItem,
    fields: fieldsItem,
    capture: async () => ({ browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } }),
    hasOrigin: async () => true,
    snapshot: snapshotItem,
    syncState: syncStateItem,
    preferences: preferencesItem,
    showBadge: async () => undefined,
    notify: async () => undefined,
    schedule: async () => undefined,
    listUrl: 'chrome-extension://id/popup.html#requests',
    outbox: outboxItem,
    newId: () => 'client-1',
    scheduleOutbox: async () => undefined,
    ratingOffers: ratingOffersItem,
    ratingOutbox: ratingOutboxItem,
    scheduleRatings: async () => undefined,
    nudges: nudgesItem,
    scheduleNudges: async () => undefined,
    zone: () => 'UTC',
    ...overrides,
  };
}
