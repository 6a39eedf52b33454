// Looks at the desks that found nothing to say (found by a review, 2026-12-06):
// - the first staff answer on a request filed from the extension: the request is first seen by
//   the routine look the outbox asks for after filing, and staff answer before the next full
//   look. It is announced (that look read nothing of it, and the answer was then taken for one
//   from before it was seen: no notification, no orange mark);
// - the same-second check of a desk whose look failed meanwhile is made by its next look (the
//   snapshot's time, set by another desk's look, skipped it).
import { describe, expect, it } from 'vitest';
import type { Activity, DeskConfig, TicketSummary } from '@/lib/domain';
import type { DeskAdapter } from '@/lib/desks/types';
import { syncRequests } from '@/lib/tracking/sync';
import { diffRequests } from '@/lib/tracking/snapshot';

const config = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: 'http://rt', auth: { mode: 'token', token: 't' } } as unknown as DeskConfig;
const T0 = Date.parse('2026-12-07T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

function summary(id: string, updated: number, status = 'new'): TicketSummary {
  return { ref: { deskId: config.id, id, key: `#${id}`, url: `http://rt/SelfService/Display.html?id=${id}` }, subject: `Request ${id}`, departmentId: '3', status, category: 'open', updated: iso(updated), created: iso(T0) };
}

/** What the desk holds (#1, open, answered long ago); it lists what changed since the cursor, and every one on a full look. */
function fakeDesk() {
  const desk = new Map<string, { summary: TicketSummary; activity: Activity }>();
  desk.set('1', { summary: summary('1', T0 - 3_600_000, 'open'), activity: { lastTxnId: '10' } });
  const adapter = {
    kind: 'rt',
    listMyRequests: async ({ cursor, includeOpen }: { cursor?: string; includeOpen: boolean }) => {
      const all = [...desk.values()].map((d) => d.summary);
      const requests = all.filter((s) => includeOpen || !cursor || Date.parse(s.updated) >= Date.parse(cursor) - 1000);
      const newest = requests.reduce<string | undefined>((m, r) => (!m || r.updated > m ? r.updated : m), cursor);
      return { requests, ...(newest ? { cursor: newest } : {}) };
    },
    recentActivity: async (ref: { id: string }) => desk.get(ref.id)!.activity,
  } as unknown as DeskAdapter;
  return { desk, adapter };
}

describe('the first staff reply on a request filed from the extension', () => {
  it('is announced when it comes before the next full look', async () => {
    const { desk, adapter } = fakeDesk();

    // The popup opened: a full (here: first) look.
    const first = await syncRequests([{ config, adapter }], null, T0);
    // The user files #2 (no staff answer yet); the outbox's onSent makes a routine look.
    desk.set('2', { summary: summary('2', T0 + 60_000), activity: { lastTxnId: '20' } });
    const afterFiling = await syncRequests([{ config, adapter }], first.snapshot, T0 + 62_000);
    expect(afterFiling.snapshot.requests.find((r) => r.ref.id === '2')).toBeDefined();
    // Staff answer four minutes later; the minute-by-minute routine look sees #2 changed.
    desk.set('2', {
      summary: summary('2', T0 + 300_000, 'open'),
      activity: { lastTxnId: '23', lastStaffReply: { id: '23', at: iso(T0 + 300_000), author: 'dana', excerpt: 'Which printer?' } },
    });
    const afterReply = await syncRequests([{ config, adapter }], afterFiling.snapshot, T0 + 330_000);
    expect(afterReply.events.map((e) => e.kind)).toContain('reply');
    expect(afterReply.snapshot.requests.find((r) => r.ref.id === '2')?.unseen).toBe(true);
  });

  it('is announced even when staff answer without changing the status', async () => {
    const { desk, adapter } = fakeDesk();
    const first = await syncRequests([{ config, adapter }], null, T0);
    desk.set('2', { summary: summary('2', T0 + 60_000, 'open'), activity: { lastTxnId: '20' } });
    const afterFiling = await syncRequests([{ config, adapter }], first.snapshot, T0 + 62_000);
    desk.set('2', {
      summary: summary('2', T0 + 300_000, 'open'),
      activity: { lastTxnId: '23', lastStaffReply: { id: '23', at: iso(T0 + 300_000), author: 'dana', excerpt: 'Which printer?' } },
    });
    const afterReply = await syncRequests([{ config, adapter }], afterFiling.snapshot, T0 + 330_000);
    expect(afterReply.events).toEqual([expect.objectContaining({ kind: 'reply' })]);
  });
});

describe('a request whose answers were not read yet (more new ones than a look reads)', () => {
  it('announces a reply made after it was first listed, and not one from before', () => {
    const prev = { ...summary('7', T0), unseen: false, activityUnknown: true };
    const reply = (at: number) => ({ ...summary('7', at, 'open'), lastTxnId: '71', lastStaffReply: { id: '71', at: iso(at), author: 'dana', excerpt: 'On it.' } });
    const later = diffRequests([prev], [reply(T0 + 60_000)], { now: T0 + 90_000, baseline: false, complete: false });
    expect(later.events.map((e) => e.kind)).toEqual(['reply', 'status']);
    const before = diffRequests([prev], [{ ...reply(T0 - 60_000), updated: iso(T0 + 60_000) }], { now: T0 + 90_000, baseline: false, complete: false });
    expect(before.events.map((e) => e.kind)).toEqual(['status']);
  });
});

describe('the same-second check of a desk whose look failed meanwhile', () => {
  it("is made by the next look that reaches it: its own last look, not another desk's, decides", async () => {
    const W = T0 + 3_600_000;
    let reads = 0;
    let down = false;
    const deskA = {
      config: { ...config, id: 'rt:a' },
      adapter: {
        kind: 'rt',
        listMyRequests: async ({ cursor }: { cursor?: string }) => {
          if (down) throw new Error('offline');
          return { requests: [{ ...summary('1', W, 'open'), ref: { ...summary('1', W).ref, deskId: 'rt:a' } }], cursor: cursor && cursor > iso(W) ? cursor : iso(W) };
        },
        recentActivity: async () => (reads++, { lastTxnId: '10' }),
      } as unknown as DeskAdapter,
    };
    const deskB = {
      config: { ...config, id: 'rt:b' },
      adapter: { kind: 'rt', listMyRequests: async () => ({ requests: [] }), recentActivity: async () => ({}) } as unknown as DeskAdapter,
    };
    const first = await syncRequests([deskA, deskB], null, W + 1000); // right after A's watermark second
    const before = reads;
    down = true;
    const second = await syncRequests([deskA, deskB], first.snapshot, W + 60_000); // A unreachable, B looked at
    down = false;
    await syncRequests([deskA, deskB], second.snapshot, W + 120_000);
    // A change to #1 within its watermark second may still be unseen: it is read again.
    expect(reads - before).toBe(1);
  });
});
