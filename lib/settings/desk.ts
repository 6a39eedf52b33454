// Desk settings as the user types them → a validated DeskConfig, with problems per field.
import type { DeskAuth, DeskConfig, DeskKind } from '../domain';
import type { ManagedDesk } from './policy';

export interface DeskInput {
  kind: DeskKind;
  baseUrl: string;
  authMode: DeskAuth['mode'];
  token: string;
  email: string;
  /** Seconds to wait for the desk's answer; empty for the default. */
  timeoutSeconds?: string;
}

export type SettingsProblemCode = 'required' | 'invalid-url' | 'insecure' | 'token-format' | 'invalid-email' | 'invalid-timeout';
export interface SettingsProblem {
  field: 'baseUrl' | 'token' | 'email' | 'timeoutSeconds';
  code: SettingsProblemCode;
}

/** A desk's settings without its secret: what the popup and options page may see. */
export interface DeskSummary {
  id: string;
  kind: DeskKind;
  name: string;
  baseUrl: string;
  authMode: DeskAuth['mode'];
  hasToken: boolean;
  email?: string;
  timeoutMs?: number;
  /** Set by the administrator: the address is locked, the user adds only their token. */
  managed?: boolean;
}

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

export function validateDeskInput(input: DeskInput, existingToken?: string): { config?: DeskConfig; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const { url, problem } = parseBaseUrl(input.baseUrl);
  if (problem) problems.push({ field: 'baseUrl', code: problem });
  const token = input.token.trim() || existingToken || '';
  if (input.authMode === 'token') {
    if (!token) problems.push({ field: 'token', code: 'required' });
    else if (/\s/.test(token)) problems.push({ field: 'token', code: 'token-format' });
  }
  // Who signs in with the desk's own login: their user name there, or their e-mail address.
  const email = input.email.trim();
  if (email && (/\s/.test(email) || (email.includes('@') && !/^[^@\s]+@[^@\s]+$/.test(email)))) problems.push({ field: 'email', code: 'invalid-email' });
  if (input.authMode === 'session' && !email) problems.push({ field: 'email', code: 'required' });
  const timeout = parseTimeout(input.timeoutSeconds);
  if (timeout.problem) problems.push({ field: 'timeoutSeconds', code: timeout.problem });
  if (problems.length > 0 || !url) return { problems };
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    problems,
    config: {
      id: `${input.kind}:${url.host}${url.pathname.replace(/\/+$/, '')}`,
      kind: input.kind,
      name: url.host,
      baseUrl,
      auth: input.authMode === 'token' ? { mode: 'token', token } : { mode: 'session' },
      ...(email ? { email } : {}),
      ...(timeout.ms ? { timeoutMs: timeout.ms } : {}),
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
    hasToken: config.auth.mode === 'token' && config.auth.token !== '',
    ...(config.email ? { email: config.email } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  };
}

/** A desk from policy as a config, with the user's own credentials for it when they saved some. */
function fromPolicy(desk: ManagedDesk, saved: DeskConfig[]): DeskConfig | undefined {
  const { url } = parseBaseUrl(desk.url);
  if (!url) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const id = `${desk.kind}:${url.host}${path}`;
  const mine = saved.find((d) => d.id === id);
  const auth: DeskAuth = desk.signIn === 'session' ? { mode: 'session' } : mine?.auth.mode === 'token' ? mine.auth : { mode: 'token', token: '' };
  return {
    ...mine,
    id,
    kind: desk.kind,
    name: desk.name ?? url.host,
    baseUrl: `${url.origin}${path}`,
    auth,
    ...(desk.timeoutSeconds ? { timeoutMs: desk.timeoutSeconds * 1000 } : {}),
  };
}

/** The desks in effect: the administrator's first (address locked), then the user's own. */
export function effectiveDesks(managed: ManagedDesk[] | undefined, saved: DeskConfig[]): DeskConfig[] {
  const fromAdmin = (managed ?? []).flatMap((d) => fromPolicy(d, saved) ?? []);
  return [...fromAdmin, ...saved.filter((d) => !fromAdmin.some((m) => m.id === d.id))];
}
