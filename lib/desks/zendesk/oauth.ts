// Zendesk OAuth for accounts that allow only OAuth: the authorization-code grant with PKCE
// (S256), as a public client (no secret in an extension), and refreshing. Everything the flow
// needs from outside (fetch, the browser's auth window, randomness) comes in as parameters.
import { request, type HttpDeps } from '../../http/client';
import { DeskFailure, deskError, toDeskError, type DeskAuth } from '../../domain';
import type { ZdTokens } from './wire';

export type OAuthAuth = Extract<DeskAuth, { mode: 'oauth' }>;

export const OAUTH_SCOPE = 'read write';

export interface OAuthClient {
  baseUrl: string;
  clientId: string;
}

const trimBase = (base: string) => base.replace(/\/+$/, '');

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(verifier))). */
export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** A verifier of 32 random bytes (43 characters, RFC 7636 §4.1) and its S256 challenge. */
export async function createPkce(random: (n: number) => Uint8Array = randomBytes): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(random(32));
  return { verifier, challenge: await challengeOf(verifier) };
}

export const newState = (random: (n: number) => Uint8Array = randomBytes) => base64url(random(16));

export function authorizationUrl(client: OAuthClient, p: { redirectUri: string; state: string; challenge: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: p.redirectUri,
    scope: OAUTH_SCOPE,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  });
  // URLSearchParams writes spaces as '+'; Zendesk's documentation spells the scope `read%20write`.
  return `${trimBase(client.baseUrl)}/oauth/authorizations/new?${q.toString().replace(/\+/g, '%20')}`;
}

/** The authorization code from where Zendesk sent the browser back; refusals and forged answers throw. */
export function parseRedirect(redirected: string, state: string): string {
  const q = new URL(redirected).searchParams;
  const error = q.get('error');
  if (error) throw new DeskFailure(deskError('unauthorized', { detail: q.get('error_description') || error }));
  if (q.get('state') !== state) throw new DeskFailure(deskError('unauthorized', { detail: 'state mismatch' }));
  const code = q.get('code');
  if (!code) throw new DeskFailure(deskError('unauthorized', { detail: 'no authorization code' }));
  return code;
}

export function toAuth(tokens: ZdTokens, now: number): OAuthAuth {
  return {
    mode: 'oauth',
    token: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    ...(tokens.expires_in ? { expiresAt: now + tokens.expires_in * 1000 } : {}),
  };
}

const tokens = (deps: HttpDeps, client: OAuthClient, body: Record<string, string>) =>
  request<ZdTokens>(deps, { url: `${trimBase(client.baseUrl)}/oauth/tokens`, method: 'POST', json: body });

export async function exchangeCode(
  deps: HttpDeps,
  client: OAuthClient,
  p: { code: string; verifier: string; redirectUri: string },
  now = Date.now(),
): Promise<OAuthAuth> {
  const answer = await tokens(deps, client, {
    grant_type: 'authorization_code',
    code: p.code,
    client_id: client.clientId,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
    scope: OAUTH_SCOPE,
  });
  return toAuth(answer, now);
}

/**
 * New tokens for a refresh token (single-use: the answer carries the next one). A refusal means
 * signing in again; a desk that cannot be reached is worth retrying, so it keeps its own kind.
 */
export async function refreshAuth(deps: HttpDeps, client: OAuthClient, refreshToken: string, now = Date.now()): Promise<OAuthAuth> {
  try {
    const answer = await tokens(deps, client, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId });
    return { refreshToken, ...toAuth(answer, now) };
  } catch (err) {
    const error = toDeskError(err);
    if (error.retryable) throw err;
    throw new DeskFailure(deskError('unauthorized', { status: error.status, detail: error.detail }));
  }
}

export interface SignInDeps extends HttpDeps {
  /** The browser's auth window (lib/platform/identity `launchAuthFlow`). */
  launch: (url: string, interactive: boolean) => Promise<string>;
  /** Where Zendesk sends the browser back (lib/platform/identity `redirectUrl`): registered with the OAuth client. */
  redirectUri: string;
  randomBytes?: (n: number) => Uint8Array;
  now?: () => number;
}

/** The whole sign-in: consent in the browser's auth window, then the code exchanged for tokens. */
export async function signIn(deps: SignInDeps, client: OAuthClient, interactive = true): Promise<OAuthAuth> {
  const { verifier, challenge } = await createPkce(deps.randomBytes);
  const state = newState(deps.randomBytes);
  const redirected = await deps.launch(authorizationUrl(client, { redirectUri: deps.redirectUri, state, challenge }), interactive).catch((err: unknown) => {
    // The user closed the window, or a silent attempt needed them.
    throw new DeskFailure(deskError('unauthorized', { detail: err instanceof Error ? err.message : String(err) }));
  });
  const code = parseRedirect(redirected, state);
  return exchangeCode(deps, client, { code, verifier, redirectUri: deps.redirectUri }, (deps.now ?? Date.now)());
}
