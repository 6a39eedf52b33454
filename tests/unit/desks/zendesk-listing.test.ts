// "My requests" from Zendesk while staff act between the adapter's calls, through the
// spec-checked test server: ListRequests is read by page number, ordered by latest change, so a
// request answered while a full look reads its later pages moves to the first page, read
// already, and pushes another across a page edge. It is still listed, and each request once.
// (Found by a review of the Zendesk adapter, 2026-12-06; failed before the fix.)
// And Zendesk's times have whole seconds: staff who answer in the second of the tracker's last
// look leave the request's time as that look saw it; the answer is still news.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZendeskAdapter } from '@/lib/desks/zendesk/adapter';
import type { DeskAdapter } from '@/lib/desks/types';
import type { DeskConfig } from '@/lib/domain';
import { syncRequests } from '@/lib/tracking/sync';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../../desks/zendesk/server';

let server: ZendeskServer;
let adapter: DeskAdapter;
let config: DeskConfig;
beforeEach(async () => {
  server = await startZendeskServer();
  const alice = server.users.alice;
  config = { id: 'zd', kind: 'zendesk', name: 'Zendesk', baseUrl: `${server.url}/`, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email };
  adapter = createZendeskAdapter(config, { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

describe('Zendesk: my requests while staff act between calls', () => {
  it('a full look lists a request answered while its later pages were read, and every request once', async () => {
    const requester = await adapter.whoAmI();
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      const { ref } = await adapter.createRequest({
        clientId: crypto.randomUUID(),
        departmentId: String(formIds.it),
        formId: String(formIds.it),
        subject: `Laptop ${i + 1}`,
        body: 'It will not start.',
        fields: { [fieldIds.building]: 'hq_north' },
        attachments: [],
        requester,
      });
      ids.push(ref.id);
    }
    const oldest = ids[0]!;
    const { cursor } = await adapter.listMyRequests({ includeOpen: false });
    server.beforeCall = (method, path, query) => {
      // Page 1 read; before page 2, staff answer the oldest (on page 2): it moves to page 1.
      if (method === 'GET' && path === '/api/v2/requests' && query.get('page') === '2' && server.beforeCall) {
        server.beforeCall = undefined;
        server.addComment(Number(oldest), 'A new one is on its way.');
      }
    };
    const { requests } = await adapter.listMyRequests({ cursor, includeOpen: true });
    const listed = requests.map((r) => r.ref.id);
    expect(listed).toContain(oldest);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toHaveLength(130);
  });

  it("a staff reply and a status change in the second of the tracker's last look are news, though the request's time did not move", async () => {
    const requester = await adapter.whoAmI();
    const file = async (subject: string) =>
      (
        await adapter.createRequest({
          clientId: crypto.randomUUID(), departmentId: String(formIds.it), formId: String(formIds.it), subject, body: 'It will not start.',
          fields: { [fieldIds.building]: 'hq_north' }, attachments: [], requester,
        })
      ).ref;
    // Every change from here on, the filings too, shares one second.
    server.holdClock();
    const answered = await file('Laptop');
    const waiting = await file('Monitor');
    const desks = [{ config, adapter }];
    const first = await syncRequests(desks, null, Date.now());
    const seen = first.snapshot.requests.find((r) => r.ref.id === answered.id)!;
    expect(seen.lastStaffReply).toBeUndefined();
    server.addComment(Number(answered.id), 'We are on it: which floor?');
    server.setStatus(Number(waiting.id), 'pending');
    const next = await syncRequests(desks, first.snapshot, Date.now() + 60_000);
    const after = next.snapshot.requests.find((r) => r.ref.id === answered.id)!;
    expect(after.updated, 'the request\'s time as the last look saw it').toBe(seen.updated);
    expect(next.events.map((e) => [e.kind, e.request.ref.id])).toEqual(expect.arrayContaining([['reply', answered.id], ['status', waiting.id]]));
    expect(after.lastStaffReply?.excerpt).toContain('which floor');
    expect(next.snapshot.requests.find((r) => r.ref.id === waiting.id)?.category).toBe('waiting');
  });
});
