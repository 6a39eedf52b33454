import { describe, expect, it } from 'vitest';
import type { DeskConfig } from '@/lib/domain';
import { layer } from '@/lib/settings/policy';
import { deskSummaries, keptAuth, originPattern, removeDesk, summarize, upsertDesk, validateDeskInput, type DeskInput } from '@/lib/settings/desk';

const input: DeskInput = { kind: 'rt', baseUrl: 'https://desk.example.com/rt/', authMode: 'token', token: '1-27-abc', email: '' };
const cloud: DeskInput = { kind: 'jsm-cloud', baseUrl: 'https://acme.atlassian.net', authMode: 'basic', token: 'ATATT3xF', email: 'alice@example.com' };
const dc: DeskInput = { kind: 'jsm-dc', baseUrl: 'https://jira.example.com/jira', authMode: 'bearer', token: 'NDQ1NjM2', email: '' };
const zendesk: DeskInput = { kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', authMode: 'oauth', token: '', email: '', oauthClientId: 'instant_desk' };

describe('validateDeskInput', () => {
  it('normalises the address and builds the config', () => {
    expect(validateDeskInput(input).config).toEqual({
      id: 'rt:desk.example.com/rt',
      kind: 'rt',
      name: 'desk.example.com',
      baseUrl: 'https://desk.example.com/rt',
      auth: { mode: 'token', token: '1-27-abc' },
    });
    expect(validateDeskInput({ ...input, baseUrl: 'desk.example.com' }).config?.baseUrl).toBe('https://desk.example.com');
  });

  it('builds each kind with its own sign-in', () => {
    expect(validateDeskInput(cloud).config).toEqual({
      id: 'jsm-cloud:acme.atlassian.net',
      kind: 'jsm-cloud',
      name: 'acme.atlassian.net',
      baseUrl: 'https://acme.atlassian.net',
      auth: { mode: 'basic', token: 'ATATT3xF' },
      email: 'alice@example.com',
    });
    expect(validateDeskInput(dc).config).toMatchObject({ id: 'jsm-dc:jira.example.com/jira', baseUrl: 'https://jira.example.com/jira', auth: { mode: 'bearer', token: 'NDQ1NjM2' } });
    expect(validateDeskInput(zendesk).config).toMatchObject({ id: 'zendesk:acme.zendesk.com', auth: { mode: 'oauth', token: '' }, oauthClientId: 'instant_desk' });
    expect(validateDeskInput({ ...zendesk, authMode: 'basic', token: 'zd-token', email: 'alice@example.com' }).config?.auth).toEqual({ mode: 'basic', token: 'zd-token' });
    expect(validateDeskInput({ ...input, authMode: 'session', token: '', email: 'alice' }).config).toMatchObject({ auth: { mode: 'session' }, email: 'alice' });
  });

  it('does not require the usual cloud domains: companies use their own', () => {
    expect(validateDeskInput({ ...cloud, baseUrl: 'https://help.acme.com' }).problems).toEqual([]);
    expect(validateDeskInput({ ...zendesk, baseUrl: 'https://support.acme.com' }).problems).toEqual([]);
  });

  it('keeps only what the sign-in mode uses', () => {
    // A user name typed for the desk's login is not kept once a token is chosen, nor a token for a login.
    expect(validateDeskInput({ ...input, email: 'alice' }).config).not.toHaveProperty('email');
    expect(validateDeskInput({ ...input, authMode: 'session', email: 'alice' }).config?.auth).toEqual({ mode: 'session' });
    expect(validateDeskInput({ ...zendesk, authMode: 'basic', token: 'zd', email: 'alice@example.com', oauthClientId: 'x' }).config).not.toHaveProperty('oauthClientId');
  });

  it.each([
    ['an empty address', input, { baseUrl: ' ' }, [{ field: 'baseUrl', code: 'required' }]],
    ['not an address', input, { baseUrl: 'https://exa mple' }, [{ field: 'baseUrl', code: 'invalid-url' }]],
    ['another scheme', input, { baseUrl: 'ftp://desk.example.com' }, [{ field: 'baseUrl', code: 'invalid-url' }]],
    ['http to another machine', input, { baseUrl: 'http://desk.example.com' }, [{ field: 'baseUrl', code: 'insecure' }]],
    ['an unknown kind', input, { kind: 'otrs' as never }, [{ field: 'kind', code: 'invalid-kind' }]],
    ['no token', input, { token: '' }, [{ field: 'token', code: 'required' }]],
    ['a token with spaces', input, { token: '1-27 abc' }, [{ field: 'token', code: 'token-format' }]],
    ['session sign-in without e-mail', input, { authMode: 'session' as const, token: '' }, [{ field: 'email', code: 'required' }]],
    ['a bad e-mail for the desk login', input, { authMode: 'session' as const, email: 'alice@' }, [{ field: 'email', code: 'invalid-email' }]],
    ['a user name with spaces', input, { authMode: 'session' as const, email: 'alice smith' }, [{ field: 'email', code: 'invalid-email' }]],
    ['a timeout under 2 s', input, { timeoutSeconds: '1' }, [{ field: 'timeoutSeconds', code: 'invalid-timeout' }]],
    ['a timeout that is not a number', input, { timeoutSeconds: 'soon' }, [{ field: 'timeoutSeconds', code: 'invalid-timeout' }]],
    // Jira Service Management Cloud: e-mail + API token only; the site sits at the root of its host.
    ['a JSM Cloud path', cloud, { baseUrl: 'https://acme.atlassian.net/servicedesk' }, [{ field: 'baseUrl', code: 'context-path' }]],
    ['the browser login on JSM Cloud', cloud, { authMode: 'session' as const, token: '' }, [{ field: 'authMode', code: 'sign-in-unsupported' }]],
    ['RT\'s token header on JSM Cloud', cloud, { authMode: 'token' as const }, [{ field: 'authMode', code: 'sign-in-unsupported' }]],
    ['no API token', cloud, { token: '' }, [{ field: 'token', code: 'required' }]],
    ['no e-mail with an API token', cloud, { email: '' }, [{ field: 'email', code: 'required' }]],
    ['a user name with an API token', cloud, { email: 'alice' }, [{ field: 'email', code: 'email-address' }]],
    ['an address without a domain', cloud, { email: 'alice@localhost' }, [{ field: 'email', code: 'email-address' }]],
    // Data Center: a personal access token; a context path is fine.
    ['no personal access token', dc, { token: '' }, [{ field: 'token', code: 'required' }]],
    ['e-mail + token on Data Center', dc, { authMode: 'basic' as const, email: 'alice@example.com' }, [{ field: 'authMode', code: 'sign-in-unsupported' }]],
    // Zendesk: e-mail + API token, or OAuth with the administrator's client.
    ['a Zendesk path', zendesk, { baseUrl: 'https://acme.zendesk.com/hc/en-us' }, [{ field: 'baseUrl', code: 'context-path' }]],
    ['OAuth without a client id', zendesk, { oauthClientId: ' ' }, [{ field: 'oauthClientId', code: 'required' }]],
    ['the browser login on Zendesk', zendesk, { authMode: 'session' as const, email: 'alice' }, [{ field: 'authMode', code: 'sign-in-unsupported' }]],
    ['a Zendesk API token without e-mail', zendesk, { authMode: 'basic' as const, token: 'zd' }, [{ field: 'email', code: 'required' }]],
  ])('refuses %s with a problem naming the field', (_, base, patch, problems) => {
    expect(validateDeskInput({ ...base, ...patch }).problems).toEqual(problems);
  });

  it('accepts a context path where the desk may have one', () => {
    expect(validateDeskInput(dc).problems).toEqual([]);
    expect(validateDeskInput(input).problems).toEqual([]);
    expect(validateDeskInput({ ...cloud, baseUrl: 'https://acme.atlassian.net/' }).problems).toEqual([]);
  });

  it('keeps a chosen timeout with the desk, and none when left empty', () => {
    expect(validateDeskInput({ ...input, timeoutSeconds: '45' }).config?.timeoutMs).toBe(45_000);
    expect(validateDeskInput({ ...input, timeoutSeconds: '' }).config?.timeoutMs).toBeUndefined();
  });

  it('allows plain http on this machine', () => {
    for (const baseUrl of ['http://127.0.0.1:18080', 'http://localhost:8080', 'http://desk.localhost']) {
      expect(validateDeskInput({ ...input, baseUrl }).problems).toEqual([]);
    }
  });

  it('keeps a saved secret when the field is left empty, only for the same sign-in mode', () => {
    expect(validateDeskInput({ ...input, token: '' }, { mode: 'token', token: 'saved-token' }).config?.auth).toEqual({ mode: 'token', token: 'saved-token' });
    expect(validateDeskInput({ ...cloud, token: '' }, { mode: 'basic', token: 'saved' }).config?.auth).toEqual({ mode: 'basic', token: 'saved' });
    expect(validateDeskInput({ ...input, token: '' }, { mode: 'bearer', token: 'other' }).problems).toEqual([{ field: 'token', code: 'required' }]);
    const signedIn = { mode: 'oauth' as const, token: 'access', refreshToken: 'refresh', expiresAt: 5 };
    expect(validateDeskInput(zendesk, signedIn).config?.auth).toEqual(signedIn);
  });
});

describe('keptAuth', () => {
  const saved = summarize(validateDeskInput(input).config!);
  it('stands in for the secret of the same desk and mode only', () => {
    expect(keptAuth(saved, { ...input, token: '' })).toMatchObject({ mode: 'token' });
    expect(keptAuth(saved, { ...input, baseUrl: 'https://other.example.com/rt' })).toBeUndefined();
    expect(keptAuth(saved, { ...input, authMode: 'session' })).toBeUndefined();
    expect(keptAuth({ ...saved, hasToken: false }, input)).toBeUndefined();
  });
});

describe('the list of desks', () => {
  const rt = validateDeskInput(input).config!;
  const jsm = validateDeskInput(cloud).config!;
  const jdc = validateDeskInput(dc).config!;

  it('adds a desk with a new id at the end', () => {
    expect(upsertDesk([rt], jsm).map((d) => d.id)).toEqual([rt.id, jsm.id]);
  });

  it('replaces the desk with the same id in place', () => {
    const again = validateDeskInput({ ...input, token: '1-27-new' }).config!;
    const list = upsertDesk([rt, jsm], again);
    expect(list.map((d) => d.id)).toEqual([rt.id, jsm.id]);
    expect(list[0]?.auth).toEqual({ mode: 'token', token: '1-27-new' });
  });

  it('replaces the desk being edited when its address changed', () => {
    const moved = validateDeskInput({ ...input, baseUrl: 'https://tickets.example.com' }).config!;
    expect(upsertDesk([rt, jsm, jdc], moved, rt.id).map((d) => d.id)).toEqual([moved.id, jsm.id, jdc.id]);
  });

  it('keeps one entry when the edited desk moves onto another saved desk', () => {
    const onto = validateDeskInput({ ...cloud, token: 'new' }).config!;
    const list = upsertDesk([rt, jsm, jdc], onto, rt.id);
    expect(list.map((d) => d.id)).toEqual([jsm.id, jdc.id]);
    expect(list[0]?.auth).toEqual({ mode: 'basic', token: 'new' });
  });

  it('removes by id, and leaves the list alone for an unknown one', () => {
    expect(removeDesk([rt, jsm], rt.id)).toEqual([jsm]);
    expect(removeDesk([rt, jsm], 'rt:nowhere')).toEqual([rt, jsm]);
  });

  it('lists the administrator\'s desks first and locked, with the user\'s credentials', () => {
    const policy = { desks: [{ kind: 'rt', url: 'https://desk.example.com/rt', name: 'Company desk', signIn: 'token' }] };
    const mine: DeskConfig[] = [jsm, rt];
    const list = deskSummaries(layer(policy, undefined), mine);
    expect(list.map((d) => [d.id, d.managed, d.signInFixed, d.hasToken])).toEqual([
      [rt.id, true, true, true],
      [jsm.id, undefined, undefined, true],
    ]);
    expect(list[0]?.name).toBe('Company desk');
    const zendesk = { desks: [{ kind: 'zendesk', url: 'https://acme.zendesk.com', oauthClientId: 'instant_desk' }] };
    expect(deskSummaries(layer(zendesk, undefined), [])).toMatchObject([
      { id: 'zendesk:acme.zendesk.com', authMode: 'oauth', hasToken: false, oauthClientId: 'instant_desk', managed: true },
    ]);
    // Without the administrator's OAuth client, the next way to sign in.
    expect(deskSummaries(layer({ desks: [{ kind: 'zendesk', url: 'https://acme.zendesk.com' }] }, undefined), [])).toMatchObject([{ authMode: 'basic' }]);
    // The same desk in the user's own configuration is not locked.
    expect(deskSummaries(layer(undefined, policy), mine)[0]?.managed).toBeUndefined();
  });
});

describe('summaries and origins', () => {
  it('never carries the secret', () => {
    for (const config of [validateDeskInput(input).config!, validateDeskInput(cloud).config!, validateDeskInput(dc).config!]) {
      const summary = summarize(config);
      expect(summary).not.toHaveProperty('auth');
      expect(JSON.stringify(summary)).not.toContain((config.auth as { token: string }).token);
      expect(summary.hasToken).toBe(true);
    }
  });

  it('asks for exactly the desk origin', () => {
    expect(originPattern('https://desk.example.com/rt')).toBe('https://desk.example.com/*');
  });
});
