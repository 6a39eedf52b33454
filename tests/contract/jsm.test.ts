// The desk contract for Jira Service Management, Cloud (e-mail + API token) and Data Center
// (personal access token, context path), against the stateful test server.
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig } from '@/lib/domain';
import { startJsmServer } from '../desks/jsm/server';
import { describeContract, gatewayFetch, type ContractDesk } from './suite';

async function jsmDesk(mode: 'cloud' | 'dc'): Promise<ContractDesk> {
  const server = await startJsmServer(mode === 'dc' ? { mode, contextPath: '/jira' } : { mode });
  const alice = server.users.alice;
  const config = (token: string): DeskConfig => ({
    id: `jsm-${mode}:test`,
    kind: mode === 'dc' ? 'jsm-dc' : 'jsm-cloud',
    name: 'Legal',
    baseUrl: server.url,
    auth: mode === 'dc' ? { mode: 'bearer', token } : { mode: 'basic', token },
    email: alice.email,
  });
  const gateway = gatewayFetch((input, init) => fetch(input, init), (url, init) => init?.method === 'POST' && url.pathname.endsWith('/rest/servicedeskapi/request'));
  const deps = { fetch: gateway.fetch, sleep: async () => undefined };
  const adapter = createAdapter(config(mode === 'dc' ? alice.pat : alice.apiToken), deps);
  const fail = (f: Parameters<typeof server.failNext>[0]) => () => {
    server.failNext({ times: 1, ...f });
    return adapter.listCatalog();
  };
  return {
    adapter,
    refused: createAdapter(config('not-a-token'), deps),
    form: {
      id: '1/102', // Legal › Review a contract
      departmentId: '1:11', // Legal · Contracts
      select: { field: 'customfield_10010', value: '10101' }, // Counterparty type: Customer
    },
    staff: {
      wait: async (ref) => server.setStatus(ref.key, 'Waiting for customer', 'INDETERMINATE'),
      resolve: async (ref) => server.setStatus(ref.key, 'Resolved', 'DONE'),
      reply: async (ref, text) => server.addComment(ref.key, text, { public: true }),
      note: async (ref, text) => server.addComment(ref.key, text, { public: false }),
      files: async (ref) => (server.state.requests.find((r) => r.issueKey === ref.key)?.attachments ?? []).map((a) => ({ name: a.name, bytes: a.bytes })),
    },
    faults: [
      { what: '403', kind: 'forbidden', provoke: fail({ status: 403 }) },
      { what: '404', kind: 'not-found', provoke: fail({ status: 404 }) },
      // Reads are retried on 429 and 5xx: the fault outlasts the retries.
      { what: '429 with Retry-After', kind: 'rate-limited', provoke: fail({ status: 429, retryAfter: '1', times: 3 }) },
      { what: '500', kind: 'server', provoke: fail({ status: 500, times: 3 }) },
      { what: 'the Atlassian login page (HTML)', kind: 'unauthorized', provoke: fail({ html: true }) },
      {
        what: '400 for a value not among the options',
        kind: 'rejected',
        provoke: () =>
          adapter.createRequest({
            clientId: crypto.randomUUID(), departmentId: '1:11', formId: '1/102', subject: 'x', body: 'y', attachments: [],
            fields: { customfield_10010: 'no-such-option' }, requester: { id: '', name: '', email: '', displayName: '', staff: false },
          }),
      },
    ],
    gatewayAnswersCreate: gateway.answerNextCreate,
    violations: () => server.violations,
    close: () => server.close(),
  };
}

describeContract('Jira Service Management Cloud (test server)', () => jsmDesk('cloud'));
describeContract('Jira Service Management Data Center (test server, /jira)', () => jsmDesk('dc'));
