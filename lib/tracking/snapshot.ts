// The user's requests as last seen, and what changed between two looks. Pure: the sync
// fetches, this decides.
import type { Activity, DeskError, TicketSummary } from '../domain';
import { t } from '../i18n';
import { trackPauses, type Pause } from './expectations';

export interface TrackedRequest extends TicketSummary, Activity {
  /** Something changed that the user has not looked at yet. */
  unseen: boolean;
  /** When it waited for the user, as seen between looks: the department's clock stood still then. */
  pauses?: Pause[];
  /**
   * What staff said on it is not known yet: first seen open (filed elsewhere, or before the
   * first look) by a look that read only so many. Nothing is said of its first answer
   * meanwhile, and the first read announces nothing (an answer from before is not news).
   */
  activityUnknown?: boolean;
  /**
   * When the user last replied from the extension (this computer's clock): the desk moving the
   * request back to open soon after (RT, JSM and Zendesk do on a requester's reply) is their
   * own doing, not news.
   */
  repliedAt?: number;
  /** When a full look last asked the desk about it, one its open listing left out (see DeskAdapter.summaryOf). */
  askedAt?: number;
}

/** How long after the user's own reply a move back to open is taken for its echo (a desk's automation may lag). */
export const OWN_REPLY_ECHO_MS = 10 * 60_000;
/** How far a desk's clock may be behind this computer's for a change it made after the reply. */
const DESK_SKEW_MS = 5 * 60_000;
/** The desk's `updated` is no earlier than the reply (this computer's `at`), give or take its clock: a change a reply can have caused. */
const after = (updated: string, at: number | undefined) => at === undefined || !(Date.parse(updated) < at - DESK_SKEW_MS);

export interface Snapshot {
  /** Per desk, the adapter's cursor (an ISO time the desk gave): the next sync asks only for what came after. */
  watermarks: Record<string, string>;
  /** Per desk, when it was last looked at with an answer (older snapshots have only `syncedAt`). */
  lookedAt?: Record<string, number>;
  syncedAt: number;
  /** When every open request was last listed (a full look finds deleted ones and lost access). */
  reconciledAt: number;
  requests: TrackedRequest[];
  /**
   * Desks the last look could not reach (signed out, no permission, down): what is known of
   * their requests is kept as it was, and the popup says which desk and why.
   */
  unreached?: { deskId: string; name: string; error: DeskError }[];
}

export type TrackingEvent =
  | { kind: 'new'; request: TrackedRequest }
  | { kind: 'status'; request: TrackedRequest; from: string; to: string }
  | { kind: 'reply'; request: TrackedRequest; author: string; excerpt: string }
  | { kind: 'gone'; request: TrackedRequest };

export const DONE_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

const keyOf = (r: { ref: { deskId: string; id: string } }) => `${r.ref.deskId}/${r.ref.id}`;

/** Ids are opaque (each desk has its own): a reply is new when it is another one, no older than what we knew. */
function newerReply(prev: TrackedRequest, next: Activity): boolean {
  const reply = next.lastStaffReply;
  if (!reply) return false;
  if (prev.lastStaffReply) return reply.id !== prev.lastStaffReply.id && Date.parse(reply.at) >= Date.parse(prev.lastStaffReply.at);
  if (prev.lastTxnId === reply.id) return false;
  // Known only from the listing so far: a reply counts when it came no earlier than what we saw.
  return Date.parse(reply.at) >= Date.parse(prev.updated) - 1000;
}

/**
 * Old snapshot + fresh listing (with activity for the changed ones) → new snapshot + events.
 * `baseline` is the very first look: everything is recorded, nothing is announced.
 * `complete` says the listing holds every open request, so an open one missing from it is gone;
 * otherwise it lists only what changed and the rest is kept as it was.
 */
export function diffRequests(
  old: TrackedRequest[],
  fresh: (TicketSummary & Activity & { activityUnknown?: boolean })[],
  opts: { now: number; baseline: boolean; complete: boolean },
): { requests: TrackedRequest[]; events: TrackingEvent[] } {
  const before = new Map(old.map((r) => [keyOf(r), r]));
  const seen = new Set<string>();
  const events: TrackingEvent[] = [];
  const requests: TrackedRequest[] = [];

  for (const f of fresh) {
    const key = keyOf(f);
    seen.add(key);
    const prev = before.get(key);
    if (!prev) {
      const pauses = trackPauses(undefined, f);
      const request: TrackedRequest = { ...f, unseen: false, ...(pauses ? { pauses } : {}) };
      requests.push(request);
      if (!opts.baseline) events.push({ kind: 'new', request });
      continue;
    }
    const statusChanged = prev.status !== f.status;
    // Read for the first time: a reply from before the request was first seen is not news; one
    // made since it was listed (it changed since) is.
    const replied = prev.activityUnknown ? Boolean(f.lastStaffReply && Date.parse(f.lastStaffReply.at) > Date.parse(prev.updated)) : newerReply(prev, f);
    const pauses = trackPauses(prev, f);
    // Waiting for them, or done, and open again after their own reply: they did that.
    const echo = prev.repliedAt !== undefined && opts.now - prev.repliedAt < OWN_REPLY_ECHO_MS;
    const ownDoing = echo && statusChanged && f.category === 'open' && prev.category !== 'open' && !replied && after(f.updated, prev.repliedAt);
    const request: TrackedRequest = {
      ...prev,
      ...f,
      ...(pauses ? { pauses } : {}),
      lastTxnId: f.lastTxnId ?? prev.lastTxnId,
      lastStaffReply: f.lastStaffReply ?? prev.lastStaffReply,
      unseen: prev.unseen || (statusChanged && !ownDoing) || replied,
    };
    if (!f.activityUnknown) delete request.activityUnknown;
    if (!echo) delete request.repliedAt;
    requests.push(request);
    if (replied && f.lastStaffReply) {
      events.push({ kind: 'reply', request, author: f.lastStaffReply.author, excerpt: f.lastStaffReply.excerpt });
    }
    if (statusChanged && !ownDoing) events.push({ kind: 'status', request, from: prev.status, to: f.status });
  }

  for (const prev of old) {
    if (seen.has(keyOf(prev))) continue;
    if (prev.category === 'done') {
      // Not listed because it did not change: keep it in "Done" for 30 days.
      if (opts.now - Date.parse(prev.updated) < DONE_KEPT_MS) requests.push(prev);
    } else if (opts.complete) {
      // Was open and is no longer listed without a change: deleted, or access lost.
      events.push({ kind: 'gone', request: prev });
    } else {
      requests.push(prev);
    }
  }
  requests.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  return { requests, events };
}

export function openCount(requests: TrackedRequest[]): number {
  return requests.filter((r) => r.category !== 'done').length;
}

export interface BadgeState {
  text: string;
  /** Something new the user has not seen. */
  marked: boolean;
}

export function badgeOf(requests: TrackedRequest[]): BadgeState {
  const count = openCount(requests);
  return { text: count > 0 ? String(count > 99 ? '99+' : count) : '', marked: requests.some((r) => r.unseen) };
}

/** The toolbar button's tooltip for this badge. */
export function badgeTitle(state: BadgeState): string {
  return t(state.marked ? 'badge.title.marked' : 'badge.title');
}

/** `r` with its reply note as it was before (`at`; none when undefined). */
export function unnote(r: TrackedRequest, at: number | undefined): TrackedRequest {
  const rest = { ...r };
  delete rest.repliedAt;
  return at === undefined ? rest : { ...rest, repliedAt: at };
}

/** The user replied to `key` now, from the extension (see `repliedAt`). */
export function markReplied(requests: TrackedRequest[], key: string, now: number): TrackedRequest[] {
  return requests.map((r) => (keyOf(r) === key ? { ...r, repliedAt: now } : r));
}

export function markSeen(requests: TrackedRequest[], key: string): TrackedRequest[] {
  return requests.map((r) => (keyOf(r) === key ? { ...r, unseen: false } : r));
}

/**
 * A look's requests and events as it writes them, with what the user did while it ran (`before`:
 * the stored requests when it began; `stored`: now). A request unseen when it began and seen now
 * stays seen, unless the look brought news of it. A reply the user made meanwhile stays noted,
 * and the desk moving that request back to open, seen by this look, is their own doing: no event,
 * and no unseen mark for it.
 */
export function duringLook(
  next: TrackedRequest[],
  events: TrackingEvent[],
  before: TrackedRequest[],
  stored: TrackedRequest[],
  now: number,
): { requests: TrackedRequest[]; events: TrackingEvent[] } {
  const was = new Map(before.map((r) => [keyOf(r), r]));
  const is = new Map(stored.map((r) => [keyOf(r), r]));
  /** When the user replied to `key` while the look ran (a note written since it began). */
  const repliedMeanwhile = (key: string) => {
    const at = is.get(key)?.repliedAt;
    return at !== undefined && at !== was.get(key)?.repliedAt ? at : undefined;
  };
  const staffReplied = new Set(events.filter((e) => e.kind === 'reply').map((e) => keyOf(e.request)));
  const echo = (e: TrackingEvent) => {
    const key = keyOf(e.request);
    const at = repliedMeanwhile(key);
    return e.kind === 'status' && at !== undefined && now - at < OWN_REPLY_ECHO_MS && e.request.category === 'open' && was.get(key)?.category !== 'open' && !staffReplied.has(key) && after(e.request.updated, at);
  };
  const echoed = new Set(events.filter(echo).map((e) => keyOf(e.request)));
  const kept = echoed.size ? events.filter((e) => !echo(e)) : events;
  const news = new Set(kept.map((e) => keyOf(e.request)));
  const requests = next.map((r) => {
    const key = keyOf(r);
    const seenSince = Boolean(was.get(key)?.unseen && is.get(key) && !is.get(key)?.unseen);
    const markedByEcho = echoed.has(key) && !was.get(key)?.unseen;
    const seen = r.unseen && !news.has(key) && (seenSince || markedByEcho);
    const at = repliedMeanwhile(key);
    return seen || at !== undefined ? { ...r, ...(seen ? { unseen: false } : {}), ...(at !== undefined ? { repliedAt: at } : {}) } : r;
  });
  return { requests, events: kept };
}

export { keyOf };
