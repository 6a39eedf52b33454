// A stateful Jira Service Management site for adapter and end-to-end tests: a real HTTP server on
// 127.0.0.1 speaking /rest/servicedeskapi as Atlassian documents it. Every request and response is
// checked against Atlassian's OpenAPI document; what the document does not allow lands in
// `violations` (the server still answers as Jira would).
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { loadOpenApi, type OpenApiChecker, type Operation } from '../openapi.ts';
import { agent, desks, requestTypes, seedUsers, type JsmSeedUser, type SeedDesk, type SeedRequestType } from './seed.ts';
import { checkFieldValues, renderFieldValue } from './fields.ts';

export type { JsmSeedUser };

export type StatusCategory = 'NEW' | 'INDETERMINATE' | 'DONE';

export interface JsmStoredComment {
  id: string;
  body: string;
  public: boolean;
  /** accountId of the author (a customer or the agent). */
  author: string;
  created: number;
}

export interface JsmStoredAttachment {
  id: string;
  name: string;
  mime: string;
  bytes: Buffer;
  public: boolean;
  author: string;
  created: number;
}

export interface JsmStoredRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  /** accountId of the customer who raised it. */
  reporter: string;
  /** requestFieldValues as the client sent them, with the request type's defaults filled in. */
  fields: Record<string, unknown>;
  created: number;
  /** Last status change or comment: what "latest activity" orders by. */
  updated: number;
  /** Oldest first; the last is the current status. */
  statuses: { status: string; category: StatusCategory; at: number }[];
  /**
   * Jira's Resolution field: what the portal's open/closed filter goes by (Atlassian: an issue is
   * resolved once it has one), set with a DONE status unless a test says otherwise. A workflow
   * may reopen a request without clearing it: open by its status, closed by the filter.
   */
  resolved: boolean;
  comments: JsmStoredComment[];
  attachments: JsmStoredAttachment[];
  feedback?: { rating: number; comment?: string };
}

export interface JsmTemporaryFile {
  id: string;
  serviceDeskId: string;
  uploader: string;
  name: string;
  mime: string;
  bytes: Buffer;
  used: boolean;
  expired: boolean;
}

export interface JsmFault {
  status?: number;
  html?: boolean;
  delayMs?: number;
  retryAfter?: string;
  times?: number;
  match?: (method: string, path: string) => boolean;
  /** Rewrites the JSON body of a normal answer; the result is still checked against the document. */
  tamper?: (body: any) => unknown;
}

export interface JsmServer {
  /** Base URL the adapter is configured with, e.g. http://127.0.0.1:PORT or http://127.0.0.1:PORT/jira (contextPath) */
  url: string;
  close(): Promise<void>;
  /** Every request the client sent and every response this server returned that the OpenAPI document does not allow, as readable strings. Tests assert this is empty. */
  violations: string[];
  /** Log of calls: method, path (without base), query string, status; for counting desk requests in benchmarks. */
  calls: { method: string; path: string; query: string; status: number }[];
  users: { alice: JsmSeedUser; bob: JsmSeedUser };
  /** Staff actions (test-only, not over HTTP), e.g. ('Waiting for customer', 'INDETERMINATE'), ('Resolved', 'DONE'). */
  /** `resolved`: the Resolution field afterwards (by default: set with a DONE status, cleared otherwise). */
  setStatus(issueKey: string, status: string, category: StatusCategory, opts?: { resolved?: boolean }): void;
  /** An agent's comment by default, public by default; alice's comments are always public. */
  addComment(issueKey: string, body: string, opts?: { public?: boolean; author?: 'agent' | 'alice' }): void;
  /**
   * Makes the next `times` (1) calls that `match` (all) fail: `status` in Atlassian's error shape
   * (429 gets Retry-After: `retryAfter` or 1), `html` a 200 login page, `delayMs` a wait first.
   * Such answers are not checked against the document; `tamper`ed ones are.
   */
  failNext(f: JsmFault): void;
  /** Temporary files uploaded so far can no longer be attached, as after Jira's expiry. */
  expireTemporaryFiles(): void;
  /** Called before each API call is answered (path without base): staff acting between two calls of the client's. */
  beforeCall?: (method: string, path: string, query: URLSearchParams) => void;
  state: { requests: JsmStoredRequest[]; temporaryFiles: JsmTemporaryFile[] };
}

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SPEC = resolve(PROJECT_ROOT, '../shared/specs/jsm-cloud-servicedeskapi.openapi.json');
const API = '/rest/servicedeskapi';
/** Jira caps every page at this many values, whatever `limit` asks for (and echoes `limit`). */
const PAGE_CAP = 50;
const REQUEST_EXPANDS = ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'];

let checker: Promise<OpenApiChecker> | undefined;
function jsmDocument(): Promise<OpenApiChecker> {
  checker ??= loadOpenApi(SPEC, fillTemporaryFileSchema);
  return checker;
}

/** attachTemporaryFile's 201 has only an example, no schema: check answers against the example's shape. */
function fillTemporaryFileSchema(doc: OpenAPIV3.Document) {
  const created = doc.paths[`${API}/servicedesk/{serviceDeskId}/attachTemporaryFile`]?.post?.responses['201'] as OpenAPIV3.ResponseObject | undefined;
  const json = created?.content?.['application/json'];
  if (!json || json.schema) return;
  const str = { type: 'string' } as const;
  json.schema = {
    type: 'object',
    additionalProperties: false,
    required: ['temporaryAttachments'],
    properties: {
      temporaryAttachments: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['temporaryAttachmentId', 'fileName'], properties: { temporaryAttachmentId: str, fileName: str } },
      },
    },
  };
}

interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Why this answer is not checked against the document (it lists no such answer). */
  unchecked?: string;
}

interface Ctx {
  user: JsmSeedUser;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, if there was one. */
  body: unknown;
  raw: Buffer;
  contentType: string;
  headers: http.IncomingHttpHeaders;
  /** This page's absolute URL, for `_links.self`. */
  self: string;
}

const error = (status: number, errorMessage: string, i18nKey: string, parameters: string[] = []): Reply => ({
  status,
  body: { errorMessage, i18nErrorMessage: { i18nKey, parameters } },
});
const ok = (body: unknown, status = 200): Reply => ({ status, body });

export async function startJsmServer(opts: { contextPath?: string; mode?: 'cloud' | 'dc' } = {}): Promise<JsmServer> {
  const doc = await jsmDocument();
  const mode = opts.mode ?? 'cloud';
  const contextPath = (opts.contextPath ?? '').replace(/^\/*(?=.)/, '/').replace(/\/+$/, '');
  const users = seedUsers();
  const people = [users.alice, users.bob, agent];
  const violations: string[] = [];
  const calls: JsmServer['calls'] = [];
  const requests: JsmStoredRequest[] = [];
  const temporaryFiles: JsmTemporaryFile[] = [];
  const faults: (JsmFault & { left: number })[] = [];
  let base = '';
  let lastTime = 0;
  let nextId = 10000;
  const keyCounters = new Map<string, number>();

  /** Strictly increasing, so "latest activity" never ties. */
  const now = () => (lastTime = Math.max(Date.now(), lastTime + 1));
  const hooks: Pick<JsmServer, 'beforeCall'> = {};
  const newId = () => String(++nextId);

  // ---- DTOs: only properties the document declares (its schemas forbid any other) ----

  function date(ms: number) {
    const iso = new Date(ms).toISOString();
    const d = new Date(ms);
    const hh = d.getUTCHours();
    const friendly = `${d.getUTCDate()}/${d.toLocaleString('en', { month: 'short', timeZone: 'UTC' })}/${String(d.getUTCFullYear()).slice(2)} ${hh % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${hh < 12 ? 'AM' : 'PM'}`;
    return { epochMillis: ms, friendly, iso8601: iso.replace(/\.\d{3}Z$/, '+0000'), jira: iso.replace('Z', '+0000') };
  }

  function userDto(accountId: string) {
    const p = people.find((u) => u.accountId === accountId)!;
    const avatar = (size: number) => `https://avatar-management.services.atlassian.com/default/${size}`;
    // Data Center has no accountId: a user is its username (name) and its key, as the Data
    // Center reference's examples show ({name, key, emailAddress, displayName}).
    const dcName = p.email.split('@')[0]!;
    const jiraRest = mode === 'dc' ? `${base}/rest/api/2/user?username=${dcName}` : `${base}/rest/api/2/user?accountId=${accountId}`;
    return {
      ...(mode === 'dc' ? { name: dcName, key: `JIRAUSER${10000 + people.indexOf(p)}` } : { accountId }),
      emailAddress: p.email,
      displayName: p.displayName,
      active: true,
      timeZone: 'Europe/Berlin',
      _links: { jiraRest, self: jiraRest, avatarUrls: Object.fromEntries([48, 24, 16, 32].map((s) => [`${s}x${s}`, avatar(s)])) },
    };
  }

  const deskDto = (d: SeedDesk) => ({
    id: d.id,
    projectId: d.projectId,
    projectKey: d.projectKey,
    projectName: d.projectName,
    _links: { self: `${base}${API}/servicedesk/${d.id}` },
  });

  const typeDto = (t: SeedRequestType) => ({
    _expands: ['field'],
    id: t.id,
    _links: { self: `${base}${API}/servicedesk/${t.serviceDeskId}/requesttype/${t.id}` },
    name: t.name,
    description: t.description,
    helpText: t.helpText,
    issueTypeId: t.issueTypeId,
    serviceDeskId: t.serviceDeskId,
    portalId: t.serviceDeskId,
    groupIds: t.groupIds,
    icon: {
      id: '10509',
      _links: {
        iconUrls: Object.fromEntries(
          [48, 24, 16, 32].map((s) => [`${s}x${s}`, `${base}/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/10509?size=${s}`]),
        ),
      },
    },
  });

  const statusDto = (s: JsmStoredRequest['statuses'][number]) => ({ status: s.status, statusCategory: s.category, statusDate: date(s.at) });

  const commentDto = (r: JsmStoredRequest, c: JsmStoredComment) => ({
    _expands: ['attachment', 'renderedBody'],
    id: c.id,
    body: c.body,
    public: c.public,
    author: userDto(c.author),
    created: date(c.created),
    _links: { self: `${base}${API}/request/${r.issueId}/comment/${c.id}` },
  });

  const attachmentDto = (a: JsmStoredAttachment) => ({
    filename: a.name,
    author: userDto(a.author),
    created: date(a.created),
    size: a.bytes.length,
    mimeType: a.mime,
    _links: {
      self: `${base}/rest/api/2/attachment/${a.id}`,
      jiraRest: `${base}/rest/api/2/attachment/${a.id}`,
      content: `${base}/secure/attachment/${a.id}/${encodeURIComponent(a.name)}`,
      ...(a.mime.startsWith('image/') ? { thumbnail: `${base}/secure/thumbnail/${a.id}/${encodeURIComponent(a.name)}` } : {}),
    },
  });

  function requestDto(r: JsmStoredRequest, expand: Set<string>) {
    const type = requestTypes.find((t) => t.id === r.requestTypeId)!;
    const at = `${base}${API}/request/${r.issueId}`;
    const dto: Record<string, unknown> = {
      _expands: REQUEST_EXPANDS,
      issueId: r.issueId,
      issueKey: r.issueKey,
      requestTypeId: r.requestTypeId,
      serviceDeskId: r.serviceDeskId,
      createdDate: date(r.created),
      reporter: userDto(r.reporter),
      requestFieldValues: type.fields
        .filter((f) => r.fields[f.fieldId] !== undefined)
        .map((f) => ({ fieldId: f.fieldId, label: f.name, ...renderFieldValue(f, r.fields[f.fieldId], base) })),
      currentStatus: statusDto(r.statuses.at(-1)!),
      _links: { web: `${base}/servicedesk/customer/portal/${r.serviceDeskId}/${r.issueKey}`, self: at, jiraRest: `${base}/rest/api/2/issue/${r.issueId}`, agent: `${base}/browse/${r.issueKey}` },
    };
    const nested = (what: string, items: unknown[]) => page(items, new URLSearchParams(), `${at}/${what}`);
    if (expand.has('serviceDesk')) dto.serviceDesk = deskDto(desks.find((d) => d.id === r.serviceDeskId)!);
    if (expand.has('requestType')) dto.requestType = typeDto(type);
    if (expand.has('participant')) dto.participants = nested('participant', []);
    if (expand.has('sla')) dto.sla = nested('sla', []);
    if (expand.has('status')) dto.status = nested('status', [...r.statuses].reverse().map(statusDto));
    if (expand.has('attachment')) dto.attachments = nested('attachment', r.attachments.filter((a) => a.public).map(attachmentDto));
    if (expand.has('comment')) dto.comments = nested('comment', r.comments.filter((c) => c.public).map((c) => commentDto(r, c)));
    if (expand.has('action')) {
      const allowed = (yes: boolean) => ({ allowed: yes });
      dto.actions = { addAttachment: allowed(true), addComment: allowed(true), addParticipant: allowed(false), removeParticipant: allowed(false) };
    }
    return dto;
  }

  /** A page as Jira pages: `limit` echoed as asked, at most PAGE_CAP values, links to neighbours. */
  function page(items: unknown[], query: URLSearchParams, self: string) {
    const start = Math.max(0, intParam(query, 'start') ?? 0);
    const limit = intParam(query, 'limit') ?? PAGE_CAP;
    const values = items.slice(start, start + Math.min(Math.max(limit, 1), PAGE_CAP));
    const isLastPage = start + values.length >= items.length;
    const at = (s: number) => {
      const u = new URL(self);
      u.searchParams.set('start', String(s));
      u.searchParams.set('limit', String(limit));
      return u.toString();
    };
    return {
      _expands: [],
      size: values.length,
      start,
      limit,
      isLastPage,
      values,
      _links: {
        base,
        context: contextPath,
        self,
        ...(isLastPage ? {} : { next: at(start + values.length) }),
        ...(start > 0 ? { prev: at(Math.max(0, start - Math.max(limit, 1))) } : {}),
      },
    };
  }

  // ---- lookups ----

  /** A service desk by id or by any project identifier the document allows. */
  function findDesk(ref: string): SeedDesk | undefined {
    const [kind, value] = ref.includes(':') ? ref.split(':', 2) : ['', ref];
    return desks.find((d) =>
      kind === 'projectKey' ? d.projectKey === value : kind === 'projectId' ? d.projectId === value : kind === 'serviceDeskId' ? d.id === value : d.id === value || d.projectKey === value,
    );
  }

  const findRequest = (ref: string) => requests.find((r) => r.issueId === ref || r.issueKey === ref.toUpperCase());

  /** The caller's own request, or the error Jira answers (403 when it exists but is someone else's). */
  function ownRequest(ctx: Ctx, param = 'issueIdOrKey'): JsmStoredRequest | Reply {
    const r = findRequest(ctx.params[param] ?? '');
    if (!r) return error(404, 'The request could not be found.', 'sd.request.error.not.found', [ctx.params[param] ?? '']);
    if (r.reporter !== ctx.user.accountId) return error(403, 'You do not have permission to view this request.', 'sd.request.error.no.permission');
    return r;
  }

  function touch(r: JsmStoredRequest) {
    r.updated = now();
    return r.updated;
  }

  function storeComment(r: JsmStoredRequest, body: string, isPublic: boolean, author: string): JsmStoredComment {
    const c = { id: newId(), body, public: isPublic, author, created: touch(r) };
    r.comments.push(c);
    return c;
  }

  // ---- operations, by the document's operationId ----

  const deskOr404 = (ctx: Ctx) => findDesk(ctx.params.serviceDeskId ?? '') ?? error(404, 'The service desk does not exist.', 'sd.service.desk.error.not.found', [ctx.params.serviceDeskId ?? '']);

  function typeOr404(ctx: Ctx): SeedRequestType | Reply {
    const desk = deskOr404(ctx);
    if ('status' in desk) return desk;
    return (
      requestTypes.find((t) => t.serviceDeskId === desk.id && t.id === ctx.params.requestTypeId) ??
      error(404, 'The request type does not exist in this service desk.', 'sd.request.type.error.not.found', [ctx.params.requestTypeId ?? ''])
    );
  }

  const handlers: Record<string, (ctx: Ctx) => Reply | Promise<Reply>> = {
    getServiceDesks: (ctx) => ok(page(desks.map(deskDto), ctx.query, ctx.self)),

    getServiceDeskById: (ctx) => {
      const desk = deskOr404(ctx);
      return 'status' in desk ? desk : ok(deskDto(desk));
    },

    getRequestTypeGroups: (ctx) => {
      const desk = deskOr404(ctx);
      return 'status' in desk ? desk : ok(page(desk.groups, ctx.query, ctx.self));
    },

    getRequestTypes: (ctx) => {
      const desk = deskOr404(ctx);
      if ('status' in desk) return desk;
      const groupId = ctx.query.get('groupId');
      const search = ctx.query.get('searchQuery')?.toLowerCase();
      const types = requestTypes.filter(
        (t) =>
          t.serviceDeskId === desk.id &&
          (!groupId || t.groupIds.includes(groupId)) &&
          (!search || t.name.toLowerCase().includes(search) || t.description.toLowerCase().includes(search)),
      );
      return ok(page(types.map(typeDto), ctx.query, ctx.self));
    },

    getRequestTypeById: (ctx) => {
      const type = typeOr404(ctx);
      return 'status' in type ? type : ok(typeDto(type));
    },

    getRequestTypeFields: (ctx) => {
      const type = typeOr404(ctx);
      if ('status' in type) return type;
      return ok({ requestTypeFields: type.fields, canRaiseOnBehalfOf: false, canAddRequestParticipants: false });
    },

    createCustomerRequest: (ctx) => {
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      // The schema requires nothing; the text requires both ids.
      for (const name of ['serviceDeskId', 'requestTypeId']) {
        if (body[name] === undefined || body[name] === '') return error(400, `The ${name} is required.`, 'sd.request.create.missing.parameter', [name]);
      }
      const desk = findDesk(String(body.serviceDeskId));
      if (!desk) return error(400, `The service desk ${String(body.serviceDeskId)} does not exist.`, 'sd.service.desk.error.not.found', [String(body.serviceDeskId)]);
      const type = requestTypes.find((t) => t.serviceDeskId === desk.id && t.id === String(body.requestTypeId));
      if (!type) {
        return error(400, 'Either you don\'t have access to this request type, or it doesn\'t exist.', 'sd.customerview.error.vpOriginMissing', [String(body.requestTypeId)]);
      }
      if (body.raiseOnBehalfOf !== undefined || body.requestParticipants !== undefined) {
        return error(403, 'Customers cannot raise requests on behalf of others or add participants.', 'sd.request.create.no.permission');
      }
      const checked = checkFieldValues(type, (body.requestFieldValues ?? {}) as Record<string, unknown>, mode);
      if ('error' in checked) return error(400, checked.error.message, checked.error.i18nKey, checked.error.parameters);
      const counter = (keyCounters.get(desk.projectKey) ?? 0) + 1;
      keyCounters.set(desk.projectKey, counter);
      const created = now();
      const r: JsmStoredRequest = {
        issueId: newId(),
        issueKey: `${desk.projectKey}-${counter}`,
        serviceDeskId: desk.id,
        requestTypeId: type.id,
        reporter: ctx.user.accountId,
        fields: checked.values,
        created,
        updated: created,
        statuses: [{ status: 'Waiting for support', category: 'NEW', at: created }],
        resolved: false,
        comments: [],
        attachments: [],
      };
      requests.push(r);
      return ok(requestDto(r, new Set()), 201);
    },

    getCustomerRequests: (ctx) => {
      const q = ctx.query;
      const ownership = multi(q, 'requestOwnership');
      const mine = ownership.length === 0 || ownership.includes('OWNED_REQUESTS') || ownership.includes('ALL_REQUESTS');
      const status = q.get('requestStatus') ?? 'ALL_REQUESTS';
      if (!['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS'].includes(status)) {
        return error(400, `Invalid requestStatus: ${status}`, 'sd.request.list.invalid.status', [status]);
      }
      const term = q.get('searchTerm')?.replace(/[*?]/g, '').trim().toLowerCase();
      const list = requests
        .filter((r) => mine && r.reporter === ctx.user.accountId)
        .filter((r) => status === 'ALL_REQUESTS' || r.resolved === (status === 'CLOSED_REQUESTS'))
        .filter((r) => !q.get('serviceDeskId') || r.serviceDeskId === q.get('serviceDeskId'))
        .filter((r) => !q.get('requestTypeId') || r.requestTypeId === q.get('requestTypeId'))
        .filter((r) => !term || String(r.fields.summary ?? '').toLowerCase().includes(term))
        .sort((a, b) => b.updated - a.updated);
      const expand = expands(q);
      return ok(page(list.map((r) => requestDto(r, expand)), q, ctx.self));
    },

    getCustomerRequestByIdOrKey: (ctx) => {
      const r = ownRequest(ctx);
      return 'status' in r ? r : ok(requestDto(r, expands(ctx.query)));
    },

    getCustomerRequestStatus: (ctx) => {
      const r = ownRequest(ctx);
      return 'status' in r ? r : ok(page([...r.statuses].reverse().map(statusDto), ctx.query, ctx.self));
    },

    getRequestComments: (ctx) => {
      const r = findRequest(ctx.params.issueIdOrKey ?? '');
      if (!r) return error(404, 'The request could not be found.', 'sd.request.error.not.found', [ctx.params.issueIdOrKey ?? '']);
      // Documented: no permission error, just nothing, for a request the caller may not see.
      // Customers get public comments only, whatever `internal` asks.
      const wantPublic = ctx.query.get('public') !== 'false';
      const visible = r.reporter === ctx.user.accountId && wantPublic ? r.comments.filter((c) => c.public) : [];
      return ok(page(visible.map((c) => commentDto(r, c)), ctx.query, ctx.self));
    },

    createRequestComment: (ctx) => {
      const r = ownRequest(ctx);
      if ('status' in r) return r;
      const { body, public: isPublic } = (ctx.body ?? {}) as { body?: unknown; public?: unknown };
      if (typeof body !== 'string' || body.trim() === '') return error(400, 'The comment body is required.', 'sd.comment.error.body.required');
      if (typeof isPublic !== 'boolean') return error(400, 'The public field is required.', 'sd.comment.error.public.required');
      // "Customers can set comments to public visibility only": a permission, so 403.
      if (!isPublic) return error(403, 'Customers can only add public comments.', 'sd.comment.error.customer.internal');
      return ok(commentDto(r, storeComment(r, body, true, ctx.user.accountId)), 201);
    },

    getAttachmentsForRequest: (ctx) => {
      const r = ownRequest(ctx);
      return 'status' in r ? r : ok(page(r.attachments.filter((a) => a.public).map(attachmentDto), ctx.query, ctx.self));
    },

    attachTemporaryFile: async (ctx) => {
      if (ctx.headers['x-atlassian-token'] !== 'no-check') {
        return { status: 403, text: 'XSRF check failed', contentType: 'text/plain', unchecked: 'Atlassian answers a plain-text 403, the document declares JSON' };
      }
      const desk = deskOr404(ctx);
      if ('status' in desk) return desk;
      // The document declares the body a plain binary string, so only its media type is checked
      // there; the `file` parts the text requires are checked here.
      if (ctx.contentType !== 'multipart/form-data') return error(400, 'The request must be multipart/form-data.', 'sd.attachment.error.not.multipart');
      let files: File[];
      try {
        const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': String(ctx.headers['content-type']) }, body: new Uint8Array(ctx.raw) }).formData();
        files = form.getAll('file').filter((f): f is File => typeof f !== 'string');
      } catch {
        return error(400, 'The multipart body could not be read.', 'sd.attachment.error.invalid.multipart');
      }
      if (files.length === 0) return error(400, "The request contains no part named 'file'.", 'sd.attachment.error.no.file');
      if (files.length > 60) return error(413, 'At most 60 files can be uploaded at once.', 'sd.attachment.error.too.many');
      const stored = await Promise.all(
        files.map(async (f) => ({
          id: `temp${randomInt(1e9, 9e9)}${randomInt(1e9, 9e9)}`,
          serviceDeskId: desk.id,
          uploader: ctx.user.accountId,
          name: f.name,
          mime: f.type || 'application/octet-stream',
          bytes: Buffer.from(await f.arrayBuffer()),
          used: false,
          expired: false,
        })),
      );
      temporaryFiles.push(...stored);
      return ok({ temporaryAttachments: stored.map((t) => ({ temporaryAttachmentId: t.id, fileName: t.name })) }, 201);
    },

    createAttachment: (ctx) => {
      const r = ownRequest(ctx);
      if ('status' in r) return r;
      const body = (ctx.body ?? {}) as { temporaryAttachmentIds?: unknown; public?: unknown; additionalComment?: { body?: unknown } };
      const ids = body.temporaryAttachmentIds;
      if (!Array.isArray(ids) || ids.length === 0) return error(400, 'The temporaryAttachmentIds are required.', 'sd.attachment.error.ids.required');
      if (typeof body.public !== 'boolean') return error(400, 'The public field is required.', 'sd.attachment.error.public.required');
      if (!body.public) return error(403, 'Customers can only add public attachments.', 'sd.attachment.error.customer.internal');
      const temps: JsmTemporaryFile[] = [];
      for (const id of ids) {
        const t = temporaryFiles.find((f) => f.id === id && f.serviceDeskId === r.serviceDeskId && f.uploader === ctx.user.accountId && !f.used && !f.expired);
        if (!t) return error(400, `The temporary attachment ${String(id)} has expired or does not exist.`, 'sd.attachment.error.temporary.missing', [String(id)]);
        temps.push(t);
      }
      const at = now();
      const added = temps.map((t) => {
        t.used = true;
        return { id: newId(), name: t.name, mime: t.mime, bytes: t.bytes, public: true, author: ctx.user.accountId, created: at };
      });
      r.attachments.push(...added);
      const note = typeof body.additionalComment?.body === 'string' ? [body.additionalComment.body] : [];
      const comment = storeComment(r, [...note, ...added.map((a) => `[^${a.name}]`)].join('\n\n'), true, ctx.user.accountId);
      const attachments = page(added.map(attachmentDto), new URLSearchParams(), `${base}${API}/request/${r.issueId}/attachment`);
      return ok({ attachments, comment: commentDto(r, comment) }, 201);
    },

    postFeedback: (ctx) => {
      const r = ownRequest(ctx, 'requestIdOrKey');
      if ('status' in r) return r;
      const { rating, type, comment } = (ctx.body ?? {}) as { rating?: unknown; type?: unknown; comment?: { body?: unknown } };
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
        return error(400, 'The rating must be an integer from 1 to 5.', 'sd.feedback.error.rating.invalid');
      }
      if (type !== undefined && type !== 'csat') return error(400, "The feedback type must be 'csat'.", 'sd.feedback.error.type.invalid');
      r.feedback = { rating, ...(typeof comment?.body === 'string' ? { comment: comment.body } : {}) };
      return ok(feedbackDto(r.feedback), 201);
    },

    getFeedback: (ctx) => {
      const r = ownRequest(ctx, 'requestIdOrKey');
      if ('status' in r) return r;
      return r.feedback ? ok(feedbackDto(r.feedback)) : error(404, 'No feedback has been given for this request.', 'sd.feedback.error.not.found');
    },

    deleteFeedback: (ctx) => {
      const r = ownRequest(ctx, 'requestIdOrKey');
      if ('status' in r) return r;
      delete r.feedback;
      return { status: 204 };
    },
  };

  const feedbackDto = (f: NonNullable<JsmStoredRequest['feedback']>) => ({ type: 'csat', rating: f.rating, ...(f.comment ? { comment: { body: f.comment } } : {}) });

  // ---- HTTP ----

  function authenticate(headers: http.IncomingHttpHeaders): JsmSeedUser | undefined {
    const auth = headers.authorization ?? '';
    const [scheme, credential = ''] = auth.split(' ', 2);
    const known = [users.alice, users.bob];
    if (mode === 'cloud' && scheme === 'Basic') {
      const decoded = Buffer.from(credential, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return known.find((u) => u.email === decoded.slice(0, colon) && u.apiToken === decoded.slice(colon + 1));
    }
    if (mode === 'dc' && scheme === 'Bearer') return known.find((u) => u.pat === credential);
    return undefined;
  }

  function takeFault(method: string, path: string) {
    const f = faults.find((x) => !x.match || x.match(method, path));
    if (f && --f.left <= 0) faults.splice(faults.indexOf(f), 1);
    return f;
  }

  function faultReply(f: JsmFault): Reply | undefined {
    const why = 'a fault the test asked for';
    if (f.html) {
      const html = '<!DOCTYPE html><html><head><title>Log in with Atlassian account</title></head><body><form id="form-login"></form></body></html>';
      return { status: 200, text: html, contentType: 'text/html', unchecked: why };
    }
    if (!f.status) return undefined;
    const messages: Record<number, string> = {
      400: 'Your request could not be created. Please check the fields have been correctly filled in.',
      401: 'Client must be authenticated to access this resource.',
      403: 'You do not have permission to complete this request.',
      404: 'The requested resource does not exist.',
      429: 'Rate limit exceeded.',
    };
    const reply = error(f.status, messages[f.status] ?? 'Internal server error.', `sd.fault.${f.status}`);
    const retryAfter = f.retryAfter ?? (f.status === 429 ? '1' : undefined);
    return { ...reply, headers: retryAfter ? { 'Retry-After': retryAfter } : {}, unchecked: why };
  }

  async function answer(req: http.IncomingMessage, raw: Buffer): Promise<Reply & { path: string; query: string; operation?: Operation; accountId?: string; tamper?: JsmFault['tamper'] }> {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const query = url.search.slice(1);
    if (!url.pathname.startsWith(`${contextPath}/`)) {
      violations.push(`${method} ${url.pathname}: outside the context path '${contextPath}'`);
      return { path: url.pathname, query, status: 404, text: 'Not found', contentType: 'text/plain', unchecked: 'not an API path' };
    }
    const path = url.pathname.slice(contextPath.length);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let body: unknown;
    if (contentType === 'application/json' && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
    }
    const checked = doc.checkRequest({ method, path, query, headers: req.headers, body, contentType: raw.length > 0 ? contentType || undefined : undefined });
    violations.push(...checked.violations);
    const where = { path, query, operation: checked.operation };

    hooks.beforeCall?.(method, path, new URLSearchParams(query));
    const fault = takeFault(method, path);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const failure = fault && faultReply(fault);
    if (failure) return { ...where, ...failure };

    if (!checked.operation) return { ...where, ...error(404, 'Not found.', 'sd.error.not.found'), unchecked: 'no such operation' };
    const user = authenticate(req.headers);
    if (!user) return { ...where, ...error(401, 'Client must be authenticated to access this resource.', 'sd.error.not.authenticated') };
    const operation = checked.operation;
    const done = (r: Reply) => ({ ...where, ...r, accountId: user.accountId, tamper: fault?.tamper });
    if ((operation as { 'x-experimental'?: boolean })['x-experimental'] && req.headers['x-experimentalapi'] !== 'opt-in') {
      return done({
        ...error(412, 'This is an experimental API; opt in with the header X-ExperimentalApi: opt-in.', 'sd.experimental.api.opt.in.required'),
        unchecked: 'the document promises 412 for experimental operations but lists it for none',
      });
    }
    const handler = handlers[operation.operationId ?? ''];
    if (!handler) {
      violations.push(`${method} ${path}: ${operation.operationId} is in the document but this test server does not implement it`);
      return done(error(404, 'Not implemented by the test server.', 'sd.error.not.found'));
    }
    const jsonBody = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json'];
    if (jsonBody && raw.length > 0 && contentType !== 'application/json') {
      return done({ ...error(415, 'Unsupported Media Type', 'sd.error.unsupported.media.type'), unchecked: 'Jira answers 415, which the document does not list' });
    }
    const self = `${base}${path}${url.search}`;
    return done(await handler({ user, params: checked.params, query: url.searchParams, body: typeof body === 'object' ? body : undefined, raw, contentType, headers: req.headers, self }));
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === 'OPTIONS') {
      // A CORS preflight: allowed, not logged (the extension's worker has host permission and sends none).
      res.writeHead(204, {
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let reply: Awaited<ReturnType<typeof answer>>;
    try {
      reply = await answer(req, Buffer.concat(chunks));
    } catch (e) {
      violations.push(`${req.method} ${req.url}: the test server failed: ${(e as Error).stack ?? String(e)}`);
      reply = { path: req.url ?? '', query: '', ...error(500, 'Internal server error.', 'sd.error.internal'), unchecked: 'the fake failed' };
    }
    let body = reply.body;
    if (reply.tamper && body !== undefined) body = reply.tamper(body);
    const contentType = reply.contentType ?? (body !== undefined ? 'application/json' : undefined);
    if (reply.operation && !reply.unchecked) {
      violations.push(...doc.checkResponse(reply.operation, reply.status, contentType, body));
    }
    calls.push({ method: req.method ?? 'GET', path: reply.path, query: reply.query, status: reply.status });
    const headers: Record<string, string> = { ...reply.headers };
    if (contentType) headers['Content-Type'] = contentType === 'application/json' ? 'application/json;charset=UTF-8' : `${contentType};charset=UTF-8`;
    if (reply.accountId) headers['X-AACCOUNTID'] = reply.accountId;
    res.writeHead(reply.status, headers);
    res.end(body !== undefined ? JSON.stringify(body) : reply.text);
  }

  const server = http.createServer((req, res) => void serve(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  base = `http://127.0.0.1:${port}${contextPath}`;

  function staffRequest(issueKey: string) {
    const r = findRequest(issueKey);
    if (!r) throw new Error(`No request ${issueKey}`);
    return r;
  }

  return {
    url: base,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((e) => (e ? fail(e) : done()));
        server.closeAllConnections();
      }),
    violations,
    calls,
    users,
    setStatus(issueKey, status, category, opts = {}) {
      const r = staffRequest(issueKey);
      r.statuses.push({ status, category, at: touch(r) });
      r.resolved = opts.resolved ?? category === 'DONE';
    },
    addComment(issueKey, body, o = {}) {
      const r = staffRequest(issueKey);
      const author = o.author === 'alice' ? users.alice.accountId : agent.accountId;
      // A customer's comment is always public.
      storeComment(r, body, o.author === 'alice' || (o.public ?? true), author);
    },
    failNext(f) {
      faults.push({ ...f, left: f.times ?? 1 });
    },
    expireTemporaryFiles() {
      for (const t of temporaryFiles) t.expired = true;
    },
    state: { requests, temporaryFiles },
    get beforeCall() {
      return hooks.beforeCall;
    },
    set beforeCall(f) {
      hooks.beforeCall = f;
    },
  };
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  return v !== null && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** A multi-value parameter, repeated or comma-separated. */
function multi(q: URLSearchParams, name: string): string[] {
  return q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

const expands = (q: URLSearchParams) => new Set(multi(q, 'expand'));
