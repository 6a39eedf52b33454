// Checks calls to a fake desk against the vendor's own OpenAPI document, so a fake cannot drift
// from what the vendor promises. Generic: knows nothing about any one desk.
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import OpenAPIBackend, { type Operation as BackendOperation } from 'openapi-backend';
import addFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';

export type Operation = BackendOperation<OpenAPIV3.Document>;

export interface ApiCall {
  method: string;
  /** Path as the document writes it (no context path), without query string. */
  path: string;
  /** Raw query string, without '?'. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text when it did not parse, or undefined when there is no body to check. */
  body?: unknown;
  /** Media type of the body the client sent, if any. */
  contentType?: string;
}

export interface OpenApiChecker {
  document: OpenAPIV3.Document;
  /** Duplicate operationIds that were renamed, as 'old → new (METHOD path)'. */
  renamed: string[];
  /** The operation a call is for, its path parameters, and what about the call the document does not allow. */
  checkRequest(call: ApiCall): { operation?: Operation; params: Record<string, string>; violations: string[] };
  /** What about a response (status, media type, body) the document does not allow for this operation. */
  checkResponse(operation: Operation, status: number, contentType: string | undefined, body: unknown): string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Loads a JSON or YAML document; `patch` may fill gaps in it (after duplicate operationIds are renamed). */
export async function loadOpenApi(file: string, patch?: (doc: OpenAPIV3.Document) => void): Promise<OpenApiChecker> {
  const text = await readFile(file, 'utf8');
  const document = (/\.ya?ml$/i.test(file) ? yaml.load(text) : JSON.parse(text)) as OpenAPIV3.Document;
  const renamed = renameDuplicateOperationIds(document);
  patch?.(document);

  const api = new OpenAPIBackend({
    definition: document,
    // quick: validators compile on first use (precompiling Zendesk's 352 paths takes ~16 s); the
    // document itself is not validated, the vendor's is what it is.
    quick: true,
    strict: true,
    // Unknown vendor formats (Zendesk's 'datetime') are ignored, as ajv does anyway, without a warning each.
    ajvOpts: { strict: false, allErrors: true, logger: { log: () => {}, warn: () => {}, error: console.error } },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();

  function checkRequest(call: ApiCall) {
    const label = `${call.method.toUpperCase()} ${call.path}${call.query ? `?${call.query}` : ''}`;
    const operation = api.router.matchOperation({ method: call.method, path: call.path, headers: {} });
    if (!operation) return { params: {}, violations: [`${label}: no such operation in the document`] };

    const violations: string[] = [];
    const declared = Object.keys((operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {});
    if (call.contentType && !declared.includes(call.contentType)) {
      violations.push(`${label}: request body of type ${call.contentType}, the document allows ${declared.join(', ') || 'no body'}`);
    }
    const req = { method: call.method, path: call.path, query: call.query, headers: stringHeaders(call.headers), body: call.body as never };
    const result = api.validator.validateRequest(req, operation);
    for (const e of result.errors ?? []) violations.push(`${label}: request ${describe(e)}`);
    return { operation, params: api.router.parseRequest(req, operation).params ?? {}, violations };
  }

  function checkResponse(operation: Operation, status: number, contentType: string | undefined, body: unknown): string[] {
    const label = `${operation.method.toUpperCase()} ${operation.path} → ${status}`;
    const responses = operation.responses ?? {};
    const declared = (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as OpenAPIV3.ResponseObject | undefined;
    if (!declared) return [`${label}: status not declared for ${operation.operationId} (declared: ${Object.keys(responses).join(', ')})`];

    const media = Object.keys(declared.content ?? {});
    if (media.length === 0) return body === undefined || body === '' ? [] : [`${label}: the document declares no body, one was sent`];
    if (!contentType || !media.includes(contentType)) return [`${label}: content type ${contentType ?? 'none'}, the document allows ${media.join(', ')}`];

    const result = api.validator.validateResponse(body, operation, status);
    return (result.errors ?? []).map((e) => `${label}: response ${describe(e)}`);
  }

  return { document, renamed, checkRequest, checkResponse };
}

/** Validators index operations by operationId, so ids used twice make one operation shadow another. */
function renameDuplicateOperationIds(doc: OpenAPIV3.Document): string[] {
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op?.operationId) continue;
      const count = (seen.get(op.operationId) ?? 0) + 1;
      seen.set(op.operationId, count);
      if (count > 1) {
        const next = `${op.operationId}_${count}`;
        renamed.push(`${op.operationId} → ${next} (${method.toUpperCase()} ${path})`);
        op.operationId = next;
      }
    }
  }
  return renamed;
}

function stringHeaders(headers: ApiCall['headers']): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}

function describe(e: ErrorObject): string {
  const where = e.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${where} has property '${String(params.additionalProperty)}' the schema does not allow`;
  if (e.keyword === 'enum') return `${where} ${e.message}: ${(params.allowedValues as unknown[]).join(', ')}`;
  return `${where} ${e.message}`;
}
