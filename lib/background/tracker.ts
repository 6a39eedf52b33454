// Keeps "my requests" current: sync, store the snapshot, badge, notifications, next alarm.
// Everything lives in storage, so a service worker killed at any moment loses nothing.
import type { DeskConfig } from '../domain';
import type { RateLimit } from '../http/client';
import type { DeskAdapter } from '../desks/types';
import { DeskFailure, deskError, toDeskError } from '../domain';
import { serialWrites } from './serial';
import type { Preferences, SyncState } from '../settings/preferences';
import { notificationsFor, rateUrlOf, type NotificationSpec } from '../tracking/notify';
import { nextSyncDelayMs, slowDownUntil, type IdleState } from '../tracking/schedule';
import { badgeOf, duringLook, keyOf, markReplied, markSeen, openCount, unnote, type BadgeState, type Snapshot, type TrackedRequest, type TrackingEvent } from '../tracking/snapshot';
import { syncRequests, type SyncDesk } from '../tracking/sync';

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
  /** Sets the sync alarm; a later call replaces an earlier one. */
  schedule(delayMs: number): Promise<void>;
  /** The machine's idle state (lib/platform/idle.ts); without it the machine counts as active. */
  idleState?(): Promise<IdleState>;
  /** For the schedule's jitter (tests pass a fixed one). */
  random?(): number;
  /** "How did we do?": offers a rating for requests that became done; the keys offered now get a "Rate" button. */
  ratings?: { offer(done: { key: string; ref: TrackedRequest['ref']; subject: string }[]): Promise<Set<string>> };
  /** The lowest rate limit the desks reported since last asked (lib/http's onRateLimit). */
  takeRateLimit?(): RateLimit | undefined;
  /** Where a summary notification leads: the popup's "My requests" in a tab. */
  listUrl: string;
}

export type Tracker = ReturnType<typeof createTracker>;

export function createTracker(deps: TrackerDeps) {
  // One sync at a time. Only this worker's lifetime: a killed worker takes its sync with it.
  let inflight: Promise<Snapshot | null> | undefined;
  const idleState = () => deps.idleState?.() ?? Promise.resolve<IdleState>('active');
  // The sync's outcome and a touch both change the stored sync state and set the alarm from it:
  // one at a time, or one writes back what it read before the other's change (a lost touch, or
  // a lost attempt time), or sets the alarm from a state the other has just replaced (a touch
  // during a sync left the next look 5 minutes away instead of one).
  const { serial } = serialWrites();
  // The stored requests are changed by a look's end and by "seen", one at a time.
  const snapshots = serialWrites();
  /** The badge of the requests as stored now, in turn with their changes (never an older write's). */
  const showStoredBadge = () => snapshots.serial(async () => deps.showBadge(badgeOf((await deps.snapshot.getValue())?.requests ?? [])));

  /** The next wait from what is stored; null while nobody is at the machine. */
  async function plan(state: SyncState, openRequests: number, idle?: IdleState): Promise<number | null> {
    const prefs = await deps.preferences.getValue();
    return nextSyncDelayMs({
      now: deps.now(),
      intervalMin: prefs.intervalMin,
      openRequests,
      idle: idle ?? (await idleState()),
      failures: state.failures,
      lastActivityAt: state.lastActivityAt,
      notBefore: state.notBefore,
      slowUntil: state.slowUntil,
      random: deps.random,
    });
  }

  async function scheduleNext(state: SyncState, openRequests: number): Promise<void> {
    const delay = await plan(state, openRequests);
    // Idle or locked: no alarm; the alarm already set finds the machine idle and sets none.
    if (delay !== null) await deps.schedule(delay);
  }

  async function run(full: boolean): Promise<Snapshot | null> {
    const [desks, prefs, old, state] = await Promise.all([deps.desks.getValue(), deps.preferences.getValue(), deps.snapshot.getValue(), deps.syncState.getValue()]);
    if (desks.length === 0) {
      await deps.showBadge({ text: '', marked: false });
      return null;
    }
    const now = deps.now();
    if (state.notBefore !== undefined && now < state.notBefore) {
      // The desk asked us to wait: not even the popup's look goes out before then.
      await serial(async () => scheduleNext(await deps.syncState.getValue(), openCount(old?.requests ?? [])));
      throw new DeskFailure(deskError('rate-limited', { retryAfterMs: state.notBefore - now }));
    }
    deps.takeRateLimit?.(); // what earlier calls (the popup's, the outbox's) said is not this sync's
    const attempt: SyncState = { failures: state.failures, attemptAt: now, ...(state.lastActivityAt !== undefined ? { lastActivityAt: state.lastActivityAt } : {}) };
    /** The desk said its rate limit is nearly used up: the next routine look waits for its reset. */
    const limited = (): Partial<SyncState> => {
      const slowUntil = slowDownUntil(deps.takeRateLimit?.(), deps.now());
      return slowUntil ? { slowUntil } : {};
    };
    try {
      const adapters = await Promise.all(
        desks.map(async (config): Promise<SyncDesk> => {
          try {
            return { config, adapter: await deps.adapterFor(config) };
          } catch (error) {
            return { config, error };
          }
        }),
      );
      const { snapshot, events, failed } = await syncRequests(adapters, old, now, { full });
      // No desk could be looked at: a failed sync, with its backoff (and a desk's "wait"). Some
      // could: theirs is kept, and the snapshot names the others.
      if (failed.length === desks.length && failed[0]) {
        // The one that asks to wait longest is the one heeded.
        const wait = (f: (typeof failed)[number]) => toDeskError(f.error).retryAfterMs ?? 0;
        throw failed.reduce((a, b) => (wait(b) > wait(a) ? b : a)).error;
      }
      // What the user did while the look ran (opened a request, replied) is kept, not written over.
      let written: Snapshot = snapshot;
      let news = events;
      await snapshots.change(deps.snapshot, (stored) => {
        const merged = duringLook(snapshot.requests, events, old?.requests ?? [], stored?.requests ?? [], deps.now());
        news = merged.events;
        return (written = { ...snapshot, requests: merged.requests });
      });
      await settle({ ...attempt, failures: 0, ...limited() }, openCount(written.requests));
      await showStoredBadge();
      const rated = await offerRatings(news);
      if (prefs.notifications) await deps.notify(notificationsFor(news, deps.listUrl, (r) => (rated.has(keyOf(r)) ? rateUrlOf(deps.listUrl, keyOf(r)) : undefined)));
      return written;
    } catch (err) {
      const error = toDeskError(err);
      await settle(
        {
          ...attempt,
          failures: state.failures + 1,
          lastError: error,
          ...limited(),
          ...(error.retryAfterMs ? { notBefore: now + error.retryAfterMs } : {}),
        },
        openCount(old?.requests ?? []),
      );
      throw err;
    }
  }

  /** Requests that became done are offered a rating (a nicety: never a reason for the sync to fail). */
  async function offerRatings(events: TrackingEvent[]): Promise<Set<string>> {
    const done = events.flatMap((e) => (e.kind === 'status' && e.request.category === 'done' ? [{ key: keyOf(e.request), ref: e.request.ref, subject: e.request.subject }] : []));
    if (done.length === 0 || !deps.ratings) return new Set();
    return deps.ratings.offer(done).catch(() => new Set<string>());
  }

  /** Stores how a sync went, keeping a touch() that came while it ran, and sets the next alarm from that: one step. */
  function settle(next: SyncState, openRequests: number): Promise<void> {
    return serial(async () => {
      const { lastActivityAt } = await deps.syncState.getValue();
      const state = lastActivityAt !== undefined && lastActivityAt > (next.lastActivityAt ?? -Infinity) ? { ...next, lastActivityAt } : next;
      await deps.syncState.setValue(state);
      await scheduleNext(state, openRequests);
    });
  }

  /**
   * Sets the alarm for the next look from the last one; true when one is due now. `back`: the
   * user has just come back to the machine. With nothing open no reply can be waiting for
   * them, so the interval starts again then: time away does not count towards it.
   */
  async function reschedule(idle?: IdleState, back = false): Promise<boolean> {
    const [state, snapshot] = await Promise.all([deps.syncState.getValue(), deps.snapshot.getValue()]);
    const open = openCount(snapshot?.requests ?? []);
    const delay = await plan(state, open, idle);
    if (delay === null) return false;
    const last = back && open === 0 && snapshot ? deps.now() : (state.attemptAt ?? snapshot?.syncedAt);
    const wait = last === undefined ? 0 : last + delay - deps.now();
    if (wait > 0) await deps.schedule(wait);
    return wait <= 0;
  }

  const tracker = {
    /** `full` also lists every open request (popup open); routine syncs ask only for changes. */
    sync(full = false): Promise<Snapshot | null> {
      inflight ??= run(full).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },

    /** The sync alarm: a look, unless nobody is at the machine (then nothing, and no next alarm). */
    async due(): Promise<Snapshot | null> {
      if ((await idleState()) !== 'active') return null;
      return tracker.sync();
    },

    /** The user filed, replied or opened the popup: replies are looked for every minute for a while. */
    async touch(now: number): Promise<void> {
      await serial(async () => {
        const state = await deps.syncState.getValue();
        await deps.syncState.setValue({ ...state, lastActivityAt: now });
        await reschedule();
      });
    },

    /**
     * The machine's idle state changed. Idle or locked: nothing more (the pending alarm finds it
     * idle). Active again: a look now if one came due meanwhile, else the alarm for when it does.
     */
    async idleChanged(state: IdleState): Promise<void> {
      if (state !== 'active') return;
      if (await serial(() => reschedule(state, true))) await tracker.sync().catch(() => undefined);
    },

    /**
     * The user is replying to `key` from the extension: the desk reopening it for that is not
     * announced to them. Gives back the undo, for a reply that was not sent (the note would hide
     * a reopening by staff).
     */
    async replied(key: string): Promise<() => Promise<void>> {
      const at = deps.now();
      let before: number | undefined;
      await snapshots.change(deps.snapshot, (snapshot) => {
        before = snapshot?.requests.find((r) => keyOf(r) === key)?.repliedAt;
        return snapshot && { ...snapshot, requests: markReplied(snapshot.requests, key, at) };
      });
      return async () => {
        await snapshots.change(deps.snapshot, (snapshot) => {
          // Only this note: a later reply's stays.
          if (!snapshot || snapshot.requests.find((r) => keyOf(r) === key)?.repliedAt !== at) return snapshot;
          return { ...snapshot, requests: snapshot.requests.map((r) => (keyOf(r) !== key ? r : unnote(r, before))) };
        });
      };
    },

    async seen(key: string): Promise<Snapshot | null> {
      // At once, not after a look under way: that look's write keeps this mark (duringLook).
      const next = await snapshots.change(deps.snapshot, (snapshot) => snapshot && { ...snapshot, requests: markSeen(snapshot.requests, key) });
      if (next) await showStoredBadge();
      return next;
    },

    /** After a browser or worker start: the badge from storage, and the alarm for the next look. */
    async restore(): Promise<void> {
      await showStoredBadge();
      // Not at once: a starting browser has other things to do, and the network may not be up.
      await serial(async () => {
        if (await reschedule()) await deps.schedule(RESTORE_DELAY_MS);
      });
    },
  };
  return tracker;
}

/** After a start, a look that is due waits this long (Chrome's shortest alarm). */
export const RESTORE_DELAY_MS = 30_000;
