// A Jira Service Management request type without a description (an administrator may take it
// off; Jira then refuses one), through the spec-checked test server: the request is filed, the
// text goes as its first public comment (with the files, when there are), an interrupted
// create is found by the reference in that comment, and the conversation starts with the text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskAdapter } from '@/lib/desks/types';
import type { NewRequest } from '@/lib/domain';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

let server: JsmServer;
let adapter: DeskAdapter;
beforeEach(async () => {
  server = await startJsmServer();
  const alice = server.users.alice;
  adapter = createAdapter(
    { id: 'jsm-cloud:test', kind: 'jsm-cloud', name: 'IT', baseUrl: server.url, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email },
    { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined },
  );
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

const headset = (clientId: string, attachments: NewRequest['attachments'] = []): NewRequest => ({
  clientId,
  departmentId: '2:22',
  formId: '2/203',
  subject: 'A headset for the Köln office',
  body: `Mine broke — Grüße.\n\nReference: ${clientId}`,
  fields: { customfield_10030: '10200/10202' },
  attachments,
  requester: { id: '', name: '', email: '', displayName: '', staff: false },
});

describe('a JSM request type without a description', () => {
  it('is filed, with the text as its first public comment, and found again by its reference', async () => {
    const since = Date.now();
    const clientId = crypto.randomUUID();
    const { ref, pendingAttachments } = await adapter.createRequest(headset(clientId));
    expect(pendingAttachments).toEqual([]);
    const stored = server.state.requests.find((r) => r.issueKey === ref.key);
    expect(stored?.fields.description).toBeUndefined();
    expect(stored?.comments.map((c) => [c.body, c.public])).toEqual([[`Mine broke — Grüße.\n\nReference: ${clientId}`, true]]);
    expect((await adapter.findRequest(headset(clientId), since))?.key).toBe(ref.key);
    expect(await adapter.findRequest(headset(crypto.randomUUID()), since)).toBeUndefined();
    const messages = await adapter.conversation(ref);
    expect(messages.map((m) => [m.mine, m.text])).toEqual([[true, `Mine broke — Grüße.\n\nReference: ${clientId}`]]);
  });

  it('sends the files in the same comment as the text', async () => {
    const png = { name: 'screenshot.png', type: 'image/png', data: Buffer.from('png').toString('base64') };
    const { ref, pendingAttachments } = await adapter.createRequest(headset(crypto.randomUUID(), [png]));
    expect(pendingAttachments).toEqual([]);
    const stored = server.state.requests.find((r) => r.issueKey === ref.key);
    expect(stored?.comments).toHaveLength(1);
    expect(stored?.comments[0]?.body).toContain('Mine broke');
    expect(stored?.attachments.map((a) => a.name)).toEqual(['screenshot.png']);
  });
});
