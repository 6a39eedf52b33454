// A stateful fake of Zendesk Support as an end user sees it (Requests API, ticket forms and
// fields, uploads, satisfaction ratings, OAuth), on 127.0.0.1. Every request and response is
// checked against Zendesk's OpenAPI document (validate.ts); what the document cannot describe is
// noted where it happens. Error bodies follow Zendesk's live behaviour, since the document
// declares none for these operations.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { loadZendeskValidator } from './validate';
import { agent, groupId, seedFields, seedForms, seedUsers, type SeedField, type ZendeskSeedUser } from './seed';

export type { ZendeskSeedUser } from './seed';
export { fieldIds, formIds } from './seed';

export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
type FieldValue = string | number | boolean | string[] | null;

export interface ZendeskStoredAttachment {
  id: number;
  file_name: string;
  content_type: string;
  bytes: Buffer;
  token: string;
}

export interface ZendeskStoredComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
  created_at: string;
  attachments: ZendeskStoredAttachment[];
}

export interface ZendeskStoredRequest {
  id: number;
  subject: string;
  description: string;
  ticket_form_id: number;
  custom_fields: { id: number; value: FieldValue }[];
  status: ZendeskStatus;
  requester_id: number;
  assignee_id?: number;
  comments: ZendeskStoredComment[];
  satisfaction_rating?: { id: number; score: string; comment?: string; created_at: string; updated_at: string };
  created_at: string;
  updated_at: string;
}

export interface ZendeskFailure {
  status?: number;
  html?: boolean;
  delayMs?: number;
  retryAfter?: string;
  times?: number;
  match?: (method: string, path: string) => boolean;
}

export interface ZendeskServer {
  url: string; // http://127.0.0.1:PORT  (API under /api/v2)
  close(): Promise<void>;
  violations: string[];
  calls: { method: string; path: string; query: string; status: number }[];
  users: { alice: ZendeskSeedUser; bob: ZendeskSeedUser };
  setStatus(requestId: number, status: ZendeskStatus): void;
  addComment(requestId: number, body: string, opts?: { public?: boolean; author?: 'agent' | 'alice' }): void;
  failNext(f: ZendeskFailure): void;
  /** OAuth: expire alice's current access token (next call with it → 401); her refresh token still works. */
  expireOAuthToken(): void;
  state: { requests: ZendeskStoredRequest[] };
  /**
   * Zendesk's times have whole seconds, so changes close together share one. This server gives
   * each change a later second (sorting by time is then unambiguous) unless held: then every
   * change from then on gets the last change's second, as changes within one second do.
   */
  holdClock(): void;
  /** Called before each call is answered: staff acting between two calls of the client's. */
  beforeCall?: (method: string, path: string, query: URLSearchParams) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const notFound = () => new HttpError(404, { error: 'RecordNotFound', description: 'Not found' });
const unauthenticated = () => new HttpError(401, { error: "Couldn't authenticate you" });
// Zendesk answers a bad or expired bearer token in OAuth's (RFC 6750) words, not with "Couldn't authenticate you".
const invalidToken = () =>
  new HttpError(401, { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' }, { 'WWW-Authenticate': 'Bearer realm="Zendesk", error="invalid_token"' });
const oauthError = (error: string, description: string) => new HttpError(400, { error, error_description: description });
type Detail = { description: string; error?: string; field_key?: number };
const recordInvalid = (details: Record<string, Detail[]>) => new HttpError(422, { error: 'RecordInvalid', description: 'Record validation errors', details });

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function startZendeskServer(opts: { allowApiToken?: boolean } = {}): Promise<ZendeskServer> {
  const allowApiToken = opts.allowApiToken ?? true;
  const validator = await loadZendeskValidator();
  const violations: string[] = [];
  const calls: ZendeskServer['calls'] = [];
  const failures: ZendeskFailure[] = [];
  const hooks: Pick<ZendeskServer, 'beforeCall'> = {};
  const users = { alice: { ...seedUsers.alice }, bob: { ...seedUsers.bob } };
  const requests: ZendeskStoredRequest[] = [];
  let base = '';
  const lastId = { request: 4100, comment: 39110000000, attachment: 27120000000, rating: 62000 };
  const nextId = (kind: keyof typeof lastId) => ++lastId[kind];
  // Zendesk timestamps have whole seconds; every change gets a later one so sorting is
  // unambiguous, unless the clock is held (holdClock): then they share the last change's.
  let clock = Math.floor(Date.now() / 1000) * 1000;
  let held = false;
  const tick = () => stamp(held ? clock : (clock = Math.max(clock + 1000, Math.floor(Date.now() / 1000) * 1000)));

  // Auth: access tokens and refresh tokens map to users; API tokens are checked per request.
  const accessTokens = new Map<string, number>([
    [users.alice.oauthToken, users.alice.id],
    [users.bob.oauthToken, users.bob.id],
  ]);
  const refreshTokens = new Map<string, number>([
    [users.alice.oauthRefreshToken, users.alice.id],
    [users.bob.oauthRefreshToken, users.bob.id],
  ]);
  const userById = (uid: number) => Object.values(users).find((u) => u.id === uid);
  // Comments' authors as a sideload shows them to an end user (UserForEndUser): who, not how to reach them.
  const authorsOf = (comments: { author_id: number }[]) =>
    [...new Set(comments.map((c) => c.author_id))].map((id) => {
      const who = id === agent.id ? { ...agent, role: 'agent' } : { ...userById(id)!, role: 'end-user' };
      return { id, url: `${base}/api/v2/users/${id}.json`, name: who.name, role: who.role };
    });

  interface Upload {
    token: string;
    userId: number;
    attachments: ZendeskStoredAttachment[];
    used: boolean;
  }
  const uploads = new Map<string, Upload>();
  interface Grant {
    clientId: string;
    redirect: string;
    challenge: string | null;
    userId: number;
    expires: number;
    scope: string;
  }
  const grants = new Map<string, Grant>(); // authorization code → what /oauth/tokens must match

  function authenticate(header: string | undefined): ZendeskSeedUser {
    const [scheme, credentials] = (header ?? '').split(' ', 2);
    if (scheme === 'Bearer' && credentials) {
      const uid = accessTokens.get(credentials);
      const user = uid === undefined ? undefined : userById(uid);
      if (!user) throw invalidToken();
      return user;
    }
    if (scheme === 'Basic' && credentials && allowApiToken) {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const m = /^(.+)\/token:(.+)$/.exec(decoded);
      const user = m && Object.values(users).find((u) => u.email === m[1] && u.apiToken === m[2]);
      if (user) return user;
    }
    throw unauthenticated();
  }

  // ---- JSON views (end user) ----
  const visibleFields = () => seedFields.filter((f) => f.visible_in_portal && f.active);
  const visibleForms = () => seedForms.filter((f) => f.end_user_visible && f.active);

  const fieldJson = (f: SeedField) => ({
    url: `${base}/api/v2/ticket_fields/${f.id}.json`,
    id: f.id,
    type: f.type,
    title: f.title,
    raw_title: f.title,
    description: f.description,
    raw_description: f.description,
    position: f.position,
    active: f.active,
    required: f.required,
    collapsed_for_agents: false,
    regexp_for_validation: f.regexp_for_validation ?? null,
    title_in_portal: f.title_in_portal,
    raw_title_in_portal: f.title_in_portal,
    visible_in_portal: f.visible_in_portal,
    editable_in_portal: f.editable_in_portal,
    required_in_portal: f.required_in_portal,
    tag: f.tag ?? null,
    removable: f.removable,
    agent_description: '',
    created_at: '2023-03-14T09:31:07Z',
    updated_at: '2024-11-02T16:12:45Z',
    ...(f.custom_field_options && {
      custom_field_options: f.custom_field_options.map((o) => ({ ...o, url: `${base}/api/v2/ticket_fields/${f.id}/options/${o.id}.json` })),
    }),
  });

  const formJson = (f: (typeof seedForms)[number]) => ({
    url: `${base}/api/v2/ticket_forms/${f.id}.json`,
    id: f.id,
    name: f.name,
    raw_name: f.name,
    display_name: f.display_name,
    raw_display_name: f.display_name,
    end_user_visible: f.end_user_visible,
    position: f.position,
    // End users see only the fields they may see, in the form's order.
    ticket_field_ids: f.ticket_field_ids.filter((fid) => visibleFields().some((v) => v.id === fid)),
    active: f.active,
    default: f.default,
    in_all_brands: true,
    restricted_brand_ids: [],
    end_user_conditions: f.end_user_conditions ?? [],
    agent_conditions: [],
    created_at: '2023-03-14T09:40:12Z',
    updated_at: '2024-11-02T16:15:03Z',
  });

  const attachmentJson = (a: ZendeskStoredAttachment) => ({
    url: `${base}/api/v2/attachments/${a.id}.json`,
    id: a.id,
    file_name: a.file_name,
    content_url: `${base}/attachments/token/${a.token}/?name=${encodeURIComponent(a.file_name)}`,
    mapped_content_url: `${base}/attachments/token/${a.token}/?name=${encodeURIComponent(a.file_name)}`,
    content_type: a.content_type,
    size: a.bytes.length,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: 'malware_not_found',
    thumbnails: [],
  });

  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const commentJson = (c: ZendeskStoredComment) => ({
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: `<div class="zd-comment" dir="auto">${c.body.split(/\n{2,}/).map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}</div>`,
    plain_body: c.body,
    public: c.public,
    attachments: c.attachments.map(attachmentJson),
    audit_id: c.id + 1,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: c.created_at,
    metadata: { system: {}, custom: {} },
  });

  const requestJson = (r: ZendeskStoredRequest) => ({
    url: `${base}/api/v2/requests/${r.id}.json`,
    id: r.id,
    status: r.status,
    subject: r.subject,
    description: r.description,
    requester_id: r.requester_id,
    group_id: groupId,
    ...(r.assignee_id !== undefined && { assignee_id: r.assignee_id }),
    collaborator_ids: [],
    email_cc_ids: [],
    is_public: true,
    // "true only when the ticket is assigned to an agent" (UpdateRequest).
    can_be_solved_by_me: r.assignee_id !== undefined && !['solved', 'closed'].includes(r.status),
    ticket_form_id: r.ticket_form_id,
    custom_fields: r.custom_fields.filter((cf) => visibleFields().some((f) => f.id === cf.id)),
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: r.created_at,
    updated_at: r.updated_at,
  });

  // ---- pagination (ListRequests, ListComments: cursor or offset; ListTicketFields: cursor or none) ----
  type Sorted<T> = { items: T[]; key: (t: T) => [string | number, number]; desc: boolean };
  const encodeCursor = (k: [string | number, number]) => Buffer.from(JSON.stringify(k)).toString('base64url');
  function decodeCursor(name: string, raw: string): [string | number, number] {
    try {
      const k = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
      if (Array.isArray(k) && k.length === 2 && typeof k[1] === 'number') return k as [string | number, number];
    } catch {
      // fall through to the error Zendesk gives
    }
    throw new HttpError(400, { errors: [{ code: 'InvalidPaginationParameter', title: `${name} is not valid` }] });
  }
  const compareKeys = (a: [string | number, number], b: [string | number, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

  function page<T>(path: string, q: URLSearchParams, s: Sorted<T>, allowOffset: boolean, listKey: string, json: (t: T) => unknown) {
    const cmp = (a: T, b: T) => compareKeys(s.key(a), s.key(b)) * (s.desc ? -1 : 1);
    const all = [...s.items].sort(cmp);
    const link = (params: Record<string, string>) => {
      const next = new URLSearchParams(q);
      for (const k of ['page[after]', 'page[before]', 'page']) next.delete(k);
      for (const [k, v] of Object.entries(params)) next.set(k, v);
      return `${base}${path}.json?${next.toString()}`;
    };
    const cursor = [...q.keys()].some((k) => k.startsWith('page['));
    if (!cursor && !allowOffset) return { [listKey]: all.map(json) };
    if (cursor) {
      const size = Math.min(Math.max(Number(q.get('page[size]')) || 100, 1), 100);
      const after = q.get('page[after]');
      const before = q.get('page[before]');
      const beyond = (k: [string | number, number], sign: number) => (t: T) => compareKeys(s.key(t), k) * (s.desc ? -1 : 1) * sign > 0;
      let slice: T[];
      let hasMore: boolean;
      if (before) {
        const rest = all.filter(beyond(decodeCursor('page[before]', before), -1));
        slice = rest.slice(Math.max(rest.length - size, 0));
        hasMore = rest.length > size;
      } else {
        const rest = after ? all.filter(beyond(decodeCursor('page[after]', after), 1)) : all;
        slice = rest.slice(0, size);
        hasMore = rest.length > size;
      }
      const first = slice[0];
      const last = slice[slice.length - 1];
      const afterCursor = last === undefined ? null : encodeCursor(s.key(last));
      const beforeCursor = first === undefined ? null : encodeCursor(s.key(first));
      return {
        [listKey]: slice.map(json),
        meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          next: afterCursor && link({ 'page[after]': afterCursor, 'page[size]': String(size) }),
          prev: beforeCursor && link({ 'page[before]': beforeCursor, 'page[size]': String(size) }),
        },
      };
    }
    const perPage = Math.min(Math.max(Number(q.get('per_page')) || 100, 1), 100);
    const n = Math.max(Number(q.get('page')) || 1, 1);
    return {
      [listKey]: all.slice((n - 1) * perPage, n * perPage).map(json),
      next_page: n * perPage < all.length ? link({ page: String(n + 1), per_page: String(perPage) }) : null,
      previous_page: n > 1 ? link({ page: String(n - 1), per_page: String(perPage) }) : null,
      count: all.length,
    };
  }

  // ---- request handling ----
  const ownRequest = (user: ZendeskSeedUser, rid: number) => {
    const r = requests.find((x) => x.id === rid && x.requester_id === user.id);
    if (!r) throw notFound();
    return r;
  };

  function takeUploads(user: ZendeskSeedUser, tokens: unknown): ZendeskStoredAttachment[] {
    const list = Array.isArray(tokens) ? tokens : [];
    const found = list.map((t) => uploads.get(String(t)));
    const bad = list.filter((_, i) => {
      const u = found[i];
      return !u || u.used || u.userId !== user.id;
    });
    if (bad.length) throw recordInvalid({ base: [{ description: `Attachment token is invalid or was already used: ${bad.join(', ')}`, error: 'InvalidValue' }] });
    return found.flatMap((u) => {
      u!.used = true;
      return u!.attachments;
    });
  }

  function commentBody(comment: any): string {
    const body = typeof comment?.body === 'string' ? comment.body : typeof comment?.html_body === 'string' ? comment.html_body.replace(/<[^>]*>/g, '') : '';
    if (!body.trim()) throw recordInvalid({ description: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] });
    return body;
  }

  function checkFieldValue(f: SeedField, value: unknown): string | undefined {
    if (value === null || value === '') return undefined;
    const tags = (f.custom_field_options ?? []).map((o) => o.value);
    switch (f.type) {
      case 'tagger':
        return typeof value === 'string' && tags.includes(value) ? undefined : `is not one of ${tags.join(', ')}`;
      case 'multiselect':
        return Array.isArray(value) && value.every((v) => tags.includes(v)) ? undefined : `must be a list of ${tags.join(', ')}`;
      case 'checkbox':
        return typeof value === 'boolean' ? undefined : 'must be true or false';
      case 'integer':
        return Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)) ? undefined : 'is not a number';
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'is not a date (YYYY-MM-DD)';
      case 'regexp':
        return typeof value === 'string' && new RegExp(f.regexp_for_validation ?? '').test(value) ? undefined : 'is invalid';
      default:
        return typeof value === 'string' ? undefined : 'is not text';
    }
  }

  function createRequest(user: ZendeskSeedUser, body: any) {
    const input = body?.request;
    if (!input || typeof input !== 'object') throw recordInvalid({ base: [{ description: 'Request: missing', error: 'BlankValue' }] });
    const formId = input.ticket_form_id ?? seedForms.find((f) => f.default)!.id;
    const form = visibleForms().find((f) => f.id === formId);
    if (!form) throw recordInvalid({ ticket_form_id: [{ description: 'Ticket form: is invalid', error: 'InvalidValue' }] });
    const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
    if (!subject) throw recordInvalid({ subject: [{ description: 'Subject: cannot be blank', error: 'BlankValue' }] });
    const description = commentBody(input.comment);

    const given = new Map<number, unknown>();
    const problems: Detail[] = [];
    for (const cf of Array.isArray(input.custom_fields) ? input.custom_fields : []) {
      const f = seedFields.find((x) => x.id === cf?.id && x.type !== 'subject' && x.type !== 'description');
      if (!f || !f.visible_in_portal) problems.push({ description: `Field ${String(cf?.id)}: does not exist`, error: 'InvalidValue', field_key: cf?.id });
      else if (!f.editable_in_portal) problems.push({ description: `${f.title_in_portal}: cannot be changed by end users`, error: 'InvalidValue', field_key: f.id });
      else {
        const wrong = checkFieldValue(f, cf.value);
        if (wrong) problems.push({ description: `${f.title_in_portal}: ${wrong}`, error: 'InvalidValue', field_key: f.id });
        else given.set(f.id, cf.value);
      }
    }
    for (const fid of form.ticket_field_ids) {
      const f = seedFields.find((x) => x.id === fid)!;
      const v = given.get(fid);
      const blank = v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);
      if (f.required_in_portal && f.visible_in_portal && f.type !== 'subject' && f.type !== 'description' && blank) {
        problems.push({ description: `${f.title_in_portal}: cannot be blank`, error: 'BlankValue', field_key: f.id });
      }
    }
    if (problems.length) throw recordInvalid({ base: problems });

    const attachments = takeUploads(user, input.comment?.uploads);
    const now = tick();
    const customFields = seedFields
      .filter((f) => !['subject', 'description'].includes(f.type))
      .map((f) => ({ id: f.id, value: (given.get(f.id) as FieldValue | undefined) ?? (f.type === 'checkbox' ? false : null) }));
    const r: ZendeskStoredRequest = {
      id: nextId('request'),
      subject,
      description,
      ticket_form_id: form.id,
      custom_fields: customFields,
      status: 'new',
      requester_id: user.id,
      comments: [{ id: nextId('comment'), body: description, public: true, author_id: user.id, created_at: now, attachments }],
      created_at: now,
      updated_at: now,
    };
    requests.push(r);
    return r;
  }

  function updateRequest(user: ZendeskSeedUser, r: ZendeskStoredRequest, body: any) {
    const input = body?.request ?? {};
    if (r.status === 'closed') throw recordInvalid({ status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] });
    const solve = input.solved === true || input.solved === 'true';
    if (solve && !requestJson(r).can_be_solved_by_me) throw recordInvalid({ status: [{ description: 'Status: cannot be solved by you', error: 'InvalidValue' }] });
    if (input.comment !== undefined) {
      const text = commentBody(input.comment);
      const attachments = takeUploads(user, input.comment.uploads);
      r.comments.push({ id: nextId('comment'), body: text, public: true, author_id: user.id, created_at: tick(), attachments });
      // A requester's reply reopens a request that waits for them or was solved.
      if (['pending', 'hold', 'solved'].includes(r.status)) r.status = 'open';
    }
    if (solve) r.status = 'solved';
    r.updated_at = tick();
  }

  function upload(user: ZendeskSeedUser, q: URLSearchParams, contentType: string, bytes: Buffer) {
    const filename = q.get('filename');
    if (!filename) throw new HttpError(400, { error: 'InvalidValue', description: 'filename is required' });
    const existing = q.get('token');
    let entry = existing ? uploads.get(existing) : undefined;
    if (existing && (!entry || entry.used || entry.userId !== user.id)) throw notFound();
    if (!entry) {
      entry = { token: randomBytes(18).toString('base64url'), userId: user.id, attachments: [], used: false };
      uploads.set(entry.token, entry);
    }
    const a: ZendeskStoredAttachment = { id: nextId('attachment'), file_name: filename, content_type: contentType || 'application/binary', bytes, token: randomBytes(12).toString('base64url') };
    entry.attachments.push(a);
    return { upload: { token: entry.token, attachment: attachmentJson(a), attachments: entry.attachments.map(attachmentJson) } };
  }

  function rate(user: ZendeskSeedUser, rid: number, body: any) {
    // "Allowed for: End user who requested the ticket": anyone else is refused, not told it is missing.
    const theirs = requests.find((x) => x.id === rid && x.requester_id !== user.id);
    if (theirs) throw new HttpError(403, { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' });
    const r = ownRequest(user, rid);
    const input = body?.satisfaction_rating ?? {};
    // "Creates a CSAT rating for a solved ticket, or for a ticket that was previously solved and then reopened."
    if (!['solved', 'closed'].includes(r.status) && !r.satisfaction_rating) throw recordInvalid({ base: [{ description: 'Ticket must be solved to be rated', error: 'InvalidValue' }] });
    if (!['good', 'bad'].includes(input.score)) throw recordInvalid({ score: [{ description: 'Score: is invalid', error: 'InvalidValue' }] });
    const now = tick();
    r.satisfaction_rating = {
      id: r.satisfaction_rating?.id ?? nextId('rating'),
      score: input.score,
      ...(typeof input.comment === 'string' && { comment: input.comment }),
      created_at: r.satisfaction_rating?.created_at ?? now,
      updated_at: now,
    };
    const s = r.satisfaction_rating;
    // The document answers 200 with a one-element array.
    return {
      satisfaction_rating: [
        {
          url: `${base}/api/v2/satisfaction_ratings/${s.id}.json`,
          id: s.id,
          assignee_id: r.assignee_id ?? agent.id,
          group_id: groupId,
          requester_id: r.requester_id,
          ticket_id: r.id,
          score: s.score,
          ...(s.comment !== undefined && { comment: s.comment }),
          created_at: s.created_at,
          updated_at: s.updated_at,
        },
      ],
    };
  }

  // ---- OAuth (authorization code + PKCE, refresh). /oauth/authorizations/new is not in the
  // Support API document (it is a browser page); /oauth/tokens is, and is validated. There is no
  // sign-in page: the authorization endpoint grants at once, for alice. ----
  function authorize(q: URLSearchParams): string {
    const redirect = q.get('redirect_uri');
    if (!redirect || q.get('response_type') !== 'code' || !q.get('client_id')) throw oauthError('invalid_request', 'response_type=code, client_id and redirect_uri are required');
    const method = q.get('code_challenge_method');
    if (q.get('code_challenge') && method !== 'S256') throw oauthError('invalid_request', 'code_challenge_method must be S256');
    const code = randomBytes(16).toString('hex');
    // "an authorization code valid for 120 seconds" (CreateTokenForGrantType)
    grants.set(code, { clientId: q.get('client_id')!, redirect, challenge: q.get('code_challenge'), userId: users.alice.id, expires: Date.now() + 120_000, scope: q.get('scope') ?? 'read write' });
    const target = new URL(redirect);
    target.searchParams.set('code', code);
    if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!);
    return target.toString();
  }

  function issueTokens(userId: number, scope: string, body: any) {
    const access = randomBytes(32).toString('hex');
    const refresh = randomBytes(32).toString('hex');
    accessTokens.set(access, userId);
    refreshTokens.set(refresh, userId);
    const user = userById(userId)!;
    user.oauthToken = access;
    user.oauthRefreshToken = refresh;
    return {
      access_token: access,
      token_type: 'bearer',
      scope,
      refresh_token: refresh,
      ...(Number.isInteger(body.expires_in) && { expires_in: body.expires_in }),
      refresh_token_expires_in: Number.isInteger(body.refresh_token_expires_in) ? body.refresh_token_expires_in : 2_592_000,
    };
  }

  function token(body: any) {
    if (body?.grant_type === 'authorization_code') {
      const grant = typeof body.code === 'string' ? grants.get(body.code) : undefined;
      grants.delete(body.code);
      if (!grant || grant.expires < Date.now()) throw oauthError('invalid_grant', 'The provided authorization grant is invalid, expired, revoked, or was issued to another client.');
      if (grant.clientId !== body.client_id || grant.redirect !== body.redirect_uri) throw oauthError('invalid_grant', 'client_id or redirect_uri does not match the authorization request.');
      if (grant.challenge) {
        const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) throw oauthError('invalid_grant', 'The code_verifier does not match the code_challenge.');
      }
      return issueTokens(grant.userId, grant.scope, body);
    }
    if (body?.grant_type === 'refresh_token') {
      const uid = refreshTokens.get(body.refresh_token);
      if (uid === undefined) throw oauthError('invalid_grant', 'The refresh token is invalid, expired or was already used.');
      // Refresh tokens are single-use and refreshing retires the old access token.
      refreshTokens.delete(body.refresh_token);
      const user = userById(uid)!;
      accessTokens.delete(user.oauthToken);
      return issueTokens(uid, 'read write', body);
    }
    throw oauthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }

  // ---- routing ----
  interface Exchange {
    method: string;
    path: string;
    q: URLSearchParams;
    headers: IncomingMessage['headers'];
    raw: Buffer;
    json: unknown;
  }
  type Reply = { status: number; body?: unknown; bytes?: Buffer; contentType?: string; headers?: Record<string, string> };

  function route(x: Exchange, operationId: string | undefined): Reply {
    const { method, path, q } = x;
    if (method === 'GET' && path === '/oauth/authorizations/new') return { status: 302, headers: { Location: authorize(q) } };
    if (operationId === 'CreateTokenForGrantType') return { status: 201, body: token(x.json) };

    const user = authenticate(x.headers.authorization);
    const m = (re: RegExp) => re.exec(path);
    let hit: RegExpExecArray | null;
    // Attachment downloads (content_url) are outside the API and its document; they need the same auth.
    if (method === 'GET' && (hit = m(/^\/attachments\/token\/([^/]+)\/?$/))) {
      const token = hit[1];
      const upload = [...uploads.values()].find((u) => u.attachments.some((a) => a.token === token));
      const a = upload?.attachments.find((att) => att.token === token);
      // Until attached, the uploader may read it; afterwards whoever sees the public comment.
      const shownIn = requests.find((r) => r.comments.some((c) => c.public && a && c.attachments.includes(a)));
      if (!a || (shownIn ? shownIn.requester_id !== user.id : upload!.userId !== user.id)) throw notFound();
      return { status: 200, bytes: a.bytes, contentType: a.content_type };
    }
    switch (operationId) {
      case 'ShowCurrentUser':
        return {
          status: 200,
          body: {
            user: {
              id: user.id,
              url: `${base}/api/v2/users/${user.id}.json`,
              name: user.name,
              email: user.email,
              role: 'end-user',
              locale: 'en-US',
              locale_id: 1,
              time_zone: 'Europe/Paris',
              iana_time_zone: 'Europe/Paris',
              verified: true,
              active: true,
              created_at: '2023-05-02T08:14:55Z',
              updated_at: '2024-10-21T12:03:40Z',
              authenticity_token: randomBytes(24).toString('base64'),
            },
          },
        };
      case 'ListTicketForms':
        return { status: 200, body: { ticket_forms: visibleForms().map(formJson) } };
      case 'ShowTicketForm': {
        const form = visibleForms().find((f) => f.id === Number(m(/(\d+)$/)?.[1]));
        if (!form) throw notFound();
        return { status: 200, body: { ticket_form: formJson(form) } };
      }
      case 'ListTicketFields': {
        // Cursor pages are ordered by id, an unpaginated list by position (ListTicketFields).
        const cursor = [...q.keys()].some((k) => k.startsWith('page['));
        const sorted = { items: visibleFields(), key: (f: SeedField): [number, number] => [cursor ? f.id : f.position, f.id], desc: false };
        return { status: 200, body: page('/api/v2/ticket_fields', q, sorted, false, 'ticket_fields', fieldJson) };
      }
      case 'ShowTicketfield':
        // "Allowed for: Agents"; end users use the list.
        throw new HttpError(403, { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' });
      case 'UploadFiles':
        // The raw file body and its Content-Type are outside what the document can describe.
        return { status: 201, body: upload(user, q, String(x.headers['content-type'] ?? ''), x.raw) };
      case 'CreateRequest':
        return { status: 201, body: { request: requestJson(createRequest(user, x.json)) } };
      case 'ListRequests': {
        const by = q.get('sort_by') === 'updated_at' ? 'updated_at' : 'created_at';
        // Cursor pages of ListRequests come back in no sort_by order (a developer's report,
        // Zendesk community, November 2024: the same query sorts with offset pages only): here
        // by id, so a client that relies on the order there is caught.
        const cursor = [...q.keys()].some((k) => k.startsWith('page['));
        const mine = requests.filter((r) => r.requester_id === user.id);
        const sorted = cursor
          ? { items: mine, key: (r: ZendeskStoredRequest): [number, number] => [r.id, r.id], desc: false }
          : { items: mine, key: (r: ZendeskStoredRequest): [string, number] => [r[by], r.id], desc: q.get('sort_order') === 'desc' };
        return { status: 200, body: page('/api/v2/requests', q, sorted, true, 'requests', requestJson) };
      }
      case 'ShowRequest':
        return { status: 200, body: { request: requestJson(ownRequest(user, Number(m(/^\/api\/v2\/requests\/(\d+)/)?.[1]))) } };
      case 'UpdateRequest': {
        const r = ownRequest(user, Number(m(/^\/api\/v2\/requests\/(\d+)/)?.[1]));
        updateRequest(user, r, x.json);
        return { status: 200, body: { request: requestJson(r) } };
      }
      case 'ListComments': {
        const r = ownRequest(user, Number(m(/^\/api\/v2\/requests\/(\d+)/)?.[1]));
        const since = q.get('since');
        const cursor = [...q.keys()].some((k) => k.startsWith('page['));
        const desc = cursor ? q.get('sort') === '-created_at' : q.get('sort_order') === 'desc';
        const items = r.comments.filter((c) => c.public && (!since || c.created_at >= since));
        const sorted = { items, key: (c: ZendeskStoredComment): [string, number] => [c.created_at, c.id], desc };
        const body = page(`/api/v2/requests/${r.id}/comments`, q, sorted, true, 'comments', commentJson);
        // `include=users`: the page's comments' authors, as an end user may see them.
        const sideloads = (q.get('include') ?? '').split(',');
        return { status: 200, body: sideloads.includes('users') ? { ...body, users: authorsOf(body.comments as { author_id: number }[]) } : body };
      }
      case 'ShowComment': {
        const [, rid, cid] = m(/^\/api\/v2\/requests\/(\d+)\/comments\/(\d+)/) ?? [];
        const c = ownRequest(user, Number(rid)).comments.find((x) => x.id === Number(cid) && x.public);
        if (!c) throw notFound();
        return { status: 200, body: { comment: commentJson(c) } };
      }
      case 'CreateTicketSatisfactionRating':
        return { status: 200, body: rate(user, Number(m(/^\/api\/v2\/tickets\/(\d+)/)?.[1]), x.json) };
    }
    if (operationId) violations.push(`${method} ${path}: ${operationId} is in the document but not implemented by the fake`);
    else violations.push(`${method} ${path}: no such operation in the document`);
    throw new HttpError(404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    // Zendesk answers the same routes with and without ".json".
    const path = url.pathname.replace(/\.json$/, '');
    const query = url.search.replace(/^\?/, '');
    const cors = { 'Access-Control-Allow-Origin': '*' };
    const send = (r: Reply) => {
      calls.push({ method, path: url.pathname, query, status: r.status });
      const headers: Record<string, string> = { ...cors, ...r.headers };
      if (r.bytes) headers['Content-Type'] = r.contentType ?? 'application/octet-stream';
      else if (r.body !== undefined) headers['Content-Type'] = r.contentType ?? 'application/json; charset=utf-8';
      res.writeHead(r.status, headers);
      res.end(r.bytes ?? (r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body)));
    };

    if (method === 'OPTIONS') {
      send({ status: 204, headers: { 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Max-Age': '600' } });
      return;
    }

    const contentType = String(req.headers['content-type'] ?? '');
    let json: unknown;
    if (contentType.includes('application/json') && raw.length) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        violations.push(`${method} ${path}: request body is not valid JSON`);
        send({ status: 400, body: { error: 'Unprocessable Entity', description: 'The request body is not valid JSON' } });
        return;
      }
    }
    const operationId = validator.operationFor(method, path);
    if (operationId) {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      violations.push(...validator.checkRequest(operationId, { method, path, query: Object.fromEntries(url.searchParams), headers, body: json }));
      if (operationId === 'UploadFiles' && !raw.length) violations.push(`${method} ${path}: upload without a file body`);
    }

    hooks.beforeCall?.(method, path, url.searchParams);
    const failure = failures.find((f) => !f.match || f.match(method, path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      if (failure.delayMs) await delay(failure.delayMs);
      if (failure.status !== undefined || failure.html || failure.retryAfter !== undefined) {
        // Injected faults are the test's choice, so their bodies are not checked against the document.
        const status = failure.status ?? (failure.retryAfter !== undefined ? 429 : 503);
        const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'Retry-After': failure.retryAfter } : {};
        if (failure.html) send({ status, headers, contentType: 'text/html; charset=utf-8', body: `<!DOCTYPE html><html><head><title>Zendesk</title></head><body><h1>${status}</h1><p>Something went wrong.</p></body></html>` });
        else if (status === 429) send({ status, headers, body: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' } });
        else send({ status, headers, body: { error: 'ServiceUnavailable', description: 'The service is temporarily unavailable' } });
        return;
      }
    }

    let reply: Reply;
    try {
      reply = route({ method, path, q: url.searchParams, headers: req.headers, raw, json }, operationId);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      reply = { status: e.status, body: e.body, headers: e.headers };
    }
    if (operationId && reply.status !== 302) violations.push(...validator.checkResponse(operationId, reply.status, reply.body));
    send(reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      violations.push(`${req.method} ${req.url}: fake server error ${String(e instanceof Error ? e.stack : e)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'InternalError', description: 'fake server error' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const stored = (rid: number) => {
    const r = requests.find((x) => x.id === rid);
    if (!r) throw new Error(`no request ${rid}`);
    return r;
  };

  return {
    get beforeCall() {
      return hooks.beforeCall;
    },
    set beforeCall(f) {
      hooks.beforeCall = f;
    },
    url: base,
    close: () =>
      new Promise<void>((r, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : r()));
      }),
    violations,
    calls,
    users,
    setStatus(rid, status) {
      const r = stored(rid);
      r.status = status;
      r.assignee_id ??= agent.id;
      r.updated_at = tick();
    },
    addComment(rid, body, o = {}) {
      const r = stored(rid);
      const author = o.author === 'alice' ? users.alice.id : agent.id;
      if (author === agent.id) r.assignee_id ??= agent.id;
      r.comments.push({ id: nextId('comment'), body, public: o.public ?? true, author_id: author, created_at: tick(), attachments: [] });
      r.updated_at = tick();
    },
    failNext(f) {
      failures.push({ ...f });
    },
    holdClock() {
      held = true;
    },
    expireOAuthToken() {
      accessTokens.delete(users.alice.oauthToken);
    },
    state: { requests },
  };
}
