import { describe, expect, it } from 'vitest';
import type { Activity, TicketSummary } from '@/lib/domain';
import { badgeOf, badgeTitle, diffRequests, duringLook, markSeen, OWN_REPLY_ECHO_MS, type TrackedRequest } from '@/lib/tracking/snapshot';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function summary(id: string, patch: Partial<TicketSummary> & Activity = {}): TicketSummary & Activity {
  return {
    ref: { deskId: 'd', id, key: `#${id}`, url: `https://desk/SelfService/Display.html?id=${id}` },
    subject: `Request ${id}`,
    departmentId: '3',
    status: 'open',
    category: 'open',
    updated: '2026-11-23T10:00:00Z',
    ...patch,
  };
}
const tracked = (id: string, patch: Partial<TrackedRequest> = {}): TrackedRequest => ({ ...summary(id), unseen: false, ...patch });
const reply = (id: string, at: string, author = 'root') => ({ lastStaffReply: { id, at, author, excerpt: 'We are on it' } });

describe('diffRequests: the desk answering the user\'s own reply', () => {
  const opts = { now: NOW, baseline: false, complete: false };
  const reopened = summary('1', { status: 'open', category: 'open', updated: '2026-11-23T11:59:00Z' });

  it('does not announce a done or waiting request opened again by their reply', () => {
    for (const was of [{ status: 'resolved', category: 'done' }, { status: 'stalled', category: 'waiting' }] as const) {
      const { requests, events } = diffRequests([tracked('1', { ...was, repliedAt: NOW - 60_000 })], [reopened], opts);
      expect(events).toEqual([]);
      expect(requests[0]).toMatchObject({ status: 'open', unseen: false, repliedAt: NOW - 60_000 });
    }
  });

  it('announces it when staff answered too, when it was not moved to open, or long after their reply', () => {
    const answered = summary('1', { ...reopened, ...reply('12', '2026-11-23T11:59:00Z') });
    expect(diffRequests([tracked('1', { status: 'resolved', category: 'done', repliedAt: NOW - 60_000 })], [answered], opts).events.map((e) => e.kind)).toEqual(['reply', 'status']);
    const resolved = summary('1', { status: 'resolved', category: 'done', updated: '2026-11-23T11:59:00Z' });
    expect(diffRequests([tracked('1', { repliedAt: NOW - 60_000 })], [resolved], opts).events.map((e) => e.kind)).toEqual(['status']);
    const late = diffRequests([tracked('1', { status: 'resolved', category: 'done', repliedAt: NOW - OWN_REPLY_ECHO_MS })], [reopened], opts);
    expect(late.events.map((e) => e.kind)).toEqual(['status']);
    expect(late.requests[0]).not.toHaveProperty('repliedAt');
  });
});

describe('duringLook: what the user did while a look ran', () => {
  it('keeps a request seen unless the look brought news of it, and keeps a reply they made noted', () => {
    const before = [tracked('1', { unseen: true }), tracked('2', { unseen: true }), tracked('3')];
    const stored = [tracked('1'), tracked('2'), tracked('3', { repliedAt: NOW })];
    const next = [tracked('1', { unseen: true }), tracked('2', { unseen: true }), tracked('3')];
    const news = [{ kind: 'reply' as const, request: next[1]!, author: 'root', excerpt: 'On it' }];
    const { requests, events } = duringLook(next, news, before, stored, NOW);
    expect(requests.map((r) => [r.ref.id, r.unseen, r.repliedAt])).toEqual([
      ['1', false, undefined],
      ['2', true, undefined],
      ['3', false, NOW],
    ]);
    expect(events).toEqual(news);
    expect(duringLook(next, [], before, before, NOW).requests).toEqual(next);
  });

  it('drops the reopening their reply caused, when the reply came while the look ran', () => {
    const before = [tracked('1', { status: 'resolved', category: 'done' })];
    const stored = [tracked('1', { status: 'resolved', category: 'done', repliedAt: NOW - 1000 })];
    const next = [tracked('1', { status: 'open', category: 'open', unseen: true, updated: '2026-11-23T11:59:30Z' })];
    const status = [{ kind: 'status' as const, request: next[0]!, from: 'resolved', to: 'open' }];
    const { requests, events } = duringLook(next, status, before, stored, NOW);
    expect(events).toEqual([]);
    expect(requests[0]).toMatchObject({ unseen: false, repliedAt: NOW - 1000 });
    // A note from before the look (already judged by it), or an old one: left as the look found it.
    expect(duringLook(next, status, stored, stored, NOW).events).toEqual(status);
    expect(duringLook(next, status, before, [tracked('1', { repliedAt: NOW - OWN_REPLY_ECHO_MS })], NOW).events).toEqual(status);
    // Staff reopened it well before the reply (the desk's time says so): theirs, announced.
    const earlier = [tracked('1', { status: 'open', category: 'open', unseen: true, updated: new Date(NOW - 3_600_000).toISOString() })];
    expect(duringLook(earlier, [{ kind: 'status', request: earlier[0]!, from: 'resolved', to: 'open' }], before, stored, NOW).events).toHaveLength(1);
  });
});

describe('diffRequests', () => {
  it.each<[string, TrackedRequest[], (TicketSummary & Activity)[], string[], Partial<TrackedRequest> | null]>([
    ['a new request filed elsewhere', [], [summary('1')], ['new'], { unseen: false }],
    ['no change', [tracked('1')], [summary('1')], [], { unseen: false }],
    [
      'a status change',
      [tracked('1')],
      [summary('1', { status: 'resolved', category: 'done', updated: '2026-11-23T11:00:00Z' })],
      ['status'],
      { unseen: true, category: 'done' },
    ],
    [
      'a staff reply',
      [tracked('1', { lastStaffReply: reply('10', '2026-11-23T09:00:00Z').lastStaffReply })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', ...reply('12', '2026-11-23T11:00:00Z') })],
      ['reply'],
      { unseen: true },
    ],
    [
      'a staff reply after a baseline without activity (by time)',
      [tracked('1')],
      [summary('1', { updated: '2026-11-23T11:00:00Z', ...reply('12', '2026-11-23T11:00:00Z') })],
      ['reply'],
      { unseen: true },
    ],
    [
      "the user's own reply is not an update",
      [tracked('1', { lastStaffReply: reply('10', '2026-11-23T09:00:00Z').lastStaffReply })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', lastTxnId: '15', ...reply('10', '2026-11-23T09:00:00Z') })],
      [],
      { unseen: false, lastTxnId: '15' },
    ],
    [
      'a staff reply that also resolves',
      [tracked('1')],
      [summary('1', { status: 'resolved', category: 'done', updated: '2026-11-23T11:00:00Z', ...reply('12', '2026-11-23T11:00:00Z') })],
      ['reply', 'status'],
      { unseen: true },
    ],
    [
      'a staff reply in the same second as the last look (by transaction id)',
      [tracked('1', { lastTxnId: '60' })],
      [summary('1', { ...reply('68', '2026-11-23T10:00:00Z') })],
      ['reply'],
      { unseen: true },
    ],
    [
      // Changed on purpose: ids are opaque (no numeric order across desks); an older reply is
      // told by its time against what was known.
      'an older staff reply is not news (by its time)',
      [tracked('1', { lastTxnId: '70', updated: '2026-11-23T10:30:00Z' })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', lastTxnId: '72', ...reply('68', '2026-11-23T10:00:00Z') })],
      [],
      { unseen: false },
    ],
    [
      'the reply already known as the last event is not news',
      [tracked('1', { lastTxnId: '68' })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', lastTxnId: '68', ...reply('68', '2026-11-23T10:00:00Z') })],
      [],
      { unseen: false },
    ],
    [
      'another, later reply is news whatever its id looks like',
      [tracked('1', { ...reply('b7f0', '2026-11-23T09:00:00Z') })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', ...reply('1a20', '2026-11-23T11:00:00Z') })],
      ['reply'],
      { unseen: true },
    ],
    [
      'the same reply again is not news',
      [tracked('1', { ...reply('b7f0', '2026-11-23T09:00:00Z') })],
      [summary('1', { updated: '2026-11-23T11:00:00Z', ...reply('b7f0', '2026-11-23T09:00:00Z') })],
      [],
      { unseen: false },
    ],
    ['an open request deleted or no longer visible', [tracked('1')], [], ['gone'], null],
    ['a done request not changed since is kept', [tracked('1', { status: 'resolved', category: 'done' })], [], [], { category: 'done' }],
    [
      'a done request older than 30 days is dropped',
      [tracked('1', { status: 'resolved', category: 'done', updated: '2026-10-01T10:00:00Z' })],
      [],
      [],
      null,
    ],
  ])('%s', (_, old, fresh, kinds, expected) => {
    const { requests, events } = diffRequests(old, fresh, { now: NOW, baseline: false, complete: true });
    expect(events.map((e) => e.kind)).toEqual(kinds);
    const r = requests.find((x) => x.ref.id === '1');
    if (expected === null) expect(r).toBeUndefined();
    else expect(r).toMatchObject(expected);
  });

  it('keeps unlisted open requests when the listing held only what changed', () => {
    const { requests, events } = diffRequests([tracked('1'), tracked('2')], [summary('2', { status: 'stalled', category: 'waiting' })], {
      now: NOW,
      baseline: false,
      complete: false,
    });
    expect(events.map((e) => e.kind)).toEqual(['status']);
    expect(requests.map((r) => r.ref.id).sort()).toEqual(['1', '2']);
  });

  it('announces nothing on the first look', () => {
    const { requests, events } = diffRequests([], [summary('1'), summary('2', { status: 'stalled', category: 'waiting' })], { now: NOW, baseline: true, complete: true });
    expect(events).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it('keeps an unseen mark until the request is viewed', () => {
    const { requests } = diffRequests([tracked('1', { unseen: true })], [summary('1')], { now: NOW, baseline: false, complete: true });
    expect(requests[0]?.unseen).toBe(true);
    expect(markSeen(requests, 'd/1')[0]?.unseen).toBe(false);
  });

  it('lists the newest first', () => {
    const { requests } = diffRequests([], [summary('1'), summary('2', { updated: '2026-11-23T11:30:00Z' })], { now: NOW, baseline: true, complete: true });
    expect(requests.map((r) => r.ref.id)).toEqual(['2', '1']);
  });
});

describe('badgeOf', () => {
  it('counts open and waiting requests, not done ones, and marks unseen updates', () => {
    expect(badgeOf([])).toEqual({ text: '', marked: false });
    expect(badgeOf([tracked('1'), tracked('2', { category: 'waiting' }), tracked('3', { category: 'done' })])).toEqual({ text: '2', marked: false });
    expect(badgeOf([tracked('1', { category: 'done', unseen: true })])).toEqual({ text: '', marked: true });
    expect(badgeOf(Array.from({ length: 120 }, (_, i) => tracked(String(i)))).text).toBe('99+');
    // The button's tooltip says when something is new, in the locale's words.
    expect(badgeTitle(badgeOf([tracked('1', { unseen: true })]))).toBe('Instant Desk: a request has an update');
    expect(badgeTitle(badgeOf([]))).toBe('Instant Desk');
  });
});

describe('waiting for the user', () => {
  it('keeps when a request waited, so the department clock can stand still then', () => {
    const waiting = summary('1', { status: 'stalled', category: 'waiting', updated: '2026-11-23T11:00:00Z' });
    const first = diffRequests([tracked('1')], [waiting], { now: NOW, baseline: false, complete: true }).requests;
    expect(first[0]?.pauses).toEqual([{ from: '2026-11-23T11:00:00Z' }]);
    const back = summary('1', { status: 'open', category: 'open', updated: '2026-11-23T11:30:00Z' });
    const second = diffRequests(first, [back], { now: NOW, baseline: false, complete: true }).requests;
    expect(second[0]?.pauses).toEqual([{ from: '2026-11-23T11:00:00Z', to: '2026-11-23T11:30:00Z' }]);
    expect(diffRequests([], [waiting], { now: NOW, baseline: true, complete: true }).requests[0]?.pauses).toEqual([{ from: '2026-11-23T11:00:00Z' }]);
  });
});
