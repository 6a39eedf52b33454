// One sync: per desk, ONE listing (open requests + anything changed since the watermark), then
// details only for the requests whose update time moved. Nothing is fetched for the rest.
import type { DeskAdapter, DeskConfig, TicketSummary } from '../desks/types';
import { diffRequests, keyOf, type Snapshot, type TrackedRequest, type TrackingEvent } from './snapshot';

export interface SyncResult {
  snapshot: Snapshot;
  events: TrackingEvent[];
}

function newest(list: TicketSummary[], current?: string): string | undefined {
  return list.reduce<string | undefined>((max, r) => (!max || r.updated > max ? r.updated : max), current);
}

export async function syncRequests(
  desks: { config: DeskConfig; adapter: DeskAdapter }[],
  old: Snapshot | null,
  now: number,
): Promise<SyncResult> {
  const previous = old?.requests ?? [];
  const watermarks: Record<string, string> = {};
  const events: TrackingEvent[] = [];
  const requests: TrackedRequest[] = [];

  for (const { config, adapter } of desks) {
    const since = old?.watermarks[config.id];
    const baseline = since === undefined;
    const listed = await adapter.listMyRequests(since);
    const before = new Map(previous.filter((r) => r.ref.deskId === config.id).map((r) => [keyOf(r), r]));
    const fresh = await Promise.all(
      listed.map(async (summary) => {
        const prev = before.get(keyOf(summary));
        // Desk times have one-second steps: anything in the watermark's own second is checked again.
        const changed = !baseline && (!prev || prev.updated !== summary.updated || summary.updated >= (since ?? ''));
        return changed ? { ...summary, ...(await adapter.recentActivity(summary.ref)) } : summary;
      }),
    );
    const diff = diffRequests([...before.values()], fresh, { now, baseline });
    requests.push(...diff.requests);
    events.push(...diff.events);
    const mark = newest(listed, since);
    if (mark) watermarks[config.id] = mark;
  }
  return { snapshot: { watermarks, syncedAt: now, requests }, events };
}
