// One sync: per desk, ONE listing query, then details only for the requests whose update time
// moved. A routine sync lists only what changed since the watermark (one request however many
// are open); a full look (first sync, popup open, every 30 minutes) also lists every open one,
// which is how deleted requests and lost access are noticed. The first look also lists what was
// done in the last 30 days (the desk's own history, recorded and not announced): "Done (last 30
// days)" holds what it says from the first look on, not only what was resolved after it.
import { toDeskError, type DeskConfig, type TicketSummary } from '../domain';
import pLimit from 'p-limit';
import type { DeskAdapter } from '../desks/types';
import { DONE_KEPT_MS, diffRequests, keyOf, type Snapshot, type TrackedRequest, type TrackingEvent } from './snapshot';

export interface SyncResult {
  snapshot: Snapshot;
  events: TrackingEvent[];
  /** Desks that could not be looked at (the error each gave); what was known of them is kept. */
  failed: { deskId: string; error: unknown }[];
}

/** A desk to look at: its adapter, or why there is none (signed out, no permission for its address). */
export type SyncDesk = { config: DeskConfig; adapter: DeskAdapter } | { config: DeskConfig; error: unknown };

/** Something the user can see changed: the desk's version when it gives one, else the update time. */
const moved = (prev: TicketSummary, next: TicketSummary) =>
  next.version !== undefined ? prev.version !== next.version || prev.updated !== next.updated : prev.updated !== next.updated;

const newestOf = (listed: TicketSummary[]) => listed.reduce<string | undefined>((max, r) => (!max || Date.parse(r.updated) > Date.parse(max) ? r.updated : max), undefined);

export const RECONCILE_MS = 30 * 60 * 1000;
/**
 * Requests first seen open have what staff said read too (one call each), this many per full
 * look (the first, a popup opened, every 30 minutes); the rest are marked unknown and read in
 * the looks after. Without it, a request answered before the first look would read "No answer
 * yet" and offer "Ask for an update".
 */
export const NEW_DETAILS_MAX = 20;
/** The same for a routine look (new requests are few between two looks). */
export const NEW_DETAILS_ROUTINE = 5;
/**
 * Details read from one desk at a time, at most: a look that reads many (a first look, many
 * requests changed at once) leaves the desk room for what the person does meanwhile (a reply,
 * a filing) instead of queueing it behind all of them.
 */
export const DETAILS_AT_ONCE = 4;
/** Desk times have one-second steps (plus some clock skew): changes this close to the last look may hide behind it. */
export const EDGE_MS = 5000;
/** Requests a desk's open listing left out that one full look asks about one by one (JSM), at most. */
export const CONFIRM_GONE_MAX = 20;

export async function syncRequests(
  desks: SyncDesk[],
  old: Snapshot | null,
  now: number,
  opts: { full?: boolean } = {},
): Promise<SyncResult> {
  const full = opts.full || !old || now - old.reconciledAt >= RECONCILE_MS;
  const previous = old?.requests ?? [];
  const watermarks: Record<string, string> = {};
  const lookedAt: Record<string, number> = {};
  const events: TrackingEvent[] = [];
  const requests: TrackedRequest[] = [];
  const failed: SyncResult['failed'] = [];

  for (const desk of desks) {
    const { config } = desk;
    const since = old?.watermarks[config.id];
    try {
      if ('error' in desk) throw desk.error;
      const look = await lookAt(config, desk.adapter, since);
      requests.push(...look.requests);
      events.push(...look.events);
      if (look.mark) watermarks[config.id] = look.mark;
      lookedAt[config.id] = now;
    } catch (error) {
      // One desk that cannot be reached holds up no other: its requests stay as they were (not
      // gone), with its watermark and the time of its last look, and it is looked at again next time.
      failed.push({ deskId: config.id, error });
      requests.push(...previous.filter((r) => r.ref.deskId === config.id));
      if (since !== undefined) watermarks[config.id] = since;
      const last = old?.lookedAt?.[config.id] ?? old?.syncedAt;
      if (last !== undefined) lookedAt[config.id] = last;
    }
  }
  const unreached = failed.flatMap(({ deskId, error }) => {
    const config = desks.find((d) => d.config.id === deskId)?.config;
    return config ? [{ deskId, name: config.name, error: toDeskError(error) }] : [];
  });
  // A full look that missed a desk is made again next time (0: long ago): that desk's open
  // requests are still to be listed.
  const reconciledAt = full ? (failed.length === 0 ? now : 0) : (old?.reconciledAt ?? now);
  return { snapshot: { watermarks, lookedAt, syncedAt: now, reconciledAt, requests, ...(unreached.length ? { unreached } : {}) }, events, failed };

  /** One desk's look: its requests as they are now, what to announce, and its next watermark. */
  async function lookAt(config: DeskConfig, adapter: DeskAdapter, since: string | undefined) {
    const baseline = since === undefined;
    const complete = baseline || full;
    // A first look's horizon is this computer's time, which may be wrong by any amount.
    const horizon = baseline ? new Date(now - DONE_KEPT_MS).toISOString() : undefined;
    const { requests: listed, cursor } = await adapter.listMyRequests({ cursor: since ?? horizon, includeOpen: complete });
    const before = new Map(previous.filter((r) => r.ref.deskId === config.id).map((r) => [keyOf(r), r]));
    // When the last look came right after the watermark, a change in that same second shows the
    // same time as before: such requests are checked again. Later looks need not.
    const sinceMs = since === undefined ? NaN : Date.parse(since);
    // This desk's last look (not the snapshot's: a look at it that failed since did not count).
    const last = old?.lookedAt?.[config.id] ?? old?.syncedAt;
    const edge = Number.isFinite(sinceMs) && last !== undefined && last - sinceMs < EDGE_MS;
    // A routine look reads what staff said on a few newly seen ones too: a request just filed
    // from the popup is first seen by one, and its first answer is news.
    let budget = complete ? NEW_DETAILS_MAX : NEW_DETAILS_ROUTINE;
    const details = pLimit(DETAILS_AT_ONCE);
    // A desk whose open listing may leave out a request still open (JSM) is asked about each one
    // it left out before that one is taken for gone: at most CONFIRM_GONE_MAX a look, the longest
    // unasked first, each at most every RECONCILE_MS (a popup opened often asks again only then).
    // The rest, and one whose answer failed, stay as they were until asked.
    const listedKeys = new Set(listed.map(keyOf));
    const summaryOf = complete && !baseline ? adapter.summaryOf?.bind(adapter) : undefined;
    const missing = summaryOf ? [...before.values()].filter((r) => r.category !== 'done' && !listedKeys.has(keyOf(r))).sort((a, b) => (a.askedAt ?? 0) - (b.askedAt ?? 0)) : [];
    const due = (r: TrackedRequest) => now - (r.askedAt ?? -Infinity) >= RECONCILE_MS;
    const toAsk = missing.filter(due).slice(0, CONFIRM_GONE_MAX);
    const still = await Promise.all(
      missing.map(async (r): Promise<TicketSummary | undefined> => {
        if (!summaryOf || !toAsk.includes(r)) return r;
        const answer = await details(() => summaryOf(r.ref)).catch(() => r as TicketSummary);
        if (answer === r) return r;
        // Another request's answer (moved to another key, which the listing shows), or none: gone.
        if (!answer || keyOf(answer) !== keyOf(r)) return undefined;
        return { ...answer, askedAt: now } as TicketSummary;
      }),
    );
    const fresh = await Promise.all(
      [...listed, ...still.flatMap((s) => (s ? [s] : []))].map(async (summary) => {
        const prev = before.get(keyOf(summary));
        const changed = prev !== undefined && (moved(prev, summary) || (edge && Date.parse(summary.updated) >= sinceMs));
        // New requests are listed, not announced; what staff said on open ones is read, so many a look.
        const unknown = prev === undefined ? summary.category !== 'done' : prev.activityUnknown === true;
        if (changed || (unknown && budget-- > 0)) return { ...summary, ...(await details(() => adapter.recentActivity(summary.ref, prev?.lastStaffReply?.id ?? prev?.lastTxnId))) };
        return unknown ? { ...summary, activityUnknown: true } : summary;
      }),
    );
    const diff = diffRequests([...before.values()], fresh, { now, baseline, complete });
    // The watermark is only ever a time the desk gave: a cursor that is still the horizon (nothing
    // listed changed after it) gives way to the newest listed time, as on a desk with no horizon.
    const mark = cursor === horizon ? newestOf(listed) : cursor;
    return { requests: diff.requests, events: diff.events, mark };
  }
}
