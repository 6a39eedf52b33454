// The desk contract for Zendesk (API token), against the stateful test server.
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig } from '@/lib/domain';
import { fieldIds, formIds, startZendeskServer } from '../desks/zendesk/server';
import { describeContract, gatewayFetch, type ContractDesk } from './suite';

async function zendeskDesk(): Promise<ContractDesk> {
  const server = await startZendeskServer();
  const alice = server.users.alice;
  const config = (token: string): DeskConfig => ({ id: 'zendesk:test', kind: 'zendesk', name: 'Acme', baseUrl: server.url, auth: { mode: 'basic', token }, email: alice.email });
  const gateway = gatewayFetch((input, init) => fetch(input, init), (url, init) => init?.method === 'POST' && url.pathname === '/api/v2/requests');
  const deps = { fetch: gateway.fetch, sleep: async () => undefined };
  const adapter = createAdapter(config(alice.apiToken), deps);
  const fail = (f: Parameters<typeof server.failNext>[0]) => () => {
    server.failNext({ times: 1, ...f });
    return adapter.listCatalog();
  };
  const stored = (key: string) => server.state.requests.find((r) => `#${r.id}` === key)!;
  return {
    adapter,
    refused: createAdapter(config('not-a-token'), deps),
    form: { id: String(formIds.it), departmentId: String(formIds.it), select: { field: String(fieldIds.building), value: 'hq_north' } },
    staff: {
      wait: async (ref) => server.setStatus(Number(ref.id), 'pending'),
      resolve: async (ref) => server.setStatus(Number(ref.id), 'solved'),
      reply: async (ref, text) => server.addComment(Number(ref.id), text, { public: true }),
      note: async (ref, text) => server.addComment(Number(ref.id), text, { public: false }),
      files: async (ref) => stored(ref.key).comments.flatMap((c) => c.attachments.map((a) => ({ name: a.file_name, bytes: a.bytes }))),
    },
    faults: [
      { what: '403', kind: 'forbidden', provoke: fail({ status: 403 }) },
      { what: '404', kind: 'not-found', provoke: fail({ status: 404 }) },
      { what: '429 with Retry-After', kind: 'rate-limited', provoke: fail({ status: 429, retryAfter: '1', times: 3 }) },
      { what: '500', kind: 'server', provoke: fail({ status: 500, times: 3 }) },
      { what: 'a sign-in page (HTML)', kind: 'unauthorized', provoke: fail({ status: 401, html: true }) },
      { what: 'an HTML page that is not the API', kind: 'not-api', provoke: fail({ status: 200, html: true }) },
      {
        what: '422 for a value not among the options',
        kind: 'rejected',
        provoke: () =>
          adapter.createRequest({
            clientId: crypto.randomUUID(), departmentId: String(formIds.it), formId: String(formIds.it), subject: 'x', body: 'y', attachments: [],
            fields: { [fieldIds.building]: 'no-such-option' }, requester: { id: '', name: '', email: '', displayName: '', staff: false },
          }),
      },
    ],
    gatewayAnswersCreate: gateway.answerNextCreate,
    violations: () => server.violations,
    close: () => server.close(),
  };
}

describeContract('Zendesk (API token)', zendeskDesk);
