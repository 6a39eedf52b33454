// Desks as configured: which software, where, and how the employee signs in. Each kind
// declares its sign-in modes, so the options page, the policy and the adapters agree.

/** Request Tracker 5; Jira Service Management Cloud and Data Center; Zendesk. */
export type DeskKind = 'rt' | 'jsm-cloud' | 'jsm-dc' | 'zendesk';

/**
 * - `token`: RT's own token header (`Authorization: token …`)
 * - `session`: the desk's login in this browser (cookies)
 * - `basic`: e-mail address + API token (JSM Cloud, Zendesk)
 * - `bearer`: a personal access token (JSM Data Center)
 * - `oauth`: an access token from the desk's OAuth sign-in (Zendesk, with PKCE)
 */
export type SignInMode = 'token' | 'session' | 'basic' | 'bearer' | 'oauth';

export interface DeskKindInfo {
  /** Sign-in modes this desk accepts from a browser extension, the recommended one first. */
  signIn: readonly SignInMode[];
  /** Whether the address may carry a context path (Data Center behind `/jira`). */
  contextPath: boolean;
  /**
   * Whether a requester can rate a request through the desk's API. JSM Data Center documents no
   * customer feedback resource (its satisfaction survey goes by e-mail): no "How did we do?" there.
   */
  ratings: boolean;
}

export const DESK_KINDS: Readonly<Record<DeskKind, DeskKindInfo>> = {
  rt: { signIn: ['token', 'session'], contextPath: true, ratings: true },
  // Atlassian refuses browser-session writes from other origins (XSRF check): no `session`.
  'jsm-cloud': { signIn: ['basic'], contextPath: false, ratings: true },
  'jsm-dc': { signIn: ['bearer'], contextPath: true, ratings: false },
  // A Zendesk API token is the account's, not the employee's: whoever holds it may act as any
  // user (Zendesk's documentation). Each employee signs in as themselves (OAuth) by default.
  zendesk: { signIn: ['oauth', 'basic'], contextPath: false, ratings: true },
};

export const DESK_KIND_NAMES = Object.keys(DESK_KINDS) as DeskKind[];

export function isDeskKind(value: unknown): value is DeskKind {
  return typeof value === 'string' && Object.hasOwn(DESK_KINDS, value);
}

/** Sign-in modes that need the employee's e-mail address (or desk user name). */
export const NEEDS_EMAIL: ReadonlySet<SignInMode> = new Set(['basic', 'session']);
/** Sign-in modes that need a secret typed by the employee. */
export const NEEDS_TOKEN: ReadonlySet<SignInMode> = new Set(['token', 'basic', 'bearer']);

export type DeskAuth =
  | { mode: 'token'; token: string }
  | { mode: 'session' }
  | { mode: 'basic'; token: string }
  | { mode: 'bearer'; token: string }
  | { mode: 'oauth'; token: string; refreshToken?: string; expiresAt?: number };

export interface DeskConfig {
  id: string;
  kind: DeskKind;
  name: string;
  baseUrl: string;
  auth: DeskAuth;
  /** The requester's address at the desk: part of the credentials for `basic`, the login for `session`. */
  email?: string;
  /** Who the credentials belong to, learnt once when the desk is saved. */
  user?: DeskUser;
  /** How long to wait for the desk's answer; slow desks behind a VPN need more. */
  timeoutMs?: number;
  /** Zendesk OAuth: the client registered by the administrator. */
  oauthClientId?: string;
}

export interface DeskUser {
  /** The desk's own user id (RT user id, Atlassian accountId, Zendesk user id): what identity compares. */
  id: string;
  name: string;
  email: string;
  displayName: string;
  /** Desk staff see the agent interface; requesters see the self-service portal. */
  staff: boolean;
}
