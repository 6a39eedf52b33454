// Date-time and user-picker fields at Jira Service Management, through the spec-checked test
// server: date-times sent as createCustomerRequest's field input formats ask (ISO 8601 with
// seconds and the zone) and read back as the same instant; users named as each edition takes
// them (Cloud: accountId; Data Center: username).
import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '@/lib/desks/registry';
import { jiraDateTime } from '@/lib/desks/jsm/mapping';
import { submitRequest } from '@/lib/requests/submit';
import { startJsmServer } from '../../desks/jsm/server';
import { signInOf, testDeskAdapter } from '../../e2e/support/test-desks';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('jiraDateTime', () => {
  it.each([
    ['America/New_York', '2026-12-06T10:30', '2026-12-06T10:30:00.000-0500'],
    ['Asia/Kolkata', '2026-12-06T10:30', '2026-12-06T10:30:00.000+0530'],
    ['Pacific/Auckland', '2026-07-01T23:59', '2026-07-01T23:59:00.000+1200'],
    ['UTC', '2026-12-06T10:30', '2026-12-06T10:30:00.000+0000'],
    // One with a zone keeps its instant, in this computer's offset.
    ['Europe/Berlin', '2026-12-06T10:30:00Z', '2026-12-06T11:30:00.000+0100'],
  ])('in %s: %s is %s', (tz, local, sent) => {
    process.env.TZ = tz;
    expect(jiraDateTime(local)).toBe(sent);
  });

  it('leaves a value that is no time as it is (the desk names it)', () => {
    expect(jiraDateTime('next Tuesday')).toBe('next Tuesday');
  });
});

describe('a date-time field filed at the JSM test server', () => {
  it('is taken as the specification asks and read back as kept', async () => {
    process.env.TZ = 'Asia/Kolkata';
    const server = await startJsmServer();
    const signIn = signInOf(server);
    try {
      const adapter = testDeskAdapter('jsm-cloud', signIn);
      const fields = await adapter.formFields('1/102');
      expect(fields.find((f) => f.id === 'customfield_10090')?.kind).toBe('datetime');
      const outcome = await submitRequest(
        adapter,
        { deskId: 'jsm-cloud:test', id: '1/102', name: 'Review a contract', description: '', departmentIds: ['1:11'] },
        'Legal',
        {
          draft: {
            deskId: 'jsm-cloud:test',
            departmentId: '1:11',
            formId: '1/102',
            subject: 'Meeting about the supplier contract',
            description: 'Before we sign.',
            fields: { customfield_10010: '10100', customfield_10090: '2026-12-08T14:30' },
            excluded: [],
            updatedAt: 0,
          },
          context: { redactions: 0, gaps: [] },
        },
        { clientId: crypto.randomUUID(), attempt: 0, createdAt: Date.now() },
      );
      expect(outcome.dropped).toEqual([]);
      const stored = server.state.requests.find((r) => r.issueKey === outcome.ticket.key);
      expect(stored?.fields.customfield_10090).toBe('2026-12-08T14:30:00.000+0530');
    } finally {
      await signIn.close();
    }
    expect(signIn.violations).toEqual([]);
  });
});

describe('a user-picker field filed at the JSM test server', () => {
  const requester = { id: '', name: '', email: '', displayName: '', staff: false };
  it.each(['cloud', 'dc'] as const)('names the user as %s takes it (Cloud: accountId; Data Center: username) and reads it back as kept', async (mode) => {
    const server = await startJsmServer(mode === 'dc' ? { mode, contextPath: '/jira' } : { mode });
    try {
      const alice = server.users.alice;
      const adapter = createAdapter(
        {
          id: `jsm-${mode}:test`,
          kind: mode === 'dc' ? 'jsm-dc' : 'jsm-cloud',
          name: 'Legal',
          baseUrl: server.url,
          auth: mode === 'dc' ? { mode: 'bearer', token: alice.pat } : { mode: 'basic', token: alice.apiToken },
          email: alice.email,
        },
        { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined },
      );
      const fields = await adapter.formFields('1/103');
      expect(fields.find((f) => f.id === 'customfield_10095')?.kind).toBe('user');
      const who = mode === 'dc' ? 'dana.agent' : '5d53f3cbc6b9320d9ea5bdc2';
      const created = await adapter.createRequest({
        clientId: crypto.randomUUID(), subject: 'May I share the draft?', body: 'With the supplier.', attachments: [], requester,
        departmentId: '1:12', formId: '1/103', fields: { customfield_10095: who },
      });
      const stored = server.state.requests.find((r) => r.issueKey === created.ref.key);
      expect(stored?.fields.customfield_10095).toEqual(mode === 'dc' ? { name: who } : { accountId: who });
      expect((await adapter.readRequest(created.ref)).fields.customfield_10095).toEqual([who]);
      expect(server.violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
