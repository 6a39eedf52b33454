// Tracking several desks: one that cannot be reached (its origin not granted yet, signed out,
// down) holds up no other. Its requests stay as they were, not "gone"; the snapshot names it
// for the popup; with no desk reachable the sync fails as before (backoff, the desk's "wait").
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTracker, type TrackerDeps } from '@/lib/background/tracker';
import { DeskFailure, deskError, type DeskConfig, type TicketSummary } from '@/lib/domain';
import type { DeskAdapter, MyRequests } from '@/lib/desks/types';
import { desksItem, preferencesItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';

const it_: DeskConfig = { id: 'rt', kind: 'rt', name: 'IT', baseUrl: 'https://it.example', auth: { mode: 'token', token: 't' } };
// An administrator's desk the employee has not signed in to, or granted, yet.
const hr: DeskConfig = { id: 'zendesk:hr', kind: 'zendesk', name: 'HR', baseUrl: 'https://hr.zendesk.example', auth: { mode: 'basic', token: '' } };

const ticket = (deskId: string, id: string, status: string, updated: string): TicketSummary => ({
  ref: { deskId, id, key: `#${id}`, url: `https://desk.example/t/${id}` },
  subject: `Request ${id}`,
  departmentId: '3',
  status,
  category: status === 'resolved' ? 'done' : 'open',
  updated,
});

/** A desk that lists `listed` (a cursor the newest time listed), or fails with `broken` when set. */
function desk(listed: TicketSummary[]) {
  const d = {
    listed,
    broken: undefined as DeskFailure | undefined,
    adapter: {
      listMyRequests: async (q: { cursor?: string }): Promise<MyRequests> => {
        if (d.broken) throw d.broken;
        const newest = d.listed.map((r) => r.updated).sort().at(-1);
        return { requests: d.listed, cursor: newest && newest > (q.cursor ?? '') ? newest : q.cursor };
      },
      recentActivity: async () => ({}),
    } as unknown as DeskAdapter,
  };
  return d;
}

beforeEach(() => fakeBrowser.reset());

describe('one desk that cannot be reached', () => {
  function setup() {
    const itDesk = desk([ticket('rt', '1', 'open', '2026-11-23T10:00:00Z')]);
    const hrDesk = desk([ticket('zendesk:hr', '7', 'open', '2026-11-23T09:00:00Z')]);
    let hrGranted = true;
    const deps = {
      desks: desksItem,
      snapshot: snapshotItem,
      syncState: syncStateItem,
      preferences: preferencesItem,
      // handlers.ts: reachable() checks the origin permission, then gives the adapter.
      adapterFor: async (config: DeskConfig) => {
        if (config.id === 'rt') return itDesk.adapter;
        if (!hrGranted) throw new DeskFailure(deskError('permission', { detail: 'https://hr.zendesk.example' }));
        return hrDesk.adapter;
      },
      now: () => Date.parse('2026-11-23T12:00:00Z'),
      idleState: async () => 'active' as const,
      random: () => 0,
      showBadge: vi.fn(async () => undefined),
      notify: vi.fn(async () => undefined),
      schedule: vi.fn(async () => undefined),
      listUrl: 'chrome-extension://id/popup.html#requests',
    } satisfies TrackerDeps;
    return { deps, tracker: createTracker(deps), itDesk, hrDesk, revoke: () => (hrGranted = false) };
  }

  it('holds up no other: a change on the desk that answers is announced, the badge follows, and the other desk is named', async () => {
    const { deps, tracker, itDesk, revoke } = setup();
    await desksItem.setValue([hr, it_]);
    await tracker.sync(); // the first look: #1 (IT) and #7 (HR) open
    revoke();
    itDesk.listed = [ticket('rt', '1', 'resolved', '2026-11-23T11:00:00Z')];
    const snapshot = await tracker.sync();

    expect(deps.notify).toHaveBeenLastCalledWith([expect.objectContaining({ message: 'Now: resolved' })]);
    // HR's request is kept as it was (open, counted), not gone.
    expect(snapshot?.requests.map((r) => [r.ref.id, r.status])).toEqual(expect.arrayContaining([['1', 'resolved'], ['7', 'open']]));
    expect(deps.showBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '1' }));
    expect(snapshot?.unreached).toEqual([{ deskId: 'zendesk:hr', name: 'HR', error: expect.objectContaining({ kind: 'permission' }) }]);
    expect(snapshot?.watermarks).toEqual({ rt: '2026-11-23T11:00:00Z', 'zendesk:hr': '2026-11-23T09:00:00Z' });
    expect((await syncStateItem.getValue()).failures).toBe(0);
  });

  it('keeps the down desk in the next full look: its requests are checked once it answers again, and it is no longer named', async () => {
    const { tracker, hrDesk } = setup();
    await desksItem.setValue([hr, it_]);
    await tracker.sync();
    hrDesk.broken = new DeskFailure(deskError('server', { status: 503 }));
    const missed = await tracker.sync(true);
    expect(missed?.unreached?.map((u) => u.deskId)).toEqual(['zendesk:hr']);
    hrDesk.broken = undefined;
    hrDesk.listed = []; // #7 deleted meanwhile: the full look made again finds it gone
    const back = await tracker.sync();
    expect(back?.unreached).toBeUndefined();
    expect(back?.requests.map((r) => r.ref.id)).toEqual(['1']);
  });

  it('with no desk reachable, the sync fails as before and what was known stays', async () => {
    const { tracker, itDesk, hrDesk } = setup();
    await desksItem.setValue([hr, it_]);
    const first = await tracker.sync();
    itDesk.broken = new DeskFailure(deskError('rate-limited', { retryAfterMs: 60_000 }));
    hrDesk.broken = new DeskFailure(deskError('offline'));
    await expect(tracker.sync()).rejects.toMatchObject({ error: { kind: 'rate-limited' } });
    expect(await snapshotItem.getValue()).toEqual(first);
    expect(await syncStateItem.getValue()).toMatchObject({ failures: 1, notBefore: Date.parse('2026-11-23T12:01:00Z') });
  });
});
