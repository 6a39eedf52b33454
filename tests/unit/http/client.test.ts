import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { classifyResponse, messageFrom, parseRetryAfter, request } from '@/lib/http/client';
import { DeskFailure } from '@/lib/domain';
import { mayHaveLanded } from '@/lib/requests/outbox';

const loginPage = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rt', 'login-page.html'), 'utf8');
const res = (status: number, type = 'application/json', redirected = false) => ({
  status,
  redirected,
  headers: new Headers({ 'content-type': type }),
});

describe('classifyResponse', () => {
  it.each([
    ['RT JSON', res(200), '{"id":"1"}', undefined],
    ['no content', res(204, ''), '', undefined],
    ['bad token, API client', res(401), '{"message":"Unauthorized"}', 'unauthorized'],
    ["bad token, browser: RT's login page after a redirect", res(200, 'text/html; charset=utf-8', true), loginPage, 'unauthorized'],
    ['a login page without a redirect (SSO proxy)', res(200, 'text/html'), '<form action="/login"><input type="password"></form>', 'unauthorized'],
    ['no right', res(403), '{"message":"Forbidden"}', 'forbidden'],
    ['not found', res(404), '{"message":"Not Found"}', 'not-found'],
    ['malformed request', res(400), '{"message":"JSON parse error"}', 'rejected'],
    ['wrong content type', res(415), '', 'rejected'],
    ['rate limited', res(429), '', 'rate-limited'],
    ['server error', res(500), '', 'server'],
    ['bad gateway page', res(502, 'text/html'), '<html><body>Bad gateway</body></html>', 'server'],
    ['a portal page instead of the API', res(200, 'text/html'), '<!doctype html><html><body>Welcome</body></html>', 'not-api'],
    ['truncated JSON', res(200), '{"items":[{"id":', 'not-api'],
  ])('%s', (_, r, body, kind) => {
    expect(classifyResponse(r, body)?.kind).toBe(kind);
  });

  it('carries the desk message and Retry-After', () => {
    const r = { status: 429, redirected: false, headers: new Headers({ 'retry-after': '7' }) };
    expect(classifyResponse(r, '{"message":"slow down"}')).toMatchObject({ kind: 'rate-limited', detail: 'slow down', retryAfterMs: 7000, retryable: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('request', () => {
  it('retries reads on retryable failures, then succeeds', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(request({ fetch, sleep, random: () => 0.5 }, { url: 'https://d/x' })).resolves.toEqual({ ok: 1 });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([300, 600]);
  });

  it('never retries a write', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response('', { status: 503 }));
    await expect(request({ fetch }, { url: 'https://d/x', method: 'POST', json: {} })).rejects.toBeInstanceOf(DeskFailure);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports offline and timeout as such', async () => {
    await expect(request({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }, { url: 'u', retries: 0 })).rejects.toMatchObject({
      error: { kind: 'offline' },
    });
    const hang = (_: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    await expect(request({ fetch: hang, timeoutMs: 10 }, { url: 'u', retries: 0 })).rejects.toMatchObject({ error: { kind: 'timeout' } });
  });

  it('an answer whose body was lost on the way keeps its status: a create answered 201 may be filed', async () => {
    // The connection fails after the status line: the body stream errors.
    const cut = () =>
      new Response(new ReadableStream({ start: (c) => c.error(new TypeError('network error')) }), { status: 201, headers: { 'content-type': 'application/json' } });
    const post = request({ fetch: async () => cut() }, { url: 'https://d/ticket', method: 'POST', json: {} });
    const error = await post.then(
      () => undefined,
      (err: DeskFailure) => err.error,
    );
    expect(error).toMatchObject({ kind: 'offline', status: 201 });
    expect(mayHaveLanded(error!)).toBe(true);
    // A write allowed retries (a search sent as POST) is not sent again once answered 2xx; a read is.
    const fetch = vi.fn(async () => cut());
    await expect(request({ fetch, sleep: async () => undefined }, { url: 'https://d/search', method: 'POST', json: {}, retries: 2 })).rejects.toBeInstanceOf(DeskFailure);
    expect(fetch).toHaveBeenCalledTimes(1);
    await expect(request({ fetch, sleep: async () => undefined }, { url: 'https://d/list' })).rejects.toBeInstanceOf(DeskFailure);
    expect(fetch).toHaveBeenCalledTimes(4);
    // No answer at all: not counted (fetch cannot tell a reset from a desk never reached).
    const none = await request({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }, { url: 'https://d/ticket', method: 'POST', json: {} }).then(
      () => undefined,
      (err: DeskFailure) => err.error,
    );
    expect(none).toMatchObject({ kind: 'offline' });
    expect(mayHaveLanded(none!)).toBe(false);
  });
});

describe('request bodies that are not JSON', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
  const log = Buffer.from('line 1\nline 2 – ünïcode\n', 'utf8');
  /** The Request the desk would get, built from what the client handed to fetch. */
  function capture() {
    const seen: Request[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      seen.push(new Request(url, init));
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    return { fetch, seen };
  }

  it('sends files as multipart parts under the field asked, with their names, types and bytes', async () => {
    const { fetch, seen } = capture();
    await request({ fetch }, {
      url: 'https://jsm.example/rest/servicedeskapi/servicedesk/1/attachTemporaryFile',
      method: 'POST',
      headers: { 'X-Atlassian-Token': 'no-check' },
      body: {
        kind: 'multipart',
        field: 'file',
        files: [
          { name: 'screenshot.png', type: 'image/png', data: png.toString('base64') },
          { name: 'error.log', type: 'text/plain', data: log.toString('base64') },
        ],
      },
    });
    const [req] = seen;
    // The boundary is fetch's to set: the client names no multipart type of its own.
    expect(req!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(req!.headers.get('x-atlassian-token')).toBe('no-check');
    const form = await req!.formData();
    const parts = form.getAll('file') as File[];
    expect(parts.map((f) => [f.name, f.type])).toEqual([
      ['screenshot.png', 'image/png'],
      ['error.log', 'text/plain'],
    ]);
    expect(Buffer.from(await parts[0]!.arrayBuffer())).toEqual(png);
    expect(Buffer.from(await parts[1]!.arrayBuffer())).toEqual(log);
    expect([...form.keys()]).toEqual(['file', 'file']);
  });

  it('sends one file as raw bytes with its own type', async () => {
    const { fetch, seen } = capture();
    await request({ fetch }, { url: 'https://z.example/api/v2/uploads.json?filename=s.png', method: 'POST', body: { kind: 'binary', file: { name: 's.png', type: 'image/png', data: png.toString('base64') } } });
    const init = fetch.mock.calls[0]![1]!;
    expect(init.body).toBeInstanceOf(Blob);
    expect((init.body as Blob).type).toBe('image/png');
    expect(seen[0]!.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await seen[0]!.arrayBuffer())).toEqual(png);
  });

  it('labels a file without a type as binary', async () => {
    const { fetch, seen } = capture();
    await request({ fetch }, { url: 'https://z.example/u', method: 'POST', body: { kind: 'binary', file: { name: 'x', type: '', data: 'AA==' } } });
    expect(seen[0]!.headers.get('content-type')).toBe('application/binary');
  });

  it('sends a form as URL-encoded fields', async () => {
    const { fetch, seen } = capture();
    await request({ fetch }, { url: 'https://z.example/oauth/tokens', method: 'POST', body: { kind: 'form', values: { grant_type: 'authorization_code', code: 'a b&c' } } });
    expect(seen[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await seen[0]!.text()).toBe('grant_type=authorization_code&code=a+b%26c');
  });
});

describe('messageFrom: the desk\'s own words', () => {
  it.each([
    ['RT', { message: 'Invalid Queue' }, 'Invalid Queue'],
    ['Jira, one message', { errorMessage: 'The request type is not valid.', i18nErrorMessage: { i18nKey: 'sd.x', parameters: [] } }, 'The request type is not valid.'],
    ['Jira, lists and fields', { errorMessages: ['Field errors:'], errors: { summary: 'Summary is required.', customfield_10010: 'Impact is not valid.' } }, 'Field errors: Summary is required. Impact is not valid.'],
    [
      'Zendesk',
      { error: 'RecordInvalid', description: 'Record validation errors', details: { subject: [{ description: 'Subject: is too long', error: 'TooLong' }], base: [{ description: 'Requester is suspended' }] } },
      'Subject: is too long Requester is suspended Record validation errors',
    ],
    ['Zendesk, error only', { error: 'Couldn\'t authenticate you' }, 'Couldn\'t authenticate you'],
    ['nothing to say', { id: 1 }, undefined],
  ])('%s', (_, body, words) => {
    expect(messageFrom(JSON.stringify(body))).toBe(words);
  });

  it('is quiet on bodies that are not JSON objects', () => {
    expect(messageFrom('<html>Bad gateway</html>')).toBeUndefined();
    expect(messageFrom('null')).toBeUndefined();
    expect(messageFrom('"just a string"')).toBeUndefined();
  });

  it('carries Jira\'s words into the error', () => {
    const r = { status: 400, redirected: false, headers: new Headers({ 'content-type': 'application/json' }) };
    expect(classifyResponse(r, JSON.stringify({ errorMessages: [], errors: { summary: 'Summary is required.' } }))).toMatchObject({ kind: 'rejected', detail: 'Summary is required.' });
  });
});

describe('describeError', () => {
  it('gives each error one plain sentence and one next action', async () => {
    const { describeError } = await import('@/lib/i18n/describe');
    expect(describeError({ kind: 'unauthorized', retryable: false })).toEqual({
      message: "You're not signed in to the desk, or your token has expired. Check the token in settings.",
      action: 'settings',
    });
    expect(describeError({ kind: 'unauthorized', retryable: false, signInUrl: 'https://desk/' }).action).toBe('signin');
    expect(describeError({ kind: 'rate-limited', retryable: true, retryAfterMs: 30_000 }).message).toBe('The desk asked us to slow down. Try again in 30 s.');
    // No Retry-After (or 0): no number to give, and no "in  s." (review, 2026-12-06).
    for (const retryAfterMs of [undefined, 0]) expect(describeError({ kind: 'rate-limited', retryable: true, retryAfterMs }).message).toBe('The desk asked us to slow down. Try again in a moment.');
    expect(describeError({ kind: 'not-api', retryable: false }).action).toBe('settings');
    expect(describeError({ kind: 'offline', retryable: true }).action).toBe('retry');
  });
});
