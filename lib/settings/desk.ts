// Desk settings as the user types them → a validated DeskConfig, with problems per field; and
// the list of desks kept, upserted by id.
import { DESK_KINDS, isDeskKind, NEEDS_EMAIL, NEEDS_TOKEN, type DeskAuth, type DeskConfig, type DeskKind, type DeskUser, type SignInMode } from '../domain';
import type { Layered, ManagedDesk } from './policy';

export interface DeskInput {
  kind: DeskKind;
  baseUrl: string;
  authMode: SignInMode;
  /** The secret typed for `token`, `basic` and `bearer`; empty keeps the saved one. */
  token: string;
  /** E-mail address for `basic`; user name or e-mail address for `session`. */
  email: string;
  /** Seconds to wait for the desk's answer; empty for the default. */
  timeoutSeconds?: string;
  /** Zendesk OAuth: the client id the administrator registered. */
  oauthClientId?: string;
}

export type SettingsProblemCode =
  | 'required'
  | 'invalid-kind'
  | 'invalid-url'
  | 'insecure'
  | 'context-path'
  | 'sign-in-unsupported'
  | 'token-format'
  | 'invalid-email'
  | 'email-address'
  | 'invalid-timeout';
export interface SettingsProblem {
  field: 'kind' | 'baseUrl' | 'authMode' | 'token' | 'email' | 'timeoutSeconds' | 'oauthClientId';
  code: SettingsProblemCode;
}

/** A desk's settings without its secret: what the popup and options page may see. */
export interface DeskSummary {
  id: string;
  kind: DeskKind;
  name: string;
  baseUrl: string;
  authMode: SignInMode;
  /** A secret is saved (typed token, or the access token from OAuth sign-in). */
  hasToken: boolean;
  email?: string;
  timeoutMs?: number;
  oauthClientId?: string;
  /** Who the credentials belong to, as the desk said when they were saved. */
  user?: DeskUser;
  /** Set by the administrator: the address is locked, the user adds only their credentials. */
  managed?: boolean;
  /** The administrator also chose how to sign in. */
  signInFixed?: boolean;
}

/** The `config` error detail when no OAuth sign-in is wired into the background. */
export const OAUTH_UNAVAILABLE = 'oauth-unavailable';

export const TIMEOUT_RANGE_S = { min: 2, max: 120 } as const;

/** "" → the default; a whole number of seconds in range → milliseconds; anything else → a problem. */
export function parseTimeout(raw: string | undefined): { ms?: number; problem?: SettingsProblemCode } {
  const text = (raw ?? '').trim();
  if (!text) return {};
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < TIMEOUT_RANGE_S.min || seconds > TIMEOUT_RANGE_S.max) return { problem: 'invalid-timeout' };
  return { ms: seconds * 1000 };
}

/** This machine, by a parsed hostname: `127.0.0.1.evil.example` only starts like one. */
export function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function parseBaseUrl(raw: string): { url?: URL; problem?: SettingsProblemCode } {
  const trimmed = raw.trim();
  if (!trimmed) return { problem: 'required' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { problem: 'invalid-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'invalid-url' };
  // A token sent over plain http to another machine can be read on the way.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return { problem: 'insecure' };
  return { url };
}

export function originPattern(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/*`;
}

const pathOf = (url: URL) => url.pathname.replace(/\/+$/, '');

/** The id a desk at this address gets (`kind:host/path`), or undefined while the address is unusable. */
export function deskIdFor(kind: DeskKind, baseUrl: string): string | undefined {
  const { url } = parseBaseUrl(baseUrl);
  return url && `${kind}:${url.host}${pathOf(url)}`;
}

/**
 * The saved sign-in that stands in for an empty secret field: the same desk (a changed address
 * does not get the old desk's secret sent to it) and the same mode. The secret itself stays in
 * the background; this only says that one is there.
 */
export function keptAuth(saved: DeskSummary | undefined, input: DeskInput): DeskAuth | undefined {
  if (!saved?.hasToken || saved.authMode !== input.authMode || saved.id !== deskIdFor(input.kind, input.baseUrl)) return undefined;
  return saved.authMode === 'session' ? undefined : { mode: saved.authMode, token: 'kept' };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Checks what was typed, per desk kind and sign-in mode. `kept` is the saved sign-in of the same
 * desk: an empty secret field keeps its secret, and an OAuth sign-in keeps its tokens.
 */
export function validateDeskInput(input: DeskInput, kept?: DeskAuth): { config?: DeskConfig; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (!isDeskKind(input.kind)) return { problems: [{ field: 'kind', code: 'invalid-kind' }] };
  const info = DESK_KINDS[input.kind];
  const mode = input.authMode;
  const { url, problem } = parseBaseUrl(input.baseUrl);
  if (problem) problems.push({ field: 'baseUrl', code: problem });
  // Cloud sites live at the root of their own host: a path would be sent on every call.
  else if (url && !info.contextPath && pathOf(url) !== '') problems.push({ field: 'baseUrl', code: 'context-path' });
  if (!info.signIn.includes(mode)) problems.push({ field: 'authMode', code: 'sign-in-unsupported' });

  const keptToken = kept?.mode === mode && 'token' in kept ? kept.token : '';
  const token = input.token.trim() || keptToken;
  if (NEEDS_TOKEN.has(mode)) {
    if (!token) problems.push({ field: 'token', code: 'required' });
    else if (/\s/.test(token)) problems.push({ field: 'token', code: 'token-format' });
  }
  // `basic` sends the address as the user name; the desk's own login also takes a user name.
  const email = NEEDS_EMAIL.has(mode) ? input.email.trim() : '';
  if (NEEDS_EMAIL.has(mode) && !email) problems.push({ field: 'email', code: 'required' });
  else if (mode === 'basic' && !EMAIL.test(email)) problems.push({ field: 'email', code: 'email-address' });
  else if (email && (/\s/.test(email) || (email.includes('@') && !/^[^@\s]+@[^@\s]+$/.test(email)))) problems.push({ field: 'email', code: 'invalid-email' });
  const oauthClientId = mode === 'oauth' ? (input.oauthClientId ?? '').trim() : '';
  if (mode === 'oauth' && !oauthClientId) problems.push({ field: 'oauthClientId', code: 'required' });

  const timeout = parseTimeout(input.timeoutSeconds);
  if (timeout.problem) problems.push({ field: 'timeoutSeconds', code: timeout.problem });
  if (problems.length > 0 || !url) return { problems };

  const auth: DeskAuth =
    mode === 'session' ? { mode } : mode === 'oauth' ? (kept?.mode === 'oauth' ? kept : { mode, token: '' }) : { mode, token };
  return {
    problems,
    config: {
      id: `${input.kind}:${url.host}${pathOf(url)}`,
      kind: input.kind,
      name: url.host,
      baseUrl: `${url.origin}${pathOf(url)}`,
      auth,
      ...(email ? { email } : {}),
      ...(timeout.ms ? { timeoutMs: timeout.ms } : {}),
      ...(oauthClientId ? { oauthClientId } : {}),
    },
  };
}

export function summarize(config: DeskConfig): DeskSummary {
  return {
    id: config.id,
    kind: config.kind,
    name: config.name,
    baseUrl: config.baseUrl,
    authMode: config.auth.mode,
    hasToken: 'token' in config.auth && config.auth.token !== '',
    ...(config.email ? { email: config.email } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.oauthClientId ? { oauthClientId: config.oauthClientId } : {}),
    ...(config.user ? { user: config.user } : {}),
  };
}

/**
 * The saved list with `config` in it: in place of the desk with the same id, or of `replaces`
 * (the desk being edited, whose address may have changed), else added at the end.
 */
export function upsertDesk(desks: DeskConfig[], config: DeskConfig, replaces?: string): DeskConfig[] {
  const at = desks.findIndex((d) => d.id === config.id || d.id === replaces);
  if (at < 0) return [...desks, config];
  const others = desks.filter((d, i) => i === at || (d.id !== config.id && d.id !== replaces));
  return others.map((d) => (d === desks[at] ? config : d));
}

export function removeDesk(desks: DeskConfig[], id: string): DeskConfig[] {
  return desks.filter((d) => d.id !== id);
}

const signedOut = (mode: SignInMode): DeskAuth => (mode === 'session' ? { mode } : { mode, token: '' });

/** A desk from policy as a config, with the user's own credentials for it when they saved some. */
function fromPolicy(desk: ManagedDesk, saved: DeskConfig[]): DeskConfig | undefined {
  const { url } = parseBaseUrl(desk.url);
  if (!url || !isDeskKind(desk.kind)) return undefined;
  const id = `${desk.kind}:${url.host}${pathOf(url)}`;
  const mine = saved.find((d) => d.id === id);
  const modes = DESK_KINDS[desk.kind].signIn;
  // OAuth needs the client the administrator set up: without one named, the next way to sign in.
  const usable = modes.find((m) => m !== 'oauth' || desk.oauthClientId) ?? modes[0]!;
  const mode: SignInMode = desk.signIn ?? (mine && modes.includes(mine.auth.mode) ? mine.auth.mode : usable);
  return {
    ...mine,
    id,
    kind: desk.kind,
    name: desk.name ?? url.host,
    baseUrl: `${url.origin}${pathOf(url)}`,
    auth: mine?.auth.mode === mode ? mine.auth : signedOut(mode),
    ...(desk.timeoutSeconds ? { timeoutMs: desk.timeoutSeconds * 1000 } : {}),
    ...(desk.oauthClientId ? { oauthClientId: desk.oauthClientId } : {}),
  };
}

/** The desks in effect: the administrator's first (address locked), then the user's own. */
export function effectiveDesks(managed: ManagedDesk[] | undefined, saved: DeskConfig[]): DeskConfig[] {
  const fromAdmin = (managed ?? []).flatMap((d) => fromPolicy(d, saved) ?? []);
  return [...fromAdmin, ...saved.filter((d) => !fromAdmin.some((m) => m.id === d.id))];
}

/**
 * The desks in effect as the options page lists them. Locked only when the policy set them, not
 * when the user listed them in their own configuration.
 */
export function deskSummaries(layered: Layered, saved: DeskConfig[]): DeskSummary[] {
  const policy = layered.locked.includes('desks') ? (layered.config.desks ?? []) : [];
  // Desk id → whether the policy also fixed the sign-in mode.
  const locked = new Map<string, boolean>();
  for (const desk of policy) {
    const id = fromPolicy(desk, [])?.id;
    if (id) locked.set(id, Boolean(locked.get(id)) || desk.signIn !== undefined);
  }
  return effectiveDesks(layered.config.desks, saved).map((config) => {
    const fixed = locked.get(config.id);
    return { ...summarize(config), ...(fixed !== undefined ? { managed: true } : {}), ...(fixed ? { signInFixed: true } : {}) };
  });
}
