// Checks HTTP exchanges against Zendesk's published OpenAPI document (../shared/specs), loaded at run
// time and never copied. Two layers: openapi-backend/Ajv for what the schemas say (types, formats,
// required), and a walk that reports properties the document does not mention at all, because the
// document leaves every object open and would otherwise accept anything a fake server invents.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import yaml from 'js-yaml';
import { OpenAPIBackend } from 'openapi-backend';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { supplementZendeskDocument } from './supplements';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const zendeskSpecPath = resolve(projectRoot, '../shared/specs/zendesk-support.openapi.yaml');

export interface CheckedRequest {
  method: string;
  path: string; // without query string
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown; // parsed JSON, or undefined when the body is not JSON
}

export interface ZendeskValidator {
  /** The operationId the document gives this method and path, if any. */
  operationFor(method: string, path: string): string | undefined;
  checkRequest(operationId: string, req: CheckedRequest): string[];
  checkResponse(operationId: string, status: number, body: unknown): string[];
}

let loading: Promise<ZendeskValidator> | undefined;

/** Loads once per process (about 0.3 s); every server shares the compiled validators. */
export function loadZendeskValidator(): Promise<ZendeskValidator> {
  loading ??= build();
  return loading;
}

async function build(): Promise<ZendeskValidator> {
  const document = yaml.load(readFileSync(zendeskSpecPath, 'utf8')) as any;
  supplementZendeskDocument(document);
  const api = new OpenAPIBackend({
    definition: document,
    quick: true,
    ajvOpts: { allErrors: true },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      // The document writes "datetime" for some user timestamps; Zendesk sends ISO 8601 there too.
      ajv.addFormat('datetime', ajv.formats['date-time'] as any);
      // ajv-formats' "url" refuses loopback addresses, and this server's own links (next_page)
      // are on 127.0.0.1: those are checked as the URL they would be on a Zendesk host.
      const url = ajv.formats.url as RegExp;
      ajv.addFormat('url', (value: string) => url.test(value.replace(/^http:\/\/127\.0\.0\.1:\d+\//, 'https://example.zendesk.com/')));
      return ajv;
    },
  });
  await api.init();
  const operation = (id: string) => api.router.getOperation(id) as any;

  return {
    operationFor(method, path) {
      return api.router.matchOperation({ method: method.toLowerCase(), path, headers: {} })?.operationId;
    },
    checkRequest(operationId, req) {
      const label = `${req.method} ${req.path} (${operationId}) request`;
      const result = api.validator.validateRequest(
        { method: req.method.toLowerCase(), path: req.path, query: req.query, headers: req.headers, body: req.body },
        operationId,
      );
      const out = (result.errors ?? []).map((e) => describe(label, e));
      const schema = operation(operationId)?.requestBody?.content?.['application/json']?.schema;
      if (schema && req.body !== undefined) undocumented(schema, req.body, `${label} body`, 'request', out);
      return out;
    },
    checkResponse(operationId, status, body) {
      const label = `${operationId} response ${status}`;
      const responses: Record<string, any> = operation(operationId)?.responses ?? {};
      const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      if (!documented) {
        // The document lists no error responses for these operations; Zendesk's error bodies (401,
        // 403, 404, 422, 429) are described only in prose. A success status it does not list is a bug.
        if (status < 400) return [`${label}: status not in the document (it lists ${Object.keys(responses).join(', ')})`];
        const isError = body !== null && typeof body === 'object' && ('error' in body || 'errors' in body);
        return isError ? [] : [`${label}: error body without "error" or "errors"`];
      }
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) return body === undefined ? [] : [`${label}: the document declares no body`];
      const result = api.validator.validateResponse(body, operationId, status);
      const out = (result.errors ?? []).map((e) => describe(`${label} body`, e));
      undocumented(schema, body, `${label} body`, 'response', out);
      return out;
    },
  };
}

function describe(label: string, e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as any).additionalProperty)})` : '';
  return `${label} ${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}

/** The schema and everything it combines with allOf/anyOf/oneOf (dereferenced schemas). */
function branches(schema: any, into: any[] = []): any[] {
  if (!schema || typeof schema !== 'object' || into.includes(schema)) return into;
  into.push(schema);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const s of schema[key] ?? []) branches(s, into);
  return into;
}

function undocumented(schema: any, value: unknown, at: string, direction: 'request' | 'response', out: string[]): void {
  const all = branches(schema);
  if (Array.isArray(value)) {
    const items = all.map((b) => b.items).filter(Boolean);
    if (items.length) value.forEach((v, i) => undocumented({ anyOf: items }, v, `${at}/${i}`, direction, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const open = all.some(
    (b) =>
      b.additionalProperties === true ||
      typeof b.additionalProperties === 'object' ||
      ((b.type === undefined || b.type === 'object') && !b.properties && !b.allOf && !b.anyOf && !b.oneOf),
  );
  if (open) return;
  const declaring = all.filter((b) => b.properties);
  for (const [key, v] of Object.entries(value)) {
    const subs = declaring.map((b) => b.properties[key]).filter(Boolean);
    if (!subs.length) {
      out.push(`${at}/${key}: property not in the document`);
      continue;
    }
    if (direction === 'request' && subs.every((s) => s.readOnly)) out.push(`${at}/${key}: read-only property sent in a request`);
    undocumented(subs.length === 1 ? subs[0] : { anyOf: subs }, v, `${at}/${key}`, direction, out);
  }
}
