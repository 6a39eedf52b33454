// "My requests" from Jira Service Management while staff act between the adapter's calls, through
// the spec-checked test server (ordered by latest activity, 50 a page, as getCustomerRequests
// documents): a request that moves to the top while the open listing is paged is still listed,
// and a request resolved between the two listings of a full look is a status change, never
// "gone". (Found by a review of the JSM adapter, 2026-12-06; both failed before the fix.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskAdapter } from '@/lib/desks/types';
import type { DeskConfig } from '@/lib/domain';
import { syncRequests } from '@/lib/tracking/sync';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

let server: JsmServer;
let adapter: DeskAdapter;
let config: DeskConfig;
beforeEach(async () => {
  server = await startJsmServer();
  const alice = server.users.alice;
  config = { id: 'jsm-cloud:test', kind: 'jsm-cloud', name: 'Legal', baseUrl: server.url, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email };
  adapter = createAdapter(config, { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

/** Files `n` requests as the employee, oldest first; their keys. */
async function file(n: number, subject: string): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const { ref } = await adapter.createRequest({
      clientId: crypto.randomUUID(),
      departmentId: '1:11',
      formId: '1/102', // Legal › Review a contract
      subject: `${subject} ${i + 1}`,
      body: 'Please review.',
      fields: { customfield_10010: '10101' },
      attachments: [],
      requester: { id: '', name: '', email: '', displayName: '', staff: false },
    });
    keys.push(ref.key);
  }
  return keys;
}

const isListing = (status: string) => (method: string, path: string, query: URLSearchParams) =>
  method === 'GET' && path.endsWith('/rest/servicedeskapi/request') && query.get('requestStatus') === status;

describe('JSM: my requests while staff act between calls', () => {
  it('lists an open request that moved to the top while the later pages of the open listing were read', async () => {
    const keys = await file(60, 'Contract');
    const oldest = keys[0]!;
    const newest = keys.at(-1)!;
    const open = isListing('OPEN_REQUESTS');
    server.beforeCall = (method, path, query) => {
      // Page 1 read; before page 2, staff answer the oldest (on page 2): it moves to the top;
      // and answer the newest (read already on page 1) too.
      if (open(method, path, query) && query.get('start') === '50' && server.beforeCall) {
        server.addComment(oldest, 'Signed, see the attached copy.');
        server.addComment(newest, 'Looking at it today.');
        server.beforeCall = undefined;
      }
    };
    // A full look after an earlier one: the listing of changes stops at what that look saw.
    const { cursor } = await adapter.listMyRequests({ includeOpen: false });
    const { requests } = await adapter.listMyRequests({ cursor, includeOpen: true });
    expect(requests.map((r) => r.ref.key)).toContain(oldest);
    expect(new Set(requests.map((r) => r.ref.key)).size).toBe(requests.length);
    // Each as last read: the newest with the answer given while page 2 was read.
    const stored = server.state.requests.find((r) => r.issueKey === newest)!;
    expect(Date.parse(requests.find((r) => r.ref.key === newest)!.updated)).toBe(stored.updated);
  });

  it('a request resolved between the two listings of a full look is a status change, never gone', async () => {
    const [longOpen] = await file(1, 'Long-running');
    const done = await file(55, 'Done since');
    for (const key of done) server.setStatus(key, 'Resolved', 'DONE');
    const [newest] = await file(1, 'Newest');
    const desk = { config, adapter };
    const events: { kind: string; key: string }[] = [];
    let now = Date.now();
    const look = async (old: Parameters<typeof syncRequests>[1], full: boolean) => {
      now += full ? 31 * 60_000 : 60_000;
      const r = await syncRequests([desk], old, now, { full });
      events.push(...r.events.map((e) => ({ kind: e.kind, key: e.request.ref.key })));
      return r.snapshot;
    };
    let snapshot = await look(null, true); // the first look
    const open = isListing('OPEN_REQUESTS');
    server.beforeCall = (method, path, query) => {
      if (!open(method, path, query) || !server.beforeCall) return;
      // Between the listing of changes (read first) and the open listing: staff resolve the
      // newest, then answer the long-running one (beyond the first page of changes).
      server.beforeCall = undefined;
      server.setStatus(newest!, 'Resolved', 'DONE');
      server.addComment(longOpen!, 'Your laptop has shipped.');
    };
    snapshot = await look(snapshot, true); // the popup opened: a full look
    snapshot = await look(snapshot, false); // a routine look
    snapshot = await look(snapshot, true); // the next full look
    expect(events.filter((e) => e.key === newest)).toEqual([{ kind: 'status', key: newest }]);
    expect(snapshot.requests.find((r) => r.ref.key === newest)).toMatchObject({ category: 'done' });
    expect(events.filter((e) => e.key === longOpen)).toEqual([{ kind: 'reply', key: longOpen }]);
  });

  it('a request open by its status but resolved by its Resolution field (reopened by a workflow that kept it) is asked about, not taken for gone', async () => {
    const [reopened] = await file(1, 'Reopened');
    const [deleted] = await file(1, 'Deleted');
    const desk = { config, adapter };
    const events: { kind: string; key: string }[] = [];
    let now = Date.now();
    const look = async (old: Parameters<typeof syncRequests>[1], full: boolean) => {
      now += 31 * 60_000;
      const r = await syncRequests([desk], old, now, { full });
      events.push(...r.events.map((e) => ({ kind: e.kind, key: e.request.ref.key })));
      return r.snapshot;
    };
    let snapshot = await look(null, true);
    // Staff reopen it ("Waiting for support") with a workflow that keeps the Resolution set:
    // the portal's open listing leaves it out from now on. The next look lists it as changed.
    server.setStatus(reopened!, 'Waiting for support', 'NEW', { resolved: true });
    snapshot = await look(snapshot, false);
    // More than a page of requests filed since, all seen by a look: the listing of changes of the
    // next look stops on its first page, above the two.
    const others = await file(55, 'Later');
    for (const key of others) server.setStatus(key, 'Resolved', 'DONE');
    snapshot = await look(snapshot, false);
    // The other is deleted (no longer there for anyone).
    server.state.requests.splice(server.state.requests.findIndex((r) => r.issueKey === deleted), 1);
    // A full look later: neither changed since; only the deleted one is gone.
    snapshot = await look(snapshot, true);
    expect(snapshot.requests.filter((r) => r.category !== 'done').map((r) => r.ref.key)).toEqual([reopened]);
    expect(events.filter((e) => e.kind === 'gone')).toEqual([{ kind: 'gone', key: deleted }]);

    // Asked at most every 30 minutes (a popup opened often makes full looks), and a failed
    // answer (a 500 on that one request) keeps it as it was without failing the desk's look.
    const asks = () => server.calls.filter((c) => c.method === 'GET' && c.path.endsWith(`/request/${reopened}`)).length;
    const before = asks();
    now -= 31 * 60_000 - 60_000; // the next look one minute later
    snapshot = await look(snapshot, true);
    expect(asks()).toBe(before);
    server.failNext({ status: 500, match: (method, path) => method === 'GET' && path.endsWith(`/request/${reopened}`) });
    const failing = await syncRequests([desk], snapshot, now + 31 * 60_000, { full: true });
    expect(failing.failed).toEqual([]);
    expect(failing.snapshot.requests.filter((r) => r.category !== 'done').map((r) => r.ref.key)).toEqual([reopened]);
    expect(failing.events).toEqual([]);
  });
});
