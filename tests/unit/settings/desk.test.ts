import { describe, expect, it } from 'vitest';
import { originPattern, summarize, validateDeskInput, type DeskInput } from '@/lib/settings/desk';

const input: DeskInput = { kind: 'rt', baseUrl: 'https://desk.example.com/rt/', authMode: 'token', token: '1-27-abc', email: '' };

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

  it.each([
    ['an empty address', { baseUrl: ' ' }, [{ field: 'baseUrl', code: 'required' }]],
    ['not an address', { baseUrl: 'https://exa mple' }, [{ field: 'baseUrl', code: 'invalid-url' }]],
    ['another scheme', { baseUrl: 'ftp://desk.example.com' }, [{ field: 'baseUrl', code: 'invalid-url' }]],
    ['http to another machine', { baseUrl: 'http://desk.example.com' }, [{ field: 'baseUrl', code: 'insecure' }]],
    ['no token', { token: '' }, [{ field: 'token', code: 'required' }]],
    ['a token with spaces', { token: '1-27 abc' }, [{ field: 'token', code: 'token-format' }]],
    ['session sign-in without e-mail', { authMode: 'session' as const, token: '' }, [{ field: 'email', code: 'required' }]],
    ['a bad e-mail', { email: 'alice@' }, [{ field: 'email', code: 'invalid-email' }]],
    ['a user name with spaces', { email: 'alice smith' }, [{ field: 'email', code: 'invalid-email' }]],
    ['a timeout under 2 s', { timeoutSeconds: '1' }, [{ field: 'timeoutSeconds', code: 'invalid-timeout' }]],
    ['a timeout that is not a number', { timeoutSeconds: 'soon' }, [{ field: 'timeoutSeconds', code: 'invalid-timeout' }]],
  ])('refuses %s with a problem naming the field', (_, patch, problems) => {
    expect(validateDeskInput({ ...input, ...patch }).problems).toEqual(problems);
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

  it('keeps a saved token when the field is left empty', () => {
    expect(validateDeskInput({ ...input, token: '' }, 'saved-token').config?.auth).toEqual({ mode: 'token', token: 'saved-token' });
  });
});

describe('summaries and origins', () => {
  it('never carries the token', () => {
    const config = validateDeskInput(input).config!;
    expect(JSON.stringify(summarize(config))).not.toContain('1-27-abc');
    expect(summarize(config).hasToken).toBe(true);
  });

  it('asks for exactly the desk origin', () => {
    expect(originPattern('https://desk.example.com/rt')).toBe('https://desk.example.com/*');
  });
});
