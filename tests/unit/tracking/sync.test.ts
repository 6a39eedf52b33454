// The first look (lib/tracking/sync.ts) through the real adapters, against the spec-checked JSM
// and Zendesk test servers: "Done (last 30 days)" holds what was done in the last 30 days from the
// first look on, recorded without a word to the user; what was done before that is not listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskConfig, NewRequest, TicketRef } from '@/lib/domain';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskAdapter } from '@/lib/desks/types';
import { DONE_KEPT_MS } from '@/lib/tracking/snapshot';
import { expectationOf } from '@/lib/tracking/expectations';
import { DETAILS_AT_ONCE, NEW_DETAILS_MAX, NEW_DETAILS_ROUTINE, syncRequests } from '@/lib/tracking/sync';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../../desks/zendesk/server';
import { signInOf, testDeskAdapter, testDeskConfig, type TestDeskKind } from '../../e2e/support/test-desks';

const requester = { id: '', name: '', email: '', displayName: '', staff: false };

interface Desk {
  config: DeskConfig;
  adapter: DeskAdapter;
  /** Files a request as alice. */
  file(subject: string): Promise<TicketRef>;
  resolve(ref: TicketRef): void;
  violations: string[];
  close(): Promise<void>;
}

/** The test server as alice's desk (signed in as the e2e tests do: tests/e2e/support/test-desks.ts), filing on `form`. */
function deskOf(kind: TestDeskKind, server: JsmServer | ZendeskServer, form: Pick<NewRequest, 'departmentId' | 'formId' | 'fields'>, resolve: Desk['resolve']): Desk {
  const signIn = signInOf(server);
  const adapter = testDeskAdapter(kind, signIn);
  return {
    config: testDeskConfig(kind, signIn),
    adapter,
    file: async (subject) => (await adapter.createRequest({ clientId: subject, subject, body: 'Please', attachments: [], requester, ...form })).ref,
    resolve,
    violations: signIn.violations,
    close: signIn.close,
  };
}

async function jsm(): Promise<Desk> {
  const server = await startJsmServer();
  return deskOf('jsm-cloud', server, { departmentId: '1:11', formId: '1/102', fields: { customfield_10010: '10101' } }, (ref) => server.setStatus(ref.key, 'Resolved', 'DONE'));
}

async function zendesk(): Promise<Desk> {
  const server = await startZendeskServer();
  const form = String(formIds.it);
  return deskOf('zendesk', server, { departmentId: form, formId: form, fields: { [String(fieldIds.building)]: 'hq_north' } }, (ref) => server.setStatus(Number(ref.id), 'solved'));
}

describe.each([
  ['Jira Service Management', jsm],
  ['Zendesk', zendesk],
])('the first look at %s', (_, start) => {
  let desk: Desk;
  let open: TicketRef;
  let done: TicketRef;

  beforeEach(async () => {
    desk = await start();
    open = await desk.file('Still open');
    done = await desk.file('Resolved before the first look');
    desk.resolve(done);
  });
  afterEach(async () => {
    await desk.close();
    expect(desk.violations, 'calls the vendor specification does not allow').toEqual([]);
  });

  const keys = (requests: { ref: TicketRef; category: string }[]) => Object.fromEntries(requests.map((r) => [r.ref.key, r.category]));

  it('lists what was done in the last 30 days beside the open ones, and announces none of it', async () => {
    const { snapshot, events } = await syncRequests([desk], null, Date.now());
    expect(keys(snapshot.requests)).toMatchObject({ [open.key]: 'open', [done.key]: 'done' });
    expect(snapshot.requests.find((r) => r.ref.key === done.key)?.unseen).toBe(false);
    expect(events).toEqual([]);
    expect(snapshot.watermarks[desk.config.id]).toBeDefined();
  });

  it("keeps only the desk's times as the watermark: a computer clock 31 days fast at the first look loses no later change", async () => {
    const first = await syncRequests([desk], null, Date.now() + DONE_KEPT_MS + 24 * 60 * 60 * 1000);
    // Its horizon lies in the desk's future; the watermark is the newest time the desk gave.
    expect(Date.parse(first.snapshot.watermarks[desk.config.id]!)).toBeLessThanOrEqual(Date.now() + 60_000);
    desk.resolve(open);
    const next = await syncRequests([desk], first.snapshot, Date.now(), { full: true });
    // The one resolved before is first listed now: new to the snapshot, which is not announced.
    expect(next.events.map((e) => [e.kind, e.request.ref.key]).sort()).toEqual([['new', done.key], ['status', open.key]].sort());
    expect(keys(next.snapshot.requests)[open.key]).toBe('done');
  });

  it('leaves out what was done before those 30 days, and keeps every open one', async () => {
    // The same desk looked at first 31 days on: the request resolved today is older than the horizon.
    const { snapshot, events } = await syncRequests([desk], null, Date.now() + DONE_KEPT_MS + 24 * 60 * 60 * 1000);
    expect(keys(snapshot.requests)[open.key]).toBe('open');
    expect(keys(snapshot.requests)[done.key]).toBeUndefined();
    expect(snapshot.requests.filter((r) => r.category === 'done')).toEqual([]);
    expect(events).toEqual([]);
  });
});

describe('the first look', () => {
  const config: DeskConfig = { id: 'd', kind: 'rt', name: 'desk', baseUrl: 'https://desk', auth: { mode: 'token', token: 't' } };
  /** An adapter that records what it was asked and keeps the cursor as the real ones do (the newest listed time, else the one asked with). */
  const recording = (requests: { updated: string; category: 'open' | 'done' }[]) => {
    const asked: { cursor?: string; includeOpen: boolean }[] = [];
    const summaries = requests.map((r, i) => ({ ref: { deskId: 'd', id: String(i), key: `#${i}`, url: `https://desk/${i}` }, subject: `Request ${i}`, departmentId: '1', status: r.category, ...r }));
    const adapter = {
      listMyRequests: async (q: { cursor?: string; includeOpen: boolean }) => {
        asked.push(q);
        const cursor = summaries.reduce<string | undefined>((max, r) => (!max || r.updated > max ? r.updated : max), q.cursor);
        return { requests: summaries, ...(cursor ? { cursor } : {}) };
      },
      recentActivity: async () => ({}),
    } as unknown as DeskAdapter;
    return { adapter, asked };
  };
  const now = Date.parse('2026-12-06T12:00:00Z');

  it('asks for every open request and what changed in the last 30 days', async () => {
    const { adapter, asked } = recording([]);
    await syncRequests([{ config, adapter }], null, now);
    expect(asked).toEqual([{ cursor: new Date(now - DONE_KEPT_MS).toISOString(), includeOpen: true }]);
  });

  it('keeps no watermark from the horizon: none when nothing is listed, else the newest listed time', async () => {
    expect((await syncRequests([{ config, adapter: recording([]).adapter }], null, now)).snapshot.watermarks).toEqual({});
    // An open request last changed 40 days ago is listed; the horizon is newer, and still not kept.
    const old = recording([{ updated: '2026-10-27T09:00:00Z', category: 'open' }]);
    expect((await syncRequests([{ config, adapter: old.adapter }], null, now)).snapshot.watermarks).toEqual({ d: '2026-10-27T09:00:00Z' });
  });
});

describe.each([
  ['Jira Service Management', jsm, /\/rest\/servicedeskapi\/request\?/],
  ['Zendesk', zendesk, /\/api\/v2\/requests/],
] as const)('a listing at %s answered with JSON of another shape (a gateway\'s own "{}")', (_, start, listing) => {
  it('fails the look and keeps what was known: no request is made "gone"', async () => {
    const desk = await start();
    try {
      await desk.file('VPN');
      await desk.file('Laptop');
      let hostile = false;
      const adapter = createAdapter(desk.config, {
        fetch: async (input: string, init?: RequestInit) =>
          hostile && listing.test(input) ? new Response('{"message":"Service temporarily unavailable"}', { status: 200, headers: { 'Content-Type': 'application/json' } }) : fetch(input, init),
        sleep: async () => undefined,
      });
      const desks = [{ config: desk.config, adapter }];
      const first = await syncRequests(desks, null, Date.now());
      expect(first.snapshot.requests).toHaveLength(2);
      hostile = true;
      const next = await syncRequests(desks, first.snapshot, Date.now() + 60_000, { full: true });
      expect(next.failed).toEqual([{ deskId: desk.config.id, error: expect.objectContaining({ error: expect.objectContaining({ kind: 'not-api' }) }) }]);
      expect(next.snapshot.requests.map((r) => r.ref.key).sort()).toEqual(first.snapshot.requests.map((r) => r.ref.key).sort());
      expect(next.events).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});

describe('what staff said on requests first seen open', () => {
  const config: DeskConfig = { id: 'd', kind: 'rt', name: 'desk', baseUrl: 'https://desk', auth: { mode: 'token', token: 't' } };
  const answered = { id: 'c1', at: '2026-11-20T10:00:00Z', author: 'Dana', excerpt: 'We ordered it.' };
  /** `n` open requests, each answered by staff long ago; the details each look reads are counted. */
  function desk(n: number) {
    const read: string[] = [];
    const requests = Array.from({ length: n }, (_, i) => ({
      ref: { deskId: 'd', id: String(i + 1), key: `#${i + 1}`, url: `https://desk/${i + 1}` },
      subject: `Request ${i + 1}`,
      departmentId: '1',
      status: 'open',
      category: 'open' as const,
      created: '2026-11-19T09:00:00Z',
      updated: '2026-11-20T10:00:00Z',
    }));
    const adapter = {
      listMyRequests: async () => ({ requests, cursor: '2026-11-20T10:00:00Z' }),
      recentActivity: async (ref: { id: string }) => (read.push(ref.id), { lastStaffReply: answered, lastTxnId: 'c1' }),
    } as unknown as DeskAdapter;
    return { adapter, read };
  }
  const now = Date.parse('2026-12-06T12:00:00Z');

  it('is read at the first look: an answer from before is known (no "No answer yet"), and not announced', async () => {
    const { adapter, read } = desk(3);
    const { snapshot, events } = await syncRequests([{ config, adapter }], null, now);
    expect(read).toEqual(['1', '2', '3']);
    expect(snapshot.requests.map((r) => r.lastStaffReply?.author)).toEqual(['Dana', 'Dana', 'Dana']);
    expect(snapshot.requests.some((r) => r.unseen || r.activityUnknown)).toBe(false);
    expect(events).toEqual([]);
    const promise = { firstResponse: '4 hours' };
    expect(expectationOf(snapshot.requests[0]!, promise, { now, zone: 'UTC' })).toBeUndefined();
  });

  it(`is read for ${NEW_DETAILS_MAX} a full look, ${NEW_DETAILS_ROUTINE} a routine one; the rest say nothing of a first answer until read, and a reply from before announces nothing`, async () => {
    const { adapter, read } = desk(NEW_DETAILS_MAX + NEW_DETAILS_ROUTINE + 3);
    const first = await syncRequests([{ config, adapter }], null, now);
    expect(read).toHaveLength(NEW_DETAILS_MAX);
    const unknown = first.snapshot.requests.filter((r) => r.activityUnknown);
    expect(unknown).toHaveLength(NEW_DETAILS_ROUTINE + 3);
    expect(expectationOf(unknown[0]!, { firstResponse: '4 hours' }, { now, zone: 'UTC' })).toBeUndefined();
    // A routine look (after a filing, the alarm's) reads a few: a request just filed is first
    // seen by one, and its first answer must be news.
    const routine = await syncRequests([{ config, adapter }], first.snapshot, now + 30_000);
    expect(read).toHaveLength(NEW_DETAILS_MAX + NEW_DETAILS_ROUTINE);
    expect(routine.events).toEqual([]);
    const next = await syncRequests([{ config, adapter }], routine.snapshot, now + 60_000, { full: true });
    expect(read).toHaveLength(NEW_DETAILS_MAX + NEW_DETAILS_ROUTINE + 3);
    expect(next.snapshot.requests.filter((r) => r.activityUnknown)).toEqual([]);
    expect(next.snapshot.requests.every((r) => r.lastStaffReply?.author === 'Dana' && !r.unseen)).toBe(true);
    expect(next.events).toEqual([]);
  });

  it(`is read ${DETAILS_AT_ONCE} at a time at most, leaving the desk room for what the person does meanwhile`, async () => {
    const { adapter } = desk(NEW_DETAILS_MAX);
    let inFlight = 0;
    let most = 0;
    const slow = {
      ...adapter,
      recentActivity: async (ref: TicketRef, known?: string) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return adapter.recentActivity(ref, known);
      },
    } as DeskAdapter;
    const { snapshot } = await syncRequests([{ config, adapter: slow }], null, now);
    expect(snapshot.requests.filter((r) => r.lastStaffReply)).toHaveLength(NEW_DETAILS_MAX);
    expect(most).toBe(DETAILS_AT_ONCE);
  });
});
