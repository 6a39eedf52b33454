// A Jira Service Management request type without a description (an administrator may take it
// off; Jira then refuses one), through the spec-checked test server: the request is filed with
// the text (and its reference) as its first public comment, then the files; an interrupted
// create is found by that reference, or, when the create's answer or the text was lost on the
// way, by its subject, and its text is added then: one request, its text once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskAdapter } from '@/lib/desks/types';
import { DeskFailure, type NewRequest } from '@/lib/domain';
import { submitRequest, type SubmitInput } from '@/lib/requests/submit';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

let server: JsmServer;
/** What the network does to a call: by default, nothing. */
let net: (input: string, init?: RequestInit) => Promise<Response>;
let adapter: DeskAdapter;
beforeEach(async () => {
  server = await startJsmServer();
  net = (input, init) => fetch(input, init);
  const alice = server.users.alice;
  adapter = createAdapter(
    { id: 'jsm-cloud:test', kind: 'jsm-cloud', name: 'IT', baseUrl: server.url, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email },
    { fetch: (input: string, init?: RequestInit) => net(input, init), sleep: async () => undefined },
  );
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

/** The desk does what it was asked; its answer never arrives (once, for the call `matches`). */
function loseAnswer(matches: (method: string, url: string) => boolean) {
  let left = 1;
  net = async (input, init) => {
    const res = await fetch(input, init);
    if (left > 0 && matches(init?.method ?? 'GET', String(input))) {
      left--;
      throw new TypeError('Failed to fetch');
    }
    return res;
  };
}

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
const png = { name: 'screenshot.png', type: 'image/png', data: Buffer.from('png').toString('base64') };
const stored = (key: string) => server.state.requests.find((r) => r.issueKey === key);
const texts = (key: string) => stored(key)?.comments.filter((c) => c.body.includes('Mine broke')).map((c) => [c.body, c.public]);

describe('a JSM request type without a description', () => {
  it('is filed, with the text as its first public comment, and found again by its reference', async () => {
    const since = Date.now();
    const clientId = crypto.randomUUID();
    const { ref, pendingAttachments } = await adapter.createRequest(headset(clientId));
    expect(pendingAttachments).toEqual([]);
    expect(stored(ref.key)?.fields.description).toBeUndefined();
    expect(texts(ref.key)).toEqual([[`Mine broke — Grüße.\n\nReference: ${clientId}`, true]]);
    expect((await adapter.findRequest(headset(clientId), since))?.key).toBe(ref.key);
    expect(await adapter.findRequest({ ...headset(crypto.randomUUID()), subject: 'Another one' }, since)).toBeUndefined();
    const messages = await adapter.conversation(ref);
    expect(messages.map((m) => [m.mine, m.text])).toEqual([[true, `Mine broke — Grüße.\n\nReference: ${clientId}`]]);
    expect(texts(ref.key)).toHaveLength(1); // looking added nothing
  });

  it('sends the files after the text', async () => {
    const { ref, pendingAttachments } = await adapter.createRequest(headset(crypto.randomUUID(), [png]));
    expect(pendingAttachments).toEqual([]);
    expect(stored(ref.key)?.comments[0]?.body).toContain('Mine broke');
    expect(stored(ref.key)?.attachments.map((a) => a.name)).toEqual(['screenshot.png']);
  });

  const input: SubmitInput = {
    draft: { deskId: 'jsm-cloud:test', departmentId: '2:22', formId: '2/203', subject: 'A headset for the Köln office', description: 'Mine broke — Grüße.', fields: { customfield_10030: '10200/10202' }, excluded: [], updatedAt: 0 },
    context: { redactions: 0, gaps: [], files: [png] },
  };
  const header = { deskId: 'jsm-cloud:test', id: '2/203', name: 'Order a headset', description: '', departmentIds: ['2:22'] };
  const send = (clientId: string, createdAt: number, attempt: number) => submitRequest(adapter, header, 'IT', input, { clientId, attempt, createdAt });

  it.each([
    ['the create\'s answer', (method: string, url: string) => method === 'POST' && url.endsWith('/request')],
    ['the text comment\'s answer', (method: string, url: string) => method === 'POST' && url.endsWith('/comment')],
  ])('%s lost: the retry finds the request, and it holds the text and the files once', async (_what, matches) => {
    const clientId = crypto.randomUUID();
    const createdAt = Date.now();
    loseAnswer(matches);
    await expect(send(clientId, createdAt, 0)).rejects.toBeInstanceOf(DeskFailure);
    const outcome = await send(clientId, createdAt, 1);
    expect(server.state.requests.filter((r) => r.requestTypeId === '203')).toHaveLength(1);
    const key = outcome.ticket.key;
    expect(texts(key)).toHaveLength(1);
    expect(texts(key)?.[0]?.[0]).toContain(clientId);
    expect(stored(key)?.attachments.map((a) => a.name)).toEqual(['screenshot.png']);
    // Once more: found by its reference now, nothing added.
    expect((await send(clientId, createdAt, 2)).ticket.key).toBe(key);
    expect(texts(key)).toHaveLength(1);
    expect(stored(key)?.attachments).toHaveLength(1);
  });

  it('two requests of the form with that subject and no text: no guess, nothing added', async () => {
    const since = Date.now();
    for (let i = 0; i < 2; i++) {
      server.failNext({ status: 503, match: (m, p) => m === 'POST' && p.endsWith('/comment') });
      await expect(adapter.createRequest(headset(crypto.randomUUID()))).rejects.toMatchObject({ error: { kind: 'server' } });
    }
    expect(await adapter.findRequest(headset(crypto.randomUUID()), since)).toBeUndefined();
    expect(server.state.requests.flatMap((r) => r.comments)).toEqual([]);
  });

  it('the text comment not sent (the desk failed): the request is filed, and the retry adds the text', async () => {
    const clientId = crypto.randomUUID();
    const createdAt = Date.now();
    server.failNext({ status: 503, match: (m, p) => m === 'POST' && p.endsWith('/comment') });
    await expect(send(clientId, createdAt, 0)).rejects.toMatchObject({ error: { kind: 'server' } });
    const [filed] = server.state.requests.filter((r) => r.requestTypeId === '203');
    expect(filed?.comments).toEqual([]);
    const outcome = await send(clientId, createdAt, 1);
    expect(outcome.ticket.key).toBe(filed?.issueKey);
    expect(texts(outcome.ticket.key)).toHaveLength(1);
    expect(stored(outcome.ticket.key)?.attachments.map((a) => a.name)).toEqual(['screenshot.png']);
  });
});
