// The first look (lib/tracking/sync.ts) through the real adapters, against the spec-checked JSM
// and Zendesk test servers: "Done (last 30 days)" holds what was done in the last 30 days from the
// first look on, recorded without a word to the user; what was done before that is not listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskConfig, NewRequest, TicketRef } from '@/lib/domain';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskAdapter } from '@/lib/desks/types';
import { DONE_KEPT_MS } from '@/lib/tracking/snapshot';
import { syncRequests } from '@/lib/tracking/sync';
import { startJsmServer } from '../../desks/jsm/server';
import { fieldIds, formIds, startZendeskServer } from '../../desks/zendesk/server';

const requester = { id: '', name: '', email: '', displayName: '', staff: false };
const http = { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined };

interface Desk {
  config: DeskConfig;
  adapter: DeskAdapter;
  /** Files a request as alice. */
  file(subject: string): Promise<TicketRef>;
  resolve(ref: TicketRef): void;
  violations: string[];
  close(): Promise<void>;
}

async function jsm(): Promise<Desk> {
  const server = await startJsmServer();
  const config: DeskConfig = { id: 'jsm:test', kind: 'jsm-cloud', name: 'Legal', baseUrl: server.url, auth: { mode: 'basic', token: server.users.alice.apiToken }, email: server.users.alice.email };
  const adapter = createAdapter(config, http);
  return {
    config,
    adapter,
    file: async (subject) => (await adapter.createRequest({ clientId: subject, departmentId: '1:11', formId: '1/102', subject, body: 'Please', fields: { customfield_10010: '10101' }, attachments: [], requester } satisfies NewRequest)).ref,
    resolve: (ref) => server.setStatus(ref.key, 'Resolved', 'DONE'),
    violations: server.violations,
    close: () => server.close(),
  };
}

async function zendesk(): Promise<Desk> {
  const server = await startZendeskServer();
  const config: DeskConfig = { id: 'zendesk:test', kind: 'zendesk', name: 'Acme', baseUrl: server.url, auth: { mode: 'basic', token: server.users.alice.apiToken }, email: server.users.alice.email };
  const adapter = createAdapter(config, http);
  return {
    config,
    adapter,
    file: async (subject) =>
      (await adapter.createRequest({ clientId: subject, departmentId: String(formIds.it), formId: String(formIds.it), subject, body: 'Please', fields: { [String(fieldIds.building)]: 'hq_north' }, attachments: [], requester })).ref,
    resolve: (ref) => server.setStatus(Number(ref.id), 'solved'),
    violations: server.violations,
    close: () => server.close(),
  };
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

  it('leaves out what was done before those 30 days, and keeps every open one', async () => {
    // The same desk looked at first 31 days on: the request resolved today is older than the horizon.
    const { snapshot, events } = await syncRequests([desk], null, Date.now() + DONE_KEPT_MS + 24 * 60 * 60 * 1000);
    expect(keys(snapshot.requests)[open.key]).toBe('open');
    expect(keys(snapshot.requests)[done.key]).toBeUndefined();
    expect(snapshot.requests.filter((r) => r.category === 'done')).toEqual([]);
    expect(events).toEqual([]);
  });
});
