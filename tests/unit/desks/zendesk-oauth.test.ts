// Zendesk OAuth with PKCE: the pure parts, then the whole sign-in against the fake Zendesk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorizationUrl, challengeOf, createPkce, parseRedirect, refreshAuth, signIn } from '../../../lib/desks/zendesk/oauth';
import { DeskFailure, type DeskError } from '../../../lib/domain';
import { startZendeskServer, type ZendeskServer } from '../../desks/zendesk/server';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const CLIENT_ID = 'instant_desk';

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<DeskError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof DeskFailure) return err.error;
    throw err;
  }
  throw new Error('expected a DeskFailure');
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character verifier from 32 random bytes, base64url without padding', async () => {
    // The octets of RFC 7636 appendix B give its verifier.
    const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    expect(await createPkce(() => new Uint8Array(octets))).toEqual({
      verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    const { verifier } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the authorization URL and the redirect', () => {
  it('asks for a code with the S256 challenge, the state and the read write scope', () => {
    const url = authorizationUrl({ baseUrl: 'https://acme.zendesk.com/', clientId: CLIENT_ID }, { redirectUri: REDIRECT, state: 's1', challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
    expect(url).toBe(
      'https://acme.zendesk.com/oauth/authorizations/new?response_type=code&client_id=instant_desk' +
        '&redirect_uri=https%3A%2F%2Fabcdefghijklmnop.chromiumapp.org%2F&scope=read%20write&state=s1' +
        '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
    );
  });

  it('takes the code when the state matches', () => {
    expect(parseRedirect(`${REDIRECT}?code=abc123&state=s1`, 's1')).toBe('abc123');
  });

  it('refuses an answer to another sign-in (state mismatch) and a missing code', async () => {
    expect(await failure(() => parseRedirect(`${REDIRECT}?code=abc123&state=other`, 's1'))).toMatchObject({ kind: 'unauthorized', detail: 'state mismatch' });
    expect(await failure(() => parseRedirect(`${REDIRECT}?state=s1`, 's1'))).toMatchObject({ kind: 'unauthorized' });
  });

  it('says the user declined (error=access_denied) in the desk words', async () => {
    const error = await failure(() => parseRedirect(`${REDIRECT}?error=access_denied&error_description=The+end-user+or+authorization+server+denied+the+request.&state=s1`, 's1'));
    expect(error).toMatchObject({ kind: 'unauthorized', detail: 'The end-user or authorization server denied the request.' });
  });
});

describe('against the fake Zendesk', () => {
  let server: ZendeskServer;
  beforeAll(async () => {
    server = await startZendeskServer({ allowApiToken: false });
  });
  afterAll(() => server.close());
  afterEach(() => {
    expect(server.violations).toEqual([]);
    server.violations.length = 0;
  });

  // The browser's auth window: Zendesk's authorization page grants at once and redirects.
  const launch = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual' });
    return res.headers.get('location') ?? '';
  };
  const client = () => ({ baseUrl: server.url, clientId: CLIENT_ID });
  const deps = () => ({ fetch, launch, redirectUri: REDIRECT, now: () => 1_000_000 });

  it('signs in with a code and its verifier, and the token works', async () => {
    const auth = await signIn(deps(), client());
    expect(auth).toMatchObject({ mode: 'oauth', token: expect.any(String), refreshToken: expect.any(String) });
    const me = await fetch(`${server.url}/api/v2/users/me`, { headers: { Authorization: `Bearer ${auth.token}` } });
    expect(((await me.json()) as { user: { id: number } }).user.id).toBe(server.users.alice.id);
    const exchange = server.calls.find((c) => c.path === '/oauth/tokens');
    expect(exchange?.status).toBe(201);
  });

  it('fails when the code does not match the verifier', async () => {
    // A launch that answers with a code granted for another challenge.
    const forged = async (url: string) => {
      const u = new URL(url);
      u.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
      return launch(u.toString());
    };
    const error = await failure(signIn({ ...deps(), launch: forged }, client()));
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
  });

  it('turns a closed sign-in window into unauthorized', async () => {
    const closed = () => Promise.reject(new Error('The user did not approve access.'));
    expect(await failure(signIn({ ...deps(), launch: closed }, client()))).toMatchObject({ kind: 'unauthorized', detail: 'The user did not approve access.' });
  });

  it('refreshes once: the new refresh token works, the used one is refused as unauthorized', async () => {
    const first = await refreshAuth({ fetch }, client(), server.users.alice.oauthRefreshToken);
    expect(first.token).toBe(server.users.alice.oauthToken);
    expect(first.refreshToken).toBe(server.users.alice.oauthRefreshToken);
    const again = await failure(refreshAuth({ fetch }, client(), 'rt-used-or-revoked'));
    expect(again).toMatchObject({ kind: 'unauthorized', status: 400 });
  });

  it('keeps an unreachable desk retryable rather than asking to sign in again', async () => {
    server.failNext({ status: 503, match: (_m, path) => path === '/oauth/tokens' });
    expect(await failure(refreshAuth({ fetch }, client(), server.users.alice.oauthRefreshToken))).toMatchObject({ kind: 'server', retryable: true });
  });
});
